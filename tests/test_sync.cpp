// Several kiosks through a real PostgreSQL server (tools/pg-sandbox.sh):
// scanning while the server is down, the server killed in the middle of a
// push, the same outbox pushed twice, a registration at one kiosk admitted
// at another.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/people/import.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "entree/sync/sync_worker.h"
#include "support.h"

using namespace entree;
using entree::testing::At;
using entree::testing::PgSandbox;
using entree::testing::TempDir;

namespace {

// The organiser's event: 40 guests, each with a badge, and its key.
struct Organiser : testing::SignedEvent {
  std::vector<Attendee> guests;
  std::vector<std::string> codes;
  Organiser() {
    for (int i = 0; i < 40; ++i) {
      guests.push_back(
          testing::AddAttendee(store, "Gast", "Nummer " + std::to_string(i)));
      codes.push_back(
          issuer.BadgeFor(guests.back().id, false, At("2026-10-12T15:00:00Z"))
              ->code);
    }
  }
  // A copy of the event database for one kiosk box.
  std::string CopyFor(const std::string& kiosk) {
    std::string path = dir.File(kiosk + ".db");
    REQUIRE(StoreInspector::Db(store).Exec("VACUUM INTO '" + path + "'").ok());
    return path;
  }
};

// One kiosk box at the door, with its own database file.
struct Kiosk {
  std::string id;
  FixedClock clock{At("2026-10-12T17:00:00Z")};
  Store store;
  Door door;
  Kiosk(std::string kiosk_id, const std::string& path)
      : id(std::move(kiosk_id)),
        store(Store::Open(path).value()),
        door(store, clock, store.GetEvent().value(),
             DoorSettingsFor(store.GetEvent().value(), Direction::kEntry), id) {
  }
  Verdict Scan(const std::string& code) {
    clock.Advance(std::chrono::seconds(5));
    return door.Scan(code).value().verdict;
  }
  Result<SyncReport> Sync(const std::string& conninfo) {
    return SyncOnce(store, conninfo, id, clock.Now());
  }
  size_t Checkins() { return store.ListCheckins()->size(); }
};

}  // namespace

TEST_CASE("kiosks scanning while the server is down converge when it returns",
          "[sync]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("door-a", organiser.CopyFor("a"));
  Kiosk b("door-b", organiser.CopyFor("b"));
  Kiosk c("door-c", organiser.CopyFor("c"));
  pg.Stop();

  // Each door lets in ten guests of its own; guest 39 comes in at two
  // doors while they cannot know of each other.
  for (int i = 0; i < 10; ++i) {
    CHECK(a.Scan(organiser.codes[i]) == Verdict::kWelcome);
    CHECK(b.Scan(organiser.codes[10 + i]) == Verdict::kWelcome);
    CHECK(c.Scan(organiser.codes[20 + i]) == Verdict::kWelcome);
  }
  CHECK(a.Scan(organiser.codes[39]) == Verdict::kWelcome);
  CHECK(b.Scan(organiser.codes[39]) == Verdict::kWelcome);
  for (Kiosk* k : {&a, &b, &c}) {
    auto offline = k->Sync(pg.conninfo());
    REQUIRE_FALSE(offline.ok());
    CHECK(offline.status().code() == StatusCode::kIo);
    CHECK(*k->store.OutboxSize() > 0);  // kept, not lost
  }

  pg.Start();
  for (Kiosk* k : {&a, &b, &c, &a, &b}) {
    auto synced = k->Sync(pg.conninfo());
    INFO(synced.status().message());
    REQUIRE(synced.ok());
    CHECK(synced->waiting == 0);
  }
  // 32 check-ins in all, none lost, none twice, at every door and on the
  // server.
  for (Kiosk* k : {&a, &b, &c}) {
    INFO(k->id);
    CHECK(k->Checkins() == 32);
    CHECK(k->store.Stats()->total.arrived == 31);
  }
  CHECK(pg.Count("SELECT count(*) FROM checkins") == 32);
  CHECK(pg.Count("SELECT count(DISTINCT id) FROM checkins") == 32);
  // Guest 39, let in at two doors while apart, is flagged for staff.
  for (Kiosk* k : {&a, &b, &c}) {
    auto conflicts = k->store.Conflicts();
    REQUIRE(conflicts.ok());
    REQUIRE(conflicts->size() == 1);
    CHECK(conflicts->front().first.attendee_id == organiser.guests[39].id);
    CHECK(conflicts->front().first.kiosk_id !=
          conflicts->front().second.kiosk_id);
  }
  // Once in sync, "already inside" is exact at every door.
  CHECK(c.Scan(organiser.codes[0]) == Verdict::kAlreadyInside);
  CHECK(a.Scan(organiser.codes[15]) == Verdict::kAlreadyInside);
}

