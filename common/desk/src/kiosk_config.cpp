// Parsing the kiosk's settings file.
#include "entree/desk/kiosk_config.h"

#include <charconv>
#include <cstdio>

#include "entree/badges/badge_layout.h"
#include "entree/base/model.h"
#include "entree/base/text.h"

namespace entree {
namespace {

Status LineError(int line, std::string_view key, std::string_view value) {
  return Status::Localized(
      StatusCode::kInvalidArgument, "error.config_line",
      {std::to_string(line), std::string(key), std::string(value)});
}

// The whole of `value` as a number from `low` to `high`; nullopt for
// anything else (trailing text, NaN, out of range).
template <typename Number>
std::optional<Number> NumberIn(std::string_view value, Number low,
                               Number high) {
  Number number{};
  auto [ptr, error] =
      std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || ptr != value.data() + value.size() ||
      !(number >= low && number <= high)) {
    return std::nullopt;
  }
  return number;
}

}  // namespace

std::string_view ToString(KioskRole role) {
  switch (role) {
    case KioskRole::kDoor:
      return "door";
    case KioskRole::kRegistration:
      return "registration";
    case KioskRole::kBoth:
      return "both";
  }
  return "both";
}

std::optional<KioskRole> ParseKioskRole(std::string_view text) {
  for (KioskRole role :
       {KioskRole::kDoor, KioskRole::kRegistration, KioskRole::kBoth}) {
    if (ToString(role) == text) return role;
  }
  return std::nullopt;
}

std::string_view ToString(Side side) {
  switch (side) {
    case Side::kLeft:
      return "left";
    case Side::kRight:
      return "right";
    case Side::kBelow:
      return "below";
  }
  return "below";
}

std::optional<Side> ParseSide(std::string_view text) {
  for (Side side : {Side::kLeft, Side::kRight, Side::kBelow}) {
    if (ToString(side) == text) return side;
  }
  return std::nullopt;
}

std::string_view ToString(PrintOnScan when) {
  switch (when) {
    case PrintOnScan::kFirst:
      return "first";
    case PrintOnScan::kAlways:
      return "always";
    case PrintOnScan::kNever:
      return "never";
  }
  return "first";
}

std::optional<PrintOnScan> ParsePrintOnScan(std::string_view text) {
  for (PrintOnScan when :
       {PrintOnScan::kFirst, PrintOnScan::kAlways, PrintOnScan::kNever}) {
    if (ToString(when) == text) return when;
  }
  return std::nullopt;
}

Result<KioskConfig> ParseKioskConfig(std::string_view text, KioskConfig base) {
  KioskConfig config = std::move(base);
  for (const KeyValueLine& kv : KeyValueLines(text)) {
    int line_number = kv.line;
    std::string_view key = kv.key;
    std::string_view value = kv.value;
    if (!kv.has_equals) return LineError(line_number, key, "");
    if (size_t hash = value.find(" #"); hash != std::string_view::npos) {
      value = Trim(value.substr(0, hash));  // a comment after the value
    }
    if (key == "database") {
      config.database = value;
    } else if (key == "kiosk_id") {
      config.kiosk_id = value;
    } else if (key == "role") {
      auto role = ParseKioskRole(value);
      if (!role) return LineError(line_number, key, value);
      config.role = *role;
    } else if (key == "direction") {
      auto direction = ParseDirection(value);
      if (!direction) return LineError(line_number, key, value);
      config.direction = *direction;
    } else if (key == "language") {
      auto language = ParseLanguage(value);
      if (!language) return LineError(line_number, key, value);
      config.language = *language;
    } else if (key == "staff_pin_hash") {
      config.staff_pin_hash = value;
    } else if (key == "secret_key") {
      config.secret_key = value;
    } else if (key == "printer") {
      config.printer = value;
    } else if (key == "print_server") {
      config.print_server = value;
    } else if (key == "badge_layout") {
      if (!LoadBadgeLayout(value).ok()) {
        return LineError(line_number, key, value);
      }
      config.badge_layout = value;
    } else if (key == "print_on_scan") {
      std::optional<PrintOnScan> when = ParsePrintOnScan(value);
      if (!when) return LineError(line_number, key, value);
      config.print_on_scan = *when;
    } else if (key == "idle_timeout" || key == "print_wait") {
      std::optional<int> seconds = NumberIn(value, 5, 3600);
      if (!seconds) return LineError(line_number, key, value);
      (key == "idle_timeout" ? config.idle_timeout : config.print_wait) =
          std::chrono::seconds(*seconds);
    } else if (key == "camera") {
      config.camera = value;
    } else if (key == "scanner") {
      config.scanner = value;
    } else if (key == "server") {
      config.server = value;
    } else if (key == "export_dir") {
      config.export_dir = value;
    } else if (key == "scanner_position" || key == "printer_position" ||
               key == "registration_position") {
      std::optional<Side> side;
      if (value != "none") {
        side = ParseSide(value);
        if (!side) return LineError(line_number, key, value);
      }
      (key == "scanner_position"   ? config.scanner_side
       : key == "printer_position" ? config.printer_side
                                   : config.registration_side) = side;
    } else if (key == "logo") {
      if (value.empty()) return LineError(line_number, key, value);
      config.logo = value;
    } else if (key == "accent") {
      std::optional<uint32_t> colour = ParseColour(value);
      if (!colour) return LineError(line_number, key, value);
      config.accent = colour;
    } else if (key == "screen_inches") {
      config.screen_inches = NumberIn(value, 3.0, 120.0);
      if (!config.screen_inches) return LineError(line_number, key, value);
    } else if (key == "camera_frames") {
      config.camera_frames = value;
    } else if (key == "camera_size") {
      int width = 0, height = 0;
      if (std::sscanf(std::string(value).c_str(), "%dx%d", &width, &height) !=
              2 ||
          width < 160 || height < 120 || width > 7680 || height > 4320) {
        return LineError(line_number, key, value);
      }
      config.camera_width = width;
      config.camera_height = height;
    } else if (key == "camera_fps") {
      std::optional<double> fps = NumberIn(value, 1.0, 120.0);
      if (!fps) return LineError(line_number, key, value);
      config.camera_fps = *fps;
    } else {
      return LineError(line_number, key, value);
    }
  }
  return config;
}

}  // namespace entree
