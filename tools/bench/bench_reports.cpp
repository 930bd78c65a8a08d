// Benchmark: the organiser's report (PDF) and workbook (XLSX) of a large
// event, and the files staff take away on a USB stick.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/base/uuid.h"
#include "entree/reports/report.h"
#include "entree/store/store.h"

namespace entree::bench {
namespace {

using Stopwatch = std::chrono::steady_clock;

// An event of `attendees` guests of whom about 85 % arrived over three
// hours, some leaving again.
GuestEvent FillEvent(const std::filesystem::path& db, int attendees) {
  Event event;
  event.name = "Conferentie Slim Organiseren";
  event.venue = "Jaarbeurs, Utrecht";
  Instant doors =
      Instant(std::chrono::sys_days(std::chrono::year(2026) / 12 / 10)) +
      std::chrono::hours(8);
  event.starts_at = doors;
  GuestEvent e =
      MakeGuestEvent(db, event, attendees, doors - std::chrono::hours(48));
  Store& store = e.store;
  auto people = store.ListAttendees();
  if (!people.ok()) Die(people.status().message());
  std::mt19937 random(7);
  std::normal_distribution<double> minutes(60, 35);
  {
    auto transaction = store.Begin();
    if (!transaction.ok()) Die(transaction.status().message());
    for (const Attendee& a : *people) {
      if (random() % 100 >= 85) continue;
      double at = std::clamp(minutes(random), 0.0, 180.0);
      CheckinRecord entry;
      entry.id = NewUuid();
      entry.attendee_id = a.id;
      entry.badge_serial = 1;
      entry.kiosk_id = "door-" + std::to_string(random() % 6 + 1);
      entry.at =
          doors + std::chrono::milliseconds(static_cast<int64_t>(at * 60'000));
      if (auto s = store.AppendCheckin(entry); !s.ok()) Die(s.message());
      if (random() % 10 == 0) {
        CheckinRecord exit = entry;
        exit.id = NewUuid();
        exit.direction = Direction::kExit;
        exit.verdict = Verdict::kGoodbye;
        exit.at += std::chrono::hours(2);
        if (auto s = store.AppendCheckin(exit); !s.ok()) Die(s.message());
      }
    }
    if (auto s = transaction->Commit(); !s.ok()) Die(s.message());
  }
  return e;
}

// The pages of a PDF as cairo writes them: one "/Type /Page" object each.
int PageCount(const std::string& pdf) {
  int pages = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    if (at + 11 < pdf.size() && pdf[at + 11] != 's') ++pages;
  }
  return pages;
}

double MiB(const std::string& path) {
  return static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree;
  using namespace entree::bench;
  BenchOptions options = ParseBenchOptions(
      argc, argv,
      {10000, 3,
       std::filesystem::temp_directory_path() / "entree-bench-reports", ""});
  GuestEvent e = FillEvent(options.dir / "event.db", options.attendees);
  Store& store = e.store;
  const Catalog& tr = Catalog::For(Language::kDutch);
  Instant now = SystemClock().Now();

  std::vector<double> gather, pdf, xlsx, files;
  size_t pdf_bytes = 0;
  int pdf_pages = 0;
  std::string xlsx_path = (options.dir / "report.xlsx").string();
  int runs = std::max(1, options.scans);
  for (int run = 0; run < runs; ++run) {
    auto start = Stopwatch::now();
    auto report = GatherReport(store, now);
    if (!report.ok()) Die(report.status().message());
    gather.push_back(MillisSince(start));

    start = Stopwatch::now();
    auto document = ReportPdf(*report, tr);
    if (!document.ok()) Die(document.status().message());
    pdf.push_back(MillisSince(start));
    pdf_bytes = document->size();
    pdf_pages = PageCount(*document);

    start = Stopwatch::now();
    if (auto s = WriteReportXlsx(*report, tr, xlsx_path); !s.ok()) {
      Die(s.message());
    }
    xlsx.push_back(MillisSince(start));

    std::filesystem::path stick =
        options.dir / ("stick-" + std::to_string(run));
    std::filesystem::create_directories(stick);
    start = Stopwatch::now();
    auto written = ExportReportFiles(store, tr, stick.string(), now);
    if (!written.ok()) Die(written.status().message());
    files.push_back(MillisSince(start));
  }
  auto stats = store.Stats();
  std::printf("reports: %d attendees, %d arrived, %d runs (p50 of runs)\n\n",
              options.attendees, stats.ok() ? stats->total.arrived : -1, runs);
  std::printf("%-46s %10s %10s\n", "figure", "time", "size");
  std::printf("%-46s %7.0f ms %10s\n", "read the report from the database",
              Percentile(gather, 0.5), "");
  std::string pdf_figure =
      "PDF report, " + std::to_string(pdf_pages) + " pages";
  std::printf("%-46s %7.0f ms %6.2f MiB\n", pdf_figure.c_str(),
              Percentile(pdf, 0.5), static_cast<double>(pdf_bytes) / (1 << 20));
  std::printf("%-46s %7.0f ms %6.2f MiB\n",
              "XLSX workbook (export --format xlsx)", Percentile(xlsx, 0.5),
              MiB(xlsx_path));
  std::printf("%-46s %7.0f ms %10s\n", "CSV + XLSX + PDF to a directory (USB)",
              Percentile(files, 0.5), "");
  std::string guests = " (" + std::to_string(options.attendees) + " attendees)";
  TableRow("PDF report" + guests,
           Fixed(Percentile(pdf, 0.5), 0, "ms,") + " " +
               Fixed(static_cast<double>(pdf_bytes) / (1 << 20), 2, "MiB"),
           "target under 2 s");
  TableRow("XLSX workbook" + guests,
           Fixed(Percentile(xlsx, 0.5), 0, "ms,") + " " +
               Fixed(MiB(xlsx_path), 2, "MiB"),
           "target under 2 s");
  return 0;
}
