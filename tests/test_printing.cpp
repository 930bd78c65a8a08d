// Printing through a real CUPS scheduler (tools/print-sandbox.sh): a
// cups-pdf queue whose PDFs are rasterised and decoded, queues whose
// devices run out of paper or jam, a missing queue and a missing scheduler;
// the kiosk's print desk and its print log.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "entree/badges/badge_render.h"
#include "entree/desk/print_desk.h"
#include "entree/desk/registration.h"
#include "entree/printing/printing.h"
#include "support.h"

using namespace entree;
using entree::testing::At;
using entree::testing::PrintSandbox;
using entree::testing::TempDir;

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// An event with one guest and their badge, ready to print.
struct PrintBench : testing::SignedEvent {
  Attendee guest = testing::AddAttendee(store, "Leone", "Wiersma",
                                        Sector::kBusiness, "Marketing");
  IssuedBadge badge =
      issuer.BadgeFor(guest.id, false, At("2026-10-12T16:05:00Z")).value();
  BadgeLayout layout = LoadBadgeLayout("ql62").value();

  PrintDocument Document() {
    BadgeFace face =
        MakeBadgeFace(store, guest, badge.code, Language::kDutch).value();
    return {"badge", RenderBadgePdf(layout, face).value(), layout.media};
  }
  // Sends the guest's badge to `desk` for the first time.
  Uuid PrintFirst(PrintDesk& desk) {
    auto sent = desk.PrintOnce(guest, badge, At("2026-10-12T16:05:10Z"));
    REQUIRE(sent.ok());
    REQUIRE(sent->has_value());
    return **sent;
  }
  PrintDeskSettings Desk(const PrintSandbox& cups, const std::string& queue) {
    return {queue,    cups.server(),    layout,
            "desk-1", Language::kDutch, seconds(20)};
  }
};

// Collects until the job `id` has an outcome other than "sent".
PrintRecord AwaitOutcome(PrintDesk& desk, Store& store, const Uuid& id) {
  for (int tries = 0; tries < 600; ++tries) {
    REQUIRE(desk.Collect(At("2026-10-12T16:06:00Z")).ok());
    PrintRecord record = store.GetPrintJob(id).value();
    if (record.outcome != "sent") return record;
    std::this_thread::sleep_for(milliseconds(50));
  }
  FAIL("the print job never ended");
  return {};
}

// The scheduler counts a cancelled job until its filters have stopped, so
// the count is read until it reaches `expected` or ten seconds pass; returns
// the last count read.
int QueuedJobsSettle(CupsQueue& queue, int expected) {
  auto give_up = std::chrono::steady_clock::now() + seconds(10);
  int count = queue.State().queued_jobs;
  while (count != expected && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(milliseconds(50));
    count = queue.State().queued_jobs;
  }
  return count;
}

}  // namespace

TEST_CASE("a badge printed on the cups-pdf queue comes out and decodes",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  CupsQueue queue("entree-pdf", cups.server());
  PrintReport report = queue.Print(bench.Document(), seconds(20));
  INFO(report.detail);
  REQUIRE(report.outcome == PrintOutcome::kCompleted);
  CHECK(report.job_id > 0);
  CHECK(report.accepted_after <= report.finished_after);

  std::vector<std::string> pdfs = cups.WaitForPdfs(1);
  REQUIRE(pdfs.size() == 1);
  // The media size came from the layout: a 62 x 100 mm label.
  auto info = testing::RunProcess({"/usr/bin/pdfinfo", pdfs.front()});
  CHECK_THAT(info.out, Catch::Contains("Page size:       175 x 283 pts"));
  std::vector<std::string> codes =
      testing::DecodeQrCodes(testing::RasterisePdf(pdfs.front(), 300));
  REQUIRE(codes.size() == 1);
  CHECK(codes.front() == bench.badge.code);
  TokenVerification check =
      VerifyBadgeCode(codes.front(), bench.event.id, bench.keys.public_key);
  CHECK(check.check == TokenCheck::kValid);
  CHECK(check.claim.attendee_id == bench.guest.id);
  CHECK(queue.State().health == PrintOutcome::kCompleted);
}

