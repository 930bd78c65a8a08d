// Benchmark of the store on one disk: check-in latency beside a bare SQLite
// insert, CSV import beside the sqlite3 shell's .import, export, peak RSS.
//
// Usage: entree-bench-store [--attendees N] [--scans N] [--dir DIR]
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"
#include "entree/door/door.h"
#include "entree/people/export.h"
#include "entree/people/import.h"
#include "entree/store/store.h"

namespace entree::bench {
namespace {

using Clock = std::chrono::steady_clock;

void Die(const Status& status) { bench::Die(status.message()); }

struct LatencyRow {
  std::string what;
  double p50 = 0, p99 = 0;
};

// Autocommitted single-row inserts into a table shaped like the check-in
// log, with the store's pragmas.
LatencyRow BareInsert(const std::string& path, int count) {
  auto db = Database::Open(path);
  if (!db.ok()) Die(db.status());
  if (auto s = db->Exec("CREATE TABLE t (id TEXT PRIMARY KEY, attendee_id "
                        "TEXT, badge_serial INTEGER, kiosk_id TEXT, "
                        "direction TEXT, at INTEGER, verdict TEXT)");
      !s.ok()) {
    Die(s);
  }
  auto stmt = db->Prepare(
      "INSERT INTO t VALUES (?1, ?2, 1, 'k', 'entry', ?3, "
      "'welcome')");
  if (!stmt.ok()) Die(stmt.status());
  std::vector<double> samples;
  for (int i = 0; i < count; ++i) {
    std::string id = ToString(NewUuid());
    auto start = Clock::now();
    Status s = stmt->Bind(1, id).Bind(2, id).Bind(3, int64_t{i}).Run();
    samples.push_back(MillisSince(start));
    if (!s.ok()) Die(s);
  }
  return {"bare SQLite insert (same pragmas)", Percentile(samples, 0.5),
          Percentile(samples, 0.99)};
}

LatencyRow CheckinLatency(Store& store, const std::vector<std::string>& codes,
                          std::string what) {
  auto event = store.GetEvent();
  if (!event.ok()) Die(event.status());
  SystemClock clock;
  Door door(store, clock, *event, DoorSettingsFor(*event, Direction::kEntry),
            "bench");
  std::vector<double> samples;
  for (const std::string& code : codes) {
    auto start = Clock::now();
    auto outcome = door.Scan(code);
    samples.push_back(MillisSince(start));
    if (!outcome.ok()) Die(outcome.status());
    if (outcome->verdict != Verdict::kWelcome) {
      std::cerr << "bench: unexpected verdict " << ToString(outcome->verdict)
                << "\n";
      std::exit(1);
    }
  }
  return {std::move(what), Percentile(samples, 0.5), Percentile(samples, 0.99)};
}

// A pretix order positions export (the full header row of "Order data")
// with `tickets` tickets, two or three per order, one in twenty cancelled.
std::string PretixExport(int tickets) {
  std::string csv =
      "Event slug,Order code,Position ID,Status,Email,Phone number,Order "
      "date,Order time,Product,Variation,Price,Tax rate,Tax rule,Tax "
      "value,Attendee name,Attendee name: Given name,Attendee name: Family "
      "name,Attendee email,Company,Address,ZIP code,City,Country,State,"
      "Voucher,Pseudonymization ID,Ticket secret,Seat ID,Blocked,Valid "
      "from,Valid until,Order comment,Sector,Company,Invoice address name,"
      "Sales channel,Order locale\n";
  int order = 0, position = 0;
  for (int i = 0; i < tickets; ++i) {
    if (position == 0 || position == 2 + order % 2) {
      ++order;
      position = 0;
    }
    ++position;
    std::string n = std::to_string(i);
    std::string code = "P" + std::to_string(100000 + order);
    csv += "bench," + code + "," + std::to_string(position) + "," +
           (i % 20 == 7 ? "canceled" : "paid") + ",buyer" +
           std::to_string(order) +
           "@example.nl,,2026-10-02,14:03:11,Deelnemer,,0.00,0.00,,0.00,"
           "Gast van der " +
           n + ",Gast,van der " + n + ",gast" + n + "@example.nl,Bedrijf " +
           std::to_string(order) + ",,,,NL,,,PSE" + n + ",secret" + n +
           "x7k2q9,,No,,,,Bedrijfsleven,Bedrijf " + std::to_string(order) +
           ",Koper " + std::to_string(order) + ",web,nl\n";
  }
  return csv;
}

// What SQLite alone needs for the rows the import wrote: the same attendee
// rows, already in memory and in id order, inserted into a new event
// database by one INSERT ... SELECT and committed, the way the import
// writes into an empty list (cache, no foreign-key lookups, a rollback
// journal, the indexes made after the rows); then the database is closed.
double SqliteFloorMs(const std::string& imported_db, const std::string& path) {
  auto store = std::make_optional(Store::Open(path));
  if (!store->ok()) Die(store->status());
  Database& db = StoreInspector::Db(**store);
  for (const std::string& sql : {
           "ATTACH DATABASE '" + imported_db + "' AS imported",
           std::string("INSERT INTO seating_table SELECT * FROM "
                       "imported.seating_table"),
           std::string("CREATE TEMP TABLE staged AS SELECT * FROM "
                       "imported.attendee ORDER BY id"),
           std::string("DETACH DATABASE imported"),
           std::string("PRAGMA cache_size = -131072"),
           std::string("PRAGMA foreign_keys = OFF"),
       }) {
    if (auto s = db.Exec(sql); !s.ok()) Die(s);
  }
  std::string drop_indexes, make_indexes;
  {
    auto indexes = db.Prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
        "tbl_name = 'attendee' AND sql IS NOT NULL");
    if (!indexes.ok()) Die(indexes.status());
    while (true) {
      auto row = indexes->Step();
      if (!row.ok()) Die(row.status());
      if (!*row) break;
      drop_indexes += "DROP INDEX " + indexes->ColumnText(0) + "; ";
      make_indexes += indexes->ColumnText(1) + "; ";
    }
  }
  auto start = Clock::now();
  if (auto s = db.Exec("PRAGMA journal_mode = DELETE; BEGIN; " + drop_indexes +
                       "INSERT INTO attendee SELECT * FROM staged; " +
                       make_indexes + "COMMIT; PRAGMA journal_mode = WAL;");
      !s.ok()) {
    Die(s);
  }
  store.reset();
  return MillisSince(start);
}

// Opens the store, imports `csv` and closes the store again.
ImportReport ImportOnce(const std::string& path, std::string_view csv,
                        const ImportOptions& options) {
  auto store = Store::Open(path);
  if (!store.ok()) Die(store.status());
  auto report = ImportAttendees(*store, csv, options);
  if (!report.ok()) Die(report.status());
  return *report;
}

// A new event database at `path` holding only `event`.
void NewEventDatabase(const std::string& path, const Event& event) {
  std::filesystem::remove(path);
  auto created = Store::Open(path);
  if (!created.ok()) Die(created.status());
  if (auto s = created->CreateEvent(event); !s.ok()) Die(s);
}

// Median of three imports of `csv` into a new event database at `path`,
// each from opening the database to closing it.
double MedianImportMs(const std::string& path, const Event& event,
                      const std::string& csv, const ImportOptions& options,
                      ImportReport& report) {
  std::vector<double> runs;
  for (int run = 0; run < 3; ++run) {
    NewEventDatabase(path, event);
    auto start = Clock::now();
    report = ImportOnce(path, csv, options);
    runs.push_back(MillisSince(start));
  }
  return Percentile(runs, 0.5);
}

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int Main(int argc, char** argv) {
  BenchOptions bench = ParseBenchOptions(
      argc, argv,
      {100000, 2000, std::filesystem::current_path() / "bench-data", ""});
  const int attendees = bench.attendees;
  const int scans = bench.scans;
  const std::filesystem::path& dir = bench.dir;

  std::string csv_path = (dir / "guests.csv").string();
  {
    std::ofstream out(csv_path, std::ios::binary);
    out << MakeGuestCsv(attendees);
  }
  std::string csv;
  {
    std::ifstream in(csv_path, std::ios::binary);
    csv.assign(std::istreambuf_iterator<char>(in), {});
  }

  // Import through Entree, from opening the event database to closing it,
  // as the shell's run below opens, imports and closes (closing moves the
  // log's pages into the database file). Both run kImportRuns times, in
  // turns, each into a new file; the medians are reported, as one write of
  // 30 MB and its fsync vary by tens of milliseconds on the same disk.
  constexpr int kImportRuns = 3;
  const std::string event_db = (dir / "event.db").string();
  const std::string shell_db = (dir / "shell.db").string();
  KeyPair keys = GenerateKeyPair();
  Event event;
  event.id = NewEventId();
  event.name = "Benchmark";
  event.public_key = keys.public_key;
  ImportOptions options;
  options.now = SystemClock().Now();
  ImportReport report;
  std::vector<double> import_runs, shell_runs;
  int shell_rc = 0;
  for (int run = 0; run < kImportRuns; ++run) {
    NewEventDatabase(event_db, event);
    std::filesystem::remove(shell_db);
    auto import_start = Clock::now();
    report = ImportOnce(event_db, csv, options);
    import_runs.push_back(MillisSince(import_start));

    // The same file through the sqlite3 shell, same pragmas, same disk.
    std::string command =
        "sqlite3 -batch " + shell_db +
        " 'PRAGMA journal_mode=WAL;' 'PRAGMA synchronous=FULL;' "
        "'.import --csv " +
        csv_path + " guests' > /dev/null";
    auto shell_start = Clock::now();
    shell_rc |= std::system(command.c_str());
    shell_runs.push_back(MillisSince(shell_start));
  }
  const double import_ms = Percentile(import_runs, 0.5);
  const double shell_ms = Percentile(shell_runs, 0.5);

  double floor_ms = SqliteFloorMs(event_db, (dir / "floor.db").string());

  auto store = Store::Open(event_db);
  if (!store.ok()) Die(store.status());

  // Badges for everyone, then scans of distinct guests.
  std::vector<std::string> codes;
  std::set<Uuid> scanned;
  {
    auto people = store->ListAttendees();
    if (!people.ok()) Die(people.status());
    auto tx = store->Begin();
    if (!tx.ok()) Die(tx.status());
    for (const Attendee& a : *people) {
      auto badge = store->IssueBadge(a.id, "desk", options.now);
      if (!badge.ok()) Die(badge.status());
      if (static_cast<int>(codes.size()) < scans) {
        codes.push_back(
            SignBadgeCode({event.id, a.id, badge->serial}, keys.secret_key));
        scanned.insert(a.id);
      }
    }
    if (auto s = tx->Commit(); !s.ok()) Die(s);
  }
  LatencyRow checkin = CheckinLatency(
      *store, codes, "check-in (verify + decide + durable commit)");
  // The same for guests who show their shop's ticket: other guests (not
  // let in above), each given a barcode as an import of a shop's list
  // would.
  std::vector<std::string> shop_codes;
  {
    auto people = store->ListAttendeesByCreation();
    if (!people.ok()) Die(people.status());
    auto tx = store->Begin();
    if (!tx.ok()) Die(tx.status());
    for (size_t i = people->size() / 2;
         i < people->size() && static_cast<int>(shop_codes.size()) < scans;
         ++i) {
      Attendee a = (*people)[i];
      if (scanned.count(a.id) != 0) continue;
      a.shop_code = "shop" + std::to_string(i) + "q7w2e9r4t6y8u1i3";
      if (auto s = store->UpdateAttendee(a); !s.ok()) Die(s);
      shop_codes.push_back(a.shop_code);
    }
    if (auto s = tx->Commit(); !s.ok()) Die(s);
  }
  LatencyRow shop = CheckinLatency(*store, shop_codes,
                                   "check-in by shop barcode (index + decide)");

  ImportReport pretix_report;
  const int kPretixTickets = 2000;
  double pretix_ms =
      MedianImportMs((dir / "pretix.db").string(), event,
                     PretixExport(kPretixTickets), options, pretix_report);
  LatencyRow bare = BareInsert((dir / "bare.db").string(), scans);

  auto export_start = Clock::now();
  auto rows = store->Attendance();
  if (!rows.ok()) Die(rows.status());
  std::string exported = AttendanceCsv(*rows, TimeZone::Utc(),
                                       Catalog::For(Language::kEnglish), ',');
  {
    std::ofstream out(dir / "attendance.csv", std::ios::binary);
    out << exported;
  }
  double export_ms = MillisSince(export_start);

  std::printf("Entree store benchmark: %d attendees, %d scans, data in %s\n\n",
              attendees, scans, dir.c_str());
  std::printf("%-46s %10s %10s %8s\n", "latency", "p50 ms", "p99 ms", "ratio");
  std::printf("%-46s %10.3f %10.3f %8s\n", bare.what.c_str(), bare.p50,
              bare.p99, "1.00x");
  std::printf("%-46s %10.3f %10.3f %7.2fx\n", checkin.what.c_str(), checkin.p50,
              checkin.p99, checkin.p99 / bare.p99);
  std::printf("%-46s %10.3f %10.3f %7.2fx\n", shop.what.c_str(), shop.p50,
              shop.p99, shop.p99 / bare.p99);
  std::string bulk =
      "bulk (imports: median of " + std::to_string(kImportRuns) + " runs)";
  std::printf("\n%-46s %10s %8s\n", bulk.c_str(), "ms", "ratio");
  std::printf("%-46s %10.1f %8s%s\n", "sqlite3 shell .import (same file)",
              shell_ms, "1.00x", shell_rc == 0 ? "" : "  (sqlite3 failed)");
  std::printf("%-46s %10.1f %7.2fx\n",
              "SQLite alone: the same rows from memory", floor_ms,
              floor_ms / shell_ms);
  std::printf("%-46s %10.1f %7.2fx\n", "entree import (same file)", import_ms,
              import_ms / shell_ms);
  std::printf("%-46s %10.1f\n", "entree export (attendance CSV)", export_ms);
  std::printf("\nimported %d, rejected %d; exported %zu rows (%zu bytes)\n",
              report.imported, report.rejected, rows->size(), exported.size());
  std::printf("peak RSS: %.1f MiB\n", static_cast<double>(PeakRssKiB()) / 1024);

  std::string guests = " (" + std::to_string(attendees) + " attendees)";
  TableRow("check-in p50 / p99" + guests,
           Fixed(checkin.p50, 3, "/") + " " + Fixed(checkin.p99, 3, "ms"),
           "bare SQLite insert " + Fixed(bare.p50, 3, "/") + " " +
               Fixed(bare.p99, 3, "ms") + "; target p99 within 2x (" +
               Fixed(checkin.p99 / bare.p99, 2, "") + "x" + ")");
  TableRow("check-in by shop barcode p50 / p99" + guests,
           Fixed(shop.p50, 3, "/") + " " + Fixed(shop.p99, 3, "ms"),
           "Entree badge p99 " + Fixed(checkin.p99, 3, "ms") +
               "; target within 1.2x (" + Fixed(shop.p99 / checkin.p99, 2, "") +
               "x)");
  TableRow("pretix export import (" + std::to_string(kPretixTickets) +
               " tickets, " + std::to_string(pretix_report.not_admitted) +
               " cancelled), median of 3",
           Fixed(pretix_ms / 1000, 3, "s"), "target under 0.5 s");
  TableRow("CSV import" + guests + ", median of " + std::to_string(kImportRuns),
           Fixed(import_ms / 1000, 2, "s"),
           "sqlite3 .import " + Fixed(shell_ms / 1000, 2, "s") +
               "; target within 1.5x (" + Fixed(import_ms / shell_ms, 2, "") +
               "x" + ")");
  TableRow("SQLite alone: the imported rows from memory" + guests,
           Fixed(floor_ms / 1000, 2, "s"),
           "INSERT ... SELECT into the same schema (" +
               Fixed(floor_ms / shell_ms, 2, "") + "x .import)");
  TableRow("attendance export" + guests, Fixed(export_ms / 1000, 2, "s"),
           "target under 1 s");
  TableRow("store benchmark peak RSS",
           Fixed(static_cast<double>(PeakRssKiB()) / 1024, 1, "MiB"), "");
  return 0;
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) { return entree::bench::Main(argc, argv); }