TEST_CASE(
    "the server killed in the middle of a push loses and doubles "
    "nothing",
    "[sync]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  std::string path = organiser.CopyFor("a");
  Kiosk a("door-a", path);
  // 6,000 check-ins made offline (three pushes of 2,000).
  REQUIRE(a.store.EnableOutbox().ok());
  {
    auto transaction = a.store.Begin();
    for (int i = 0; i < 6000; ++i) {
      REQUIRE(a.store
                  .AppendCheckin(testing::Checkin(
                      organiser.guests[i % 40].id, "2026-10-12T17:00:00Z",
                      i % 2 ? Direction::kExit : Direction::kEntry,
                      i % 2 ? Verdict::kGoodbye : Verdict::kWelcome, "door-a"))
                  .ok());
    }
    REQUIRE(transaction->Commit().ok());
  }
  size_t local = a.Checkins();
  // The guests, their badges and the check-ins: several pushes of 2,000.
  int64_t queued = *a.store.OutboxSize();
  REQUIRE(queued > 4000);

  // The outbox is watched through a connection of its own: the push drops
  // each batch from it once the server has committed it.
  Store watcher = Store::Open(path).value();
  Status outcome;
  std::atomic<bool> done{false};
  std::thread sync([&] {
    auto report = a.Sync(pg.conninfo());
    outcome = report.ok() ? Status::Ok() : report.status();
    done = true;
  });
  // Killed as soon as the server has the first batch and the others are
  // still to come.
  int64_t left = queued;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!done && std::chrono::steady_clock::now() < deadline) {
    if (auto size = watcher.OutboxSize(); size.ok()) left = *size;
    if (left < queued) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  pg.Kill();
  sync.join();
  INFO("outbox " << queued << ", " << left
                 << " left when the server died: " << outcome.message());
  // The kill landed in the middle of the push: part of the outbox had gone
  // to the server, part was still here, and the sync failed.
  CHECK(left < queued);
  CHECK(left > 0);
  CHECK_FALSE(outcome.ok());
  int64_t stranded = *a.store.OutboxSize();
  CHECK(stranded > 0);
  CHECK(stranded < queued);

  pg.Start();
  // What the server kept through its crash: some of the check-ins, not
  // all of them.
  long kept = pg.Count("SELECT count(*) FROM checkins");
  CHECK(kept > 0);
  CHECK(kept < static_cast<long>(local));
  auto again = a.Sync(pg.conninfo());
  INFO(again.status().message());
  REQUIRE(again.ok());
  CHECK(again->waiting == 0);
  CHECK(pg.Count("SELECT count(*) FROM checkins") == static_cast<long>(local));
  CHECK(a.Checkins() == local);
}

TEST_CASE("the same outbox pushed twice counts once", "[sync]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  std::string path = organiser.CopyFor("a");
  {
    Kiosk a("door-a", path);
    REQUIRE(a.store.EnableOutbox().ok());
    REQUIRE(a.store.DeviceId().ok());  // one kiosk: the copy is the same box
    for (int i = 0; i < 5; ++i) a.Scan(organiser.codes[i]);
  }
  // The same file twice, as when a push reached the server but its answer
  // was lost and the kiosk sends the outbox again.
  std::filesystem::copy_file(path, path + ".again");
  Kiosk first("door-a", path);
  Kiosk again("door-a", path + ".again");
  REQUIRE(first.Sync(pg.conninfo()).ok());
  REQUIRE(again.Sync(pg.conninfo()).ok());
  CHECK(pg.Count("SELECT count(*) FROM checkins") == 5);
  CHECK(pg.Count("SELECT count(*) FROM attendees") == 40);
  CHECK(pg.Count("SELECT count(*) FROM badges") == 40);
  CHECK(again.Checkins() == 5);
}

