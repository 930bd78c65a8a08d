// Tests of the kiosk settings file and the staff PIN.
#include <catch2/catch.hpp>

#include "entree/codes/staff_pin.h"
#include "entree/desk/kiosk_config.h"
#include "support.h"

using namespace entree;
using entree::testing::At;

TEST_CASE("a settings file sets every option", "[config]") {
  auto config = ParseKioskConfig(
      "# Door 2 of the World Café\n"
      "database = /var/lib/entree/event.db\n"
      "kiosk_id = door-2\n"
      "role = door   # scans only\n"
      "direction = exit\n"
      "language = en\n"
      "staff_pin_hash = $argon2id$v=19$abc\n"
      "printer = badges\n"
      "print_server = /run/cups/cups.sock\n"
      "badge_layout = ql62\n"
      "print_wait = 20\n"
      "print_on_scan = always\n"
      "idle_timeout = 45\n"
      "scanner_position = right\n"
      "printer_position = below\n"
      "registration_position = left\n"
      "screen_inches = 10.1\n"
      "logo = /etc/entree/logo.svg\n"
      "accent = #0A5C36\n");
  REQUIRE(config.ok());
  CHECK(config->database == "/var/lib/entree/event.db");
  CHECK(config->kiosk_id == "door-2");
  CHECK(config->role == KioskRole::kDoor);
  CHECK(config->direction == Direction::kExit);
  CHECK(config->language == Language::kEnglish);
  CHECK(config->staff_pin_hash == "$argon2id$v=19$abc");
  CHECK(config->printer == "badges");
  CHECK(config->print_server == "/run/cups/cups.sock");
  CHECK(config->badge_layout == "ql62");
  CHECK(config->print_wait == std::chrono::seconds(20));
  CHECK(config->print_on_scan == PrintOnScan::kAlways);
  CHECK(ParseKioskConfig("")->print_on_scan == PrintOnScan::kFirst);
  CHECK(config->idle_timeout == std::chrono::seconds(45));
  CHECK(config->scanner_side == Side::kRight);
  CHECK(config->printer_side == Side::kBelow);
  CHECK(config->registration_side == Side::kLeft);
  CHECK(config->screen_inches == Approx(10.1));
  CHECK(config->logo == "/etc/entree/logo.svg");
  CHECK(config->accent == 0x0A5C36u);
  CHECK_FALSE(ParseKioskConfig("printer_position = none\n")->printer_side);
  CHECK_FALSE(ParseKioskConfig("")->screen_inches);
}

TEST_CASE("a settings file with a mistake names its line", "[config]") {
  for (const char* text :
       {"role = bouncer\n", "\n\nidle_timeout = 2\n", "colour = pink\n",
        "language = fr\n", "just words\n", "idle_timeout = 10s\n",
        "badge_layout = a4-poster\n", "print_wait = 0\n",
        "print_on_scan = twice\n", "scanner_position = behind\n",
        "printer_position = \n", "screen_inches = 2\n",
        "screen_inches = 10 inch\n", "screen_inches = nan\n",
        "screen_inches = 1e400\n", "accent = red\n", "accent = #0A5C3\n",
        "logo = \n"}) {
    INFO(text);
    auto config = ParseKioskConfig(text);
    REQUIRE_FALSE(config.ok());
    CHECK(config.status().text_key() == "error.config_line");
  }
  CHECK(ParseKioskConfig("\n\nidle_timeout = 2\n").status().text_args()[0] ==
        "3");
}

TEST_CASE("the staff PIN is kept as a hash that verifies", "[pin]") {
  auto hash = HashStaffPin("4321");
  REQUIRE(hash.ok());
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(hash->find("4321") == std::string::npos);
  CHECK(VerifyStaffPin(*hash, "4321"));
  CHECK_FALSE(VerifyStaffPin(*hash, "4322"));
  CHECK_FALSE(VerifyStaffPin("not a hash", "4321"));
  CHECK_FALSE(HashStaffPin("12").ok());
  CHECK_FALSE(HashStaffPin("12ab").ok());
}

TEST_CASE("wrong PINs back off after five attempts", "[pin]") {
  PinGuard guard;
  Instant t = At("2026-10-12T17:00:00Z");
  for (int i = 0; i < 4; ++i) {
    guard.Record(false, t);
    CHECK_FALSE(guard.LockedUntil(t).has_value());
  }
  guard.Record(false, t);
  REQUIRE(guard.LockedUntil(t).has_value());
  CHECK(*guard.LockedUntil(t) == t + std::chrono::seconds(30));
  CHECK(guard.LockedUntil(t + std::chrono::seconds(29)).has_value());
  CHECK_FALSE(guard.LockedUntil(t + std::chrono::seconds(30)).has_value());
  Instant later = t + std::chrono::seconds(30);
  guard.Record(false, later);
  CHECK(*guard.LockedUntil(later) == later + std::chrono::seconds(60));
  guard.Record(true, later + std::chrono::minutes(5));
  CHECK_FALSE(guard.LockedUntil(later + std::chrono::minutes(5)).has_value());
}
