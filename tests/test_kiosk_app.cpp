// The kiosk's screens and input routing, driven without a window.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>
#include <vector>

#include "entree/codes/staff_pin.h"
#include "entree/desk/registration.h"
#include "entree/seating/seating_event.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "kiosk_app.h"
#include "kiosk_fixture.h"
#include "support.h"
#include "theme.h"

using namespace entree;
using namespace entree::kiosk;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::KioskFixture;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;

namespace {

// The QR codes zbarimg finds in the badge screen's preview image.
std::vector<std::string> DecodePreview(KioskFixture& f) {
  Scene scene = f.app->Compose(f.layout);
  REQUIRE(scene.image.has_value());
  const ArgbImage& image = *scene.image->image;
  std::string pgm = "P5\n" + std::to_string(image.width) + " " +
                    std::to_string(image.height) + "\n255\n";
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const uint8_t* p = image.pixels.data() + y * image.stride + x * 4;
      pgm += static_cast<char>((p[0] + p[1] + p[2]) / 3);
    }
  }
  std::string path = f.dir.File("preview.pgm");
  entree::testing::WriteFile(path, pgm);
  return entree::testing::DecodeQrCodes(path);
}

// An organiser's event with one guest on a private sync server, and a door
// device added to it: what a new kiosk box joins.
struct DoorToJoin {
  entree::testing::PgSandbox pg;
  entree::testing::SignedEvent org;
  Attendee guest;
  SetupCode setup;

  DoorToJoin(const std::string& given, const std::string& family,
             const std::string& device) {
    guest = AddAttendee(org.store, given, family);
    REQUIRE(InitSyncServer(pg.conninfo()).ok());
    Instant now = SystemClock().Now();
    REQUIRE(SyncOnce(org.store, pg.conninfo(), "organiser", now).ok());
    DeviceRequest request;
    request.name = device;
    auto added = AddDevice(org.store, pg.conninfo(), request, now);
    REQUIRE(added.ok());
    setup = *added;
  }
};

}  // namespace

TEST_CASE("a scanned badge shows the verdict, then the start again",
          "[kiosk]") {
  KioskFixture f;
  CHECK(f.app->ScreenName() == "attract");
  f.Scan(f.CodeFor(f.marjolein));
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(f.app->Compose(f.layout).background ==
        theme::VerdictColour(Verdict::kWelcome));
  CHECK(f.HasText("Welkom, Marjolein de Gelder!"));
  CHECK(f.HasText("Human Capital"));
  CHECK(f.app->TakeCue() == Cue::kWelcome);
  CHECK(f.Stats().total.inside == 1);
  f.Advance(2900);
  CHECK(f.app->ScreenName() == "verdict");
  f.Advance(200);
  CHECK(f.app->ScreenName() == "attract");
}

TEST_CASE("after a purge a known badge is greeted without a name",
          "[kiosk][privacy]") {
  KioskFixture f;
  std::string code = f.CodeFor(f.marjolein);
  {
    auto organiser = Store::Open(f.db);
    REQUIRE(organiser.ok());
    REQUIRE(organiser->PurgePersonalData(At("2026-12-20T12:00:00Z")).ok());
  }
  f.Scan(code);
  CHECK(f.app->last_verdict()->verdict == Verdict::kWelcome);
  CHECK(f.HasText("Welkom, gast!"));
  CHECK_FALSE(f.HasText(", !"));
}

TEST_CASE("the welcome screen says the table of every World Café round",
          "[kiosk]") {
  KioskFixture f;
  {
    Store store = Store::Open(f.db).value();
    for (const char* table : {"Human Capital", "Smart Industry"}) {
      Attendee host =
          AddAttendee(store, "Host", table, Sector::kEducation, table);
      host.role = Role::kHost;
      REQUIRE(store.UpdateAttendee(host).ok());
    }
    PlanRequest request;
    request.rounds = 2;
    REQUIRE(PlanEventSeating(store, request).ok());
  }
  f.Scan(f.CodeFor(f.marjolein));
  REQUIRE(f.app->ScreenName() == "verdict");
  CHECK(f.HasText("Ronde 1: "));
  CHECK(f.HasText("Ronde 2: "));
  CHECK(f.HasText(", tafelhost Host "));

  // The screen stays 1.5 s longer per round to read.
  f.Advance(5900);
  CHECK(f.app->ScreenName() == "verdict");
  f.Advance(200);
  REQUIRE(f.app->ScreenName() == "attract");

  // A walk-in gets tables too, on the badge and on the welcome screen.
  f.Tap("register");
  f.Tap("walk_in");
  f.Type("Noor");
  f.Tap("field:family_name");
  f.Type("van Dam");
  f.Tap("sector:government");
  f.Tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  f.Tap("done");
  REQUIRE(f.app->ScreenName() == "verdict");
  CHECK(f.HasText("Ronde 2: "));
  Store store = Store::Open(f.db).value();
  Attendee noor = store.ResolveAttendee("Noor van Dam").value();
  auto seats = store.SeatsOf(noor.id).value();
  REQUIRE(seats.size() == 2);
  CHECK(seats[0].told_at.has_value());
  CHECK(seats[0].table != seats[1].table);
}

