// The report as an Excel workbook (libxlsxwriter): one sheet per list.
#include <xlsxwriter.h>

#include <set>

#include "entree/base/atomic_file.h"
#include "entree/base/text.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/people/export.h"
#include "entree/reports/report.h"

namespace entree {
namespace {

// Excel refuses longer sheet names and longer cell texts.
constexpr size_t kMaxSheetName = 31;
constexpr size_t kMaxCellText = 32767;

// `text` cut to at most `bytes` bytes on a character boundary.
std::string CutUtf8(std::string_view text, size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end));
}

// A sheet name Excel accepts, unlike any in `taken` (compared folded).
std::string SheetName(std::string_view wanted, std::set<std::string>& taken) {
  std::string name;
  for (char c : wanted) {
    bool forbidden = c == '[' || c == ']' || c == ':' || c == '*' || c == '?' ||
                     c == '/' || c == '\\';
    name += forbidden ? '-' : c;
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  name = CutUtf8(name, kMaxSheetName);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "-";
  std::string unique = name;
  for (int n = 2; taken.contains(FoldForSearch(unique)); ++n) {
    std::string suffix = " (" + std::to_string(n) + ")";
    unique = CutUtf8(name, kMaxSheetName - suffix.size()) + suffix;
  }
  taken.insert(FoldForSearch(unique));
  return unique;
}

lxw_datetime ExcelTime(Instant t, const TimeZone& zone) {
  std::tm tm = LocalCalendar(t, zone);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
          tm.tm_hour,        tm.tm_min,     static_cast<double>(tm.tm_sec)};
}

// Writes one workbook; remembers the first failure.
class Workbook {
 public:
  Workbook(const std::string& path, const Catalog& catalog)
      : book_(workbook_new(path.c_str())), tr_(catalog) {
    if (!book_) return;
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    time_ = workbook_add_format(book_);
    format_set_num_format(time_, "yyyy-mm-dd hh:mm");
    percent_ = workbook_add_format(book_);
    format_set_num_format(percent_, "0%");
  }
  bool ok() const { return book_ != nullptr && error_ == LXW_NO_ERROR; }
  const char* error() const {
    return book_ ? lxw_strerror(error_) : "cannot create the workbook";
  }

  lxw_worksheet* Sheet(std::string_view wanted) {
    std::string name = SheetName(wanted, taken_);
    return workbook_add_worksheet(book_, name.c_str());
  }
  void Text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
            std::string_view text, bool bold = false) {
    if (text.empty()) return;
    Check(worksheet_write_string(sheet, row, col,
                                 CutUtf8(text, kMaxCellText).c_str(),
                                 bold ? bold_ : nullptr));
  }
  void Number(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
              double value) {
    Check(worksheet_write_number(sheet, row, col, value, nullptr));
  }
  void Share(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, int part,
             int whole) {
    if (whole <= 0) return;
    Check(worksheet_write_number(sheet, row, col,
                                 static_cast<double>(part) / whole, percent_));
  }
  void Time(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
            const std::optional<Instant>& t, const TimeZone& zone) {
    if (!t) return;
    lxw_datetime when = ExcelTime(*t, zone);
    Check(worksheet_write_datetime(sheet, row, col, &when, time_));
  }
  Status Close() {
    if (!book_) return Status::Io(error());
    lxw_error closed = workbook_close(book_);
    book_ = nullptr;
    if (error_ == LXW_NO_ERROR) error_ = closed;
    return error_ == LXW_NO_ERROR ? Status::Ok()
                                  : Status::Io(lxw_strerror(error_));
  }
  ~Workbook() {
    if (book_) workbook_close(book_);
  }

  const Catalog& tr() const { return tr_; }

 private:
  void Check(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }

  lxw_workbook* book_;
  const Catalog& tr_;
  lxw_format* bold_ = nullptr;
  lxw_format* time_ = nullptr;
  lxw_format* percent_ = nullptr;
  lxw_error error_ = LXW_NO_ERROR;
  std::set<std::string> taken_;
};

void SummarySheet(Workbook& book, const Report& report) {
  const Catalog& tr = book.tr();
  lxw_worksheet* sheet = book.Sheet(tr.Get("report.sheet_summary"));
  worksheet_set_column(sheet, 0, 1, 30, nullptr);
  worksheet_set_column(sheet, 2, 5, 12, nullptr);
  book.Text(sheet, 0, 0, report.event.name, true);
  book.Text(sheet, 1, 0, report.event.venue);
  book.Text(sheet, 2, 0, tr.Format("report.made_at", {MadeAt(report)}));
  int row = 4;
  std::vector<std::string_view> header = {"",
                                          "report.hosts",
                                          "report.expected",
                                          "report.arrived",
                                          "report.share",
                                          "report.inside"};
  for (size_t col = 0; col < header.size(); ++col) {
    if (!header[col].empty()) {
      book.Text(sheet, row, static_cast<lxw_col_t>(col), tr.Get(header[col]),
                true);
    }
  }
  auto tally_row = [&](std::string_view name, std::string_view hosts,
                       const Tally& t, bool bold) {
    ++row;
    book.Text(sheet, row, 0, name, bold);
    book.Text(sheet, row, 1, hosts);
    book.Number(sheet, row, 2, t.expected);
    book.Number(sheet, row, 3, t.arrived);
    book.Share(sheet, row, 4, t.arrived, t.expected);
    book.Number(sheet, row, 5, t.inside);
  };
  tally_row(tr.Get("stats.total"), "", report.stats.total, true);
  ++row;
  book.Text(sheet, ++row, 0, tr.Get("report.by_sector"), true);
  for (const auto& [sector, tally] : report.stats.by_sector) {
    tally_row(tr.Get("sector." + sector), "", tally, false);
  }
  ++row;
  book.Text(sheet, ++row, 0, tr.Get("report.by_table"), true);
  for (const auto& [table, tally] : report.stats.by_table) {
    tally_row(table.empty() ? tr.Get("stats.no_table") : table,
              report.HostNames(table), tally, false);
  }
  row += 2;
  book.Text(sheet, row, 0, tr.Get("report.walk_ins"), true);
  book.Number(sheet, row, 2, report.stats.walk_ins);
}

