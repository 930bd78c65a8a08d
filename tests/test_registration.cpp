// Tests of walk-in registration and badge issuing.
#include <catch2/catch.hpp>

#include "entree/desk/registration.h"
#include "entree/desk/scan_at_desk.h"
#include "support.h"

using namespace entree;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::DatabaseFingerprint;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;

TEST_CASE("a walk-in is registered with consent", "[registration]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("w.db"));
  WalkInForm form{"Noor",
                  "van Dam",
                  "Gemeente Emmen",
                  Sector::kGovernment,
                  "noor@emmen.example",
                  true};
  auto walk_in = RegisterWalkIn(store, form, At("2026-10-12T17:00:00Z"));
  REQUIRE(walk_in.ok());
  CHECK(walk_in->source == Source::kWalkIn);
  CHECK(walk_in->consent);
  CHECK(store.SearchAttendees("noor dam", 5)->size() == 1);
  CHECK(store.Stats()->walk_ins == 1);
}

TEST_CASE("an incomplete walk-in form changes nothing", "[registration]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("w.db"));
  std::string before = DatabaseFingerprint(dir.File("w.db"));
  auto status_of = [&](WalkInForm form) {
    return RegisterWalkIn(store, form, At("2026-10-12T17:00:00Z")).status();
  };
  CHECK(status_of({" ", "", "Org", Sector::kOther, "", true}).text_key() ==
        "error.walk_in_no_name");
  CHECK(status_of({"Noor", "", "", Sector::kOther, "noor@", true}).text_key() ==
        "error.walk_in_bad_email");
  CHECK(DatabaseFingerprint(dir.File("w.db")) == before);
  // The badge never waits on consent: without it the guest is registered,
  // and not asked about anything beyond the event.
  auto without =
      RegisterWalkIn(store, {"Noor", "", "", Sector::kOther, "", false},
                     At("2026-10-12T17:00:00Z"));
  REQUIRE(without.ok());
  CHECK_FALSE(without->consent);
}

TEST_CASE("the issuer keeps a badge until a reissue replaces it",
          "[registration]") {
  TempDir dir;
  KeyPair keys;
  Store store = MakeEventStore(dir.File("b.db"), &keys);
  Event event = *store.GetEvent();
  Attendee a = AddAttendee(store, "Bram", "Mulder");
  BadgeIssuer issuer(store, event.id, keys.secret_key, "desk-1");
  auto first = issuer.BadgeFor(a.id, false, At("2026-10-12T17:00:00Z"));
  REQUIRE(first.ok());
  CHECK(first->badge.serial == 1);
  auto same = issuer.BadgeFor(a.id, false, At("2026-10-12T17:01:00Z"));
  CHECK(same->code == first->code);
  auto reissued = issuer.BadgeFor(a.id, true, At("2026-10-12T17:02:00Z"));
  CHECK(reissued->badge.serial == 2);
  CHECK(reissued->code != first->code);
  auto check = VerifyBadgeCode(reissued->code, event.id, keys.public_key);
  CHECK(check.check == TokenCheck::kValid);
  CHECK(check.claim.serial == 2);
}

TEST_CASE("a scanned code gets its badge where the door would take it",
          "[registration]") {
  Attendee guest;
  auto decide = [&](Verdict verdict, KioskRole role, PrintOnScan when,
                    bool printer) {
    return DecideScanAtDesk(verdict, guest, role, when, printer);
  };
  // Registration: the badge for every code the door would take, or is
  // early for; printed once by default.
  for (Verdict verdict :
       {Verdict::kWelcome, Verdict::kWelcomeBack, Verdict::kNotOpen}) {
    ScanAtDesk desk =
        decide(verdict, KioskRole::kRegistration, PrintOnScan::kFirst, true);
    CHECK(desk.badge);
    CHECK(desk.print);
    CHECK_FALSE(desk.again);
  }
  CHECK(decide(Verdict::kWelcome, KioskRole::kRegistration,
               PrintOnScan::kAlways, true)
            .again);
  ScanAtDesk shown_only = decide(Verdict::kWelcome, KioskRole::kRegistration,
                                 PrintOnScan::kNever, true);
  CHECK(shown_only.badge);
  CHECK_FALSE(shown_only.print);
  CHECK(decide(Verdict::kWelcome, KioskRole::kRegistration, PrintOnScan::kFirst,
               false)
            .badge);
  // Where the guest goes next.
  CHECK(decide(Verdict::kWelcome, KioskRole::kRegistration, PrintOnScan::kFirst,
               true)
            .next == AfterScan::kToEntrance);
  CHECK(decide(Verdict::kNotOpen, KioskRole::kRegistration, PrintOnScan::kFirst,
               true)
            .next == AfterScan::kDoorsLater);
  CHECK(decide(Verdict::kWelcome, KioskRole::kBoth, PrintOnScan::kFirst, true)
            .next == AfterScan::kLetIn);
  // Both: only when it prints; a door makes none.
  CHECK(decide(Verdict::kWelcome, KioskRole::kBoth, PrintOnScan::kFirst, true)
            .badge);
  CHECK_FALSE(
      decide(Verdict::kWelcome, KioskRole::kBoth, PrintOnScan::kNever, true)
          .badge);
  CHECK_FALSE(
      decide(Verdict::kWelcome, KioskRole::kBoth, PrintOnScan::kFirst, false)
          .badge);
  CHECK_FALSE(
      decide(Verdict::kWelcome, KioskRole::kDoor, PrintOnScan::kFirst, true)
          .badge);
  // What the door refuses gets nothing.
  for (Verdict verdict :
       {Verdict::kRevoked, Verdict::kWrongEvent, Verdict::kInvalid,
        Verdict::kClosed, Verdict::kCancelled, Verdict::kUnpaid,
        Verdict::kGoodbye, Verdict::kAlreadyInside}) {
    ScanAtDesk desk =
        decide(verdict, KioskRole::kRegistration, PrintOnScan::kAlways, true);
    CHECK_FALSE(desk.badge);
    CHECK_FALSE(desk.print);
  }
  CHECK_FALSE(DecideScanAtDesk(Verdict::kWelcome, std::nullopt,
                               KioskRole::kRegistration, PrintOnScan::kFirst,
                               true)
                  .badge);
  guest.ticket = TicketState::kCancelled;
  CHECK_FALSE(decide(Verdict::kWelcome, KioskRole::kRegistration,
                     PrintOnScan::kFirst, true)
                  .badge);
}