TEST_CASE("a guest registered at one kiosk is admitted at another", "[sync]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk desk("desk-1", organiser.CopyFor("desk"));
  Kiosk door("door-4", organiser.CopyFor("door"));
  WalkInForm form{"Noor", "van Dam", "Windesheim", Sector::kEducation,
                  "",     true};
  Attendee noor =
      RegisterWalkIn(desk.store, form, At("2026-10-12T17:01:00Z")).value();
  BadgeIssuer issuer(desk.store, organiser.event.id, organiser.keys.secret_key,
                     "desk-1");
  std::string code =
      issuer.BadgeFor(noor.id, false, At("2026-10-12T17:01:00Z"))->code;

  REQUIRE(desk.Sync(pg.conninfo()).ok());
  auto pulled = door.Sync(pg.conninfo());
  REQUIRE(pulled.ok());
  CHECK(pulled->pulled >= 2);  // her registration and her badge
  auto outcome = door.door.Scan(code).value();
  CHECK(outcome.verdict == Verdict::kWelcome);
  REQUIRE(outcome.attendee.has_value());
  CHECK(outcome.attendee->FullName() == "Noor van Dam");
  CHECK(outcome.attendee->source == Source::kWalkIn);

  // A later edit wins over an older one, at the server and at the door.
  Attendee renamed = noor;
  renamed.organisation = "Hogeschool Windesheim";
  renamed.updated_at = At("2026-10-12T17:05:00Z");
  REQUIRE(desk.store.UpdateAttendee(renamed).ok());
  REQUIRE(desk.Sync(pg.conninfo()).ok());
  REQUIRE(door.Sync(pg.conninfo()).ok());
  CHECK(door.store.GetAttendee(noor.id)->organisation ==
        "Hogeschool Windesheim");
}

TEST_CASE(
    "the kiosk's sync worker keeps doors in step and rides out an "
    "outage",
    "[sync]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("door-a", organiser.CopyFor("a"));
  Kiosk b("door-b", organiser.CopyFor("b"));
  SyncWorker worker_a(organiser.dir.File("a.db"), pg.conninfo(), "door-a",
                      a.clock);
  SyncWorker worker_b(organiser.dir.File("b.db"), pg.conninfo(), "door-b",
                      b.clock);
  auto wait_until = [](auto done) {
    for (int i = 0; i < 200 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
  };
  REQUIRE(wait_until(
      [&] { return worker_b.status().state == SyncState::kOnline; }));

  // A scan at door A is known at door B within a second.
  CHECK(a.Scan(organiser.codes[3]) == Verdict::kWelcome);
  worker_a.Nudge();
  auto scanned = std::chrono::steady_clock::now();
  CHECK(wait_until([&] { return b.Checkins() == 1; }));
  CHECK(std::chrono::steady_clock::now() - scanned < std::chrono::seconds(2));
  CHECK(b.Scan(organiser.codes[3]) == Verdict::kAlreadyInside);

  // The server goes away: both doors go on, and say they are offline.
  pg.Stop();
  CHECK(a.Scan(organiser.codes[4]) == Verdict::kWelcome);
  worker_a.Nudge();
  CHECK(wait_until(
      [&] { return worker_a.status().state == SyncState::kOffline; }));
  CHECK(*a.store.OutboxSize() == 1);

  // It comes back: the worker finds it again and the doors converge.
  pg.Start();
  CHECK(wait_until([&] { return b.Checkins() == 3; }));
  // Door A says so once its push has returned, which may be a moment after
  // door B already has the rows.
  CHECK(wait_until(
      [&] { return worker_a.status().state == SyncState::kOnline; }));
  CHECK(wait_until([&] { return *a.store.OutboxSize() == 0; }));
  CHECK(wait_until([&] { return worker_b.status().kiosks.size() == 2; }));
}

namespace {

// Runs `sql` on the server as psql does; fails the test when it fails.
void ServerExec(const std::string& conninfo, const std::string& sql) {
  auto psql =
      testing::RunProcess({"/usr/bin/psql", "-X", "-v", "ON_ERROR_STOP=1", "-d",
                           conninfo, "-c", sql});
  INFO(psql.err);
  REQUIRE(psql.exit_code == 0);
}

}  // namespace

TEST_CASE("two kiosks given one kiosk id: the second is refused, not hidden",
          "[sync][hardening]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("door-x", organiser.CopyFor("a"));
  Kiosk b("door-x", organiser.CopyFor("b"));
  CHECK(a.Scan(organiser.codes[0]) == Verdict::kWelcome);
  CHECK(b.Scan(organiser.codes[0]) == Verdict::kWelcome);
  REQUIRE(a.Sync(pg.conninfo()).ok());
  auto refused = b.Sync(pg.conninfo());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kAlreadyExists);
  CHECK(refused.status().message().find("door-x") != std::string::npos);
  CHECK(pg.Count("SELECT count(*) FROM checkins") == 1);
  // Under its own id it syncs, and both admissions are on record.
  Kiosk b2("door-y", organiser.dir.File("b.db"));
  REQUIRE(b2.Sync(pg.conninfo()).ok());
  REQUIRE(a.Sync(pg.conninfo()).ok());
  CHECK(a.Checkins() == 2);
}