TEST_CASE("a printer out of paper or jammed is reported, the job kept",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  struct Case {
    std::string queue;
    PrintOutcome outcome;
    std::string reason;
  };
  for (const Case& c :
       {Case{"entree-nopaper", PrintOutcome::kOutOfPaper, "media-empty-error"},
        Case{"entree-jam", PrintOutcome::kJammed, "media-jam-error"}}) {
    INFO(c.queue);
    CupsQueue queue(c.queue, cups.server());
    PrintReport report = queue.Print(bench.Document(), seconds(20));
    CHECK(report.outcome == c.outcome);
    CHECK(report.job_id > 0);
    QueueState state = queue.State();
    CHECK(state.health == c.outcome);
    CHECK_FALSE(state.reasons.empty());
    CHECK(std::find(state.reasons.begin(), state.reasons.end(), c.reason) !=
          state.reasons.end());
    CHECK(state.queued_jobs == 1);  // waits for staff, not lost
    // Staff cancel it; following it then says so.
    REQUIRE(queue.Cancel(report.job_id).ok());
    CHECK(queue.Follow(report.job_id, milliseconds(0)).outcome ==
          PrintOutcome::kCanceled);
    CHECK(QueuedJobsSettle(queue, 0) == 0);
  }
  CHECK(cups.WaitForPdfs(0).empty());
}

TEST_CASE("a missing queue and a missing scheduler are told apart",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  PrintReport missing = CupsQueue("no-such-printer", cups.server())
                            .Print(bench.Document(), seconds(5));
  CHECK(missing.outcome == PrintOutcome::kQueueMissing);
  CHECK(missing.job_id == 0);
  CHECK(CupsQueue("no-such-printer", cups.server()).State().health ==
        PrintOutcome::kQueueMissing);

  std::string nowhere = bench.dir.File("no-cups.sock");
  CHECK(CupsQueue("entree-pdf", nowhere)
            .Print(bench.Document(), seconds(5))
            .outcome == PrintOutcome::kServerUnreachable);
  CHECK(CupsQueue("entree-pdf", nowhere).State().health ==
        PrintOutcome::kServerUnreachable);
}

TEST_CASE("the print desk prints a badge once unless asked, and logs it",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  PrintDesk desk(bench.store, bench.Desk(cups, "entree-pdf"));
  Instant now = At("2026-10-12T16:05:30Z");

  PrintRecord printed = AwaitOutcome(desk, bench.store, bench.PrintFirst(desk));
  CHECK(printed.outcome == "completed");
  CHECK(printed.cups_job > 0);
  CHECK_FALSE(printed.asked);
  CHECK(printed.badge_serial == bench.badge.badge.serial);
  CHECK(printed.printer == "entree-pdf");
  CHECK(printed.layout == "ql62");
  CHECK(printed.finished_at.has_value());

  // The same badge again: not printed by itself a second time.
  auto again = desk.PrintOnce(bench.guest, bench.badge, now);
  REQUIRE(again.ok());
  CHECK_FALSE(again->has_value());

  // Staff ask for it: printed again.
  auto asked = desk.PrintAsked(bench.guest, bench.badge, now);
  REQUIRE(asked.ok());
  CHECK(AwaitOutcome(desk, bench.store, *asked).outcome == "completed");
  CHECK(cups.WaitForPdfs(2).size() == 2);

  // A reissued badge is a new serial: printed by itself once more.
  IssuedBadge reissued =
      bench.issuer.BadgeFor(bench.guest.id, true, now).value();
  auto fresh = desk.PrintOnce(bench.guest, reissued, now);
  REQUIRE(fresh.ok());
  REQUIRE(fresh->has_value());
  CHECK(AwaitOutcome(desk, bench.store, **fresh).outcome == "completed");

  auto log = bench.store.PrintLog(10);
  REQUIRE(log.ok());
  REQUIRE(log->size() == 3);
  CHECK(log->at(0).asked == false);
  CHECK(log->at(0).badge_serial == 2);
  CHECK(desk.queue_state().health == PrintOutcome::kCompleted);
}

