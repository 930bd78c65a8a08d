// The report as a PDF: numbers, chart and breakdowns, then the list.
#include <cmath>
#include <cstdio>

#include "entree/base/time_zone.h"
#include "entree/drawing/cairo_util.h"
#include "entree/drawing/pdf_pages.h"
#include "entree/people/export.h"
#include "entree/reports/arrival_chart.h"
#include "entree/reports/report.h"

namespace entree {
namespace {

// "87%" of `part` in `whole`; "-" when there is no whole.
std::string Percent(int part, int whole) {
  if (whole <= 0) return "-";
  return std::to_string(static_cast<int>(std::lround(100.0 * part / whole))) +
         "%";
}

// "12-10 18:05" on the clocks of `zone`, or "" for no time.
std::string ShortTime(const std::optional<Instant>& t, const TimeZone& zone) {
  if (!t) return "";
  std::tm tm = LocalCalendar(*t, zone);
  char text[48];
  std::snprintf(text, sizeof text, "%02d-%02d %02d:%02d", tm.tm_mday,
                tm.tm_mon + 1, tm.tm_hour, tm.tm_min);
  return text;
}

void Headline(PdfWriter& pdf, const Report& report, const Catalog& tr) {
  const Statistics& s = report.stats;
  struct Figure {
    std::string value;
    std::string label;
  };
  std::vector<Figure> figures = {
      {std::to_string(s.total.arrived) + " / " +
           std::to_string(s.total.expected),
       tr.Format("report.arrived_of",
                 {Percent(s.total.arrived, s.total.expected)})},
      {std::to_string(s.total.inside), std::string(tr.Get("report.inside"))},
      {std::to_string(s.walk_ins), std::string(tr.Get("report.walk_ins"))},
      {std::to_string(s.total.expected - s.total.arrived),
       std::string(tr.Get("report.not_arrived"))}};
  double gap = 10;
  double width = (kContentWidth - gap * 3) / 4;
  for (size_t i = 0; i < figures.size(); ++i) {
    double x = kMargin + static_cast<double>(i) * (width + gap);
    SetSourceColour(pdf.cr(), kShade);
    cairo_rectangle(pdf.cr(), x, pdf.y(), width, 58);
    cairo_fill(pdf.cr());
    pdf.Advance(8);
    pdf.Text(figures[i].value, x + 8, width - 16, 20, Weight::kBold);
    pdf.Advance(28);
    pdf.Text(figures[i].label, x + 8, width - 16, 8.5, Weight::kRegular,
             kMuted);
    pdf.Advance(-36);
  }
  pdf.Advance(58 + 18);
}

void Breakdowns(PdfWriter& pdf, const Report& report, const Catalog& tr) {
  std::vector<Column> columns = {
      {kMargin + 4, 136, Place::kLeft},   {kMargin + 144, 140, Place::kLeft},
      {kMargin + 288, 54, Place::kRight}, {kMargin + 346, 54, Place::kRight},
      {kMargin + 404, 48, Place::kRight}, {kMargin + 456, 55, Place::kRight}};
  std::vector<std::string> numbers_header = {
      std::string(tr.Get("report.expected")),
      std::string(tr.Get("report.arrived")),
      std::string(tr.Get("report.share")),
      std::string(tr.Get("report.inside"))};
  auto section = [&](std::string_view title, std::string_view second) {
    pdf.Need(60);
    pdf.Text(title, kMargin, kContentWidth, 12, Weight::kBold);
    pdf.Advance(20);
    std::vector<std::string> header = {"", std::string(second)};
    header.insert(header.end(), numbers_header.begin(), numbers_header.end());
    TableRow(pdf, columns, header, Weight::kBold, 8);
    pdf.Advance(13);
    pdf.Rule(kMargin, kContentWidth);
    pdf.Advance(3);
  };
  auto row = [&](const std::string& name, const std::string& extra,
                 const Tally& t) {
    pdf.Need(14);
    TableRow(
        pdf, columns,
        {name, extra, std::to_string(t.expected), std::to_string(t.arrived),
         Percent(t.arrived, t.expected), std::to_string(t.inside)},
        Weight::kRegular, 9);
    pdf.Advance(14);
  };

  section(tr.Get("report.by_sector"), "");
  for (const auto& [sector, tally] : report.stats.by_sector) {
    row(std::string(tr.Get("sector." + sector)), "", tally);
  }
  pdf.Advance(14);
  if (report.stats.by_table.size() > 1 || !report.stats.by_table.contains("")) {
    section(tr.Get("report.by_table"), tr.Get("report.hosts"));
    for (const auto& [table, tally] : report.stats.by_table) {
      row(table.empty() ? std::string(tr.Get("stats.no_table")) : table,
          report.HostNames(table), tally);
    }
  }
}

void AttendanceList(PdfWriter& pdf, const Report& report, const Catalog& tr) {
  // Seven columns across the 511 points between the margins.
  std::vector<Column> columns = {
      {kMargin + 3, 116, Place::kLeft},  {kMargin + 122, 90, Place::kLeft},
      {kMargin + 215, 52, Place::kLeft}, {kMargin + 270, 66, Place::kLeft},
      {kMargin + 339, 50, Place::kLeft}, {kMargin + 392, 50, Place::kLeft},
      {kMargin + 445, 62, Place::kLeft}};
  std::vector<std::string> header;
  for (std::string_view key :
       {"report.name", "export.organisation", "export.sector", "export.table",
        "report.first_in", "report.last_out", "export.status"}) {
    header.emplace_back(tr.Get(key));
  }
  auto start_page = [&]() {
    pdf.Text(tr.Get("report.attendance"), kMargin, kContentWidth, 12,
             Weight::kBold);
    pdf.Advance(20);
    TableRow(pdf, columns, header, Weight::kBold, 7.5);
    pdf.Advance(11);
    pdf.Rule(kMargin, kContentWidth);
    pdf.Advance(2);
  };
  pdf.NewPage();
  start_page();
  std::vector<std::string> cells(columns.size());
  for (size_t i = 0; i < report.rows.size(); ++i) {
    if (pdf.y() + kListRowHeight > kFooterTop - 16) {
      pdf.NewPage();
      start_page();
    }
    const AttendanceRow& row = report.rows[i];
    const Attendee& a = row.attendee;
    if (i % 2 == 1) pdf.Shade(kListRowHeight);
    pdf.Advance(2);
    std::string name = a.FullName();
    cells = {
        name.empty() ? "\xE2\x80\x94" : name,
        a.organisation,
        std::string(tr.Get("sector." + std::string(ToString(a.sector)))),
        a.table,
        ShortTime(row.first_entry, report.curve.zone),
        ShortTime(row.last_exit, report.curve.zone),
        std::string(tr.Get("status." + std::string(ToString(StatusOf(row)))))};
    TableRow(pdf, columns, cells, Weight::kRegular, 7.2);
    pdf.Advance(kListRowHeight - 2);
  }
}

}  // namespace

Result<std::string> ReportPdf(const Report& report, const Catalog& catalog) {
  std::string title = std::string(catalog.Get("report.title")) + " \xC2\xB7 " +
                      report.event.name;
  return RenderA4Pdf(
      title,
      [&](cairo_t* cr) {
        PdfWriter pdf(cr, catalog,
                      report.event.name + " \xC2\xB7 " +
                          catalog.Format("report.made_at", {MadeAt(report)}));
        pdf.Text(std::string(catalog.Get("report.title")), kMargin,
                 kContentWidth, 10, Weight::kRegular, kMuted);
        pdf.Advance(14);
        pdf.Text(report.event.name, kMargin, kContentWidth, 20, Weight::kBold);
        pdf.Advance(28);
        std::string subtitle = report.event.venue;
        if (report.event.starts_at) {
          subtitle += (subtitle.empty() ? "" : " \xC2\xB7 ") +
                      FormatLocal(*report.event.starts_at, report.curve.zone)
                          .substr(0, 16);
        }
        pdf.Text(subtitle, kMargin, kContentWidth, 10, Weight::kRegular,
                 kMuted);
        pdf.Advance(24);
        Headline(pdf, report, catalog);
        pdf.Text(catalog.Get("report.chart_title"), kMargin, kContentWidth, 12,
                 Weight::kBold);
        pdf.Advance(20);
        DrawArrivalChart(cr, report.curve, catalog,
                         {kMargin, pdf.y(), kContentWidth, 190}, 8,
                         ChartColours{});
        pdf.Advance(190 + 24);
        Breakdowns(pdf, report, catalog);
        AttendanceList(pdf, report, catalog);
        pdf.Finish();
      },
      "report");
}

}  // namespace entree
