// Benchmark of badges: render time per badge for every layout (PNG at the
// printer's 300 dpi, and vector PDF), printing on a cups-pdf queue of a
// private CUPS scheduler (request to accepted, request to completed), and
// a sheet PDF of many badges (time and size).
//
// Usage: entree-bench-badges [--attendees N] [--scans N] [--prints N]
//                            [--dir DIR]
// --attendees is the sheet's badge count (1000), --scans the renders per
// layout (100), --prints the print jobs (20; 0 skips printing, which needs
// root for cups-pdf).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/badges/badge_render.h"
#include "entree/badges/badge_sheet.h"
#include "entree/codes/badge_token.h"
#include "entree/desk/registration.h"
#include "entree/printing/printing.h"
#include "entree/store/store.h"

namespace entree::bench {
namespace {

using Stopwatch = std::chrono::steady_clock;

// The faces of every attendee's first badge, issued in one transaction.
std::vector<BadgeFace> MakeFaces(Store& store, const Event& event,
                                 const SecretKey& key) {
  BadgeIssuer issuer(store, event.id, key, "bench");
  auto people = store.ListAttendees();
  if (!people.ok()) Die(people.status().message());
  auto transaction = store.Begin();
  if (!transaction.ok()) Die(transaction.status().message());
  std::vector<BadgeFace> faces;
  for (const Attendee& attendee : *people) {
    auto issued = issuer.BadgeFor(attendee.id, false, SystemClock().Now());
    if (!issued.ok()) Die(issued.status().message());
    auto face = MakeBadgeFace(store, attendee, issued->code, Language::kDutch);
    if (!face.ok()) Die(face.status().message());
    faces.push_back(std::move(*face));
  }
  if (auto s = transaction->Commit(); !s.ok()) Die(s.message());
  return faces;
}

void RenderTimes(const std::vector<BadgeFace>& faces, int renders) {
  std::printf("%-8s %12s %12s %12s %12s %10s\n", "layout", "png p50 ms",
              "png p99 ms", "pdf p50 ms", "pdf p99 ms", "png bytes");
  for (const std::string& name : BadgeLayoutNames()) {
    BadgeLayout layout = LoadBadgeLayout(name).value();
    std::vector<double> png_ms, pdf_ms;
    size_t png_bytes = 0;
    for (int i = 0; i < renders; ++i) {
      const BadgeFace& face = faces[static_cast<size_t>(i) % faces.size()];
      auto start = Stopwatch::now();
      auto png = RenderBadgePng(layout, face);
      png_ms.push_back(MillisSince(start));
      if (!png.ok()) Die(png.status().message());
      png_bytes = png->size();
      start = Stopwatch::now();
      auto pdf = RenderBadgePdf(layout, face);
      pdf_ms.push_back(MillisSince(start));
      if (!pdf.ok()) Die(pdf.status().message());
    }
    std::printf("%-8s %12.2f %12.2f %12.2f %12.2f %10zu\n", name.c_str(),
                Percentile(png_ms, 0.5), Percentile(png_ms, 0.99),
                Percentile(pdf_ms, 0.5), Percentile(pdf_ms, 0.99), png_bytes);
    TableRow("badge " + name + ": render PNG at 300 dpi / PDF, p50",
             Fixed(Percentile(png_ms, 0.5), 1, "/") + " " +
                 Fixed(Percentile(pdf_ms, 0.5), 1, "ms"),
             "target under 20 ms");
  }
}

void SheetTime(const std::vector<BadgeFace>& faces,
               const std::filesystem::path& dir) {
  std::printf("\n%-8s %8s %8s %12s %12s\n", "layout", "badges", "pages",
              "seconds", "MiB");
  for (const std::string& name : {std::string("a6"), std::string("54x90")}) {
    BadgeLayout layout = LoadBadgeLayout(name).value();
    std::string path = (dir / ("sheet-" + name + ".pdf")).string();
    auto start = Stopwatch::now();
    Status written = WriteBadgeSheetPdf(layout, faces, path);
    double ms = MillisSince(start);
    if (!written.ok()) Die(written.message());
    int per_page = PlanSheet(layout).per_page();
    double mib =
        static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
    std::printf("%-8s %8zu %8zu %12.2f %12.2f\n", name.c_str(), faces.size(),
                (faces.size() + per_page - 1) / per_page, ms / 1000, mib);
    TableRow(std::to_string(faces.size()) + " " + name +
                 " badges on A4 sheets: time, size",
             Fixed(ms / 1000, 2, "s,") + " " + Fixed(mib, 1, "MiB"),
             "target 1,000 badges under 10 s");
  }
}

void PrintTimes(const std::vector<BadgeFace>& faces, int prints,
                const std::filesystem::path& dir) {
  std::string sandbox = ENTREE_TOOLS_DIR "/print-sandbox.sh";
  // CUPS takes a socket path only when it is absolute.
  std::string cups_dir = std::filesystem::absolute(dir / "cups").string();
  std::string start_command =
      "bash " + sandbox + " start " + cups_dir + " >/dev/null";
  if (std::system(start_command.c_str()) != 0) {
    Die("the private CUPS scheduler did not start (cups-pdf needs root)");
  }
  CupsQueue queue("entree-pdf", cups_dir + "/cups.sock");
  BadgeLayout layout = LoadBadgeLayout("ql62").value();
  std::vector<double> accepted_ms, completed_ms;
  std::string failure;
  for (int i = 0; i < prints && failure.empty(); ++i) {
    const BadgeFace& face = faces[static_cast<size_t>(i) % faces.size()];
    PrintReport report = queue.Print(
        {face.full_name, RenderBadgePdf(layout, face).value(), layout.media},
        std::chrono::seconds(30));
    if (report.outcome != PrintOutcome::kCompleted) {
      failure = "print job ended " + std::string(ToString(report.outcome)) +
                ": " + report.detail;
    }
    accepted_ms.push_back(
        std::chrono::duration<double, std::milli>(report.accepted_after)
            .count());
    completed_ms.push_back(
        std::chrono::duration<double, std::milli>(report.finished_after)
            .count());
  }
  // The scheduler stops before any verdict, so none is left running.
  std::string stop_command = "bash " + sandbox + " stop " + cups_dir;
  (void)std::system(stop_command.c_str());
  if (!failure.empty()) Die(failure);
  std::printf("\nprinting %d badges (ql62) on a cups-pdf queue\n", prints);
  std::printf("%-32s %10s %10s\n", "", "p50 ms", "p99 ms");
  std::printf("%-32s %10.1f %10.1f\n", "request to accepted by CUPS",
              Percentile(accepted_ms, 0.5), Percentile(accepted_ms, 0.99));
  std::printf("%-32s %10.1f %10.1f\n", "request to job completed",
              Percentile(completed_ms, 0.5), Percentile(completed_ms, 0.99));
  TableRow("print request accepted by CUPS, p50 / p99",
           Fixed(Percentile(accepted_ms, 0.5), 1, "/") + " " +
               Fixed(Percentile(accepted_ms, 0.99), 1, "ms"),
           "target under 200 ms");
  TableRow("print request to job completed (cups-pdf), p50",
           Fixed(Percentile(completed_ms, 0.5), 0, "ms"), "");
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree;
  using namespace entree::bench;
  BenchOptions options = ParseBenchOptions(
      argc, argv,
      {1000, 100,
       std::filesystem::temp_directory_path() / "entree-bench-badges", ""});
  int prints = FlagValue(argc, argv, "--prints", 20);

  Event named;
  named.name = "Worldcafé IQ BLVD";
  GuestEvent e = MakeGuestEvent(options.dir / "event.db", named,
                                options.attendees, SystemClock().Now());
  auto faces_start = Stopwatch::now();
  std::vector<BadgeFace> faces = MakeFaces(e.store, e.event, e.keys.secret_key);
  double faces_ms = MillisSince(faces_start);

  std::printf("badges: %d attendees, %d renders per layout\n\n",
              options.attendees, options.scans);
  RenderTimes(faces, options.scans);
  std::printf("\nissuing and signing %zu badges: %.2f s\n", faces.size(),
              faces_ms / 1000);
  SheetTime(faces, options.dir);
  if (prints > 0) PrintTimes(faces, prints, options.dir);
  return 0;
}