TEST_CASE("a pulled row that clashes is set aside and the sync goes on",
          "[sync][hardening]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("desk-a", organiser.CopyFor("a"));
  Kiosk b("desk-b", organiser.CopyFor("b"));
  // The same late guest added at both desks, under one external id.
  for (Kiosk* desk : {&a, &b}) {
    Attendee late = testing::AddAttendee(desk->store, "Laat", "Binnen");
    late.external_id = "LATE-1";
    REQUIRE(desk->store.UpdateAttendee(late).ok());
  }
  CHECK(a.Scan(organiser.codes[1]) == Verdict::kWelcome);
  REQUIRE(a.Sync(pg.conninfo()).ok());
  auto first = b.Sync(pg.conninfo());
  REQUIRE(first.ok());
  CHECK(first->refused == 1);
  CHECK(*b.store.SetAsideCount() == 1);
  CHECK(b.Checkins() == 1);  // the rest came through
  CHECK(b.Scan(organiser.codes[1]) == Verdict::kAlreadyInside);
  // Later rounds do not die on it either.
  CHECK(a.Scan(organiser.codes[2]) == Verdict::kWelcome);
  REQUIRE(a.Sync(pg.conninfo()).ok());
  auto second = b.Sync(pg.conninfo());
  REQUIRE(second.ok());
  CHECK(second->waiting == 0);
  CHECK(b.Checkins() == 3);
}

TEST_CASE("rows from a lying server are checked, not believed",
          "[sync][hardening]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("door-a", organiser.CopyFor("a"));
  REQUIRE(a.Sync(pg.conninfo()).ok());
  std::string event = ToString(organiser.event.id);
  std::string guest = ToString(organiser.guests[5].id);
  // An entry dated a day ahead for guest 5, a badge serial that would
  // revoke every badge of guest 6, a row whose id is no UUID, and a rename
  // of guest 7 dated far in the future.
  ServerExec(
      pg.conninfo(),
      "INSERT INTO checkins VALUES ('" + event +
          "', '00000000-0000-4000-8000-000000000001', '" + guest +
          "', 1, 'forger', 'entry', " +
          std::to_string(ToMillis(At("2026-10-13T17:00:00Z"))) +
          ", 'welcome', NULL, nextval('entree_change_seq'));"
          "INSERT INTO badges VALUES ('" +
          event + "', '" + ToString(organiser.guests[6].id) +
          "', 2147483647, 0, 'forger', nextval('entree_change_seq'));"
          "INSERT INTO checkins VALUES ('" +
          event + "', 'not-a-uuid', '" + guest +
          "', 1, 'forger', 'entry', 0, 'welcome', NULL, "
          "nextval('entree_change_seq'));"
          "UPDATE attendees SET given_name = 'Overgenomen', updated_at = "
          "9000000000000, seq = nextval('entree_change_seq') WHERE id = '" +
          ToString(organiser.guests[7].id) + "'");
  auto pulled = a.Sync(pg.conninfo());
  REQUIRE(pulled.ok());
  CHECK(pulled->refused == 3);
  CHECK(*a.store.SetAsideCount() == 3);
  CHECK(a.Checkins() == 0);
  CHECK(a.Scan(organiser.codes[5]) == Verdict::kWelcome);
  CHECK(a.Scan(organiser.codes[6]) == Verdict::kWelcome);  // not revoked

  // The server orders edits: a correction made afterwards wins, whatever
  // the forged row's clock said.
  Attendee corrected = a.store.GetAttendee(organiser.guests[7].id).value();
  CHECK(corrected.given_name == "Overgenomen");
  corrected.given_name = "Gast";
  corrected.updated_at = a.clock.Now();
  REQUIRE(a.store.UpdateAttendee(corrected).ok());
  REQUIRE(a.Sync(pg.conninfo()).ok());
  CHECK(pg.Count("SELECT count(*) FROM attendees WHERE given_name = "
                 "'Overgenomen'") == 0);
  CHECK(a.store.GetAttendee(organiser.guests[7].id)->given_name == "Gast");

  // A reissue after the largest 32-bit serial still syncs (64-bit there).
  ServerExec(pg.conninfo(),
             "INSERT INTO badges VALUES ('" + event + "', '" + guest +
                 "', 4294967296, 0, 'k', nextval('entree_change_seq'))");
  CHECK(pg.Count("SELECT max(serial) FROM badges") == 4294967296L);
}