TEST_CASE("a walk-in is let in at once and told their tables when found",
          "[kiosk]") {
  KioskFixture f;
  Attendee walk_in;
  {
    Store store = Store::Open(f.db).value();
    for (const char* table : {"Human Capital", "Smart Industry"}) {
      Attendee host =
          AddAttendee(store, "Host", table, Sector::kEducation, table);
      host.role = Role::kHost;
      REQUIRE(store.UpdateAttendee(host).ok());
    }
    PlanRequest request;
    request.rounds = 2;
    REQUIRE(PlanEventSeating(store, request).ok());
    // Registered at another desk after the plan was made: no seats yet.
    WalkInForm form{"Noor", "van Dam", "", Sector::kGovernment, "", true};
    walk_in = RegisterWalkIn(store, form, f.clock.Now()).value();
  }
  f.Scan(f.CodeFor(walk_in));
  REQUIRE(f.app->ScreenName() == "verdict");
  REQUIRE(f.app->last_verdict());
  CHECK(f.app->last_verdict()->recorded);
  // The verdict does not wait: it shows while the tables are found (they
  // reach the screen at a step of the kiosk, none has run since the scan).
  CHECK(f.app->last_verdict()->seating_pending);
  CHECK(f.HasText("Uw tafels worden gezocht"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (f.app->seats_shown() == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    f.Advance(5);
  }
  REQUIRE(f.app->seats_shown() == 1);
  REQUIRE(f.app->ScreenName() == "verdict");
  CHECK(f.HasText("Ronde 1: "));
  CHECK(f.HasText("Ronde 2: "));
  CHECK_FALSE(f.HasText("Uw tafels worden gezocht"));
  Store store = Store::Open(f.db).value();
  auto seats = store.SeatsOf(walk_in.id).value();
  REQUIRE(seats.size() == 2);
  CHECK(seats[0].told_at.has_value());
  // The tables stay on screen long enough to read.
  f.Advance(2900);
  CHECK(f.app->ScreenName() == "verdict");
}

TEST_CASE("a scan while typing in a field never lands in the field",
          "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  REQUIRE(f.app->ScreenName() == "find");
  f.Type("gel");
  CHECK(f.HasText("gel|"));
  std::string code = f.CodeFor(f.marjolein);
  f.Scan(code);
  CHECK(f.app->ScreenName() == "verdict");
  f.Advance(3100);
  CHECK(f.app->ScreenName() == "find");
  CHECK(f.HasText("gel|"));
  CHECK_FALSE(f.HasText(code.substr(0, 10)));
}

TEST_CASE("a guest finds their invitation on the on-screen keyboard",
          "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  for (const char* key : {"key:b", "key:u", "key:g"}) f.Tap(key);
  CHECK(f.HasText("Gerrit Bügel"));  // accent-insensitive
  f.Tap("match:0");
  REQUIRE(f.app->ScreenName() == "badge");
  // The preview is the badge as printed, and its QR reads back.
  std::vector<std::string> codes = DecodePreview(f);
  REQUIRE(codes.size() == 1);
  auto claim =
      VerifyBadgeCode(codes.front(), f.app->event().id, f.keys.public_key);
  REQUIRE(claim.check == TokenCheck::kValid);
  CHECK(Store::Open(f.db)->GetAttendee(claim.claim.attendee_id)->family_name ==
        "Bügel");
  f.Tap("done");
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(f.Stats().total.arrived == 1);
}

TEST_CASE("a short query shows no names", "[kiosk]") {
  KioskFixture f;
  // The buttons on screen whose id starts with `prefix`.
  auto count_buttons = [&f](const std::string& prefix) {
    int count = 0;
    for (const ButtonItem& b : f.app->Compose(f.layout).buttons) {
      if (b.id.rfind(prefix, 0) == 0) ++count;
    }
    return count;
  };
  f.Tap("register");
  // The search screen with its keyboard: a screen of no buttons at all
  // would show no names either.
  REQUIRE(f.app->ScreenName() == "find");
  REQUIRE(count_buttons("key:") > 0);
  f.Tap("key:g");
  f.Tap("key:e");
  REQUIRE(f.HasText("ge|"));  // both letters are in the field
  CHECK(count_buttons("match:") == 0);
  // The third letter makes it a search: "ger" finds Gerrit Bügel, so the
  // check above could have failed.
  f.Tap("key:r");
  REQUIRE(f.HasText("ger|"));
  CHECK(count_buttons("match:") > 0);
  CHECK(f.HasText("Gerrit Bügel"));
}

TEST_CASE("a walk-in registers, gets a badge and is let in", "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  f.Tap("walk_in");
  REQUIRE(f.app->ScreenName() == "walk_in");
  f.Type("Noor");
  f.Tap("field:family_name");
  f.Type("van Dam");
  // Who keeps the details, why and how long, on the form itself.
  CHECK(f.HasText("De organisator bewaart deze gegevens om uw badge te maken"));
  f.Tap("make_badge");
  CHECK(f.app->ScreenName() == "walk_in");  // no sector yet
  CHECK(f.HasText("Kies alstublieft waar u werkt"));
  CHECK(f.Stats().walk_ins == 0);
  f.Tap("sector:government");
  f.Tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  // The badge does not wait on the question beyond the event (GDPR art.
  // 7(4)): it comes with the badge, says it is optional, and is kept when
  // answered.
  CHECK(f.HasText("Optioneel"));
  auto consent_of_noor = [&] {
    return Store::Open(f.db)->SearchAttendees("noor dam", 5)->at(0).consent;
  };
  CHECK_FALSE(consent_of_noor());
  f.Tap("consent");
  CHECK(consent_of_noor());
  f.Tap("consent");
  CHECK_FALSE(consent_of_noor());
  f.Tap("done");
  CHECK(f.app->ScreenName() == "verdict");
  Statistics stats = f.Stats();
  CHECK(stats.walk_ins == 1);
  CHECK(stats.by_sector["government"].arrived == 1);
}

TEST_CASE("the walk-in form writes names as people write them", "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  f.Tap("walk_in");
  auto keys = [&](std::initializer_list<const char*> ids) {
    for (const char* id : ids) f.Tap(std::string("key:") + id);
  };
  // A capital at the start of each word; an accented letter is one tap
  // on the accent page, which then gives way to the letters again.
  keys({"c", "accent", "é", "l", "i", "n", "e", "space", "m", "a", "r", "i",
        "e"});
  CHECK(f.HasText("C\xC3\xA9line Marie"));
  // The label stays above what was typed.
  CHECK(f.HasText("Voornaam"));
  // A particle in lower case takes a Shift first.
  f.Tap("field:family_name");
  keys({"shift", "v", "a", "n", "space", "d", "a", "m"});
  CHECK(f.HasText("van Dam"));
  // The accent page shows capitals where a capital comes next, and goes
  // back to the letters with "abc" unused.
  f.Tap("field:organisation");
  keys({"accent", "Ç", "e", "l", "i", "k", "space", "accent", "accent", "b"});
  CHECK(f.HasText("Çelik B|"));
  f.Tap("field:email");
  keys({"n", "o", "o", "r"});
  CHECK(f.HasText("noor"));  // no capitals in an address

  // No sector is chosen for the guest: asked for, and the question goes
  // once they choose.
  f.Tap("field:email");
  keys({"back", "back", "back", "back"});
  f.Tap("make_badge");
  CHECK(f.app->ScreenName() == "walk_in");
  CHECK(f.HasText("Kies alstublieft waar u werkt"));
  f.Tap("sector:education");
  CHECK_FALSE(f.HasText("Kies alstublieft waar u werkt"));
  CHECK(f.HasText("Aanmelden"));
  f.Tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  auto found = Store::Open(f.db)->SearchAttendees("celine", 5);
  REQUIRE(found.ok());
  REQUIRE(found->size() == 1);
  CHECK(found->front().given_name == "C\xC3\xA9line Marie");
  CHECK(found->front().family_name == "van Dam");
  CHECK(found->front().sector == Sector::kEducation);
}

TEST_CASE("a walk-in problem is told in its field until the guest fixes it",
          "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  f.Tap("walk_in");
  // The field with the problem: its label gives way to what is wrong.
  auto field_says = [&](const std::string& id, const std::string& text) {
    Scene scene = f.app->Compose(f.layout);
    for (const ButtonItem& b : scene.buttons) {
      if (b.id != id) continue;
      for (const TextItem& t : scene.texts) {
        bool inside = t.box.x >= b.box.x && t.box.y >= b.box.y &&
                      t.box.x + t.box.w <= b.box.x + b.box.w &&
                      t.box.y + t.box.h <= b.box.y + b.box.h;
        if (inside && t.text == text) return b.fill == theme::kFieldProblem;
      }
    }
    return false;
  };
  f.Tap("sector:government");
  f.Tap("make_badge");
  CHECK(f.app->ScreenName() == "walk_in");
  CHECK(field_says("field:given_name", "Vul alstublieft uw naam in."));
  CHECK(f.HasText("Aanmelden"));  // the title stays
  f.Tap("field:email");           // looking elsewhere does not fix it
  CHECK(field_says("field:given_name", "Vul alstublieft uw naam in."));
  f.Tap("field:given_name");
  f.Type("Noor");
  CHECK_FALSE(f.HasText("Vul alstublieft uw naam in."));
  CHECK(f.HasText("Voornaam"));
  CHECK_FALSE(field_says("field:given_name", "Vul alstublieft uw naam in."));

  f.Tap("field:email");
  f.Type("noor@");
  f.Tap("make_badge");
  CHECK(field_says("field:email", "\"noor@\" is geen e-mailadres."));
  f.Type("example.nl");
  CHECK_FALSE(f.HasText("is geen e-mailadres"));
  CHECK(f.Stats().walk_ins == 0);
  f.Tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(Store::Open(f.db)->SearchAttendees("noor", 5)->at(0).email ==
        "noor@example.nl");
}

TEST_CASE("the exit door says it is the exit, and refusals say what next",
          "[kiosk]") {
  KioskFixture exit(KioskRole::kDoor, "", "", "", "", "", Direction::kExit);
  CHECK(exit.HasText("Uitgang"));
  CHECK(exit.HasText("Gaat u weg? Scan uw toegangscode bij het verlaten."));
  // An exit that could register offers no registration on the way out.
  KioskFixture exit_desk(KioskRole::kBoth, "", "", "", "", "",
                         Direction::kExit);
  for (const ButtonItem& b : exit_desk.app->Compose(exit_desk.layout).buttons) {
    CHECK(b.id != "register");
  }
  KioskFixture entry(KioskRole::kDoor);
  CHECK_FALSE(entry.HasText("Uitgang"));
  CHECK_FALSE(entry.HasText("Geen code bij u?"));
  // A door-only kiosk points a guest without a code to registration.
  KioskFixture pointing(
      KioskRole::kDoor, "", "", "", "", "", Direction::kEntry, std::nullopt,
      [](KioskConfig& c) { c.registration_side = Side::kLeft; });
  CHECK(pointing.HasText("Geen code bij u? De registratie is deze kant op."));
  // A code that cannot be read: try again first, then staff.
  entry.Scan("E1NOTAREALCODE");
  CHECK(entry.HasText("Probeer het nog eens"));

  // Doors that open on another day say the day too; today only the time.
  KioskFixture early(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                     At("2026-10-13T13:30:00Z"));
  early.Scan(early.CodeFor(early.marjolein));
  CHECK(early.HasText("Kom terug om 2026-10-13 15:30."));
  KioskFixture later(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                     At("2026-10-12T18:30:00Z"));
  later.Scan(later.CodeFor(later.marjolein));
  CHECK(later.HasText("Kom terug om 20:30."));
}

TEST_CASE("the kiosk speaks Dutch, English and German", "[kiosk]") {
  KioskFixture f;
  CHECK(f.HasText("Scan uw toegangscode"));
  f.Tap("lang:en");
  CHECK(f.HasText("Scan your entry code"));
  f.Tap("register");
  CHECK(f.HasText("Find your invitation"));
  f.Tap("lang:nl");
  CHECK(f.HasText("Zoek uw uitnodiging"));
  f.Tap("lang:de");
  CHECK(f.HasText("Ihre Einladung suchen"));
  f.Tap("back");
  f.Scan(f.CodeFor(f.marjolein));
  CHECK(f.HasText("Willkommen, Marjolein de Gelder!"));
  // Left alone, the next guest sees the kiosk's own language again.
  f.Advance(3100);
  f.Tap("register");
  f.Advance(31000);
  CHECK(f.app->ScreenName() == "attract");
  CHECK(f.HasText("Scan uw toegangscode"));
}

TEST_CASE("left alone, the kiosk goes back to the start", "[kiosk]") {
  KioskFixture f;
  f.Tap("lang:en");
  f.Tap("register");
  f.Advance(29000);
  CHECK(f.app->ScreenName() == "find");
  f.Advance(1100);
  CHECK(f.app->ScreenName() == "attract");
  CHECK(f.HasText("Scan uw toegangscode"));  // back to the default language
}

TEST_CASE("escape and friends do nothing to a guest screen", "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  f.Key(Key::kEscape);
  CHECK(f.app->ScreenName() == "find");
  CHECK_FALSE(f.app->quit_requested());
}

TEST_CASE("text typed beyond a field's limit stops at the limit", "[kiosk]") {
  KioskFixture f;
  const std::string limit(60, 'a');
  const std::string beyond(61, 'a');
  auto type_long = [&] {
    for (int i = 0; i < 200; ++i) f.Type("a");
  };
  f.Tap("register");
  type_long();
  CHECK(f.HasText(limit));
  CHECK_FALSE(f.HasText(beyond));
  f.Tap("walk_in");
  for (const char* field : {"field:given_name", "field:family_name",
                            "field:organisation", "field:email"}) {
    f.Tap(field);
    type_long();
  }
  CHECK(f.app->ScreenName() == "walk_in");
  CHECK(f.HasText(limit));
  CHECK_FALSE(f.HasText(beyond));
  f.Tap("back");
  f.Tap("back");
  f.Tap("staff");
  for (int i = 0; i < 200; ++i) f.Type("1");
  std::string thirteen_dots;
  for (int i = 0; i < 13; ++i) thirteen_dots += " \xE2\x97\x8F";
  CHECK_FALSE(f.HasText(thirteen_dots.substr(1)));
  f.Tap("pin:ok");  // a wrong PIN, not an overflow
  CHECK(f.app->ScreenName() == "pin");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  REQUIRE(f.app->ScreenName() == "staff");
  f.Tap("checkin");
  type_long();
  CHECK(f.HasText(limit));
  CHECK_FALSE(f.HasText(beyond));
}

TEST_CASE("staff mode opens with the PIN and backs off wrong ones", "[kiosk]") {
  KioskFixture f;
  f.Tap("staff");
  REQUIRE(f.app->ScreenName() == "pin");
  for (int attempt = 0; attempt < 5; ++attempt) {
    for (const char* key : {"pin:9", "pin:9", "pin:9", "pin:9", "pin:ok"}) {
      f.Tap(key);
    }
  }
  CHECK(f.HasText("Te veel"));
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  CHECK(f.app->ScreenName() == "pin");  // locked, even with the right PIN
  f.Advance(31000);
  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  CHECK(f.app->ScreenName() == "staff");
}

TEST_CASE("staff check in by hand, undo it, and lock", "[kiosk]") {
  KioskFixture f;
  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  REQUIRE(f.app->ScreenName() == "staff");
  CHECK(f.HasText("Aangekomen 0 van 2"));
  f.Tap("checkin");
  f.Type("gelder");
  f.Tap("match:0");
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(f.Stats().total.arrived == 1);
  f.Advance(3100);
  REQUIRE(f.app->ScreenName() == "staff");
  f.Tap("undo");
  // Staff are asked first, with the guest's name and the time.
  CHECK(f.HasText("De check-in van Marjolein de Gelder om"));
  CHECK(f.Stats().total.arrived == 1);
  f.Tap("menu");  // cancelled: nothing undone
  CHECK(f.Stats().total.arrived == 1);
  f.Tap("undo");
  f.Tap("confirm");
  CHECK(f.HasText("Ongedaan gemaakt: de check-in van Marjolein de Gelder"));
  CHECK(f.Stats().total.arrived == 0);
  f.Tap("lock");
  CHECK(f.app->ScreenName() == "attract");
  f.Tap("staff");
  CHECK(f.app->ScreenName() == "pin");  // locked again
}

TEST_CASE("staff mode locks itself when left alone", "[kiosk]") {
  KioskFixture f;
  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  REQUIRE(f.app->ScreenName() == "staff");
  f.Advance(31000);
  CHECK(f.app->ScreenName() == "attract");
}

TEST_CASE("only staff can quit", "[kiosk]") {
  KioskFixture f;
  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  f.Tap("quit");
  CHECK_FALSE(f.app->quit_requested());  // asked first
  CHECK(f.HasText("De kiosk afsluiten?"));
  f.Tap("menu");
  f.Tap("quit");
  f.Tap("confirm");
  CHECK(f.app->quit_requested());
}

TEST_CASE("a kiosk without its database asks for a setup code, or finds it",
          "[kiosk]") {
  TempDir dir;
  FixedClock clock{At("2026-10-12T17:00:00Z")};
  KioskConfig config;
  config.database = dir.File("missing/event.db");
  KioskApp app(config, clock);
  CHECK(app.ScreenName() == "setup");

  // Once the file is put in place, the kiosk finds it by itself.
  std::filesystem::create_directories(dir.File("missing"));
  MakeEventStore(config.database);
  clock.Advance(std::chrono::seconds(3));
  app.Step(3000);
  CHECK(app.ScreenName() == "attract");
}

TEST_CASE("a database deleted or replaced under the kiosk stops the door",
          "[kiosk][hardening]") {
  for (bool replace : {false, true}) {
    CAPTURE(replace);
    KioskFixture f(KioskRole::kDoor);
    std::string code = f.CodeFor(f.marjolein);
    if (replace) {
      std::filesystem::copy_file(f.db, f.dir.File("other.db"));
      std::filesystem::rename(f.dir.File("other.db"), f.db);
    } else {
      std::filesystem::remove(f.db);
    }
    f.Scan(code);
    f.Advance(10);
    // No welcome into a file nobody will read again: the fault screen.
    CHECK(f.app->ScreenName() == "fault");
    CHECK(f.app->verdicts_shown() == 0);
    // Nor any other verdict while the door is stopped.
    f.Scan("GARBAGE-NOT-A-CODE-123");
    f.Advance(10);
    CHECK(f.app->ScreenName() == "fault");
    CHECK(f.app->verdicts_shown() == 0);
    f.Advance(3000);
    CHECK(f.app->ScreenName() == "fault");
  }
}

TEST_CASE("a full file stops the door calmly and staff are told why",
          "[kiosk][hardening]") {
  KioskFixture f(KioskRole::kDoor);
  std::string code = f.CodeFor(f.marjolein);
  // The kiosk's own file may grow no further, and its check-in pages are
  // full: the next check-in needs a page the disk does not have.
  Database& db = StoreInspector::Db(*f.app->store());
  auto pages = db.Prepare("PRAGMA page_count");
  REQUIRE(pages.ok());
  REQUIRE(pages->Step().ok());
  REQUIRE(db.Exec("PRAGMA max_page_count = " +
                  std::to_string(pages->ColumnInt(0) + 1))
              .ok());
  auto fill = db.Prepare(
      "INSERT INTO checkin (id, attendee_id, badge_serial, kiosk_id, "
      "direction, at, verdict) VALUES (hex(randomblob(16)), "
      "hex(randomblob(16)), 1, 'filler', 'entry', 0, 'invalid')");
  REQUIRE(fill.ok());
  while (fill->Run().ok()) {
  }
  f.Scan(code);
  f.Advance(10);
  CHECK(f.app->ScreenName() == "fault");
  CHECK(f.app->verdicts_shown() == 0);
  CHECK(f.app->fault().text_key() == "error.db_disk_full");
  f.EnterStaffMode();
  CHECK(f.HasText("de schijf is vol"));

  // Room again: the door opens once a write went through.
  REQUIRE(db.Exec("PRAGMA max_page_count = 1073741823").ok());
  f.Tap("lock");
  f.Advance(2500);
  CHECK(f.app->ScreenName() == "attract");
  CHECK(f.app->fault().ok());
  f.Scan(code);
  f.Advance(10);
  CHECK(f.app->last_verdict()->verdict == Verdict::kWelcome);
}

TEST_CASE("the fault screen of a held write lock clears once it is let go",
          "[kiosk][hardening]") {
  KioskFixture f(KioskRole::kDoor);
  std::string code = f.CodeFor(f.marjolein);
  auto other = Store::Open(f.db);
  REQUIRE(other.ok());
  auto held = other->Begin();
  REQUIRE(held.ok());
  f.Scan(code);  // waits out the busy timeout, then gives up
  f.Advance(10);
  CHECK(f.app->ScreenName() == "fault");
  f.Advance(2500);
  CHECK(f.app->ScreenName() == "fault");  // still held
  REQUIRE(held->Commit().ok());
  f.Advance(2500);
  CHECK(f.app->ScreenName() == "attract");
  f.Scan(code);
  f.Advance(10);
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(f.app->last_verdict()->verdict == Verdict::kWelcome);
}

TEST_CASE("every screen fits from 800x480 to 4K in landscape and portrait",
          "[kiosk]") {
  KioskFixture f;
  auto check_fits = [&](const std::string& screen) {
    for (auto [w, h] : {std::pair{800, 480}, std::pair{1920, 1080},
                        std::pair{3840, 2160}, std::pair{1080, 1920}}) {
      Scene scene = f.app->Compose(Layout(w, h));
      INFO(screen << " at " << w << "x" << h);
      CHECK_FALSE(scene.buttons.empty());
      for (const ButtonItem& b : scene.buttons) {
        INFO(b.id);
        CHECK(b.box.x >= 0);
        CHECK(b.box.y >= 0);
        CHECK(b.box.x + b.box.w <= w);
        CHECK(b.box.y + b.box.h <= h);
        CHECK(b.box.w >= 20);
        CHECK(b.box.h >= 20);
      }
    }
    f.app->Compose(f.layout);
  };
  check_fits("attract");
  f.Tap("register");
  check_fits("find");
  f.Tap("walk_in");
  check_fits("walk_in");
  f.Tap("back");
  f.Tap("back");
  f.Tap("staff");
  check_fits("pin");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  check_fits("staff");
  f.Tap("dashboard");
  check_fits("dashboard");
  f.Tap("export");
  check_fits("export");
}

namespace {

bool Inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x && inner.y >= outer.y &&
         inner.x + inner.w <= outer.x + outer.w &&
         inner.y + inner.h <= outer.y + outer.h;
}

// What lies under `box`: the last button or box drawn that holds it, else
// the scene's ground.
uint32_t GroundUnder(const Scene& scene, const Rect& box) {
  for (auto b = scene.buttons.rbegin(); b != scene.buttons.rend(); ++b) {
    if (Inside(box, b->box)) return b->fill;
  }
  for (auto b = scene.boxes.rbegin(); b != scene.boxes.rend(); ++b) {
    if (Inside(box, b->box)) return b->colour;
  }
  return scene.background;
}

bool Overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

// The language buttons have their own area: nothing else is drawn there.
void CheckLanguageAreaFree(const Scene& scene) {
  for (const ButtonItem& lang : scene.buttons) {
    if (lang.id.rfind("lang:", 0) != 0) continue;
    for (const ButtonItem& b : scene.buttons) {
      if (b.id.rfind("lang:", 0) == 0) continue;
      INFO(b.id << " over " << lang.id);
      CHECK_FALSE(Overlap(b.box, lang.box));
    }
    for (const TextItem& text : scene.texts) {
      INFO("\"" << text.text << "\" over " << lang.id);
      CHECK_FALSE(Overlap(text.box, lang.box));
    }
  }
}

// WCAG 2.1 AA in a drawn scene: buttons stand out 3:1 from the ground,
// their labels 4.5:1 from the button, and every text 4.5:1 from what lies
// under it.
void CheckContrast(const Scene& scene) {
  for (const ButtonItem& b : scene.buttons) {
    INFO("button " << b.id);
    CHECK(theme::Contrast(b.fill, scene.background) >= 3.0);
    if (!b.label.empty()) {
      CHECK(theme::Contrast(b.text_colour, b.fill) >= 4.5);
    }
  }
  for (const TextItem& text : scene.texts) {
    INFO("text " << text.text);
    CHECK(theme::Contrast(text.colour, GroundUnder(scene, text.box)) >= 4.5);
  }
}

}  // namespace

TEST_CASE(
    "every screen meets WCAG AA contrast and keeps the language "
    "buttons' area free",
    "[kiosk][theme]") {
  KioskFixture f;
  auto check = [&](const std::string& screen) {
    INFO(screen);
    CHECK(f.app->ScreenName() == screen);
    CheckContrast(f.app->Compose(f.layout));
    for (auto [w, h] : {std::pair{800, 480}, std::pair{1280, 720},
                        std::pair{1080, 1920}, std::pair{3840, 2160}}) {
      INFO(w << "x" << h);
      CheckLanguageAreaFree(f.app->Compose(Layout(w, h)));
    }
  };
  check("attract");
  f.Scan(f.CodeFor(f.marjolein));
  check("verdict");  // welcome
  f.Advance(3100);
  f.Scan(f.CodeFor(f.marjolein));
  check("verdict");  // already inside
  f.Advance(3100);
  f.Scan("E1NOTAREALCODE");
  check("verdict");  // invalid
  f.Advance(3100);
  f.Tap("register");
  check("find");
  f.Tap("walk_in");
  check("walk_in");
  f.Tap("back");
  f.Tap("back");
  f.Tap("staff");
  check("pin");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  check("staff");
  f.Tap("dashboard");
  check("dashboard");
  f.Tap("export");
  check("export");
}

TEST_CASE("the kiosk prints a registered guest's badge once",
          "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kBoth, "entree-pdf", cups.server());
  f.OpenBadgeOfMarjolein();
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(f.HasText("Uw badge wordt geprint"));
  f.AwaitPrintNews("Neem uw badge uit de printer.");
  CHECK(f.HasText("Neem uw badge uit de printer."));
  std::vector<std::string> pdfs = cups.WaitForPdfs(1);
  REQUIRE(pdfs.size() == 1);
  CHECK(entree::testing::DecodeQrCodes(
            entree::testing::RasterisePdf(pdfs.front(), 300)) ==
        std::vector<std::string>{f.CodeFor(f.marjolein)});
  f.Tap("done");

  // Found again: not printed a second time without staff.
  f.Advance(3100);
  f.OpenBadgeOfMarjolein();
  CHECK(f.HasText("Deze badge is al eens geprint"));
  auto log = Store::Open(f.db)->PrintLog(10);
  REQUIRE(log.ok());
  REQUIRE(log->size() == 1);
  CHECK(log->front().outcome == "completed");
  CHECK(log->front().kiosk_id == "k1");
  CHECK(cups.WaitForPdfs(2).size() == 1);
}

TEST_CASE("the name search offers no badge for a ticket the door refuses",
          "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kBoth, "entree-pdf", cups.server());
  {
    auto opened = Store::Open(f.db);
    REQUIRE(opened.ok());
    Store& store = *opened;
    for (auto [name, state] : {std::pair{"Carla", TicketState::kCancelled},
                               std::pair{"Carlijn", TicketState::kUnpaid}}) {
      Attendee a = AddAttendee(store, name, "Geannuleerd", Sector::kOther);
      a.ticket = state;
      REQUIRE(store.UpdateAttendee(a).ok());
    }
  }
  f.Tap("register");
  for (const char* key : {"key:c", "key:a", "key:r"}) f.Tap(key);
  REQUIRE(f.app->ScreenName() == "find");
  // Both are listed with the door's words, neither as a button to a badge.
  CHECK(f.HasText("Dit ticket is geannuleerd"));
  Scene scene = f.app->Compose(f.layout);
  for (const ButtonItem& b : scene.buttons) {
    CHECK(b.id.rfind("match:", 0) != 0);
  }
  // A tap on a refused name goes nowhere.
  for (const TextItem& t : scene.texts) {
    if (t.text.find("Geannuleerd") == std::string::npos) continue;
    UiEvent tap{UiEvent::Kind::kTap, {}};
    tap.x = t.box.x + t.box.w / 2;
    tap.y = t.box.y + t.box.h / 2;
    f.Send(tap);
    CHECK(f.app->ScreenName() == "find");
  }
  f.Advance(3000);
  auto store = Store::Open(f.db);
  REQUIRE(store.ok());
  CHECK(store->PrintLog(10)->empty());
  CHECK(store->Number("SELECT count(*) FROM badge").value() == 0);
  CHECK(cups.WaitForPdfs(1).empty());
}

namespace {

int64_t Count(const std::string& db, const std::string& sql) {
  auto store = Store::Open(db);
  REQUIRE(store.ok());
  return store->Number(sql).value();
}

}  // namespace

TEST_CASE(
    "a registration kiosk prints a scanned code's badge once and lets "
    "no one in",
    "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kRegistration, "entree-pdf", cups.server());
  std::string code = f.CodeFor(f.marjolein);
  f.Scan(code);
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(f.HasText("Hier is uw badge. Scan hem bij de ingang"));
  CHECK_FALSE(f.HasText("Welkom"));
  f.AwaitPrintNews("Neem uw badge uit de printer.");
  std::vector<std::string> pdfs = cups.WaitForPdfs(1);
  REQUIRE(pdfs.size() == 1);
  CHECK(entree::testing::DecodeQrCodes(entree::testing::RasterisePdf(
            pdfs.front(), 300)) == std::vector<std::string>{code});
  CHECK(Count(f.db, "SELECT count(*) FROM checkin") == 0);
  // The same code again: not printed a second time.
  f.Tap("done");
  f.Advance(3100);
  f.Scan(code);
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(f.HasText("Deze badge is al eens geprint"));
  CHECK(cups.WaitForPdfs(2).size() == 1);
  CHECK(Count(f.db, "SELECT count(*) FROM print_job") == 1);
}

TEST_CASE(
    "a kiosk that is also the door checks a scanned guest in and "
    "prints the badge",
    "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kBoth, "entree-pdf", cups.server());
  f.Scan(f.CodeFor(f.marjolein));
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(f.HasText("Welkom, Marjolein de Gelder!"));
  f.AwaitPrintNews("Neem uw badge uit de printer.");
  CHECK(cups.WaitForPdfs(1).size() == 1);
  CHECK(Count(f.db, "SELECT count(*) FROM checkin") == 1);
  // Done does not check them in a second time.
  f.Tap("done");
  CHECK(Count(f.db, "SELECT count(*) FROM checkin") == 1);
}

TEST_CASE("print_on_scan always prints at every scan, never prints nothing",
          "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  {
    KioskFixture f(KioskRole::kRegistration, "entree-pdf", cups.server(), "",
                   "", "", Direction::kEntry, std::nullopt, [](KioskConfig& c) {
                     c.print_on_scan = PrintOnScan::kAlways;
                   });
    std::string code = f.CodeFor(f.marjolein);
    f.Scan(code);
    f.AwaitPrintNews("Neem uw badge uit de printer.");
    f.Tap("done");
    f.Advance(3100);
    f.Scan(code);
    f.AwaitPrintNews("Neem uw badge uit de printer.");
    CHECK(cups.WaitForPdfs(2).size() == 2);
  }
  KioskFixture f(KioskRole::kRegistration, "entree-pdf", cups.server(), "", "",
                 "", Direction::kEntry, std::nullopt,
                 [](KioskConfig& c) { c.print_on_scan = PrintOnScan::kNever; });
  f.Scan(f.CodeFor(f.marjolein));
  REQUIRE(f.app->ScreenName() == "badge");  // shown, not printed
  CHECK_FALSE(f.HasText("Uw badge wordt geprint"));
  CHECK(Count(f.db, "SELECT count(*) FROM print_job") == 0);
  CHECK(cups.WaitForPdfs(3).size() == 2);
}

