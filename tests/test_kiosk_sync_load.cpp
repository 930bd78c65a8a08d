// A real kiosk (headless) scanning without pause for a minute on a busy
// machine while its sync worker pushes tens of thousands of its own
// offline check-ins and pulls tens of thousands of another door's: no scan
// fails, none is lost, none is doubled.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <set>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "support.h"

namespace entree {
namespace {

constexpr int kGuests = 2000;
constexpr int kOwnOffline = 20000;   // pushed by the kiosk as it starts
constexpr int kOthersEarly = 30000;  // waiting on the server at its start
constexpr int kOthersLate = 20000;   // sent by the other door meanwhile
constexpr auto kScanning = std::chrono::seconds(60);

// `count` check-ins at `kiosk`, alternately in and out, spread over the
// guests, appended to `store` (which queues them for the server).
void AppendCheckins(Store& store, const std::vector<Uuid>& guests,
                    const std::string& kiosk, int count, Instant at) {
  for (int done = 0; done < count;) {
    auto transaction = store.Begin();
    REQUIRE(transaction.ok());
    for (int i = 0; i < 5000 && done < count; ++i, ++done) {
      bool in = done / kGuests % 2 == 0;
      CheckinRecord row{NewUuid(),
                        guests[done % guests.size()],
                        1,
                        kiosk,
                        in ? Direction::kEntry : Direction::kExit,
                        at,
                        in ? Verdict::kWelcome : Verdict::kGoodbye,
                        std::nullopt};
      REQUIRE(store.AppendCheckin(row).ok());
    }
    REQUIRE(transaction->Commit().ok());
  }
}

// The kiosk at the door "door-1", syncing with `server`, reading codes
// from the FIFO `scanner` and logging each verdict it shows; killed when
// destroyed.
class KioskProcess {
 public:
  KioskProcess(const std::string& db, const std::string& server,
               const std::string& scanner, const std::string& log,
               const std::string& output)
      : pid_(testing::StartHeadless(
            {ENTREE_KIOSK_PATH, "--db", db, "--kiosk", "door-1", "--role",
             "door", "--windowed", "--size", "640x360", "--server", server,
             "--scanner", scanner, "--verdict-log", log},
            output)) {}
  ~KioskProcess() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

