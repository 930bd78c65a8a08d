// The organiser's report: arrival curve, PDF, Excel workbook, files on a
// stick.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "entree/reports/arrival_chart.h"
#include "entree/reports/report.h"
#include "support.h"

namespace entree {
namespace {

using std::chrono::minutes;

AttendanceRow Arrived(const std::optional<std::string>& at) {
  AttendanceRow row;
  if (at) row.first_entry = testing::At(*at);
  return row;
}

// An event of twelve guests at three hosted tables: eight arrived between
// 18:02 and 18:41 local time (16:02-16:41 UTC), one left again, one is a
// walk-in.
struct ReportedEvent {
  testing::SignedEvent e;
  std::vector<Attendee> guests;

  ReportedEvent() {
    struct Guest {
      const char* given;
      const char* family;
      Sector sector;
      const char* table;
      const char* arrived;  // UTC, or null
    };
    const Guest list[] = {
        {"Marjolein", "de Gelder", Sector::kBusiness, "Human Capital",
         "2026-10-12T16:02:00Z"},
        {"Robin", "Burghard", Sector::kEducation, "Smart Industry",
         "2026-10-12T16:03:00Z"},
        {"Leone", "Wiersma", Sector::kGovernment, "Marketing & branding",
         "2026-10-12T16:04:00Z"},
        {"Jörg", "Müller", Sector::kBusiness, "Human Capital",
         "2026-10-12T16:11:00Z"},
        {"Anouk", "van der Berg", Sector::kBusiness, "Smart Industry",
         "2026-10-12T16:12:00Z"},
        {"Sven", "Ter Horst", Sector::kGovernment, "Smart Industry",
         "2026-10-12T16:26:00Z"},
        {"Fatima", "El Amrani", Sector::kEducation, "Marketing & branding",
         "2026-10-12T16:33:00Z"},
        {"Kees", "Bakker", Sector::kBusiness, "", "2026-10-12T16:41:00Z"},
        {"Ilse", "Dijkstra", Sector::kGovernment, "Human Capital", nullptr},
        {"Bram", "Visser", Sector::kBusiness, "Smart Industry", nullptr},
        {"Noor", "Jansen", Sector::kEducation, "Human Capital", nullptr},
        {"Pieter", "de Vries", Sector::kOther, "", nullptr},
    };
    for (const Guest& g : list) {
      Attendee a =
          testing::AddAttendee(e.store, g.given, g.family, g.sector, g.table);
      a.organisation = std::string("Organisatie ") + g.family;
      a.email = std::string(g.given) + "@example.nl";
      a.consent = true;
      guests.push_back(a);
      REQUIRE(e.store.UpdateAttendee(a).ok());
      if (g.arrived) {
        REQUIRE(e.store.AppendCheckin(testing::Checkin(a.id, g.arrived)).ok());
      }
    }
    for (int host : {0, 1, 2}) {
      guests[host].role = Role::kHost;
      REQUIRE(e.store.UpdateAttendee(guests[host]).ok());
    }
    guests[7].source = Source::kWalkIn;
    REQUIRE(e.store.UpdateAttendee(guests[7]).ok());
    REQUIRE(e.store
                .AppendCheckin(
                    testing::Checkin(guests[3].id, "2026-10-12T18:00:00Z",
                                     Direction::kExit, Verdict::kGoodbye))
                .ok());
  }

