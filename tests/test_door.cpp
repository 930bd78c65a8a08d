// Tests of the door: real store on disk, real codes, an injected clock.
#include <catch2/catch.hpp>
#include <filesystem>

#include "entree/base/uuid.h"
#include "entree/door/door.h"
#include "support.h"

using namespace entree;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;
using std::chrono::milliseconds;

namespace {

struct DoorFixture {
  TempDir dir;
  KeyPair keys;
  Store store = MakeEventStore(dir.File("door.db"), &keys);
  Event event = *store.GetEvent();
  FixedClock clock{At("2026-10-12T17:00:00Z")};
  Door entry{store, clock, event, DoorSettingsFor(event, Direction::kEntry),
             "door-1"};

  std::string CodeFor(const Attendee& a) {
    auto badge = store.IssueBadge(a.id, "desk-1", clock.Now());
    REQUIRE(badge.ok());
    return SignBadgeCode({event.id, a.id, badge->serial}, keys.secret_key);
  }
  ScanOutcome Scan(Door& door, const std::string& code) {
    auto outcome = door.Scan(code);
    REQUIRE(outcome.ok());
    return *outcome;
  }
};

}  // namespace

TEST_CASE("a guest is welcomed once and the row is on disk", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Anouk", "van der Veen");
  std::string code = f.CodeFor(a);

  ScanOutcome first = f.Scan(f.entry, code);
  CHECK(first.verdict == Verdict::kWelcome);
  CHECK(first.recorded);
  REQUIRE(first.attendee.has_value());
  CHECK(first.attendee->FullName() == "Anouk van der Veen");

  // A second connection (another process would see the same) finds it.
  auto reopened = Store::Open(f.dir.File("door.db"));
  REQUIRE(reopened.ok());
  auto rows = reopened->ListCheckins();
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().id == first.checkin_id);
  CHECK(rows->front().kiosk_id == "door-1");

  f.clock.Advance(milliseconds(1500));
  ScanOutcome bounce = f.Scan(f.entry, code);
  CHECK(bounce.verdict == Verdict::kWelcome);
  CHECK_FALSE(bounce.recorded);

  f.clock.Advance(milliseconds(1500));
  ScanOutcome again = f.Scan(f.entry, code);
  CHECK(again.verdict == Verdict::kAlreadyInside);
  CHECK(again.first_entry == At("2026-10-12T17:00:00Z"));
  CHECK(f.store.ListCheckins()->size() == 2);
}

TEST_CASE("a reissued badge voids the old one", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Bram", "Mulder");
  std::string lost = f.CodeFor(a);
  std::string replacement = f.CodeFor(a);
  CHECK(f.Scan(f.entry, lost).verdict == Verdict::kRevoked);
  f.clock.Advance(milliseconds(10));
  CHECK(f.Scan(f.entry, replacement).verdict == Verdict::kWelcome);
}

TEST_CASE("exit and re-entry across two doors", "[door]") {
  DoorFixture f;
  Door exit_door(f.store, f.clock, f.event,
                 DoorSettingsFor(f.event, Direction::kExit), "door-2");
  Attendee a = AddAttendee(f.store, "Chantal", "Hoekstra");
  std::string code = f.CodeFor(a);
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcome);
  f.clock.Advance(std::chrono::minutes(30));
  CHECK(f.Scan(exit_door, code).verdict == Verdict::kGoodbye);
  f.clock.Advance(std::chrono::minutes(5));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcomeBack);
  auto stats = f.store.Stats();
  CHECK(stats->total.inside == 1);
}

TEST_CASE("bad codes are verdicts, and record nothing", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Daan", "ter Horst");
  std::string code = f.CodeFor(a);
  CHECK(f.Scan(f.entry, "").verdict == Verdict::kInvalid);
  CHECK(f.Scan(f.entry, code.substr(0, 120)).verdict == Verdict::kInvalid);
  KeyPair forger = GenerateKeyPair();
  CHECK(f.Scan(f.entry, SignBadgeCode({f.event.id, a.id, 1}, forger.secret_key))
            .verdict == Verdict::kInvalid);
  CHECK(
      f.Scan(f.entry, SignBadgeCode({NewEventId(), a.id, 1}, f.keys.secret_key))
          .verdict == Verdict::kWrongEvent);
  CHECK(f.store.ListCheckins()->empty());
}

