// Tests of the door rule, on both sides of every time boundary.
#include <catch2/catch.hpp>

#include "entree/codes/checkin_rules.h"
#include "support.h"

using namespace entree;
using entree::testing::At;
using std::chrono::milliseconds;

namespace {

DoorSettings EntryDoor() {
  DoorSettings door;
  door.doors_open_at = At("2026-10-12T16:00:00Z");
  door.closes_at = At("2026-10-12T22:00:00Z");
  return door;
}

ScanFacts ValidBadge() {
  ScanFacts facts;
  facts.token = TokenCheck::kValid;
  return facts;
}

PassRecord Pass(Instant at, Direction direction, Verdict verdict,
                std::string kiosk = "door-1") {
  return {at, direction, verdict, std::move(kiosk)};
}

}  // namespace

TEST_CASE("a first scan inside opening hours is welcome", "[rules]") {
  Instant now = At("2026-10-12T17:00:00Z");
  Decision d = DecideScan(ValidBadge(), EntryDoor(), now);
  CHECK(d.verdict == Verdict::kWelcome);
  CHECK(d.record);
  CHECK(d.first_entry == now);
}

TEST_CASE("doors-open is the first instant of entry", "[rules]") {
  Instant open = At("2026-10-12T16:00:00Z");
  CHECK(DecideScan(ValidBadge(), EntryDoor(), open - milliseconds(1)).verdict ==
        Verdict::kNotOpen);
  CHECK(DecideScan(ValidBadge(), EntryDoor(), open).verdict ==
        Verdict::kWelcome);
}

TEST_CASE("the end of the event is the first instant of closed", "[rules]") {
  Instant end = At("2026-10-12T22:00:00Z");
  CHECK(DecideScan(ValidBadge(), EntryDoor(), end - milliseconds(1)).verdict ==
        Verdict::kWelcome);
  CHECK(DecideScan(ValidBadge(), EntryDoor(), end).verdict == Verdict::kClosed);
}

TEST_CASE("without opening hours the door is always open", "[rules]") {
  DoorSettings door;
  CHECK(DecideScan(ValidBadge(), door, At("1999-01-01T00:00:00Z")).verdict ==
        Verdict::kWelcome);
}

TEST_CASE("a second entry is already inside, with the first entry time",
          "[rules]") {
  Instant first = At("2026-10-12T17:00:00Z");
  ScanFacts facts = ValidBadge();
  facts.first_entry = first;
  facts.last_pass = Pass(first, Direction::kEntry, Verdict::kWelcome, "door-2");
  Decision d = DecideScan(facts, EntryDoor(), first + milliseconds(1));
  CHECK(d.verdict == Verdict::kAlreadyInside);
  CHECK(d.first_entry == first);
  CHECK(d.record);
}

TEST_CASE("the same badge at the same kiosk within 3 s counts once",
          "[rules]") {
  Instant first = At("2026-10-12T17:00:00Z");
  ScanFacts facts = ValidBadge();
  facts.first_entry = first;
  facts.last_pass = Pass(first, Direction::kEntry, Verdict::kWelcome);
  facts.last_scan_here = facts.last_pass;

  Decision bounce = DecideScan(facts, EntryDoor(), first + milliseconds(2999));
  CHECK(bounce.verdict == Verdict::kWelcome);
  CHECK_FALSE(bounce.record);

  Decision later = DecideScan(facts, EntryDoor(), first + milliseconds(3000));
  CHECK(later.verdict == Verdict::kAlreadyInside);
  CHECK(later.record);
}

TEST_CASE("within 3 s at another kiosk is not a bounce", "[rules]") {
  Instant first = At("2026-10-12T17:00:00Z");
  ScanFacts facts = ValidBadge();
  facts.first_entry = first;
  facts.last_pass = Pass(first, Direction::kEntry, Verdict::kWelcome, "door-2");
  // No scan at this kiosk.
  CHECK(DecideScan(facts, EntryDoor(), first + milliseconds(500)).verdict ==
        Verdict::kAlreadyInside);
}