TEST_CASE(
    "a scanner's double read and a copy of an admitted guest's code "
    "print nothing more",
    "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kBoth, "entree-pdf", cups.server());
  std::string code = f.CodeFor(f.marjolein);
  f.Scan(code);
  f.Advance(200);
  f.Scan(code);  // the same code read twice
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(f.HasText("Welkom, Marjolein de Gelder!"));
  CHECK_FALSE(f.HasText("al eens geprint"));
  f.AwaitPrintNews("Neem uw badge uit de printer.");
  f.Tap("done");
  // Later someone else scans a copy of it: the door's "already inside",
  // no badge.
  f.Advance(60000);
  f.Scan(code);
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(Count(f.db, "SELECT count(*) FROM print_job") == 1);
  CHECK(Count(f.db, "SELECT count(*) FROM checkin WHERE verdict = 'welcome'") ==
        1);
  CHECK(cups.WaitForPdfs(2).size() == 1);
}

TEST_CASE(
    "a scanned code the door refuses prints nothing and gets the "
    "door's words",
    "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kRegistration, "entree-pdf", cups.server());
  {
    auto store = Store::Open(f.db);
    REQUIRE(store.ok());
    f.marjolein.ticket = TicketState::kCancelled;
    REQUIRE(store->UpdateAttendee(f.marjolein).ok());
  }
  f.Scan(f.CodeFor(f.marjolein));
  CHECK(f.app->ScreenName() == "verdict");
  CHECK(f.HasText("Dit ticket is geannuleerd"));
  f.Scan("NOT-A-CODE-1234");
  CHECK(f.app->ScreenName() == "verdict");
  f.Advance(3000);
  CHECK(Count(f.db, "SELECT count(*) FROM print_job") == 0);
  CHECK(Count(f.db, "SELECT count(*) FROM badge") == 1);  // the one scanned
  CHECK(cups.WaitForPdfs(1).empty());
}

