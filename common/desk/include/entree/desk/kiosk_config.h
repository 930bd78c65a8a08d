// The kiosk's settings file: "key = value" lines, as an installer writes it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "entree/badges/badge_layout.h"
#include "entree/base/catalog.h"
#include "entree/base/model.h"
#include "entree/base/status.h"

namespace entree {

// What a kiosk box does at the entrance.
enum class KioskRole {
  kDoor,          // scans badges
  kRegistration,  // finds invitations, registers walk-ins, prints badges
  kBoth,
};
std::string_view ToString(KioskRole role);
std::optional<KioskRole> ParseKioskRole(std::string_view text);

// When a kiosk with a printer prints the badge of a guest whose code is
// scanned: the first time for each badge, every time, or never.
enum class PrintOnScan { kFirst, kAlways, kNever };
std::string_view ToString(PrintOnScan when);
std::optional<PrintOnScan> ParsePrintOnScan(std::string_view text);

// Where something stands, seen by the guest facing the screen.
enum class Side { kLeft, kRight, kBelow };
std::string_view ToString(Side side);
std::optional<Side> ParseSide(std::string_view text);

struct KioskConfig {
  std::string database;  // path of the event database
  std::string kiosk_id;  // empty: the host name
  KioskRole role = KioskRole::kBoth;
  Direction direction = Direction::kEntry;
  Language language = Language::kDutch;  // what guests see first
  std::string staff_pin_hash;  // HashStaffPin; empty: staff mode is closed
  std::string secret_key;      // registration only; empty: database + ".key"
  std::string printer;         // CUPS queue; empty: no printing
  std::string print_server;    // CUPS server; empty: $CUPS_SERVER or local
  std::string badge_layout{kDefaultBadgeLayout};  // preset or layout file
  // Whether a scanned code prints its guest's badge (registration and
  // both only).
  PrintOnScan print_on_scan = PrintOnScan::kFirst;
  // How long the guest waits for the badge before being sent to staff.
  std::chrono::seconds print_wait{30};
  std::chrono::seconds idle_timeout{60};
  // A camera that scans badges beside the wedge scanner: a V4L2 device
  // ("/dev/video0"); empty: none.
  std::string camera;
  // A barcode scanner in serial mode ("/dev/ttyACM0"), or a FIFO that
  // stands in for one; empty: none. Keyboard-wedge scanners need nothing.
  std::string scanner;
  int camera_width = 1280;
  int camera_height = 720;
  // Instead of a camera, frames from files (a folder of pictures or a raw
  // grayscale file of camera_width x camera_height frames), camera_fps a
  // second, over and over: for demos and tests.
  std::string camera_frames;
  double camera_fps = 15;
  // The sync server shared by the event's kiosks (a libpq connection
  // string); empty: this kiosk works alone.
  std::string server;
  // A directory staff may export to besides the USB sticks plugged in
  // (a network share, or a folder in tests); empty: sticks only.
  std::string export_dir;
  // Where the badge scanner and the badge printer stand, so the screens
  // can point there; nullopt: nowhere said.
  std::optional<Side> scanner_side;
  std::optional<Side> printer_side;
  // Where registration is, seen from a door-only kiosk: its start screen
  // points a guest without a code there; nullopt: nowhere said.
  std::optional<Side> registration_side;
  // The screen's diagonal in inches, 3 to 120, so the kiosk can size text
  // and buttons in millimetres; nullopt: as the display reports it, else a
  // 10.1-inch panel is assumed (larger where that is over 150 ppi).
  std::optional<double> screen_inches;
  // This kiosk's own look, over the event's (see `entree event`): a PNG or
  // SVG logo file and an accent colour ("#RRGGBB"); empty and nullopt: the
  // event's.
  std::string logo;
  std::optional<uint32_t> accent;
};

// Reads settings text on top of `base`: blank lines and '#' comments are
// skipped; keys are database, kiosk_id, role, direction, language,
// staff_pin_hash, secret_key, printer, print_server, badge_layout,
// print_on_scan (first, always or never), print_wait, idle_timeout, camera,
// camera_size (WxH), camera_frames, camera_fps, scanner, server, export_dir,
// scanner_position, printer_position and registration_position (left,
// right, below or none),
// screen_inches, logo and accent. Fails with kInvalidArgument naming the line
// for an unknown key, a line without '=' or a value out of range.
Result<KioskConfig> ParseKioskConfig(std::string_view text,
                                     KioskConfig base = {});

}  // namespace entree