TEST_CASE("a failed print is logged and a retry replaces the stuck job",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  PrintDesk desk(bench.store, bench.Desk(cups, "entree-nopaper"));
  Instant now = At("2026-10-12T16:05:30Z");
  PrintRecord failed = AwaitOutcome(desk, bench.store, bench.PrintFirst(desk));
  CHECK(failed.outcome == "out_of_paper");
  CHECK(failed.detail == "Out of paper");
  REQUIRE(failed.cups_job > 0);
  for (int tries = 0; tries < 100; ++tries) {
    if (desk.queue_state().health == PrintOutcome::kOutOfPaper) break;
    std::this_thread::sleep_for(milliseconds(50));
  }
  CHECK(desk.queue_state().health == PrintOutcome::kOutOfPaper);

  auto retry = desk.PrintAsked(bench.guest, bench.badge, now, failed);
  REQUIRE(retry.ok());
  PrintRecord retried = AwaitOutcome(desk, bench.store, *retry);
  CHECK(retried.asked);
  CHECK(retried.outcome == "out_of_paper");  // the roll is still empty
  CupsQueue queue("entree-nopaper", cups.server());
  CHECK(queue.Follow(failed.cups_job, milliseconds(0)).outcome ==
        PrintOutcome::kCanceled);
  CHECK(QueuedJobsSettle(queue, 1) == 1);  // only the retry waits
}

TEST_CASE("entree print follows the job and keeps the print log",
          "[printing][cli]") {
  PrintSandbox cups;
  TempDir dir;
  std::string db = dir.File("event.db");
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {ENTREE_CLI_PATH, "--db", db});
    return testing::RunProcess(
        args, "", {"ENTREE_LANG=en", "CUPS_SERVER=" + cups.server()});
  };
  REQUIRE(cli({"init", "--name", "Worldcafé"}).exit_code == 0);
  REQUIRE(cli({"keygen"}).exit_code == 0);
  REQUIRE(cli({"import",
               std::string(ENTREE_ASSETS_DIR) + "/demo/worldcafe-iq-blvd.csv"})
              .exit_code == 0);

  auto printed = cli(
      {"print", "Marjolein", "--printer", "entree-pdf", "--layout", "54x90"});
  INFO(printed.err);
  REQUIRE(printed.exit_code == 0);
  CHECK_THAT(printed.out, Catch::Contains("printed on \"entree-pdf\""));
  std::vector<std::string> pdfs = cups.WaitForPdfs(1);
  REQUIRE(pdfs.size() == 1);
  auto code = cli({"token", "Marjolein"});
  CHECK(testing::DecodeQrCodes(testing::RasterisePdf(pdfs.front(), 300)) ==
        std::vector<std::string>{code.out.substr(0, code.out.find('\n'))});

  auto no_paper = cli({"print", "Marjolein", "--printer", "entree-nopaper"});
  CHECK(no_paper.exit_code == 9);
  CHECK_THAT(no_paper.err, Catch::Contains("out of paper"));
  auto missing = cli({"print", "Marjolein", "--printer", "gone"});
  CHECK(missing.exit_code == 9);
  CHECK_THAT(missing.err, Catch::Contains("there is no printer \"gone\""));

  auto log = cli({"printlog", "--json"});
  REQUIRE(log.exit_code == 0);
  CHECK_THAT(log.out, Catch::Contains("\"outcome\":\"completed\""));
  CHECK_THAT(log.out, Catch::Contains("\"outcome\":\"out_of_paper\""));
  CHECK_THAT(log.out, Catch::Contains("\"outcome\":\"queue_missing\""));
  CHECK_THAT(log.out, Catch::Contains("\"name\":\"Marjolein de Gelder\""));
}

TEST_CASE("a stopped printer is reported, and prints once started again",
          "[printing]") {
  PrintSandbox cups;
  PrintBench bench;
  auto disabled = testing::RunProcess(
      {"/usr/sbin/cupsdisable", "-h", cups.server(), "entree-pdf"});
  REQUIRE(disabled.exit_code == 0);
  CupsQueue queue("entree-pdf", cups.server());
  CHECK(queue.State().health == PrintOutcome::kPrinterStopped);
  PrintReport report = queue.Print(bench.Document(), seconds(20));
  CHECK(report.outcome == PrintOutcome::kPrinterStopped);
  REQUIRE(report.job_id > 0);
  CHECK(cups.WaitForPdfs(0).empty());

  // Starting the queue again prints the job that waited.
  REQUIRE(queue.Resume().ok());
  CHECK(queue.Follow(report.job_id, seconds(20)).outcome ==
        PrintOutcome::kCompleted);
  CHECK(cups.WaitForPdfs(1).size() == 1);
}
