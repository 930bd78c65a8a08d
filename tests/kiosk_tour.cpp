// The kiosk's screens visited in turn: see kiosk_tour.h.
#include "kiosk_tour.h"

#include "entree/seating/seating_event.h"

namespace entree::testing {

namespace {

// On a small panel, which types into one walk-in field at a time, goes
// back from that field to the form.
void LeaveTyping(KioskFixture& f) {
  for (const ButtonItem& b : f.app->Compose(f.layout).buttons) {
    if (b.id == "typed") return f.Tap("typed");
  }
}

void TapField(KioskFixture& f, const std::string& id) {
  LeaveTyping(f);
  f.Tap(id);
}

}  // namespace

const kiosk::FontSet& KioskFonts() {
  static const kiosk::FontSet fonts;
  return fonts;
}

void AwaitAttract(KioskFixture& f) {
  for (int i = 0; i < 200 && f.app->ScreenName() != "attract"; ++i) {
    f.Advance(500);
  }
  REQUIRE(f.app->ScreenName() == "attract");
}

void Tour(KioskFixture& f, const std::function<void(const std::string&)>& check,
          const Attendee& guest) {
  check("attract");
  std::string code = f.CodeFor(guest);
  f.Scan(code);
  check("welcome");
  AwaitAttract(f);
  f.Scan(code);
  check("already inside");
  AwaitAttract(f);
  f.Scan("E1NOTAREALCODE");
  check("invalid code");
  AwaitAttract(f);

  f.Tap("register");
  check("find, empty");
  f.Type(guest.given_name.substr(0, 4));
  check("find, results");
  f.Type("zzz");
  check("find, nobody");
  f.Tap("walk_in");
  check("walk-in, empty");
  f.Tap("make_badge");
  check("walk-in, problem");
  TapField(f, "field:given_name");
  f.Type(guest.given_name);
  TapField(f, "field:family_name");
  f.Type(guest.family_name);
  TapField(f, "field:organisation");
  f.Type(guest.organisation);
  TapField(f, "field:email");
  f.Type("a.very.long.address.of.someone@example-organisation.nl");
  check("walk-in, filled");
  LeaveTyping(f);
  f.Tap("sector:education");
  f.Tap("make_badge");
  REQUIRE(f.app->ScreenName() == "badge");
  check("badge, with the optional question beyond the event");
  f.Tap("consent");
  check("badge");
  f.Tap("done");
  check("walk-in welcome");
  AwaitAttract(f);

  f.Tap("staff");
  f.Tap("pin:1");
  f.Tap("pin:2");
  check("PIN, two digits");
  f.Tap("pin:3");
  f.Tap("pin:4");
  f.Tap("pin:ok");
  REQUIRE(f.app->ScreenName() == "staff");
  check("staff");
  f.Tap("checkin");
  check("staff check-in, empty");
  f.Type(guest.family_name.substr(0, 5));
  check("staff check-in, results");
  f.Tap("menu");
  f.Tap("reissue");
  f.Type(guest.family_name.substr(0, 5));
  check("staff reissue, results");
  f.Tap("menu");
  f.Tap("undo");
  check("staff undo question");
  f.Tap("confirm");
  check("staff undone");
  f.Tap("quit");
  check("staff quit question");
  f.Tap("menu");
  f.Tap("dashboard");
  check("dashboard");
  f.Tap("export");
  check("export");
}

Attendee MakeExtreme(KioskFixture& f) {
  Store store = Store::Open(f.db).value();
  Event event = *store.GetEvent();
  event.name =
      "Internationale Werkconferentie Grensoverschrijdende Samenwerking "
      "Onderwijs en Arbeidsmarkt Eems-Dollardregio 2026";
  event.venue = "Theater Hof van Coevorden, Haven 4, Coevorden";
  event.accent = 0x8A1538;
  REQUIRE(store.UpdateEvent(event).ok());
  // A logo far wider than high.
  REQUIRE(store
              .SetEventLogo(
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                  "viewBox=\"0 0 400 40\"><rect width=\"400\" height=\"40\" "
                  "fill=\"#8A1538\"/></svg>")
              .ok());
  const std::array<const char*, 3> tables = {
      "Grensoverschrijdend Vakmanschap",
      "Leven Lang Ontwikkelen in de Techniek",
      "Regionale Arbeidsmarktagenda Zuidoost-Drenthe"};
  for (const char* table : tables) {
    Attendee host = AddAttendee(store, "Anne-Wil", "Zwiers-Oosterhuis",
                                Sector::kEducation, table);
    host.role = Role::kHost;
    REQUIRE(store.UpdateAttendee(host).ok());
  }
  Attendee guest =
      AddAttendee(store, "Maria-Christina Henriëtte",
                  "van den Bosch-Vanderbroeck", Sector::kBusiness, "");
  guest.organisation =
      "Samenwerkingsverband Regionale Arbeidsmarkt Drenthe en "
      "Zuidoost-Groningen";
  REQUIRE(store.UpdateAttendee(guest).ok());
  PlanRequest request;
  request.rounds = 6;
  REQUIRE(PlanEventSeating(store, request).ok());
  return guest;
}

}  // namespace entree::testing
