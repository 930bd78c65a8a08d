// Benchmark of the kiosk: the real entree-kiosk, headless, on an event of
// N attendees, fed badge scans as a wedge scanner sends them. Prints
// scan-to-verdict latency (last keystroke to the frame showing the
// verdict), frame times, cold start to the first frame, and peak RSS.
//
// Usage: entree-bench-kiosk [--attendees N] [--scans N] [--dir DIR]
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/desk/registration.h"
#include "entree/store/store.h"

namespace entree::bench {
namespace {

int64_t WallNs() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

int Main(int argc, char** argv) {
  BenchOptions bench = ParseBenchOptions(
      argc, argv,
      {100000, 100, std::filesystem::current_path() / "bench-kiosk-data",
       ENTREE_KIOSK_PATH});
  const int attendees = bench.attendees;
  const int scans = bench.scans;
  const std::filesystem::path& dir = bench.dir;
  const std::string& kiosk = bench.kiosk;
  std::string db = (dir / "event.db").string();

  std::vector<std::string> codes;
  {
    Event named;
    named.name = "Benchmark conference";
    Instant now = SystemClock().Now();
    GuestEvent e = MakeGuestEvent(db, named, attendees, now);
    auto people = e.store.ListAttendees();
    BadgeIssuer issuer(e.store, e.event.id, e.keys.secret_key, "desk");
    // Guests spread over the whole list, not just its first rows.
    size_t stride = std::max<size_t>(1, people->size() / scans);
    for (size_t i = 0; i < people->size() && codes.size() < size_t(scans);
         i += stride) {
      auto badge = issuer.BadgeFor((*people)[i].id, false, now);
      if (!badge.ok()) Die(badge.status().message());
      codes.push_back(badge->code);
    }
  }

  std::string script = (dir / "script.txt").string();
  {
    std::ofstream out(script);
    out << "wait 500\n";
    for (const std::string& code : codes)
      out << "scan " << code << "\nwait 80\n";
    out << "wait 500\nquit\n";
  }
  std::string timing = (dir / "timing.txt").string();
  int64_t spawned = WallNs();
  int rc = RunKioskHeadless({kiosk, "--db", db, "--kiosk", "bench", "--role",
                             "door", "--windowed", "--size", "1280x720",
                             "--script", script, "--timing", timing});
  if (rc != 0) Die("the kiosk exited with " + std::to_string(rc));

  std::map<std::string, std::vector<double>> samples;
  std::ifstream in(timing);
  std::string key;
  double value = 0;
  int64_t first_frame_ns = 0;
  std::map<std::string, long> memory_kib;
  while (in >> key) {
    if (key == "first_frame_ns") {
      in >> first_frame_ns;
    } else if (key.back() == ':') {
      in >> memory_kib[key];
    } else if (in >> value) {
      samples[key].push_back(value);
    }
  }
  auto store = Store::Open(db);
  size_t recorded = store->ListCheckins()->size();

  std::printf(
      "Entree kiosk benchmark: %d attendees, %d scans, headless "
      "(SDL offscreen, software renderer), 1280x720\n\n",
      attendees, scans);
  std::printf("%-44s %10s %10s %8s\n", "figure", "p50 ms", "p99 ms", "count");
  for (const char* name :
       {"scan_to_verdict_ms", "frame_work_ms", "frame_interval_ms"}) {
    const auto& s = samples[name];
    std::printf("%-44s %10.2f %10.2f %8zu\n", name, Percentile(s, 0.5),
                Percentile(s, 0.99), s.size());
  }
  std::printf("\ncold start to first frame: %.1f ms\n",
              static_cast<double>(first_frame_ns - spawned) / 1e6);
  std::printf(
      "kiosk memory: peak RSS %.1f MiB; at exit %.1f MiB own (anonymous) "
      "+ %.1f MiB of mapped shared libraries\n",
      static_cast<double>(memory_kib["VmHWM:"]) / 1024,
      static_cast<double>(memory_kib["RssAnon:"]) / 1024,
      static_cast<double>(memory_kib["RssFile:"]) / 1024);
  std::printf("check-ins recorded: %zu of %zu scans\n", recorded, codes.size());

  const auto& verdict = samples["scan_to_verdict_ms"];
  TableRow("kiosk: wedge scan to verdict on screen, p50 / p99",
           Fixed(Percentile(verdict, 0.5), 2, "/") + " " +
               Fixed(Percentile(verdict, 0.99), 2, "ms"),
           "one frame at 60 Hz: 16.7 ms");
  TableRow("kiosk: cold start to first frame",
           Fixed(static_cast<double>(first_frame_ns - spawned) / 1e6, 0, "ms"),
           "");
  TableRow("kiosk: peak RSS",
           Fixed(static_cast<double>(memory_kib["VmHWM:"]) / 1024, 1, "MiB"),
           "");
  return recorded == codes.size() ? 0 : 1;
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) { return entree::bench::Main(argc, argv); }