TEST_CASE("a purge is not undone by a kiosk whose clock runs ahead",
          "[sync][hardening]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk office("office", organiser.CopyFor("office"));
  Kiosk fast("door-fast", organiser.CopyFor("fast"));
  fast.clock.Advance(std::chrono::hours(1));
  WalkInForm form{"Noor", "van Dam", "Windesheim", Sector::kEducation,
                  "",     true};
  REQUIRE(RegisterWalkIn(fast.store, form, fast.clock.Now()).ok());
  REQUIRE(fast.Sync(pg.conninfo()).ok());
  REQUIRE(office.Sync(pg.conninfo()).ok());
  REQUIRE(office.store.PurgePersonalData(office.clock.Now()).ok());
  REQUIRE(office.Sync(pg.conninfo()).ok());
  REQUIRE(fast.Sync(pg.conninfo()).ok());
  REQUIRE(office.Sync(pg.conninfo()).ok());
  for (Kiosk* kiosk : {&office, &fast}) {
    auto everyone = kiosk->store.ListAttendees();
    REQUIRE(everyone.ok());
    for (const Attendee& a : *everyone) {
      CHECK(a.given_name.empty());
      CHECK(a.email.empty());
    }
  }
  CHECK(pg.Count("SELECT count(*) FROM attendees WHERE given_name <> '' "
                 "OR family_name <> ''") == 0);
}

TEST_CASE(
    "a shop's barcode is let in once across doors, and a cancelled "
    "ticket is refused at every door",
    "[sync][shops]") {
  PgSandbox pg;
  REQUIRE(InitSyncServer(pg.conninfo()).ok());
  Organiser organiser;
  Kiosk a("door-a", organiser.CopyFor("a"));
  Kiosk b("door-b", organiser.CopyFor("b"));
  // The desk's box takes the shop's list in after the boxes were made.
  ImportOptions options;
  options.now = a.clock.Now();
  auto imported = ImportAttendees(
      a.store,
      "Order code,Position ID,Status,Email,Attendee name,Ticket secret\n"
      "K3XQ9,1,paid,sec@example.nl,Marjolein de Gelder,secretone4u8w2\n"
      "K3XQ9,2,canceled,sec@example.nl,Jan Willem van Ommen,secrettwo9k3v7\n",
      options);
  REQUIRE(imported.ok());
  REQUIRE(imported->imported == 2);
  for (Kiosk* k : {&a, &b, &a}) {
    auto synced = k->Sync(pg.conninfo());
    INFO(synced.status().message());
    REQUIRE(synced.ok());
  }
  CHECK(b.store.FindByShopCode("secretone4u8w2")->has_value());
  CHECK(a.Scan("secretone4u8w2") == Verdict::kWelcome);
  CHECK(b.Scan("secrettwo9k3v7") == Verdict::kCancelled);
  REQUIRE(a.Sync(pg.conninfo()).ok());
  REQUIRE(b.Sync(pg.conninfo()).ok());
  CHECK(b.Scan("secretone4u8w2") == Verdict::kAlreadyInside);

  // A later list that restores the ticket opens every door for it.
  options.now = a.clock.Now();
  auto restored = ImportAttendees(
      a.store,
      "Order code,Position ID,Status,Attendee name,Ticket secret\n"
      "K3XQ9,2,paid,Jan Willem van Ommen,secrettwo9k3v7\n",
      options);
  REQUIRE(restored.ok());
  CHECK(restored->updated == 1);
  REQUIRE(a.Sync(pg.conninfo()).ok());
  REQUIRE(b.Sync(pg.conninfo()).ok());
  CHECK(b.Scan("secrettwo9k3v7") == Verdict::kWelcome);
}
