// The benchmarks' made-up guest list and percentiles.
#include "bench_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string_view>

#include "entree/base/uuid.h"
#include "entree/people/import.h"

namespace entree::bench {

GuestEvent MakeGuestEvent(const std::filesystem::path& db, Event event,
                          int guests, Instant imported_at) {
  auto store = Store::Open(db.string());
  if (!store.ok()) Die(store.status().message());
  KeyPair keys = GenerateKeyPair();
  event.id = NewEventId();
  event.public_key = keys.public_key;
  if (auto s = store->CreateEvent(event); !s.ok()) Die(s.message());
  ImportOptions import;
  import.now = imported_at;
  if (auto r = ImportAttendees(*store, MakeGuestCsv(guests), import); !r.ok()) {
    Die(r.status().message());
  }
  return {std::move(store).value(), std::move(event), keys};
}

std::string MakeGuestCsv(int count) {
  const char* given[] = {"Anouk", "Bram",   "Chantal", "Daan",   "Eline",
                         "Frank", "Gerrit", "Hanneke", "Ingrid", "Joost",
                         "Zoë",   "Renée",  "Björn",   "Céline", "Jan Willem"};
  const char* family[] = {"de Vries",  "van der Veen", "Bügel",   "Jansen",
                          "ter Horst", "van 't Hof",   "Mulder",  "Bosman",
                          "de Gelder", "Wiersma",      "Lefèvre", "Smit"};
  const char* sector[] = {"Bedrijfsleven", "Overheid", "Onderwijs", "Overig"};
  const char* table[] = {"Human Capital", "Smart Industry",
                         "Marketing & regiobranding"};
  std::string csv = "id,voornaam,achternaam,organisatie,sector,email,tafel\n";
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    std::string org = std::to_string(i % 997);
    for (std::string_view part :
         {std::string_view("G"), std::string_view(n), std::string_view(","),
          std::string_view(given[i % 15]), std::string_view(","),
          std::string_view(family[(i / 15) % 12]), std::string_view(",Org "),
          std::string_view(org), std::string_view(","),
          std::string_view(sector[i % 4]), std::string_view(",guest"),
          std::string_view(n), std::string_view("@example.nl,"),
          std::string_view(table[i % 3]), std::string_view("\n")}) {
      csv.append(part);
    }
  }
  return csv;
}

BenchOptions ParseBenchOptions(int argc, char** argv, BenchOptions options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--attendees") options.attendees = std::atoi(argv[i + 1]);
    if (flag == "--scans") options.scans = std::atoi(argv[i + 1]);
    if (flag == "--dir") options.dir = argv[i + 1];
    if (flag == "--kiosk") options.kiosk = argv[i + 1];
  }
  options.scans = std::min(options.scans, options.attendees);
  std::filesystem::remove_all(options.dir);
  std::filesystem::create_directories(options.dir);
  return options;
}

int FlagValue(int argc, char** argv, std::string_view flag, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == flag) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

void TableRow(std::string_view figure, std::string_view measured,
              std::string_view baseline) {
  const char* path = std::getenv("ENTREE_BENCH_TABLE");
  if (!path || !*path) return;
  std::ofstream out(path, std::ios::app);
  out << "| " << figure << " | " << measured << " | " << baseline << " |\n";
}

std::string Fixed(double value, int decimals, std::string_view unit) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return std::string(text) + (unit.empty() ? "" : " ") + std::string(unit);
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}

void Die(std::string_view why) {
  std::cerr << "bench: " << why << "\n";
  std::exit(1);
}

int RunKioskHeadless(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid < 0) Die("cannot fork");
  if (pid == 0) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    std::vector<char*> argv;
    for (const std::string& arg : args) {
      argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double Percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  return samples[static_cast<size_t>(p *
                                     static_cast<double>(samples.size() - 1))];
}

}  // namespace entree::bench
