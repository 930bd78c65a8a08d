// A kiosk on a real database, driven without a window: the fixture of the
// kiosk's screen tests.
#pragma once

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "entree/codes/staff_pin.h"
#include "entree/desk/registration.h"
#include "kiosk_app.h"
#include "support.h"

namespace entree::testing {

using kiosk::ButtonItem;
using kiosk::KioskApp;
using kiosk::Layout;
using kiosk::Scene;
using kiosk::TextItem;
using kiosk::UiEvent;

// A World Café kiosk ("both") on a real database with a key file, at a
// fixed time inside opening hours.
struct KioskFixture {
  TempDir dir;
  KeyPair keys;
  std::string db = dir.File("event.db");
  FixedClock clock{At("2026-10-12T17:00:00Z")};
  Attendee marjolein;
  std::unique_ptr<KioskApp> app;
  Layout layout{1280, 720};
  KioskConfig config;
  uint32_t ms = 10000;

  explicit KioskFixture(KioskRole role = KioskRole::kBoth,
                        const std::string& printer = "",
                        const std::string& print_server = "",
                        const std::string& camera_frames = "",
                        const std::string& server = "",
                        const std::string& export_dir = "",
                        Direction direction = Direction::kEntry,
                        std::optional<Instant> doors_open = std::nullopt,
                        std::function<void(KioskConfig&)> adjust = {}) {
    Store store = MakeEventStore(db, &keys);
    if (doors_open) {
      Event event = *store.GetEvent();
      event.doors_open_at = doors_open;
      REQUIRE(store.UpdateEvent(event).ok());
    }
    marjolein = AddAttendee(store, "Marjolein", "de Gelder", Sector::kBusiness,
                            "Human Capital");
    AddAttendee(store, "Gerrit", "Bügel", Sector::kBusiness, "Smart Industry");
    REQUIRE(
        WriteSecretKeyFile(db + ".key", store.GetEvent()->id, keys.secret_key)
            .ok());
    config.database = db;
    config.kiosk_id = "k1";
    config.role = role;
    config.staff_pin_hash = *HashStaffPin("1234");
    config.idle_timeout = std::chrono::seconds(30);
    config.printer = printer;
    config.print_server = print_server;
    config.badge_layout = "ql62";
    config.camera_frames = camera_frames;
    config.server = server;
    config.export_dir = export_dir;
    config.direction = direction;
    if (adjust) adjust(config);
    app = std::make_unique<KioskApp>(config, clock);
    app->Compose(layout);
  }

  // Starts the kiosk again on the same settings, as after a reboot: it
  // reads the event anew.
  void Restart() {
    app.reset();
    app = std::make_unique<KioskApp>(config, clock);
    app->Compose(layout);
  }
  std::string CodeFor(const Attendee& a) {
    auto store = Store::Open(db);
    BadgeIssuer issuer(*store, store->GetEvent()->id, keys.secret_key, "k0");
    return issuer.BadgeFor(a.id, false, clock.Now())->code;
  }
  void Advance(int millis) {
    ms += static_cast<uint32_t>(millis);
    clock.Advance(std::chrono::milliseconds(millis));
    app->Step(ms);
    app->Compose(layout);
  }
  void Send(UiEvent event) {
    event.ms = ms;
    app->Handle(event);
    app->Compose(layout);
  }
  void Scan(const std::string& code) {
    for (char c : code) {
      Send({UiEvent::Kind::kText, std::string(1, c)});
      Advance(4);
    }
    UiEvent enter{UiEvent::Kind::kKey, {}};
    enter.key = kiosk::Key::kEnter;
    Send(enter);
  }
  void Type(const std::string& text) {
    for (char c : text) {
      Send({UiEvent::Kind::kText, std::string(1, c)});
      Advance(150);
    }
  }
  void Key(kiosk::Key key) {
    UiEvent event{UiEvent::Kind::kKey, {}};
    event.key = key;
    Send(event);
  }
  // Taps the middle of the button `id`; fails the test when it is absent.
  void Tap(const std::string& id) {
    Scene scene = app->Compose(layout);
    for (const ButtonItem& b : scene.buttons) {
      if (b.id == id) {
        UiEvent tap{UiEvent::Kind::kTap, {}};
        tap.x = b.box.x + b.box.w / 2;
        tap.y = b.box.y + b.box.h / 2;
        Send(tap);
        return;
      }
    }
    FAIL("no button " << id << " on " << app->ScreenName());
  }
  bool HasText(const std::string& part) {
    Scene scene = app->Compose(layout);
    for (const TextItem& t : scene.texts) {
      if (t.text.find(part) != std::string::npos) return true;
    }
    for (const ButtonItem& b : scene.buttons) {
      if (b.label.find(part) != std::string::npos) return true;
    }
    return false;
  }
  Statistics Stats() { return *Store::Open(db)->Stats(); }
  // Opens staff mode with the PIN.
  void EnterStaffMode() {
    Tap("staff");
    for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
      Tap(key);
    }
    REQUIRE(app->ScreenName() == "staff");
  }
  // Finds Marjolein's invitation and opens her badge.
  void OpenBadgeOfMarjolein() {
    Tap("register");
    for (const char* key : {"key:m", "key:a", "key:r"}) Tap(key);
    Tap("match:0");
  }
  // Lets the print worker run until the badge screen has news.
  void AwaitPrintNews(const std::string& news) {
    for (int tries = 0; tries < 400 && !HasText(news); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      Advance(100);
    }
  }
};

}  // namespace entree::testing