void ArrivalsSheet(Workbook& book, const Report& report) {
  const Catalog& tr = book.tr();
  const ArrivalCurve& curve = report.curve;
  lxw_worksheet* sheet = book.Sheet(tr.Get("report.sheet_arrivals"));
  worksheet_set_column(sheet, 0, 0, 18, nullptr);
  worksheet_set_column(sheet, 1, 3, 16, nullptr);
  book.Text(sheet, 0, 0,
            ZonedHeading(tr.Get("report.interval_start"), curve.zone), true);
  book.Text(
      sheet, 0, 1,
      tr.Format("report.chart_bars", {std::to_string(curve.interval.count())}),
      true);
  book.Text(sheet, 0, 2, tr.Get("report.arrived"), true);
  book.Text(sheet, 0, 3, tr.Get("report.share"), true);
  int arrived = 0;
  for (size_t i = 0; i < curve.arrivals.size(); ++i) {
    int row = static_cast<int>(i) + 1;
    arrived += curve.arrivals[i];
    book.Time(sheet, row, 0, curve.IntervalStart(i), curve.zone);
    book.Number(sheet, row, 1, curve.arrivals[i]);
    book.Number(sheet, row, 2, arrived);
    book.Share(sheet, row, 3, arrived, curve.expected);
  }
  worksheet_freeze_panes(sheet, 1, 0);
}

// A list of attendees with every column of the CSV attendance list.
void ListSheet(Workbook& book, std::string_view name, const TimeZone& zone,
               const std::vector<const AttendanceRow*>& rows) {
  const Catalog& tr = book.tr();
  lxw_worksheet* sheet = book.Sheet(name);
  std::vector<std::string_view> header = {
      "export.given_name", "export.family_name", "export.organisation",
      "export.sector",     "export.table",       "export.role",
      "export.source",     "export.consent",     "export.first_entry",
      "export.last_exit",  "export.status",      "export.email",
      "export.id"};
  std::vector<double> widths = {16, 20, 26, 12, 22, 10, 12,
                                10, 17, 17, 12, 28, 38};
  for (size_t col = 0; col < header.size(); ++col) {
    std::string heading(tr.Get(header[col]));
    if (col == 8 || col == 9) heading = ZonedHeading(heading, zone);
    book.Text(sheet, 0, static_cast<lxw_col_t>(col), heading, true);
    worksheet_set_column(sheet, static_cast<lxw_col_t>(col),
                         static_cast<lxw_col_t>(col), widths[col], nullptr);
  }
  auto word = [&](std::string_view prefix, std::string_view value) {
    return tr.Get(std::string(prefix) + std::string(value));
  };
  int r = 0;
  for (const AttendanceRow* row : rows) {
    const Attendee& a = row->attendee;
    ++r;
    book.Text(sheet, r, 0, a.given_name);
    book.Text(sheet, r, 1, a.family_name);
    book.Text(sheet, r, 2, a.organisation);
    book.Text(sheet, r, 3, word("sector.", ToString(a.sector)));
    book.Text(sheet, r, 4, a.table);
    book.Text(sheet, r, 5, word("role.", ToString(a.role)));
    book.Text(sheet, r, 6, word("source.", ToString(a.source)));
    book.Text(sheet, r, 7, word("answer.", a.consent ? "yes" : "no"));
    book.Time(sheet, r, 8, row->first_entry, zone);
    book.Time(sheet, r, 9, row->last_exit, zone);
    book.Text(sheet, r, 10, word("status.", ToString(StatusOf(*row))));
    book.Text(sheet, r, 11, a.email);
    book.Text(sheet, r, 12, ToString(a.id));
  }
  worksheet_freeze_panes(sheet, 1, 0);
  worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(r),
                       static_cast<lxw_col_t>(header.size() - 1));
}

}  // namespace

Status WriteReportXlsx(const Report& report, const Catalog& catalog,
                       const std::string& path) {
  ENTREE_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  {
    Workbook book(file.temp_path(), catalog);
    if (!book.ok()) {
      return Status::Localized(StatusCode::kIo, "error.cannot_write",
                               {path, book.error()});
    }
    SummarySheet(book, report);
    ArrivalsSheet(book, report);
    std::vector<const AttendanceRow*> everyone;
    std::vector<const AttendanceRow*> missing;
    std::map<std::string, std::vector<const AttendanceRow*>> by_table;
    for (const auto& [table, hosts] : report.hosts) by_table[table];
    for (const AttendanceRow& row : report.rows) {
      everyone.push_back(&row);
      if (!row.first_entry) missing.push_back(&row);
      if (!row.attendee.table.empty()) {
        by_table[row.attendee.table].push_back(&row);
      }
    }
    const TimeZone& zone = report.curve.zone;
    ListSheet(book, catalog.Get("report.sheet_everyone"), zone, everyone);
    ListSheet(book, catalog.Get("report.sheet_not_arrived"), zone, missing);
    for (const auto& [table, rows] : by_table) {
      ListSheet(book, table, zone, rows);
    }
    Status closed = book.Close();
    if (!closed.ok()) {
      return Status::Localized(StatusCode::kIo, "error.cannot_write",
                               {path, closed.message()});
    }
  }
  return file.Commit();
}

}  // namespace entree
