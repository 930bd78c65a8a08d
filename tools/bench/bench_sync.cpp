// Benchmark of sync through PostgreSQL (a private server from
// tools/pg-sandbox.sh): the lag from a scan at one kiosk to it being known
// at another, the time for 5 kiosks with 10,000 offline check-ins each to
// converge, a door's scan while its sync worker pulls 50,000 rows beside
// the same with sync idle, 5 kiosks scanning continuously with their sync
// workers, and an empty box paired to ready (entree device join) with
// 10,000 guests.
//
// Usage: entree-bench-sync [--attendees N] [--scans N] [--seconds S]
//                          [--offline N] [--pull N] [--pair-guests N]
//                          [--dir DIR] [--only PHASE]
// --scans: scans for the lag (100); --offline: check-ins per kiosk made
// offline (10000); --pull: rows the reconnecting door pulls (50000);
// --seconds: how long 5 kiosks scan continuously (60); --only: one phase
// of lag, converge, reconnect, continuous, pair.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"
#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "entree/sync/sync_worker.h"

namespace entree::bench {
namespace {

using Stopwatch = std::chrono::steady_clock;
constexpr int kKiosks = 5;

// The organiser's event with badges for everyone, copied to kiosk files.
struct EventFiles {
  std::filesystem::path dir;
  std::vector<std::string> codes;
  std::vector<Uuid> guests;

