// Tests of walk-in registration and badge issuing.
#include <catch2/catch.hpp>

#include "entree/desk/registration.h"
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
  CHECK(status_of({"Noor", "", "", Sector::kOther, "", false}).text_key() ==
        "error.walk_in_no_consent");
  CHECK(DatabaseFingerprint(dir.File("w.db")) == before);
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
