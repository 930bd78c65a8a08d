// The kiosk program's command line: settings from --config (default
// /etc/entree/kiosk.conf when it exists), then the flags, plus the options
// that only tests and benchmarks use (--script, --timing, --verdict-log).
#pragma once

#include <optional>
#include <string>

#include "entree/desk/kiosk_config.h"

namespace entree::kiosk {

struct ShellOptions {
  KioskConfig config;
  bool windowed = false;
  int width = 1024, height = 600;  // window size when windowed
  std::string script;
  std::string timing;  // where to write measurements, on quit
  // Where to append a line for every verdict the moment it is on screen
  // (crash tests compare it with the database).
  std::string verdict_log;
};

// Prints the usage line to standard output.
void PrintUsage();

// The options of `argv`, or nothing (after saying why on standard error
// where there is more to say than the usage) when they are wrong or name no
// database.
std::optional<ShellOptions> ParseOptions(int argc, char** argv);

}  // namespace entree::kiosk