  EventFiles(std::filesystem::path where, int attendees)
      : dir(std::move(where)) {
    std::filesystem::create_directories(dir);
    Event named;
    named.name = "Conference";
    Instant now = SystemClock().Now();
    GuestEvent e = MakeGuestEvent(dir / "organiser.db", named, attendees, now);
    BadgeIssuer issuer(e.store, e.event.id, e.keys.secret_key, "organiser");
    auto transaction = e.store.Begin();
    auto people = e.store.ListAttendees();
    if (!people.ok()) Die(people.status().message());
    for (const Attendee& a : *people) {
      codes.push_back(issuer.BadgeFor(a.id, false, now)->code);
      guests.push_back(a.id);
    }
    if (!transaction->Commit().ok()) Die("cannot issue badges");
    for (int k = 0; k < kKiosks; ++k) {
      std::string copy = Path(k);
      std::filesystem::remove(copy);
      if (!StoreInspector::Db(e.store)
               .Exec("VACUUM INTO '" + copy + "'")
               .ok()) {
        Die("cannot copy the event");
      }
    }
  }
  std::string Path(int kiosk) const {
    return (dir / ("kiosk" + std::to_string(kiosk) + ".db")).string();
  }
};

std::string Kiosk(int k) { return "door-" + std::to_string(k + 1); }

// A private PostgreSQL server for the run, stopped at the end.
struct Server {
  std::string script = ENTREE_TOOLS_DIR "/pg-sandbox.sh";
  std::string dir;
  std::string conninfo;
  explicit Server(const std::filesystem::path& where)
      : dir(std::filesystem::absolute(where).string()) {
    std::string out =
        (std::filesystem::path(dir).parent_path() / "conninfo").string();
    std::filesystem::create_directories(
        std::filesystem::path(dir).parent_path());
    if (std::system(
            ("bash " + script + " start " + dir + " > " + out).c_str()) != 0) {
      Die("the private PostgreSQL server did not start");
    }
    std::ifstream in(out);
    std::getline(in, conninfo);
    if (!InitSyncServer(conninfo).ok()) Die("cannot set up the server");
  }
  ~Server() { (void)std::system(("bash " + script + " stop " + dir).c_str()); }
};

void Lag(const EventFiles& files, const std::string& conninfo, int scans) {
  SystemClock clock;
  Store a = Store::Open(files.Path(0)).value();
  Store b = Store::Open(files.Path(1)).value();
  Event event = a.GetEvent().value();
  Door door(a, clock, event, DoorSettingsFor(event, Direction::kEntry),
            Kiosk(0));
  SyncWorker worker_a(files.Path(0), conninfo, Kiosk(0), clock);
  SyncWorker worker_b(files.Path(1), conninfo, Kiosk(1), clock);
  while (worker_b.status().state != SyncState::kOnline ||
         worker_a.status().state != SyncState::kOnline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::vector<double> lag_ms;
  for (int i = 0; i < scans; ++i) {
    auto outcome = door.Scan(files.codes[i % files.codes.size()]);
    if (!outcome.ok() || !outcome->recorded) Die("the scan was not recorded");
    auto scanned = Stopwatch::now();
    worker_a.Nudge();  // what the kiosk does after every write
    while (!b.GetCheckin(outcome->checkin_id).ok()) {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
      if (Stopwatch::now() - scanned > std::chrono::seconds(30)) {
        Die("a scan never reached the other kiosk");
      }
    }
    lag_ms.push_back(MillisSince(scanned));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::printf("%-44s %10.1f %10.1f %8zu\n",
              "lag, scan at one kiosk to known at another (ms)",
              Percentile(lag_ms, 0.5), Percentile(lag_ms, 0.99), lag_ms.size());
  TableRow("sync: scan at one kiosk to known at another, p50 / p99",
           Fixed(Percentile(lag_ms, 0.5), 1, "/") + " " +
               Fixed(Percentile(lag_ms, 0.99), 1, "ms"),
           "target p99 under 1 s (pretixSCAN uploads every 60 s)");
}

void Converge(const EventFiles& files, const std::string& conninfo,
              int offline) {
  // Each kiosk scans `offline` times with the server out of reach.
  for (int k = 0; k < kKiosks; ++k) {
    Store store = Store::Open(files.Path(k)).value();
    if (!store.EnableOutbox().ok()) Die("cannot start the outbox");
    auto transaction = store.Begin();
    Instant at = SystemClock().Now();
    for (int i = 0; i < offline; ++i) {
      CheckinRecord record{
          NewUuid(),
          files.guests[(k * offline + i) % files.guests.size()],
          1,
          Kiosk(k),
          i % 2 ? Direction::kExit : Direction::kEntry,
          at,
          i % 2 ? Verdict::kGoodbye : Verdict::kWelcome,
          std::nullopt};
      if (!store.AppendCheckin(record).ok()) Die("cannot record a check-in");
    }
    if (!transaction->Commit().ok()) Die("cannot commit the check-ins");
  }
  size_t before = Store::Open(files.Path(0))->ListCheckins()->size();
  auto start = Stopwatch::now();
  // The network returns: every kiosk syncs at once, then once more to
  // fetch what the others sent meanwhile.
  for (int round = 0; round < 2; ++round) {
    std::vector<std::thread> kiosks;
    for (int k = 0; k < kKiosks; ++k) {
      kiosks.emplace_back([&, k] {
        Store store = Store::Open(files.Path(k)).value();
        auto report = SyncOnce(store, conninfo, Kiosk(k), SystemClock().Now());
        if (!report.ok()) Die(report.status().message());
      });
    }
    for (std::thread& t : kiosks) t.join();
  }
  double seconds = MillisSince(start) / 1000;
  size_t expected = before - offline + static_cast<size_t>(kKiosks) * offline;
  for (int k = 0; k < kKiosks; ++k) {
    size_t have = Store::Open(files.Path(k))->ListCheckins()->size();
    if (have != expected) {
      Die("kiosk " + Kiosk(k) + " has " + std::to_string(have) + " of " +
          std::to_string(expected) + " check-ins");
    }
  }
  std::printf(
      "%-44s %10.2f s (%d kiosks x %d check-ins, all %zu at every "
      "kiosk)\n",
      "offline check-ins converged after reconnect", seconds, kKiosks, offline,
      expected);
  TableRow("sync: " + std::to_string(kKiosks) + " kiosks x " +
               std::to_string(offline) + " offline check-ins converged",
           Fixed(seconds, 2, "s"), "target 50,000 under 10 s");
}

void Continuous(const EventFiles& files, const std::string& conninfo,
                int seconds) {
  SystemClock clock;
  std::atomic<bool> stop{false};
  std::vector<long> scanned(kKiosks, 0);
  std::vector<std::unique_ptr<SyncWorker>> workers;
  for (int k = 0; k < kKiosks; ++k) {
    workers.push_back(
        std::make_unique<SyncWorker>(files.Path(k), conninfo, Kiosk(k), clock));
  }
  std::vector<std::thread> kiosks;
  for (int k = 0; k < kKiosks; ++k) {
    kiosks.emplace_back([&, k] {
      Store store = Store::Open(files.Path(k)).value();
      Event event = store.GetEvent().value();
      Door door(store, clock, event, DoorSettingsFor(event, Direction::kEntry),
                Kiosk(k));
      size_t next = static_cast<size_t>(k) * 997;
      while (!stop) {
        auto outcome = door.Scan(files.codes[next++ % files.codes.size()]);
        if (!outcome.ok()) Die(outcome.status().message());
        if (outcome->recorded) ++scanned[k];
        workers[k]->Nudge();
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (std::thread& t : kiosks) t.join();
  long total = 0;
  for (long n : scanned) total += n;
  // Let the workers finish sending, then count everywhere.
  auto settle = Stopwatch::now();
  bool converged = false;
  while (!converged && Stopwatch::now() - settle < std::chrono::seconds(60)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    converged = true;
    std::vector<size_t> counts;
    for (int k = 0; k < kKiosks; ++k) {
      counts.push_back(Store::Open(files.Path(k))->ListCheckins()->size());
    }
    for (size_t c : counts) converged &= c == counts[0];
    for (auto& w : workers) converged &= w->status().waiting == 0;
  }
  workers.clear();
  std::printf("%-44s %10.0f /s (%ld scans in %d s by %d kiosks; %s)\n",
              "scans held with sync running",
              static_cast<double>(total) / seconds, total, seconds, kKiosks,
              converged ? "all kiosks converged, none lost"
                        : "NOT converged within 60 s");
  TableRow("sync: scans held by " + std::to_string(kKiosks) +
               " kiosks scanning for " + std::to_string(seconds) + " s",
           Fixed(static_cast<double>(total) / seconds, 0, "scans/s") +
               (converged ? ", none lost" : ", NOT converged"),
           "");
}

// Decide-and-commit times of scans at kiosk 0's door, one every 2 ms from
// the code after `next`, until `until` says stop. Dies on a scan that
// fails: a door that finds its file busy is a bug here, not a figure.
std::vector<double> PacedScans(const EventFiles& files, size_t& next,
                               const std::function<bool(size_t)>& until) {
  SystemClock clock;
  Store store = Store::Open(files.Path(0)).value();
  Event event = store.GetEvent().value();
  Door door(store, clock, event, DoorSettingsFor(event, Direction::kEntry),
            Kiosk(0));
  std::vector<double> ms;
  while (!until(ms.size())) {
    auto start = Stopwatch::now();
    auto outcome = door.Scan(files.codes[next++ % files.codes.size()]);
    ms.push_back(MillisSince(start));
    if (!outcome.ok()) Die("a scan failed: " + outcome.status().message());
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return ms;
}

void ScanRow(const std::string& figure, const std::vector<double>& ms,
             const std::string& baseline) {
  double max = ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
  std::printf("%-44s %10.3f %10.3f %8zu  max %.3f ms\n", figure.c_str(),
              Percentile(ms, 0.5), Percentile(ms, 0.99), ms.size(), max);
  TableRow("sync: " + figure + ", p50 / p99 / max",
           Fixed(Percentile(ms, 0.5), 2, "/") + " " +
               Fixed(Percentile(ms, 0.99), 2, "/") + " " + Fixed(max, 2, "ms"),
           baseline);
}

// A door reconnecting after an outage: the others sent `rows` check-ins
// meanwhile, which its sync worker pulls while guests keep scanning.
void Reconnect(const EventFiles& files, const std::string& conninfo, int rows) {
  {
    // Another door's offline check-ins, sent before this one returns.
    Store other = Store::Open(files.Path(1)).value();
    if (!other.EnableOutbox().ok()) Die("cannot start the outbox");
    Instant at = SystemClock().Now();
    for (int done = 0; done < rows;) {
      auto transaction = other.Begin();
      for (int i = 0; i < 5000 && done < rows; ++i, ++done) {
        CheckinRecord record{NewUuid(),
                             files.guests[done % files.guests.size()],
                             1,
                             Kiosk(1),
                             done % 2 ? Direction::kExit : Direction::kEntry,
                             at,
                             done % 2 ? Verdict::kGoodbye : Verdict::kWelcome,
                             std::nullopt};
        if (!other.AppendCheckin(record).ok()) Die("cannot record");
      }
      if (!transaction->Commit().ok()) Die("cannot commit the check-ins");
    }
    auto sent = SyncOnce(other, conninfo, Kiosk(1), SystemClock().Now());
    if (!sent.ok()) Die(sent.status().message());
  }
  // The disk settled after the setup's writes, for a fair baseline.
  ::sync();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  size_t next = 0;
  std::vector<double> idle =
      PacedScans(files, next, [](size_t n) { return n >= 2000; });
  ScanRow("door scan, sync idle (ms)", idle, "");
  auto counted = [&] {
    return Store::Open(files.Path(0))->ListCheckins()->size();
  };
  size_t before = counted();
  SystemClock clock;
  SyncWorker worker(files.Path(0), conninfo, Kiosk(0), clock);
  auto start = Stopwatch::now();
  size_t pulled = 0;
  // Counted every 100 scans: the count reads the whole file.
  std::vector<double> busy = PacedScans(files, next, [&](size_t n) {
    if (n % 100 != 0) return false;
    pulled = counted() - before;
    return pulled >= static_cast<size_t>(rows) ||
           Stopwatch::now() - start > std::chrono::seconds(120);
  });
  double seconds = MillisSince(start) / 1000;
  if (pulled < static_cast<size_t>(rows)) {
    Die("the pull did not end: " + std::to_string(pulled) + " rows, sync " +
        std::string(ToString(worker.status().state)) + " " +
        worker.status().detail);
  }
  ScanRow("door scan, its sync pulling " + std::to_string(rows) + " rows (ms)",
          busy, "target p99 under 5 ms, max under 50 ms");
  std::printf("%-44s %10.2f s\n", "the pull beside the scans", seconds);
}

// An empty box joined as a door and as a registration desk to an event of
// `guests` guests: from the setup code to a database ready to scan.
void Pair(const std::filesystem::path& dir, const std::string& conninfo,
          int guests) {
  Event named;
  named.name = "Conference";
  Instant now = SystemClock().Now();
  GuestEvent e = MakeGuestEvent(dir / "organiser.db", named, guests, now);
  if (!SyncOnce(e.store, conninfo, "organiser", now).ok()) {
    Die("the organiser's sync failed");
  }
  for (DeviceRole role : {DeviceRole::kDoor, DeviceRole::kRegistration}) {
    DeviceRequest request;
    request.name = std::string(ToString(role)) + "-1";
    request.role = role;
    request.secret_key = e.keys.secret_key;
    auto setup = AddDevice(e.store, conninfo, request, now);
    if (!setup.ok()) Die(setup.status().message());
    std::string db = (dir / (request.name + ".db")).string();
    auto start = Stopwatch::now();
    auto joined = JoinEvent(setup->address, setup->code, db, now);
    double seconds = MillisSince(start) / 1000;
    if (!joined.ok()) Die(joined.status().message());
    size_t held = Store::Open(db)->ListAttendees()->size();
    std::printf("pair an empty %s with %d guests: %.2f s, %zu guests held\n",
                request.name.c_str(), guests, seconds, held);
    TableRow("sync: an empty " + std::string(ToString(role)) +
                 " device paired to ready (entree device join), " +
                 std::to_string(guests) + " guests",
             Fixed(seconds, 2, "s"), "target: under 10 s");
    if (held != static_cast<size_t>(guests)) Die("guests missing");
  }
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree;
  using namespace entree::bench;
  BenchOptions options = ParseBenchOptions(
      argc, argv,
      {2000, 100, std::filesystem::temp_directory_path() / "entree-bench-sync",
       ""});
  int seconds = FlagValue(argc, argv, "--seconds", 60);
  int offline = FlagValue(argc, argv, "--offline", 10000);
  int pull = FlagValue(argc, argv, "--pull", 50000);
  std::string only;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string_view(argv[i]) == "--only") only = argv[i + 1];
  }
  auto runs = [&](std::string_view phase) {
    return only.empty() || only == phase;
  };
  std::printf("sync through PostgreSQL: %d kiosks, %d attendees\n\n", kKiosks,
              options.attendees);
  std::printf("%-44s %10s %10s %8s\n", "figure", "p50", "p99", "count");
  if (runs("lag")) {
    EventFiles files(options.dir / "lag", options.attendees);
    Server server(options.dir / "lag" / "pg");
    Lag(files, server.conninfo, options.scans);
  }
  if (runs("converge")) {
    EventFiles files(options.dir / "converge", options.attendees);
    Server server(options.dir / "converge" / "pg");
    Converge(files, server.conninfo, offline);
  }
  if (runs("reconnect")) {
    EventFiles files(options.dir / "reconnect", options.attendees);
    Server server(options.dir / "reconnect" / "pg");
    Reconnect(files, server.conninfo, pull);
  }
  if (runs("continuous")) {
    EventFiles files(options.dir / "continuous", options.attendees);
    Server server(options.dir / "continuous" / "pg");
    Continuous(files, server.conninfo, seconds);
  }
  if (runs("pair")) {
    std::filesystem::create_directories(options.dir / "pair");
    Server server(options.dir / "pair" / "pg");
    Pair(options.dir / "pair", server.conninfo,
         FlagValue(argc, argv, "--pair-guests", 10000));
  }
  return 0;
}