TEST_CASE("opening hours apply at the door", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Eline", "Bosman");
  std::string code = f.CodeFor(a);
  f.clock.Set(At("2026-10-12T15:59:59Z"));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kNotOpen);
  f.clock.Set(At("2026-10-12T22:00:00Z"));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kClosed);
  CHECK(f.Scan(f.entry, code).recorded == false);  // bounce of "closed"
}

TEST_CASE("a valid badge of a guest registered elsewhere is let in", "[door]") {
  DoorFixture f;
  Uuid stranger = NewUuid();
  std::string code =
      SignBadgeCode({f.event.id, stranger, 1}, f.keys.secret_key);
  ScanOutcome outcome = f.Scan(f.entry, code);
  CHECK(outcome.verdict == Verdict::kWelcome);
  CHECK_FALSE(outcome.attendee.has_value());
  CHECK(outcome.recorded);
}

TEST_CASE("a dry run decides without writing", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Frank", "van Dijk");
  std::string code = f.CodeFor(a);
  auto outcome = f.entry.Scan(code, /*dry_run=*/true);
  REQUIRE(outcome.ok());
  CHECK(outcome->verdict == Verdict::kWelcome);
  CHECK_FALSE(outcome->recorded);
  CHECK(f.store.ListCheckins()->empty());
}

TEST_CASE("staff check a guest in by hand, and can undo it", "[door]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Gerrit", "Bügel");
  auto first = f.entry.CheckInByHand(a.id);
  REQUIRE(first.ok());
  CHECK(first->verdict == Verdict::kWelcome);
  CHECK(first->recorded);
  f.clock.Advance(std::chrono::seconds(10));
  CHECK(f.entry.CheckInByHand(a.id)->verdict == Verdict::kAlreadyInside);
  CHECK(f.entry.CheckInByHand(NewUuid()).status().IsNotFound());

  auto last = f.store.LastAdmissionAt("door-1");
  REQUIRE(last->has_value());
  REQUIRE(f.store.UndoCheckin(**last, "door-1", f.clock.Now()).ok());
  f.clock.Advance(std::chrono::seconds(10));
  CHECK(f.entry.CheckInByHand(a.id)->verdict == Verdict::kWelcome);
}

TEST_CASE("a check-in dated in the future never decides today's verdict",
          "[door][clock]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Jérôme", "Müller");
  std::string code = f.CodeFor(a);
  Door exit{f.store, f.clock, f.event,
            DoorSettingsFor(f.event, Direction::kExit), "door-2"};

  // An exit dated an hour ahead (a kiosk clock running fast, a mistyped
  // --at) must not make every later entry a "welcome back".
  REQUIRE(f.store
              .AppendCheckin(entree::testing::Checkin(
                  a.id, "2026-10-12T18:00:00Z", Direction::kExit,
                  Verdict::kGoodbye, "door-fast"))
              .ok());
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcome);
  f.clock.Advance(std::chrono::minutes(1));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kAlreadyInside);

  // An entry dated ahead must not keep a guest who left "already inside".
  REQUIRE(f.store
              .AppendCheckin(entree::testing::Checkin(
                  a.id, "2026-10-12T19:00:00Z", Direction::kEntry,
                  Verdict::kWelcome, "door-fast"))
              .ok());
  f.clock.Advance(std::chrono::minutes(1));
  CHECK(f.Scan(exit, code).verdict == Verdict::kGoodbye);
  f.clock.Advance(std::chrono::minutes(1));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcomeBack);

  // Within the tolerance a neighbour's clock that runs a little ahead still
  // counts: its entry keeps the guest inside.
  f.clock.Advance(std::chrono::minutes(1));
  CHECK(f.Scan(exit, code).verdict == Verdict::kGoodbye);
  Instant soon = f.clock.Now() + std::chrono::minutes(2);
  REQUIRE(f.store
              .AppendCheckin({NewUuid(), a.id, 1, "door-slightly-fast",
                              Direction::kEntry, soon, Verdict::kWelcomeBack,
                              std::nullopt})
              .ok());
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kAlreadyInside);
}

