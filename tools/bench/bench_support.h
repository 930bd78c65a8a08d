// What the benchmarks share: a made-up guest list, percentiles.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "entree/codes/badge_token.h"
#include "entree/store/store.h"

namespace entree {
// The file under a Store, for checks no product code needs (pragmas,
// tampering, SQLite-alone baselines). Store names this class its friend.
class StoreInspector {
 public:
  static Database& Db(Store& store) { return store.db_; }
};
}  // namespace entree

namespace entree::bench {

// `count` guests with Dutch-looking names (particles, diacritics), an
// organisation, sector, email and World Café table; ids G0, G1, ...
std::string MakeGuestCsv(int count);

// A new event database at `db` holding `event` (given its id and a new key
// pair) and `guests` guests of MakeGuestCsv, imported at `imported_at`.
// Dies when any step fails.
struct GuestEvent {
  Store store;
  Event event;
  KeyPair keys;
};
GuestEvent MakeGuestEvent(const std::filesystem::path& db, Event event,
                          int guests, Instant imported_at);

// The command line every benchmark takes: --attendees N, --scans N,
// --dir DIR (made empty), --kiosk PATH (the kiosk benchmark's program).
struct BenchOptions {
  int attendees = 100000;
  int scans = 100;
  std::filesystem::path dir;
  std::string kiosk;
};
// Reads the flags over `defaults`, caps scans at attendees, and empties
// the data directory.
BenchOptions ParseBenchOptions(int argc, char** argv, BenchOptions defaults);

// The number after `flag` on the command line, or `fallback`.
int FlagValue(int argc, char** argv, std::string_view flag, int fallback);

// Milliseconds since `start`.
double MillisSince(std::chrono::steady_clock::time_point start);

// Prints "bench: WHY" and exits with 1: a benchmark that cannot run says
// why and stops.
[[noreturn]] void Die(std::string_view why);

// Runs the kiosk program `args[0]` headless (SDL offscreen, no sound) and
// waits for it; returns its exit code (-1 when it did not exit normally).
int RunKioskHeadless(const std::vector<std::string>& args);

// Adds a row to the benchmark table when $ENTREE_BENCH_TABLE names a file
// (tools/benchmarks.sh collects them into BENCHMARKS.md): the figure, what
// was measured, and the baseline or target it stands beside.
void TableRow(std::string_view figure, std::string_view measured,
              std::string_view baseline);
// `value` with `decimals` decimals, then `unit` ("2.44 ms").
std::string Fixed(double value, int decimals, std::string_view unit);

// The p-th percentile (0..1) of `samples`, by nearest rank; 0 when empty.
double Percentile(std::vector<double> samples, double p);

}  // namespace entree::bench