 private:
  pid_t pid_ = -1;
};

// Busy loops on every core until destroyed.
class Load {
 public:
  Load() {
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < cores; ++i) {
      spinners_.emplace_back([this] {
        uint64_t spin = 0;
        while (!stop_.load(std::memory_order_relaxed)) {
          spin = spin * 6364136223846793005u + 1;
        }
        spins_ += spin & 1;
      });
    }
  }
  ~Load() {
    stop_ = true;
    for (std::thread& t : spinners_) t.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> spins_{0};  // keeps the loops from being elided
  std::vector<std::thread> spinners_;
};

// The lines of the verdict log: "CHECKIN-ID VERDICT", "- VERDICT" for a
// scan that recorded nothing.
std::vector<std::pair<std::string, std::string>> Shown(
    const std::string& path) {
  std::vector<std::pair<std::string, std::string>> shown;
  std::ifstream in(path);
  std::string id, verdict;
  while (in >> id >> verdict) shown.emplace_back(id, verdict);
  return shown;
}

// Check-in rows of `kiosk` in the file at `path`, read beside the kiosk.
long RowsOf(const std::string& path, const std::string& kiosk) {
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto count = StoreInspector::Db(*store).Prepare(
      "SELECT count(*) FROM checkin WHERE kiosk_id = '" + kiosk + "'");
  REQUIRE(count.ok());
  REQUIRE(count->Step().ok());
  return count->ColumnInt(0);
}

size_t LinesIn(const std::string& path) {
  std::ifstream in(path);
  size_t lines = 0;
  std::string line;
  while (std::getline(in, line)) ++lines;
  return lines;
}

}  // namespace

TEST_CASE(
    "a kiosk scanning under load loses no scan while sync pulls and "
    "pushes",
    "[kiosk][sync][load]") {
  testing::PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  testing::SignedEvent e;
  Event open = e.event;
  open.doors_open_at.reset();
  open.starts_at.reset();
  open.ends_at.reset();
  REQUIRE(e.store.UpdateEvent(open).ok());
  std::vector<Uuid> guests;
  std::vector<std::string> codes;
  Instant now = SystemClock().Now();
  {
    auto transaction = e.store.Begin();
    REQUIRE(transaction.ok());
    for (int i = 0; i < kGuests; ++i) {
      Attendee a;
      a.id = NewUuid();
      a.given_name = "Gast";
      a.family_name = "Nummer " + std::to_string(i);
      a.created_at = a.updated_at = now - std::chrono::hours(2);
      REQUIRE(e.store.InsertAttendee(a).ok());
      codes.push_back(e.issuer.BadgeFor(a.id, false, a.created_at)->code);
      guests.push_back(a.id);
    }
    REQUIRE(transaction->Commit().ok());
  }
  REQUIRE(SyncOnce(e.store, pg.conninfo(), "organiser", now).ok());
  std::string db = e.dir.File("door-1.db");
  std::string other_db = e.dir.File("door-2.db");
  for (const std::string& path : {db, other_db}) {
    REQUIRE(
        StoreInspector::Db(e.store).Exec("VACUUM INTO '" + path + "'").ok());
  }
  {
    // The kiosk's own check-ins of an hour ago, made while it was offline.
    Store store = Store::Open(db).value();
    REQUIRE(store.EnableOutbox().ok());
    AppendCheckins(store, guests, "door-1", kOwnOffline,
                   now - std::chrono::hours(1));
  }
  Store other = Store::Open(other_db).value();
  REQUIRE(other.EnableOutbox().ok());
  AppendCheckins(other, guests, "door-2", kOthersEarly,
                 now - std::chrono::minutes(30));
  REQUIRE(SyncOnce(other, pg.conninfo(), "door-2", now).ok());

  std::string fifo = e.dir.File("scanner.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string log = e.dir.File("shown.log");
  std::string output = e.dir.File("kiosk.out");
  size_t scans = 0;
  {
    Load load;
    KioskProcess kiosk(db, pg.conninfo(), fifo, log, output);
    int scanner = testing::OpenFifoWriter(fifo, std::chrono::seconds(30));
    INFO(testing::ReadFile(output));
    REQUIRE(scanner >= 0);
    // The other door sends more while this one scans.
    std::atomic<bool> sent_late{false};
    std::atomic<bool> late_failed{false};
    std::thread other_door([&] {
      std::this_thread::sleep_for(std::chrono::seconds(15));
      Instant at = SystemClock().Now();
      auto transaction = other.Begin();
      for (int i = 0; i < kOthersLate && transaction.ok(); ++i) {
        CheckinRecord row{NewUuid(),
                          guests[i % guests.size()],
                          1,
                          "door-2",
                          Direction::kEntry,
                          at,
                          Verdict::kWelcomeBack,
                          std::nullopt};
        if (!other.AppendCheckin(row).ok()) late_failed = true;
      }
      if (!transaction.ok() || !transaction->Commit().ok()) late_failed = true;
      if (!SyncOnce(other, pg.conninfo(), "door-2", at).ok()) {
        late_failed = true;
      }
      sent_late = true;
    });
    auto end = std::chrono::steady_clock::now() + kScanning;
    while (std::chrono::steady_clock::now() < end) {
      std::string line = codes[scans % codes.size()] + "\n";
      REQUIRE(::write(scanner, line.data(), line.size()) ==
              static_cast<ssize_t>(line.size()));
      ++scans;
      auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (LinesIn(log) < scans) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    other_door.join();
    CHECK(sent_late);
    CHECK_FALSE(late_failed);
    // Until the server has every check-in this kiosk recorded, and the
    // kiosk every one of the other door's.
    long shown_recorded = 0;
    for (const auto& [id, verdict] : Shown(log)) shown_recorded += id != "-";
    auto settle = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    long on_server = 0, pulled = 0;
    while (std::chrono::steady_clock::now() < settle) {
      on_server =
          pg.Count("SELECT count(*) FROM checkins WHERE kiosk_id = 'door-1'");
      pulled = RowsOf(db, "door-2");
      if (on_server >= kOwnOffline + shown_recorded &&
          pulled >= kOthersEarly + kOthersLate) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    CHECK(on_server == kOwnOffline + shown_recorded);
    CHECK(pulled == kOthersEarly + kOthersLate);
    ::close(scanner);
  }
  std::string said = testing::ReadFile(output);
  INFO(said);
  CHECK(said.find("locked") == std::string::npos);

  // Every scan was answered by one verdict, each recorded one is in the
  // file once, and the file holds this door's and the other door's rows.
  auto shown = Shown(log);
  CHECK(shown.size() == scans);
  CHECK(scans > 100);
  Store store = Store::Open(db).value();
  std::set<std::string> ids;
  long recorded = 0, lost = 0;
  for (const auto& [id, verdict] : shown) {
    if (id == "-") continue;
    ++recorded;
    ids.insert(id);
    auto uuid = ParseUuid(id);
    REQUIRE(uuid);
    auto row = store.GetCheckin(*uuid);
    if (!row.ok() || ToString(row->verdict) != verdict) ++lost;
  }
  CHECK(lost == 0);
  CHECK(ids.size() == static_cast<size_t>(recorded));
  long here = RowsOf(db, "door-1");
  long there = RowsOf(db, "door-2");
  CHECK(here == kOwnOffline + recorded);
  CHECK(there == kOthersEarly + kOthersLate);
  std::printf(
      "kiosk under load with sync: %zu scans in %lld s, %ld recorded, "
      "%zu unanswered, %ld lost, %ld doubled; %d pushed, %ld pulled\n",
      scans, static_cast<long long>(kScanning.count()), recorded,
      scans - shown.size(), lost, recorded - static_cast<long>(ids.size()),
      kOwnOffline, there);
}

}  // namespace entree