TEST_CASE("a printer out of paper sends the guest to staff, who retry",
          "[kiosk][printing]") {
  entree::testing::PrintSandbox cups;
  KioskFixture f(KioskRole::kBoth, "entree-nopaper", cups.server());
  f.OpenBadgeOfMarjolein();
  f.AwaitPrintNews("De printer heeft aandacht nodig");
  CHECK(f.HasText("Vraag onze medewerkers om uw badge"));
  CHECK(f.app->ScreenName() == "badge");  // calm: no error screen
  f.Tap("done");
  f.Advance(3100);

  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  REQUIRE(f.app->ScreenName() == "staff");
  f.AwaitPrintNews("is op");
  CHECK(f.HasText("het papier van printer \"entree-nopaper\" is op"));
  CHECK(f.HasText("Laatste badge, Marjolein de Gelder"));
  f.Tap("reprint");
  CHECK(f.HasText("De badge van Marjolein de Gelder wordt opnieuw geprint"));
  auto log = Store::Open(f.db)->PrintLog(10);
  REQUIRE(log.ok());
  REQUIRE(log->size() == 2);
  CHECK(log->front().asked);
  CHECK(log->back().outcome == "out_of_paper");
  // Cancelled meanwhile (a refund synced in): print again makes no badge.
  {
    auto store = Store::Open(f.db);
    REQUIRE(store.ok());
    f.marjolein.ticket = TicketState::kCancelled;
    REQUIRE(store->UpdateAttendee(f.marjolein).ok());
  }
  // Once the second try has failed too, "print again" is offered again.
  auto offers_reprint = [&] {
    for (const ButtonItem& b : f.app->Compose(f.layout).buttons) {
      if (b.id == "reprint") return true;
    }
    return false;
  };
  for (int tries = 0; tries < 400 && !offers_reprint(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(100);
  }
  f.Tap("reprint");
  CHECK(f.HasText("Dit ticket is geannuleerd"));
  CHECK(Store::Open(f.db)->PrintLog(10)->size() == 2);
}

TEST_CASE("staff mode says when the camera is not connected",
          "[kiosk][camera]") {
  TempDir elsewhere;
  KioskFixture f(KioskRole::kBoth, "", "", elsewhere.File("no-camera"));
  f.Tap("staff");
  for (const char* key : {"pin:1", "pin:2", "pin:3", "pin:4", "pin:ok"}) {
    f.Tap(key);
  }
  REQUIRE(f.app->ScreenName() == "staff");
  for (int i = 0; i < 40 && !f.HasText("is niet aangesloten"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(500);
  }
  CHECK(f.HasText("Camera " + elsewhere.File("no-camera") +
                  " is niet aangesloten"));
}

TEST_CASE("a kiosk started while the server is down works and says so",
          "[kiosk][sync]") {
  entree::testing::PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  pg.Stop();
  KioskFixture f(KioskRole::kBoth, "", "", "", pg.conninfo());
  auto await_text = [&](const std::string& text) {
    for (int i = 0; i < 150 && !f.HasText(text); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      f.Advance(100);
    }
    return f.HasText(text);
  };
  f.Scan(f.CodeFor(f.marjolein));
  CHECK(f.HasText("Welkom, Marjolein de Gelder!"));
  f.Advance(3100);
  // Never synced: the two guests on the list, their two World Café
  // tables, her badge and her check-in wait to be sent.
  CHECK(await_text("Offline · 6 wachten om verstuurd te worden"));

  pg.Start();
  CHECK(await_text("Online · 0 wachten om verstuurd te worden"));
}

TEST_CASE(
    "kiosk.conf's logo and accent show over the event's; a bad logo "
    "file does not",
    "[kiosk][branding]") {
  TempDir files;
  std::string svg = files.File("logo.svg");
  entree::testing::WriteFile(
      svg,
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 40\">"
      "<rect width=\"100\" height=\"40\" fill=\"#0A5C36\"/></svg>");
  std::string text = files.File("notes.txt");
  entree::testing::WriteFile(text, "not a picture");
  KioskFixture f(KioskRole::kBoth, "", "", "", "", "", Direction::kEntry,
                 std::nullopt, [&](KioskConfig& c) {
                   c.logo = svg;
                   c.accent = 0x0A5C36;
                 });
  Scene start = f.app->Compose(f.layout);
  CHECK(start.logo.has_value());
  REQUIRE_FALSE(start.boxes.empty());
  CHECK(start.boxes.front().colour == 0x0A5C36u);
  CHECK(f.app->event().accent == 0x0A5C36u);
  // The database still has no logo and no accent of its own.
  CHECK(Store::Open(f.db)->GetEventLogo()->empty());
  CHECK_FALSE(Store::Open(f.db)->GetEvent()->accent);

  // A FIFO nobody writes to is passed over at once, not waited on.
  std::string fifo = files.File("logo.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& bad :
       {text, std::string("/dev/zero"), f.db, files.File("missing.png"), fifo,
        files.path()}) {
    INFO(bad);
    f.config.logo = bad;
    f.config.accent.reset();
    f.Restart();
    CHECK_FALSE(f.app->Compose(f.layout).logo.has_value());
    CHECK(f.app->ScreenName() == "attract");
  }
}

TEST_CASE("a copy of a door's file stops its door until it is paired again",
          "[kiosk][sync][devices][hardening]") {
  DoorToJoin served("Frank", "van Dijk", "door-8");
  auto& org = served.org;
  std::string door_db = org.dir.File("door.db");
  REQUIRE(JoinEvent(served.setup.address, served.setup.code, door_db,
                    SystemClock().Now())
              .ok());
  // The real box has synced; then its files are copied to another.
  {
    Store door = Store::Open(door_db).value();
    auto login = ReadDeviceLogin(door_db).value();
    REQUIRE(login.has_value());
    REQUIRE(
        SyncOnce(door, login->conninfo, "door-8", SystemClock().Now()).ok());
  }
  std::string copy_db = org.dir.File("copy.db");
  std::filesystem::copy_file(door_db, copy_db);
  std::filesystem::copy_file(door_db + ".device", copy_db + ".device");
  KioskFixture f(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                 std::nullopt,
                 [&](KioskConfig& config) { config.database = copy_db; });
  bool stopped = false;
  for (int i = 0; i < 200 && !stopped; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(100);
    stopped = f.app->ScreenName() == "fault";
  }
  REQUIRE(stopped);
  CHECK(f.app->fault().text_key() == "error.device_copied");
  std::string code =
      org.issuer.BadgeFor(served.guest.id, false, f.clock.Now())->code;
  f.Scan(code);
  f.Advance(3000);
  CHECK(f.app->ScreenName() == "fault");
  CHECK(f.app->verdicts_shown() == 0);

  // Started again while the server is away, it stays stopped: the file
  // remembers it was refused. The command line refuses it too.
  served.pg.Stop();
  f.app.reset();
  KioskFixture again(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                     std::nullopt,
                     [&](KioskConfig& config) { config.database = copy_db; });
  CHECK(again.app->ScreenName() == "fault");
  CHECK(again.app->fault().text_key() == "error.device_copied");
  again.Scan(code);
  again.Advance(3000);
  CHECK(again.app->ScreenName() == "fault");
  CHECK(again.app->verdicts_shown() == 0);
  auto cli = entree::testing::RunProcess(
      {ENTREE_CLI_PATH, "--db", copy_db, "checkin", code}, "",
      {"ENTREE_LANG=en"});
  CHECK(cli.exit_code == 6);
  CHECK(cli.err.find("another copy of its file") != std::string::npos);
}

TEST_CASE("a running kiosk stops as soon as its file is known to be a copy",
          "[kiosk][devices][hardening]") {
  KioskFixture f(KioskRole::kDoor);
  std::string code = f.CodeFor(f.marjolein);
  // Another program on the box (entree sync) was told the file is a copy.
  {
    auto other = Store::Open(f.db);
    REQUIRE(other.ok());
    REQUIRE(other->MarkRefusedCopy().ok());
  }
  f.Scan(code);
  f.Advance(10);
  CHECK(f.app->ScreenName() == "fault");
  CHECK(f.app->verdicts_shown() == 0);
  CHECK(f.app->fault().text_key() == "error.device_copied");
  f.Advance(3000);
  CHECK(f.app->ScreenName() == "fault");
  CHECK(f.Stats().total.arrived == 0);
}

TEST_CASE("a box that joined as a door syncs as itself, and shows its removal",
          "[kiosk][sync][devices]") {
  DoorToJoin served("Frank", "van Dijk", "door-7");
  auto& pg = served.pg;
  auto& org = served.org;
  const Attendee& guest = served.guest;
  const SetupCode& setup = served.setup;
  std::string door_db = org.dir.File("door.db");
  REQUIRE(
      JoinEvent(setup.address, setup.code, door_db, SystemClock().Now()).ok());

  // kiosk.conf names no server and another kiosk id: the device's login
  // and name win.
  KioskFixture f(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                 std::nullopt, [&](KioskConfig& config) {
                   config.database = door_db;
                   config.kiosk_id = "k1";
                 });
  std::string code = org.issuer.BadgeFor(guest.id, false, f.clock.Now())->code;
  f.Scan(code);
  CHECK(f.HasText("Welkom, Frank van Dijk!"));
  auto on_server = [&] {
    auto psql = entree::testing::RunProcess(
        {"/usr/bin/psql", "-X", "-A", "-t", "-d", pg.conninfo(), "-c",
         "SELECT count(*) FROM checkins WHERE kiosk_id = "
         "'door-7'"});
    return psql.out;
  };
  for (int i = 0; i < 100 && on_server() != "1\n"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(100);
  }
  CHECK(on_server() == "1\n");

  REQUIRE(RevokeDevice(pg.conninfo(), org.event.id, "door-7").ok());
  f.Advance(3100);
  f.EnterStaffMode();
  REQUIRE(f.app->ScreenName() == "staff");
  bool shown = false;
  for (int i = 0; i < 200 && !shown; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(100);
    shown = f.HasText("uit het evenement verwijderd");
  }
  CHECK(shown);
  // It still lets guests in on what it has.
  f.Tap("lock");
  f.Advance(100);
  f.Scan(code);
  CHECK(f.HasText("Frank van Dijk"));
}

TEST_CASE("a new box joins its event from the setup QR code and starts",
          "[kiosk][sync][devices]") {
  DoorToJoin served("Els", "de Vries", "door-3");
  auto& org = served.org;
  const Attendee& guest = served.guest;
  const SetupCode& setup = served.setup;

  // A box with the kiosk installed and no event; kiosk.conf names no
  // server.
  std::string box_db = org.dir.File("box.db");
  KioskFixture f(KioskRole::kBoth, "", "", "", "", "", Direction::kEntry,
                 std::nullopt,
                 [&](KioskConfig& config) { config.database = box_db; });
  REQUIRE(f.app->ScreenName() == "setup");
  CHECK(f.HasText("Deze kiosk instellen"));
  // Typed wrong, then typed right but without the server's address.
  f.Type("abc");
  f.Tap("connect");
  CHECK(f.HasText("Dat is geen installatiecode"));
  for (int i = 0; i < 3; ++i) f.Tap("key:back");
  for (char c : setup.code) {
    if (c != '-')
      f.Tap("key:" + std::string(1, static_cast<char>(std::tolower(c))));
  }
  f.Tap("connect");
  CHECK(f.HasText("kent het adres van de server nog niet"));
  // A guest's badge scanned now is not a setup code, and opens nothing.
  f.Scan(org.issuer.BadgeFor(guest.id, false, f.clock.Now())->code);
  CHECK(f.app->ScreenName() == "setup");
  CHECK(f.HasText("Dat is geen installatiecode"));
  // The QR code carries the address: scanned, the box joins and starts.
  f.Scan(setup.qr_text);
  for (int i = 0; i < 200 && f.app->ScreenName() == "setup"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.Advance(50);
  }
  REQUIRE(f.app->ScreenName() == "attract");
  CHECK(std::filesystem::exists(DeviceLoginPath(box_db)));
  CHECK_FALSE(std::filesystem::exists(box_db + ".key"));  // a door
  CHECK(f.app->config().role == KioskRole::kDoor);
  CHECK(f.app->config().kiosk_id == "door-3");
  f.Scan(org.issuer.BadgeFor(guest.id, false, f.clock.Now())->code);
  CHECK(f.HasText("Welkom, Els de Vries!"));
}

TEST_CASE("accented names take one extra tap per accented letter", "[kiosk]") {
  KioskFixture f;
  f.Tap("register");
  f.Tap("walk_in");
  // Each name as taps on the keyboard, and the taps it takes beyond one a
  // letter (the accent key, a Shift before a lower-case particle).
  struct Case {
    std::vector<std::string> keys;
    std::string shown;
    int accented;
  };
  std::vector<Case> cases = {
      {{"z", "o", "accent", "ë"}, "Zoë", 1},
      {{"j", "o", "s", "accent", "é"}, "José", 1},
      {{"accent", "Ç", "e", "l", "i", "k"}, "Çelik", 1},
      {{"j", "accent", "ü", "r", "g", "e", "n"}, "Jürgen", 1},
      {{"accent", "Ł", "u", "k", "a", "s", "z"}, "Łukasz", 1},
  };
  for (const Case& name : cases) {
    INFO(name.shown);
    f.Tap("field:given_name");
    for (int i = 0; i < 8; ++i) f.Tap("key:back");
    int letters = 0;
    for (const std::string& key : name.keys) {
      f.Tap("key:" + key);
      letters += key != "accent";
    }
    CHECK(f.HasText(name.shown));
    CHECK(static_cast<int>(name.keys.size()) - letters == name.accented);
  }
}

TEST_CASE(
    "a walk-in with an email is registered in six taps besides the "
    "letters",
    "[kiosk]") {
  KioskFixture f;
  int taps = 0;
  auto tap = [&](const std::string& id) {
    f.Tap(id);
    ++taps;
  };
  // Letters on the on-screen keyboard; the capitals come by themselves.
  auto letters = [&](const std::string& word) {
    for (char c : word) f.Tap("key:" + std::string(1, c));
  };
  tap("walk_in");  // straight from the start screen
  letters("eva");
  tap("field:family_name");
  letters("bos");
  tap("field:organisation");
  letters("saxion");
  tap("field:email");
  letters("eva@saxion.nl");
  tap("sector:education");
  tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  CHECK(taps == 6);
  auto found = Store::Open(f.db)->SearchAttendees("eva bos", 5);
  REQUIRE(found->size() == 1);
  CHECK(found->at(0).organisation == "Saxion");
  CHECK(found->at(0).email == "eva@saxion.nl");
  CHECK(found->at(0).source == Source::kWalkIn);
}
