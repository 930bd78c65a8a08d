// Many writers on one event file: processes of `entree checkin` and threads
// with their own Store, all scanning the same badges at once. Each badge
// must be admitted exactly once per entry, whatever the kiosk ids.
#include <catch2/catch.hpp>
#include <map>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/door/door.h"
#include "support.h"

using namespace entree;
using entree::testing::Cli;
using entree::testing::ProcessResult;
using entree::testing::RunProcess;

namespace {

// Admitted entries per attendee in the file at `db`.
std::map<std::string, int> AdmissionsPerGuest(const std::string& db) {
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto rows = store->ListCheckins();
  REQUIRE(rows.ok());
  std::map<std::string, int> admissions;
  for (const CheckinRecord& row : *rows) {
    if (row.direction == Direction::kEntry && Admits(row.verdict)) {
      ++admissions[ToString(row.attendee_id)];
    }
  }
  return admissions;
}

// Scans `code` once through a Door of its own on its own connection; the
// verdict, or "error: ..." when the store failed.
std::string ScanOnOwnConnection(const std::string& db, const std::string& code,
                                const std::string& kiosk) {
  auto store = Store::Open(db);
  if (!store.ok()) return "error: " + store.status().message();
  auto event = store->GetEvent();
  if (!event.ok()) return "error: " + event.status().message();
  SystemClock clock;
  Door door(*store, clock, *event, DoorSettingsFor(*event, Direction::kEntry),
            kiosk);
  auto outcome = door.Scan(code);
  if (!outcome.ok()) return "error: " + outcome.status().message();
  return std::string(ToString(outcome->verdict));
}

}  // namespace

TEST_CASE("processes and threads scanning one badge at once admit it once",
          "[door][concurrency]") {
  Cli cli;
  cli.Prepare(/*always_open=*/true);
  const std::vector<std::string> guests = {"WC-001", "WC-002", "WC-006"};

  for (const std::string& guest : guests) {
    std::string code = cli.Token(guest);
    // The same kiosk id everywhere, as two programs on one box would have,
    // and a second id: neither may let the badge in twice.
    for (const std::string& kiosk : {std::string("door-1"), std::string("")}) {
      std::string script =
          "for i in 1 2 3 4 5 6; do \"$0\" --db \"$1\" checkin \"$2\" "
          "${3:+--kiosk \"$3\"} >/dev/null 2>>\"$1.err\" & done; wait";
      std::vector<std::string> verdicts(4);
      std::vector<std::thread> threads;
      for (size_t i = 0; i < verdicts.size(); ++i) {
        threads.emplace_back([&, i] {
          verdicts[i] = ScanOnOwnConnection(
              cli.db, code,
              kiosk.empty() ? "thread-" + std::to_string(i) : kiosk);
        });
      }
      ProcessResult processes = RunProcess(
          {"/bin/bash", "-c", script, ENTREE_CLI_PATH, cli.db, code, kiosk});
      for (std::thread& t : threads) t.join();
      CHECK(processes.exit_code == 0);
      for (const std::string& verdict : verdicts) {
        INFO(verdict);
        CHECK(verdict.rfind("error", 0) != 0);
      }
    }
  }
  CHECK(entree::testing::ReadFile(cli.db + ".err").find("rror") ==
        std::string::npos);
  std::map<std::string, int> admissions = AdmissionsPerGuest(cli.db);
  REQUIRE(admissions.size() == guests.size());
  for (const auto& [attendee, count] : admissions) {
    INFO(attendee);
    CHECK(count == 1);
  }
}
