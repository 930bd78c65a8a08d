// Sync writes the event file in short background steps, and a door of the
// same process never waits behind more than the one step under way.
#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "support.h"

using namespace entree;
using entree::testing::PgSandbox;

namespace {

// The check-in rows of the file, read inside the caller's transaction;
// -1 when they cannot be counted.
int64_t CheckinRows(Store& store) {
  auto count =
      StoreInspector::Db(store).Prepare("SELECT count(*) FROM checkin");
  if (!count.ok() || !count->Step().ok()) return -1;
  return count->ColumnInt(0);
}

}  // namespace

TEST_CASE("a door waits for at most the one background step under way",
          "[sync][concurrency]") {
  testing::SignedEvent e;
  std::string db = e.dir.File("event.db");
  std::atomic<bool> stop{false};
  std::atomic<int64_t> steps{0};
  std::atomic<int> failed_steps{0};
  // Steps back to back, each holding the lock 3 ms, as a step of merges
  // may.
  std::thread background([&] {
    Store store = Store::Open(db).value();
    while (!stop) {
      auto step = store.BeginStep();
      if (!step.ok()) {
        ++failed_steps;
        continue;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
      if (!step->Commit().ok()) ++failed_steps;
      ++steps;
    }
  });
  int64_t most_overtaking = 0;
  int failed = 0;
  for (int i = 0; i < 300; ++i) {
    // A guest now and then, so that steps run between them.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    int64_t before = steps;
    auto transaction = e.store.Begin();
    int64_t granted = steps;
    if (!transaction.ok() || !transaction->Commit().ok()) ++failed;
    most_overtaking = std::max(most_overtaking, granted - before);
  }
  stop = true;
  background.join();
  CHECK(failed == 0);
  CHECK(failed_steps == 0);
  CHECK(steps > 0);
  // The step under way when the door asked may end first; no other.
  CHECK(most_overtaking <= 1);
}

TEST_CASE("a pull of thousands of rows lets a door in between short steps",
          "[sync][concurrency]") {
  constexpr int kRows = 4000;
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  testing::SignedEvent e;
  Attendee guest = testing::AddAttendee(e.store, "Gast", "Nummer 1");
  std::string here = e.dir.File("here.db");
  std::string other = e.dir.File("other.db");
  for (const std::string& path : {here, other}) {
    REQUIRE(
        StoreInspector::Db(e.store).Exec("VACUUM INTO '" + path + "'").ok());
  }
  Instant now = SystemClock().Now();
  {
    Store store = Store::Open(other).value();
    REQUIRE(store.EnableOutbox().ok());
    auto transaction = store.Begin();
    REQUIRE(transaction.ok());
    for (int i = 0; i < kRows; ++i) {
      CheckinRecord row{NewUuid(),
                        guest.id,
                        1,
                        "door-2",
                        i % 2 ? Direction::kExit : Direction::kEntry,
                        now,
                        i % 2 ? Verdict::kGoodbye : Verdict::kWelcome,
                        std::nullopt};
      REQUIRE(store.AppendCheckin(row).ok());
    }
    REQUIRE(transaction->Commit().ok());
    REQUIRE(SyncOnce(store, pg.conninfo(), "door-2", now).ok());
  }

  // A door of the same process takes the lock over and over while the
  // pull is merged, and notes how many pulled rows it saw each time.
  std::atomic<bool> pulled{false};
  std::set<int64_t> seen;
  int failed = 0;
  std::thread door([&] {
    Store store = Store::Open(here).value();
    while (!pulled) {
      auto transaction = store.Begin();
      if (!transaction.ok()) {
        ++failed;
        continue;
      }
      seen.insert(CheckinRows(store));
      if (!transaction->Commit().ok()) ++failed;
    }
  });
  Store store = Store::Open(here).value();
  auto report = SyncOnce(store, pg.conninfo(), "door-1", now);
  pulled = true;
  door.join();
  REQUIRE(report.ok());
  CHECK(report->pulled >= kRows);
  CHECK(failed == 0);
  CHECK(CheckinRows(store) == kRows);
  // One transaction would show the door no count between none and all;
  // steps of at most 200 rows show it at least one after each of 20.
  std::set<int64_t> between;
  for (int64_t count : seen) {
    if (count > 0 && count < kRows) between.insert(count);
  }
  INFO(between.size() << " counts seen part way");
  CHECK(between.size() >= 15);
}