  Report Gather(minutes interval = minutes(0)) {
    auto report =
        GatherReport(e.store, testing::At("2026-10-12T21:00:00Z"), interval);
    REQUIRE(report.ok());
    return std::move(report).value();
  }
};

// The number of <row> elements of a worksheet's XML.
int RowCount(const std::string& sheet_xml) {
  int rows = 0;
  for (size_t at = sheet_xml.find("<row "); at != std::string::npos;
       at = sheet_xml.find("<row ", at + 1)) {
    ++rows;
  }
  return rows;
}

// The sheet names of a workbook, in order.
std::vector<std::string> SheetNames(const std::string& xlsx) {
  std::string book = testing::ZipEntry(xlsx, "xl/workbook.xml");
  std::vector<std::string> names;
  std::regex sheet("<sheet name=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(book.begin(), book.end(), sheet);
       it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

}  // namespace

TEST_CASE("arrivals are counted per interval of the clock", "[report]") {
  std::vector<AttendanceRow> rows = {
      Arrived("2026-10-12T16:04:59Z"), Arrived("2026-10-12T16:05:00Z"),
      Arrived("2026-10-12T16:05:01Z"), Arrived("2026-10-12T16:22:00Z"),
      Arrived(std::nullopt)};
  ArrivalCurve curve = ArrivalCurveOf(rows, minutes(0), std::nullopt);
  CHECK(curve.interval == minutes(5));
  CHECK(curve.start == testing::At("2026-10-12T16:00:00Z"));
  CHECK(curve.arrivals == std::vector<int>{1, 2, 0, 0, 1});
  CHECK(curve.expected == 5);
  CHECK(curve.ArrivedBy(0) == 1);
  CHECK(curve.ArrivedBy(1) == 3);
  CHECK(curve.ArrivedBy(99) == 4);

  SECTION("fifteen minutes when arrivals span more than three hours") {
    rows.push_back(Arrived("2026-10-12T19:04:59Z"));
    CHECK(ArrivalCurveOf(rows, minutes(0), std::nullopt).interval ==
          minutes(5));
    rows.push_back(Arrived("2026-10-12T19:05:01Z"));
    ArrivalCurve wide = ArrivalCurveOf(rows, minutes(0), std::nullopt);
    CHECK(wide.interval == minutes(15));
    CHECK(wide.arrivals.front() == 3);
    CHECK(wide.ArrivedBy(wide.arrivals.size() - 1) == 6);
  }
  SECTION("a live chart runs on to now, but not for days") {
    ArrivalCurve live =
        ArrivalCurveOf(rows, minutes(5), testing::At("2026-10-12T17:00:00Z"));
    CHECK(live.arrivals.size() == 13);
    ArrivalCurve later =
        ArrivalCurveOf(rows, minutes(5), testing::At("2026-10-14T17:00:00Z"));
    CHECK(later.arrivals.size() == 5);
  }
  SECTION("no arrivals, no bars") {
    ArrivalCurve none =
        ArrivalCurveOf({Arrived(std::nullopt)}, minutes(0), std::nullopt);
    CHECK(none.arrivals.empty());
    CHECK(none.expected == 1);
  }
}

TEST_CASE("the PDF report shows the numbers, the breakdowns and the list",
          "[report]") {
  ReportedEvent event;
  Report report = event.Gather();
  CHECK(report.stats.total.arrived == 8);
  CHECK(report.curve.interval == minutes(5));

  for (Language language : {Language::kDutch, Language::kEnglish}) {
    const Catalog& tr = Catalog::For(language);
    auto pdf = ReportPdf(report, tr);
    REQUIRE(pdf.ok());
    std::string path = event.e.dir.File("report.pdf");
    testing::WriteFile(path, *pdf);
    std::string text = testing::PdfText(path);
    INFO(text);
    CHECK_THAT(text, Catch::Contains("8 / 12"));
    CHECK_THAT(text,
               Catch::Contains(std::string(tr.Get("report.chart_title"))));
    CHECK_THAT(text, Catch::Contains(tr.Format("report.chart_bars", {"5"})));
    // Inside now: eight arrived, Müller left. Walk-ins: one. Missing: four.
    CHECK(std::regex_search(text, std::regex("8 / 12 +7 +1 +4")));
    // Per sector (expected, arrived, share, inside): business 5, 4, 80%, 3.
    CHECK(std::regex_search(
        text,
        std::regex(std::string(tr.Get("sector.business")) + " +5 +4 +80% +3")));
    CHECK(std::regex_search(
        text,
        std::regex(std::string(tr.Get("sector.other")) + " +1 +0 +0% +0")));
    // Per table with its host: Human Capital 4, 2 arrived, 1 inside.
    CHECK(std::regex_search(
        text, std::regex("Human Capital +Marjolein de Gelder +4 +2 +50% +1")));
    CHECK(std::regex_search(
        text, std::regex("Smart Industry +Robin Burghard +4 +3 +75% +3")));
    // The chart's time labels are local time.
    CHECK_THAT(text, Catch::Contains("18:00"));
    // The list: every guest, with status and local times.
    CHECK_THAT(text, Catch::Contains("Jörg Müller"));
    CHECK(std::regex_search(
        text, std::regex("Jörg Müller .*12-10 18:11 +12-10 20:00 +" +
                         std::string(tr.Get("status.left")))));
    CHECK(std::regex_search(
        text, std::regex("Noor Jansen .*" +
                         std::string(tr.Get("status.not_arrived")))));
  }
}

TEST_CASE("a long attendance list runs over numbered pages", "[report]") {
  testing::SignedEvent e;
  for (int i = 0; i < 250; ++i) {
    testing::AddAttendee(e.store, "Gast", "Nummer " + std::to_string(1000 + i));
  }
  auto report = GatherReport(e.store, testing::At("2026-10-12T21:00:00Z"));
  REQUIRE(report.ok());
  auto pdf = ReportPdf(*report, Catalog::For(Language::kEnglish));
  REQUIRE(pdf.ok());
  std::string path = e.dir.File("long.pdf");
  testing::WriteFile(path, *pdf);
  int pages = testing::PdfPages(path);
  CHECK(pages >= 5);
  std::string text = testing::PdfText(path);
  CHECK_THAT(text, Catch::Contains("Page " + std::to_string(pages)));
  CHECK_THAT(text, Catch::Contains("Gast Nummer 1000"));
  CHECK_THAT(text, Catch::Contains("Gast Nummer 1249"));
  CHECK_THAT(text, Catch::Contains("No arrivals yet"));
}

TEST_CASE("the workbook has a sheet per list that Excel can open", "[report]") {
  ReportedEvent event;
  Report report = event.Gather();
  const Catalog& tr = Catalog::For(Language::kDutch);
  std::string path = event.e.dir.File("report.xlsx");
  REQUIRE(WriteReportXlsx(report, tr, path).ok());

  std::vector<std::string> sheets = SheetNames(path);
  std::vector<std::string> expected = {
      "Overzicht",     "Aankomst",      "Aanwezigheid",
      "Niet gekomen",  "Human Capital", "Marketing &amp; branding",
      "Smart Industry"};
  CHECK(sheets == expected);
  std::string strings = testing::ZipEntry(path, "xl/sharedStrings.xml");
  CHECK_THAT(strings, Catch::Contains("Jörg"));
  CHECK_THAT(strings, Catch::Contains("Marjolein de Gelder"));
  CHECK_THAT(strings, Catch::Contains("Toestemming"));
  // Header plus every guest; header plus the four not arrived; header plus
  // the four at Human Capital.
  CHECK(RowCount(testing::ZipEntry(path, "xl/worksheets/sheet3.xml")) == 13);
  CHECK(RowCount(testing::ZipEntry(path, "xl/worksheets/sheet4.xml")) == 5);
  CHECK(RowCount(testing::ZipEntry(path, "xl/worksheets/sheet5.xml")) == 5);
  // Arrivals per five minutes from 18:00 to 18:40 local: nine intervals.
  CHECK(RowCount(testing::ZipEntry(path, "xl/worksheets/sheet2.xml")) == 10);
  // The summary counts: 12 expected and 8 arrived in the first row.
  std::string summary = testing::ZipEntry(path, "xl/worksheets/sheet1.xml");
  CHECK_THAT(summary, Catch::Contains("<v>12</v>"));
  CHECK_THAT(summary, Catch::Contains("<v>8</v>"));
}

TEST_CASE("table names Excel refuses as sheet names are made acceptable",
          "[report]") {
  testing::SignedEvent e;
  testing::AddAttendee(e.store, "A", "B", Sector::kOther,
                       "R&D: [lab] / test * ? with a very long name indeed");
  testing::AddAttendee(e.store, "C", "D", Sector::kOther, "Aanwezigheid");
  auto report = GatherReport(e.store, testing::At("2026-10-12T21:00:00Z"));
  REQUIRE(report.ok());
  std::string path = e.dir.File("odd.xlsx");
  REQUIRE(WriteReportXlsx(*report, Catalog::For(Language::kDutch), path).ok());
  std::vector<std::string> sheets = SheetNames(path);
  REQUIRE(sheets.size() == 6);
  CHECK(sheets[4] == "Aanwezigheid (2)");
  CHECK(sheets[5] == "R&amp;D- -lab- - test - - with a ve");
  testing::ProcessResult listed =
      testing::RunProcess({"/usr/bin/unzip", "-t", path});
  CHECK(listed.exit_code == 0);
}

TEST_CASE("report files are written whole or not at all", "[report]") {
  ReportedEvent event;
  const Catalog& tr = Catalog::For(Language::kEnglish);
  std::string stick = event.e.dir.File("stick");
  std::filesystem::create_directory(stick);

  auto written = ExportReportFiles(event.e.store, tr, stick,
                                   testing::At("2026-10-12T19:30:00Z"));
  REQUIRE(written.ok());
  REQUIRE(written->size() == 3);
  CHECK((*written)[0] ==
        stick + "/worldcafe-iq-blvd-20261012-2130-attendance.csv");
  CHECK(testing::PdfText((*written)[2]).find("8 / 12") != std::string::npos);
  CHECK(SheetNames((*written)[1]).size() == 7);
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(stick)) {
    files.push_back(entry.path().filename().string());
  }
  CHECK(files.size() == 3);  // no temporary file left behind

  SECTION("a directory that cannot be written gets nothing") {
    std::string locked = event.e.dir.File("locked");
    std::filesystem::create_directory(locked);
    ::chmod(locked.c_str(), 0555);
    if (::geteuid() == 0) {
      // Root writes anywhere: a directory that is gone stands in.
      locked = event.e.dir.File("unplugged");
    }
    auto failed = ExportReportFiles(event.e.store, tr, locked,
                                    testing::At("2026-10-12T19:30:00Z"));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.status().code() == StatusCode::kIo);
    CHECK_THAT(failed.status().message(), Catch::Contains(locked));
    if (std::filesystem::exists(locked)) {
      CHECK(std::filesystem::is_empty(locked));
    }
  }
  SECTION("a workbook that cannot be finished leaves no file") {
    std::string path = event.e.dir.File("gone/report.xlsx");
    Status status = WriteReportXlsx(event.Gather(), tr, path);
    CHECK(status.code() == StatusCode::kIo);
    CHECK_FALSE(std::filesystem::exists(path));
  }
}

TEST_CASE("the arrival chart is drawn for the screen", "[report]") {
  ReportedEvent event;
  Report report = event.Gather();
  ChartColours colours;
  colours.background = 0x102030;
  auto image = RenderArrivalChart(report.curve, Catalog::For(Language::kDutch),
                                  640, 300, colours);
  REQUIRE(image.ok());
  CHECK(image->width == 640);
  CHECK(image->height == 300);
  // Some pixels carry the bars' colour.
  int bar_pixels = 0;
  for (int y = 0; y < image->height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(
        image->pixels.data() + static_cast<size_t>(y) * image->stride);
    for (int x = 0; x < image->width; ++x) {
      if ((row[x] & 0xFFFFFF) == colours.bars) ++bar_pixels;
    }
  }
  CHECK(bar_pixels > 640 * 300 / 50);
}

}  // namespace entree