TEST_CASE("an exit dated a few minutes ahead stands for one re-entry",
          "[door][clock]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Sanne", "van 't Hek");
  std::string code = f.CodeFor(a);
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcome);

  SECTION("pulled from a door whose clock runs three minutes fast") {
    CheckinRecord exit =
        entree::testing::Checkin(a.id, "2026-10-12T17:03:10Z", Direction::kExit,
                                 Verdict::kGoodbye, "door-fast");
    REQUIRE(f.store.MergeCheckin(exit, At("2026-10-12T17:00:10Z")).ok());
  }
  SECTION("typed with --at three minutes ahead") {
    FixedClock typed{At("2026-10-12T17:03:10Z")};
    Door typed_exit{f.store, typed, f.event,
                    DoorSettingsFor(f.event, Direction::kExit), "door-2"};
    f.clock.Advance(std::chrono::seconds(10));
    typed_exit.set_arrival_clock(f.clock);
    CHECK(f.Scan(typed_exit, code).verdict == Verdict::kGoodbye);
  }
  f.clock.Set(At("2026-10-12T17:00:20Z"));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcomeBack);
  // Every later entry, at this door or another, before the exit's own
  // time: the guest is inside.
  f.clock.Set(At("2026-10-12T17:00:40Z"));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kAlreadyInside);
  Door other{f.store, f.clock, f.event,
             DoorSettingsFor(f.event, Direction::kEntry), "door-3"};
  f.clock.Set(At("2026-10-12T17:01:00Z"));
  CHECK(f.Scan(other, code).verdict == Verdict::kAlreadyInside);
  f.clock.Set(At("2026-10-12T17:04:00Z"));
  CHECK(f.Scan(other, code).verdict == Verdict::kAlreadyInside);
  CHECK(f.store.Stats()->total.inside == 1);
}

TEST_CASE("only the device that let a guest in can take it back",
          "[door][sync]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Ilse", "Kroeze");
  std::string code = f.CodeFor(a);
  ScanOutcome in = f.Scan(f.entry, code);
  REQUIRE(in.recorded);
  CheckinRecord admitted = *f.store.GetCheckin(in.checkin_id);

  // Another kiosk's staff cannot undo it here ...
  Status here = f.store.UndoCheckin(admitted, "door-2", f.clock.Now());
  CHECK(here.code() == StatusCode::kInvalidArgument);
  // ... nor can another device's undo arrive through sync.
  CheckinRecord forged = admitted;
  forged.id = NewUuid();
  forged.kiosk_id = "door-2";
  forged.undoes = admitted.id;
  CHECK(f.store.MergeCheckin(forged, f.clock.Now()).code() ==
        StatusCode::kInvalidArgument);
  f.clock.Advance(std::chrono::seconds(10));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kAlreadyInside);

  // The door's own undo is taken.
  CheckinRecord own = forged;
  own.id = NewUuid();
  own.kiosk_id = "door-1";
  REQUIRE(f.store.MergeCheckin(own, f.clock.Now()).ok());
  f.clock.Advance(std::chrono::seconds(10));
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcome);
}

TEST_CASE("two doors under one kiosk id are two people, not a bounce",
          "[door][hardening]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Daan", "Hofman");
  std::string code = f.CodeFor(a);
  // A second terminal, or a second box, that calls itself door-1 too.
  Door twin{f.store, f.clock, f.event,
            DoorSettingsFor(f.event, Direction::kEntry), "door-1"};
  CHECK(f.Scan(f.entry, code).verdict == Verdict::kWelcome);
  f.clock.Advance(milliseconds(500));
  ScanOutcome second = f.Scan(twin, code);
  CHECK(second.verdict == Verdict::kAlreadyInside);
  CHECK(second.recorded);
  // The first door's own double read is still a bounce.
  f.clock.Advance(milliseconds(500));
  ScanOutcome bounce = f.Scan(f.entry, code);
  CHECK(bounce.verdict == Verdict::kWelcome);
  CHECK_FALSE(bounce.recorded);
}

TEST_CASE("another event's file copied over the door's in place stops it",
          "[door][hardening]") {
  DoorFixture f;
  Attendee a = AddAttendee(f.store, "Fenna", "Lubbers");
  Attendee b = AddAttendee(f.store, "Gijs", "Tiemens");
  std::string first = f.CodeFor(a);
  std::string second = f.CodeFor(b);
  CHECK(f.Scan(f.entry, first).verdict == Verdict::kWelcome);
  std::string other_path = f.dir.File("other.db");
  {
    KeyPair other_keys;
    Store other = MakeEventStore(other_path, &other_keys);
  }
  // cp over the file: the same inode, another event's bytes.
  std::filesystem::copy_file(other_path, f.dir.File("door.db"),
                             std::filesystem::copy_options::overwrite_existing);
  f.clock.Advance(std::chrono::seconds(5));
  auto refused = f.entry.Scan(second);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().text_key() == "error.db_replaced");
  CHECK(f.store.SaveIntoOpenFile().text_key() == "error.db_replaced");
}
