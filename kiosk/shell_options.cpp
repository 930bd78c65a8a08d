// The kiosk program's command line.
#include "shell_options.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace entree::kiosk {

void PrintUsage() {
  std::cout
      << "Usage: entree-kiosk [--config FILE] [--db PATH] [--kiosk ID]\n"
         "         [--role door|registration|both] [--exit] [--lang nl|en|de]\n"
         "         [--pin-hash HASH] [--secret-key PATH] [--printer QUEUE]\n"
         "         [--print-server HOST|SOCKET] [--badge-layout NAME|FILE]\n"
         "         [--camera DEVICE] [--camera-frames PATH] [--server "
         "CONNINFO]\n"
         "         [--export-dir DIR] [--idle-timeout SECONDS] [--windowed]\n"
         "         [--scanner DEVICE]\n"
         "         [--size WxH] [--script FILE] [--timing FILE]\n"
         "         [--verdict-log FILE]\n"
         "Settings come from --config (default /etc/entree/kiosk.conf when "
         "it exists), then the flags.\n";
}

std::optional<ShellOptions> ParseOptions(int argc, char** argv) {
  ShellOptions options;
  std::string config_path;
  std::ostringstream overrides;  // flags become settings lines
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--config" && (v = value())) {
      config_path = *v;
    } else if (arg == "--db" && (v = value())) {
      overrides << "database = " << *v << "\n";
    } else if (arg == "--kiosk" && (v = value())) {
      overrides << "kiosk_id = " << *v << "\n";
    } else if (arg == "--role" && (v = value())) {
      overrides << "role = " << *v << "\n";
    } else if (arg == "--exit") {
      overrides << "direction = exit\n";
    } else if (arg == "--lang" && (v = value())) {
      overrides << "language = " << *v << "\n";
    } else if (arg == "--pin-hash" && (v = value())) {
      overrides << "staff_pin_hash = " << *v << "\n";
    } else if (arg == "--secret-key" && (v = value())) {
      overrides << "secret_key = " << *v << "\n";
    } else if (arg == "--printer" && (v = value())) {
      overrides << "printer = " << *v << "\n";
    } else if (arg == "--print-server" && (v = value())) {
      overrides << "print_server = " << *v << "\n";
    } else if (arg == "--badge-layout" && (v = value())) {
      overrides << "badge_layout = " << *v << "\n";
    } else if (arg == "--server" && (v = value())) {
      overrides << "server = " << *v << "\n";
    } else if (arg == "--scanner" && (v = value())) {
      overrides << "scanner = " << *v << "\n";
    } else if (arg == "--verdict-log" && (v = value())) {
      options.verdict_log = *v;
    } else if (arg == "--export-dir" && (v = value())) {
      overrides << "export_dir = " << *v << "\n";
    } else if (arg == "--camera" && (v = value())) {
      overrides << "camera = " << *v << "\n";
    } else if (arg == "--camera-frames" && (v = value())) {
      overrides << "camera_frames = " << *v << "\n";
    } else if (arg == "--idle-timeout" && (v = value())) {
      overrides << "idle_timeout = " << *v << "\n";
    } else if (arg == "--windowed") {
      options.windowed = true;
    } else if (arg == "--size" && (v = value())) {
      if (std::sscanf(v->c_str(), "%dx%d", &options.width, &options.height) !=
          2) {
        return std::nullopt;
      }
    } else if (arg == "--script" && (v = value())) {
      options.script = *v;
    } else if (arg == "--timing" && (v = value())) {
      options.timing = *v;
    } else {
      return std::nullopt;
    }
  }
  if (config_path.empty()) {
    std::ifstream probe("/etc/entree/kiosk.conf");
    if (probe) config_path = "/etc/entree/kiosk.conf";
  }
  KioskConfig config;
  if (const char* db = std::getenv("ENTREE_DB")) config.database = db;
  if (!config_path.empty()) {
    std::ifstream in(config_path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "entree-kiosk: cannot read " << config_path << "\n";
      return std::nullopt;
    }
    auto parsed = ParseKioskConfig(text.str(), config);
    if (!parsed.ok()) {
      std::cerr << "entree-kiosk: " << config_path << ": "
                << parsed.status().message() << "\n";
      return std::nullopt;
    }
    config = *parsed;
  }
  auto with_flags = ParseKioskConfig(overrides.str(), config);
  if (!with_flags.ok()) {
    std::cerr << "entree-kiosk: " << with_flags.status().message() << "\n";
    return std::nullopt;
  }
  options.config = *with_flags;
  if (options.config.database.empty()) return std::nullopt;
  return options;
}

}  // namespace entree::kiosk