TEST_CASE("an exit is recorded and a later entry is welcome back", "[rules]") {
  Instant first = At("2026-10-12T17:00:00Z");
  ScanFacts facts = ValidBadge();
  facts.first_entry = first;
  facts.last_pass = Pass(first, Direction::kEntry, Verdict::kWelcome);

  DoorSettings exit_door = EntryDoor();
  exit_door.direction = Direction::kExit;
  Decision out = DecideScan(facts, exit_door, At("2026-10-12T18:00:00Z"));
  CHECK(out.verdict == Verdict::kGoodbye);
  CHECK(out.record);

  facts.last_pass =
      Pass(At("2026-10-12T18:00:00Z"), Direction::kExit, Verdict::kGoodbye);
  Decision back = DecideScan(facts, EntryDoor(), At("2026-10-12T18:30:00Z"));
  CHECK(back.verdict == Verdict::kWelcomeBack);
  CHECK(back.first_entry == first);

  DoorSettings no_reentry = EntryDoor();
  no_reentry.allow_reentry = false;
  CHECK(DecideScan(facts, no_reentry, At("2026-10-12T18:30:00Z")).verdict ==
        Verdict::kAlreadyInside);
}

TEST_CASE("exits are let through outside opening hours", "[rules]") {
  DoorSettings exit_door = EntryDoor();
  exit_door.direction = Direction::kExit;
  CHECK(
      DecideScan(ValidBadge(), exit_door, At("2026-10-12T23:00:00Z")).verdict ==
      Verdict::kGoodbye);
}

TEST_CASE("a bounce on the exit door repeats goodbye", "[rules]") {
  DoorSettings exit_door = EntryDoor();
  exit_door.direction = Direction::kExit;
  Instant out = At("2026-10-12T20:00:00Z");
  ScanFacts facts = ValidBadge();
  facts.last_pass = Pass(out, Direction::kExit, Verdict::kGoodbye);
  facts.last_scan_here = facts.last_pass;
  Decision d = DecideScan(facts, exit_door, out + milliseconds(1000));
  CHECK(d.verdict == Verdict::kGoodbye);
  CHECK_FALSE(d.record);
}

TEST_CASE("token problems and revocation come before everything else",
          "[rules]") {
  Instant before_open = At("2026-10-12T10:00:00Z");
  ScanFacts facts;
  for (TokenCheck check : {TokenCheck::kUnknownVersion, TokenCheck::kBadLength,
                           TokenCheck::kBadBase32, TokenCheck::kBadSignature}) {
    facts.token = check;
    Decision d = DecideScan(facts, EntryDoor(), before_open);
    CHECK(d.verdict == Verdict::kInvalid);
    CHECK_FALSE(d.record);
  }
  facts.token = TokenCheck::kWrongEvent;
  CHECK(DecideScan(facts, EntryDoor(), before_open).verdict ==
        Verdict::kWrongEvent);
  facts = ValidBadge();
  facts.badge_revoked = true;
  Decision revoked = DecideScan(facts, EntryDoor(), before_open);
  CHECK(revoked.verdict == Verdict::kRevoked);
  CHECK(revoked.record);
}

TEST_CASE("verdict names round-trip and only passes admit", "[rules]") {
  for (Verdict v :
       {Verdict::kWelcome, Verdict::kWelcomeBack, Verdict::kGoodbye,
        Verdict::kAlreadyInside, Verdict::kRevoked, Verdict::kWrongEvent,
        Verdict::kInvalid, Verdict::kNotOpen, Verdict::kClosed}) {
    CHECK(ParseVerdict(ToString(v)) == v);
  }
  CHECK(Admits(Verdict::kWelcome));
  CHECK(Admits(Verdict::kGoodbye));
  CHECK_FALSE(Admits(Verdict::kAlreadyInside));
  CHECK_FALSE(Admits(Verdict::kNotOpen));
}
