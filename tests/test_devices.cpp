// Devices joining an event on a real PostgreSQL server with a setup code,
// each under its own login: what a door may hold, read and write, codes
// used or expired, revoked devices, and one event's device against
// another event.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/seating/seating_event.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"
#include "support.h"

namespace entree {
namespace {

using testing::PgSandbox;
using testing::RunProcess;

// The organiser's event with guests who have emails and external ids, on
// the server.
struct OrganiserEvent : testing::SignedEvent {
  std::vector<Attendee> guests;
  std::string admin;
  explicit OrganiserEvent(const std::string& conninfo, int count = 12)
      : admin(conninfo) {
    for (int i = 0; i < count; ++i) {
      Attendee a =
          testing::AddAttendee(store, "Gast", "Nummer " + std::to_string(i));
      a.email = "gast" + std::to_string(i) + "@secret-mail.example";
      a.external_id = "EXT-SECRET-" + std::to_string(i);
      REQUIRE(store.UpdateAttendee(a).ok());
      guests.push_back(a);
    }
    REQUIRE(InitSyncServer(admin).ok());
    REQUIRE(SyncOnce(store, admin, "organiser", Now()).ok());
  }
  Instant Now() const { return SystemClock().Now(); }
  // When the doors check guests in: inside the event's opening hours.
  static Instant DoorTime() { return testing::At("2026-10-12T17:00:00Z"); }
  SetupCode Add(const std::string& name, DeviceRole role,
                std::chrono::seconds valid = std::chrono::hours(24),
                std::optional<Instant> at = std::nullopt) {
    DeviceRequest request;
    request.name = name;
    request.role = role;
    request.valid_for = valid;
    if (role != DeviceRole::kDoor) request.secret_key = keys.secret_key;
    auto setup = AddDevice(store, admin, request, at.value_or(Now()));
    REQUIRE(setup.ok());
    return *setup;
  }
  std::string Code(const Attendee& a) {
    return issuer.BadgeFor(a.id, false, DoorTime())->code;
  }
};

// Everything in the files of the database at `path` (with its write-ahead
// log), as bytes.
std::string FileBytes(const std::string& path) {
  std::string all;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(path + suffix, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    all += bytes.str();
  }
  return all;
}

// psql as `conninfo`: its exit code and what it printed.
testing::ProcessResult Sql(const std::string& conninfo,
                           const std::string& sql) {
  return RunProcess({"/usr/bin/psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                     "-d", conninfo, "-c", sql});
}

}  // namespace

TEST_CASE("a door joins with its setup code and never holds an email",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo());
  SetupCode setup = org.Add("door-1", DeviceRole::kDoor);
  CHECK(setup.code.size() == 29);
  CHECK(setup.qr_text == "ENTREE-SETUP " + setup.code + " " + setup.address);
  CHECK(setup.address.find("user") == std::string::npos);

  std::string db = org.dir.File("door.db");
  auto joined = JoinEvent(setup.address, setup.code, db, org.Now());
  REQUIRE(joined.ok());
  CHECK(joined->name == "door-1");
  CHECK(joined->role == DeviceRole::kDoor);
  CHECK(std::filesystem::status(db).permissions() ==
        (std::filesystem::perms::owner_read |
         std::filesystem::perms::owner_write));
  CHECK_FALSE(std::filesystem::exists(db + ".key"));  // a door makes none
  auto login = ReadDeviceLogin(db);
  REQUIRE(login.ok());
  REQUIRE(login->has_value());
  CHECK((*login)->conninfo.find("entree_") != std::string::npos);

  {
    Store door_store = Store::Open(db).value();
    Event event = door_store.GetEvent().value();
    CHECK(event.id == org.event.id);
    CHECK(event.public_key == org.event.public_key);
    auto guests = door_store.ListAttendees().value();
    CHECK(guests.size() == org.guests.size());
    for (const Attendee& a : guests) {
      CHECK(a.email.empty());
      CHECK(a.external_id.empty());
    }
    // It lets a guest in, and sends the check-in under its own name.
    FixedClock clock(OrganiserEvent::DoorTime());
    Door door(door_store, clock, event,
              DoorSettingsFor(event, Direction::kEntry), "door-1");
    CHECK(door.Scan(org.Code(org.guests[3]))->verdict == Verdict::kWelcome);
    auto synced =
        SyncOnce(door_store, (*login)->conninfo, "door-1", clock.Now());
    REQUIRE(synced.ok());
    CHECK(synced->pushed == 1);
  }
  // The file's bytes: names yes, no email or external id anywhere.
  std::string bytes = FileBytes(db);
  CHECK(bytes.find("Nummer 3") != std::string::npos);
  CHECK(bytes.find("secret-mail") == std::string::npos);
  CHECK(bytes.find("EXT-SECRET") == std::string::npos);
  CHECK(FileBytes(org.dir.File("event.db")).find("secret-mail") !=
        std::string::npos);  // the organiser's file does hold them

  // The code worked once.
  auto again =
      JoinEvent(setup.address, setup.code, org.dir.File("b.db"), org.Now());
  REQUIRE_FALSE(again.ok());
  CHECK(again.status().code() == StatusCode::kKey);
  CHECK_FALSE(std::filesystem::exists(org.dir.File("b.db")));

  // As that login, by hand: no emails, no check-in under another name.
  const std::string& as_door = (*login)->conninfo;
  auto email = Sql(as_door, "SELECT email FROM attendees");
  CHECK(email.exit_code != 0);
  CHECK(email.err.find("permission denied") != std::string::npos);
  auto names = Sql(as_door, "SELECT count(*) FROM attendees");
  CHECK(names.out == std::to_string(org.guests.size()) + "\n");
  auto other_name =
      Sql(as_door, "INSERT INTO checkins VALUES ('" + ToString(org.event.id) +
                       "', 'x', '" + ToString(org.guests[0].id) +
                       "', 1, 'door-2', 'entry', 0, 'welcome', NULL, 1)");
  CHECK(other_name.exit_code != 0);
  CHECK(other_name.err.find("row-level security") != std::string::npos);
  CHECK(Sql(as_door, "UPDATE attendees SET given_name = 'X'").exit_code != 0);
  CHECK(Sql(as_door, "SELECT * FROM devices").exit_code != 0);
  CHECK(Sql(as_door, "DELETE FROM checkins").exit_code != 0);
  // The organiser's view of the device.
  auto devices = ListDevices(org.admin, org.event.id).value();
  REQUIRE(devices.size() == 1);
  CHECK(devices[0].joined_at.has_value());
  CHECK(devices[0].last_contact.has_value());
  CHECK_FALSE(devices[0].revoked_at.has_value());
}

TEST_CASE("a mistyped, expired or unknown setup code is refused",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 2);
  // Made two hours ago, valid for one.
  SetupCode expired =
      org.Add("door-late", DeviceRole::kDoor, std::chrono::hours(1),
              org.Now() - std::chrono::hours(2));
  auto late =
      JoinEvent(expired.address, expired.code, org.dir.File("a.db"), org.Now());
  REQUIRE_FALSE(late.ok());
  CHECK(late.status().code() == StatusCode::kKey);

  SetupCode good = org.Add("door-1", DeviceRole::kDoor);
  std::string wrong = good.code;
  wrong[wrong.size() - 1] = wrong.back() == 'A' ? 'B' : 'A';
  auto typo = JoinEvent(good.address, wrong, org.dir.File("b.db"), org.Now());
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.status().code() == StatusCode::kKey);
  auto nonsense =
      JoinEvent(good.address, "hello", org.dir.File("c.db"), org.Now());
  CHECK(nonsense.status().code() == StatusCode::kInvalidArgument);
  // An existing file is never joined into, and stays as it was.
  std::string fingerprint =
      testing::DatabaseFingerprint(org.dir.File("event.db"));
  auto over =
      JoinEvent(good.address, good.code, org.dir.File("event.db"), org.Now());
  CHECK(over.status().code() == StatusCode::kAlreadyExists);
  CHECK(testing::DatabaseFingerprint(org.dir.File("event.db")) == fingerprint);
  // A folder that is not there is named as the cause, and the code is
  // still good afterwards.
  auto nowhere = JoinEvent(good.address, good.code,
                           org.dir.File("missing/e.db"), org.Now());
  CHECK(nowhere.status().code() == StatusCode::kIo);
  CHECK(nowhere.status().text_key() == "error.join_no_folder");
  CHECK(nowhere.status().message().find("missing") != std::string::npos);
  CHECK(nowhere.status().message().find("exists already") == std::string::npos);
  // A file where the folder should be, and a join's file that cannot be
  // made (here a folder in its place): each named as it is.
  testing::WriteFile(org.dir.File("afile"), "not a folder");
  auto under_file =
      JoinEvent(good.address, good.code, org.dir.File("afile/e.db"), org.Now());
  CHECK(under_file.status().text_key() == "error.join_no_folder");
  std::filesystem::create_directory(org.dir.File("f.db.joining"));
  auto unwritable =
      JoinEvent(good.address, good.code, org.dir.File("f.db"), org.Now());
  CHECK(unwritable.status().text_key() == "error.cannot_write");
  CHECK(unwritable.status().message().find("Is a directory") !=
        std::string::npos);
  std::filesystem::remove(org.dir.File("f.db.joining"));
  for (const char* name : {"a.db", "b.db", "c.db"}) {
    CHECK_FALSE(std::filesystem::exists(org.dir.File(name)));
  }
  // What a join that died left (a pulled plug) does not stand in the way.
  testing::WriteFile(org.dir.File("d.db.joining"), "half a database");
  testing::WriteFile(org.dir.File("d.db.joining-wal"), "half a log");
  // The good code still works after all that. Joined at once with another
  // code into the same path, one of the two wins, never both.
  SetupCode rival = org.Add("door-2", DeviceRole::kDoor);
  std::optional<Result<DeviceLogin>> second;
  std::thread racer([&] {
    second =
        JoinEvent(rival.address, rival.code, org.dir.File("d.db"), org.Now());
  });
  auto first =
      JoinEvent(good.address, good.code, org.dir.File("d.db"), org.Now());
  racer.join();
  REQUIRE(second);
  CHECK(first.ok() != second->ok());
  auto kept = ReadDeviceLogin(org.dir.File("d.db")).value();
  REQUIRE(kept.has_value());
  CHECK(kept->name == (first.ok() ? "door-1" : "door-2"));
  // Names and doubles the organiser gets wrong.
  DeviceRequest bad;
  bad.name = "door 1; DROP TABLE";
  CHECK(AddDevice(org.store, org.admin, bad, org.Now()).status().code() ==
        StatusCode::kInvalidArgument);
  DeviceRequest twice;
  twice.name = "door-1";
  CHECK(AddDevice(org.store, org.admin, twice, org.Now()).status().code() ==
        StatusCode::kAlreadyExists);
  DeviceRequest keyless;
  keyless.name = "desk-1";
  keyless.role = DeviceRole::kRegistration;
  CHECK(AddDevice(org.store, org.admin, keyless, org.Now()).status().code() ==
        StatusCode::kKey);
}

TEST_CASE("a revoked device is shut out while the others carry on",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 6);
  std::vector<std::string> dbs;
  std::vector<DeviceLogin> logins;
  for (const char* name : {"door-1", "door-2"}) {
    SetupCode setup = org.Add(name, DeviceRole::kDoor);
    dbs.push_back(org.dir.File(std::string(name) + ".db"));
    logins.push_back(
        JoinEvent(setup.address, setup.code, dbs.back(), org.Now()).value());
  }
  REQUIRE(RevokeDevice(org.admin, org.event.id, "door-1").ok());
  CHECK(RevokeDevice(org.admin, org.event.id, "door-9").code() ==
        StatusCode::kNotFound);

  Store one = Store::Open(dbs[0]).value();
  Store two = Store::Open(dbs[1]).value();
  FixedClock clock(OrganiserEvent::DoorTime());
  Event event = one.GetEvent().value();
  Door door_one(one, clock, event, DoorSettingsFor(event, Direction::kEntry),
                "door-1");
  Door door_two(two, clock, event, DoorSettingsFor(event, Direction::kEntry),
                "door-2");
  // The revoked door still lets guests in on what it has...
  CHECK(door_one.Scan(org.Code(org.guests[0]))->verdict == Verdict::kWelcome);
  CHECK(door_two.Scan(org.Code(org.guests[1]))->verdict == Verdict::kWelcome);
  // ...but the server takes nothing from it, and says why.
  auto refused = SyncOnce(one, logins[0].conninfo, "door-1", clock.Now());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().text_key() == "error.device_revoked");
  CHECK(one.OutboxSize().value() == 1);  // kept here, not sent
  auto carried_on = SyncOnce(two, logins[1].conninfo, "door-2", clock.Now());
  REQUIRE(carried_on.ok());
  CHECK(carried_on->pushed == 1);
  // By hand, its login reads and writes nothing of the event.
  CHECK(Sql(logins[0].conninfo, "SELECT count(*) FROM attendees").out == "0\n");
  CHECK(Sql(logins[0].conninfo,
            "INSERT INTO checkins VALUES ('" + ToString(event.id) +
                "', 'y', 'z', 1, 'door-1', 'entry', 0, 'welcome', NULL, 1)")
            .exit_code != 0);
  // It may log in once at a time, to hear that it was removed.
  std::string role =
      logins[0].conninfo.substr(logins[0].conninfo.find("entree_"), 15);
  CHECK(Sql(org.admin,
            "SELECT rolconnlimit FROM pg_roles WHERE rolname = '" + role + "'")
            .out == "1\n");
  auto devices = ListDevices(org.admin, org.event.id).value();
  REQUIRE(devices.size() == 2);
  CHECK(devices[0].revoked_at.has_value());
  CHECK_FALSE(devices[1].revoked_at.has_value());
}

TEST_CASE("a device of one event cannot read or write another event",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent a(pg.conninfo(), 4);
  OrganiserEvent b(pg.conninfo(), 5);
  SetupCode setup = a.Add("door-1", DeviceRole::kDoor);
  std::string db = a.dir.File("door.db");
  DeviceLogin login = JoinEvent(setup.address, setup.code, db, a.Now()).value();
  std::string event_b = ToString(b.event.id);
  for (const char* table :
       {"attendees", "badges", "checkins", "kiosks", "events"}) {
    INFO(table);
    auto seen =
        Sql(login.conninfo, std::string("SELECT count(*) FROM ") + table +
                                " WHERE event_id = '" + event_b + "'");
    CHECK(seen.exit_code == 0);
    CHECK(seen.out == "0\n");
  }
  CHECK(Sql(login.conninfo, "INSERT INTO checkins VALUES ('" + event_b +
                                "', 'x', '" + ToString(b.guests[0].id) +
                                "', 1, 'door-1', 'entry', 0, 'welcome', "
                                "NULL, 1)")
            .exit_code != 0);
  CHECK(Sql(login.conninfo, "INSERT INTO kiosks VALUES ('" + event_b +
                                "', 'door-1', now(), 0, '')")
            .exit_code != 0);
  REQUIRE(Sql(login.conninfo, "UPDATE kiosks SET waiting = 99").exit_code == 0);
  CHECK(Sql(a.admin,
            "SELECT count(*) FROM kiosks WHERE waiting = 99 AND "
            "event_id = '" +
                event_b + "'")
            .out == "0\n");
  // A temporary table of its own cannot stand in for the server's list of
  // devices, and a change number it writes is not taken.
  auto trick = Sql(login.conninfo,
                   "CREATE TEMP TABLE devices (event_id text, name text, "
                   "role text, login text, revoked_at timestamptz); INSERT "
                   "INTO pg_temp.devices VALUES ('" +
                       event_b +
                       "', 'door-1', 'door', session_user, NULL); SELECT "
                       "entree_device_event(), (SELECT count(*) FROM "
                       "attendees WHERE event_id = '" +
                       event_b + "')");
  CHECK(trick.out.ends_with("\n" + ToString(a.event.id) + "|0\n"));
  REQUIRE(Sql(login.conninfo, "INSERT INTO checkins VALUES ('" +
                                  ToString(a.event.id) + "', 'forged', '" +
                                  ToString(a.guests[0].id) +
                                  "', 1, 'door-1', 'entry', 0, 'welcome', "
                                  "NULL, 9000000000000000000)")
              .exit_code == 0);
  CHECK(Sql(a.admin,
            "SELECT seq < 1000000 FROM checkins WHERE id = "
            "'forged'")
            .out == "t\n");
  // The server's helpers for its rules say nothing of another event: B's
  // guest has a badge, and A's door is told of none, nor of B's check-in.
  b.Code(b.guests[0]);
  REQUIRE(SyncOnce(b.store, b.admin, "organiser", b.Now()).ok());
  REQUIRE(Sql(b.admin, "INSERT INTO checkins VALUES ('" + event_b +
                           "', 'b-in', '" + ToString(b.guests[0].id) +
                           "', 1, 'gate-b', 'entry', 0, 'welcome', NULL, 0)")
              .exit_code == 0);
  CHECK(Sql(b.admin,
            "SELECT max(serial) FROM badges WHERE event_id = '" + event_b + "'")
            .out == "1\n");
  CHECK(Sql(login.conninfo, "SELECT entree_last_serial('" + event_b + "', '" +
                                ToString(b.guests[0].id) +
                                "'), coalesce(entree_checkin_sender('" +
                                event_b + "', 'b-in'), '-')")
            .out == "0|-\n");
  // Its own file holds event A's guests only.
  Store door = Store::Open(db).value();
  CHECK(door.ListAttendees()->size() == 4);
  // A registering device of A may add guests to A, not to B.
  SetupCode desk = a.Add("desk-1", DeviceRole::kRegistration);
  DeviceLogin desk_login =
      JoinEvent(desk.address, desk.code, a.dir.File("desk.db"), a.Now())
          .value();
  CHECK(Sql(desk_login.conninfo,
            "INSERT INTO attendees (event_id, id, seq, external_id, "
            "given_name, family_name, organisation, sector, email, role, "
            "table_name, source, consent, created_at, updated_at) VALUES ('" +
                event_b +
                "', 'x', 1, '', 'A', 'B', '', 'other', '', 'guest', '', "
                "'walk_in', true, 0, 0)")
            .exit_code != 0);
}

TEST_CASE("a registration desk joins with the key, and its badges open doors",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 3);
  SetupCode desk_code = org.Add("desk-1", DeviceRole::kRegistration);
  SetupCode door_code = org.Add("door-1", DeviceRole::kDoor);
  std::string desk_db = org.dir.File("desk.db");
  std::string door_db = org.dir.File("door.db");
  DeviceLogin desk =
      JoinEvent(desk_code.address, desk_code.code, desk_db, org.Now()).value();
  DeviceLogin door_login =
      JoinEvent(door_code.address, door_code.code, door_db, org.Now()).value();
  CHECK(desk.role == DeviceRole::kRegistration);
  Store desk_store = Store::Open(desk_db).value();
  // Registration holds what it needs: emails too.
  CHECK(desk_store.GetAttendee(org.guests[1].id)->email == org.guests[1].email);
  Event event = desk_store.GetEvent().value();
  auto key = ReadSecretKeyFile(desk_db + ".key", event.id, event.public_key);
  REQUIRE(key.ok());
  CHECK(*key == org.keys.secret_key);

  // A walk-in registered at the desk is let in at the door.
  WalkInForm form{"Noor",
                  "van Dam",
                  "Gemeente Coevorden",
                  Sector::kGovernment,
                  "noor@example.org",
                  true};
  Attendee noor =
      RegisterWalkIn(desk_store, form, OrganiserEvent::DoorTime()).value();
  BadgeIssuer issuer(desk_store, event.id, *key, "desk-1");
  std::string code =
      issuer.BadgeFor(noor.id, false, OrganiserEvent::DoorTime())->code;
  REQUIRE(SyncOnce(desk_store, desk.conninfo, "desk-1", org.Now()).ok());
  Store door_store = Store::Open(door_db).value();
  REQUIRE(SyncOnce(door_store, door_login.conninfo, "door-1", org.Now()).ok());
  FixedClock clock(OrganiserEvent::DoorTime());
  Door door(door_store, clock, event, DoorSettingsFor(event, Direction::kEntry),
            "door-1");
  auto outcome = door.Scan(code).value();
  CHECK(outcome.verdict == Verdict::kWelcome);
  REQUIRE(outcome.attendee);
  CHECK(outcome.attendee->email.empty());  // the door never got it
  CHECK(FileBytes(door_db).find("noor@example.org") == std::string::npos);
}

TEST_CASE("a purge reaches the server and every device, revoked ones too",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 8);
  std::map<std::string, DeviceLogin> logins;
  std::map<std::string, std::string> files;
  for (auto [name, role] : {std::pair{"door-1", DeviceRole::kDoor},
                            std::pair{"door-2", DeviceRole::kDoor},
                            std::pair{"desk-1", DeviceRole::kRegistration}}) {
    SetupCode setup = org.Add(name, role);
    files[name] = org.dir.File(std::string(name) + ".db");
    logins[name] =
        JoinEvent(setup.address, setup.code, files[name], org.Now()).value();
  }
  REQUIRE(RevokeDevice(org.admin, org.event.id, "door-2").ok());
  auto names_in = [](const std::string& bytes) {
    for (const char* part : {"Nummer", "Gast", "secret-mail", "EXT-SECRET"}) {
      if (bytes.find(part) != std::string::npos) return true;
    }
    return false;
  };
  REQUIRE(names_in(FileBytes(files["door-2"])));
  // A copy of door-1's file, which the server refuses: it purges itself
  // all the same.
  std::string clone = org.dir.File("clone.db");
  std::filesystem::copy_file(files["door-1"], clone);

  REQUIRE(PurgeServer(org.admin, org.event.id, org.Now()).value() == 8);
  REQUIRE(org.store.PurgePersonalData(org.Now()).ok());
  for (auto& [name, path] : files) {
    INFO(name);
    Store store = Store::Open(path).value();
    auto synced = SyncOnce(store, logins[name].conninfo, name, org.Now());
    CHECK(synced.ok() == (name != "door-2"));   // revoked, and purged anyway
    CHECK(store.ListAttendees()->size() == 8);  // the counts stay
  }
  auto devices = ListDevices(org.admin, org.event.id).value();
  REQUIRE(devices.size() == 3);
  for (const DeviceSeen& device : devices) {
    INFO(device.name);
    CHECK(device.event_purged);
    CHECK(device.purge_confirmed_at.has_value());
  }
  // No name or email anywhere: the server's dump and every file.
  auto dump = RunProcess({"/usr/bin/pg_dump", "-d", org.admin});
  REQUIRE(dump.exit_code == 0);
  CHECK(dump.out.find(ToString(org.event.id)) != std::string::npos);
  CHECK_FALSE(names_in(dump.out));
  // Nor in the server's statistics of the table, which keep common values.
  auto stats = Sql(org.admin,
                   "SELECT coalesce(string_agg(most_common_vals::text, ' '), "
                   "'') FROM pg_stats WHERE tablename = 'attendees'");
  REQUIRE(stats.exit_code == 0);
  CHECK_FALSE(names_in(stats.out));
  CHECK_FALSE(names_in(FileBytes(org.dir.File("event.db"))));
  for (const auto& [name, path] : files) {
    INFO(name);
    CHECK_FALSE(names_in(FileBytes(path)));
  }
  {
    Store copy = Store::Open(clone).value();
    auto refused =
        SyncOnce(copy, logins["door-1"].conninfo, "door-1", org.Now());
    CHECK(refused.status().text_key() == "error.device_copied");
  }
  CHECK_FALSE(names_in(FileBytes(clone)));

  // Guests added after the purge reach the doors; a second purge is a new
  // one, which each device carries out and confirms again.
  std::string purge_id = Sql(org.admin,
                             "SELECT (extract(epoch FROM "
                             "purged_at) * 1000000)::bigint FROM "
                             "events")
                             .out;
  testing::AddAttendee(org.store, "Gast", "Nummer laat");
  REQUIRE(SyncOnce(org.store, org.admin, "organiser", org.Now()).ok());
  Store door = Store::Open(files["door-1"]).value();
  REQUIRE(SyncOnce(door, logins["door-1"].conninfo, "door-1", org.Now()).ok());
  CHECK(names_in(FileBytes(files["door-1"])));
  REQUIRE(PurgeServer(org.admin, org.event.id, org.Now()).ok());
  CHECK(Sql(logins["door-1"].conninfo,
            "SELECT entree_confirm_purge(" +
                purge_id.substr(0, purge_id.find('\n')) + ")")
            .out == "f\n");
  auto pending = ListDevices(org.admin, org.event.id).value();
  for (const DeviceSeen& device : pending) {
    CHECK_FALSE(device.purge_confirmed_at.has_value());
  }
  auto again = SyncOnce(door, logins["door-1"].conninfo, "door-1", org.Now());
  INFO(again.status().message());
  REQUIRE(again.ok());
  door = Store::Open(org.dir.File("unused.db")).value();  // closes door-1.db
  CHECK_FALSE(names_in(FileBytes(files["door-1"])));
  auto listed = ListDevices(org.admin, org.event.id);
  REQUIRE(listed.ok());
  for (const DeviceSeen& device : *listed) {
    INFO(device.name);
    CHECK(device.purge_confirmed_at.has_value() == (device.name == "door-1"));
  }
}

TEST_CASE("entree device add, list, join, sync and revoke", "[sync][devices]") {
  PgSandbox pg;
  testing::Cli organiser;
  organiser.Prepare(/*always_open=*/true);
  REQUIRE(
      organiser.Run({"server", "init", "--server", pg.conninfo()}).exit_code ==
      0);
  // A setup picture aimed at the event's own file: refused, and no device
  // is made.
  auto aimed = organiser.Run({"device", "add", "door-0", "--role", "door",
                              "--server", pg.conninfo(), "-o", organiser.db});
  CHECK(aimed.exit_code == 8);
  CHECK(Sql(pg.conninfo(), "SELECT count(*) FROM devices").out == "0\n");
  std::string png = organiser.dir.File("door-1-setup.png");
  auto added = organiser.Run({"device", "add", "door-1", "--role", "door",
                              "--server", pg.conninfo(), "-o", png, "--json"});
  INFO(added.err);
  REQUIRE(added.exit_code == 0);
  // The QR code, read by an independent decoder, is the text to join with.
  auto decoded = RunProcess({"/usr/bin/zbarimg", "-q", "--raw", png});
  REQUIRE(decoded.exit_code == 0);
  std::string qr_text = decoded.out.substr(0, decoded.out.find('\n'));
  CHECK(qr_text.starts_with("ENTREE-SETUP "));
  CHECK(added.out.find(qr_text.substr(13, 29)) != std::string::npos);

  testing::TempDir box;
  std::string door_db = box.File("door.db");
  auto joined = RunProcess({ENTREE_CLI_PATH, "--db", door_db, "--lang", "en",
                            "device", "join", qr_text});
  INFO(joined.err);
  REQUIRE(joined.exit_code == 0);
  CHECK(joined.out.find("Joined as door-1") != std::string::npos);
  // The door checks in under its own name and syncs with its own login.
  std::string code = organiser.Token("WC-010");
  auto checkin = RunProcess(
      {ENTREE_CLI_PATH, "--db", door_db, "--lang", "en", "checkin", code});
  CHECK(checkin.exit_code == 0);
  // Nor does the organiser's file sync under a device's name.
  auto as_device =
      organiser.Run({"sync", "--server", pg.conninfo(), "--kiosk", "door-1"});
  CHECK(as_device.exit_code == 7);
  CHECK(as_device.err.find("door-1") != std::string::npos);
  // Its own login, not the owner's: --server is refused, ENTREE_SERVER
  // left alone.
  auto owners = RunProcess({ENTREE_CLI_PATH, "--db", door_db, "--lang", "en",
                            "sync", "--server", pg.conninfo()});
  CHECK(owners.exit_code == 2);
  CHECK(owners.err.find("its own login") != std::string::npos);
  auto synced =
      RunProcess({ENTREE_CLI_PATH, "--db", door_db, "--lang", "en", "sync"}, "",
                 {"ENTREE_SERVER=" + pg.conninfo()});
  INFO(synced.err);
  CHECK(synced.exit_code == 0);
  // The event's zone and times travel: the door joined in Amsterdam's; the
  // organiser moves the event to London's clocks and syncs, and the door
  // takes them at its next sync, the doors at the same clock time.
  auto door_event = [&] {
    return RunProcess({ENTREE_CLI_PATH, "--db", door_db, "--lang", "en",
                       "event", "--json"},
                      "", {"TZ=UTC"})
        .out;
  };
  CHECK(door_event().find("\"time_zone\":\"Europe/Amsterdam\"") !=
        std::string::npos);
  REQUIRE(organiser.Run({"event", "--timezone", "Europe/London", "--yes"})
              .exit_code == 0);
  REQUIRE(organiser.Run({"sync", "--server", pg.conninfo()}).exit_code == 0);
  REQUIRE(RunProcess({ENTREE_CLI_PATH, "--db", door_db, "sync"}, "",
                     {"ENTREE_SERVER=" + pg.conninfo()})
              .exit_code == 0);
  std::string moved = door_event();
  CHECK(moved.find("\"time_zone\":\"Europe/London\"") != std::string::npos);
  CHECK(moved.find("\"doors_open\":\"2020-01-01 00:00:00\"") !=
        std::string::npos);
  auto listed = organiser.Run({"device", "list", "--server", pg.conninfo()});
  CHECK(listed.out.find("door-1  door  joined") != std::string::npos);
  auto again = RunProcess({ENTREE_CLI_PATH, "--db", box.File("other.db"),
                           "--lang", "en", "device", "join", qr_text});
  CHECK(again.exit_code == 6);
  CHECK(again.err.find("refused the setup code") != std::string::npos);
  CHECK(organiser.Run({"device", "revoke", "door-1", "--server", pg.conninfo()})
            .exit_code == 0);
  auto shut_out =
      RunProcess({ENTREE_CLI_PATH, "--db", door_db, "--lang", "en", "sync"});
  CHECK(shut_out.exit_code == 6);
  CHECK(shut_out.err.find("removed this device") != std::string::npos);
  // The organiser purges the event everywhere; the revoked door purges its
  // file at its next contact, and the organiser sees it confirmed.
  auto purged = organiser.Run({"purge", "--yes", "--server", pg.conninfo()});
  INFO(purged.err);
  REQUIRE(purged.exit_code == 0);
  CHECK(purged.out.find("The server blanked 60 guests") != std::string::npos);
  CHECK(organiser.Run({"device", "list", "--server", pg.conninfo()})
            .out.find("purge not confirmed yet") != std::string::npos);
  CHECK(RunProcess({ENTREE_CLI_PATH, "--db", door_db, "sync"}).exit_code == 6);
  CHECK(organiser.Run({"device", "list", "--server", pg.conninfo()})
            .out.find("  purged ") != std::string::npos);
  CHECK(FileBytes(door_db).find("Frank") == std::string::npos);
  // An unreachable server: refused, and nothing changes here.
  testing::Cli other;
  other.Prepare();
  std::string before = testing::DatabaseFingerprint(other.db);
  CHECK(other.Run({"purge", "--yes", "--server", "host=/nonexistent"})
            .exit_code == 8);
  CHECK(testing::DatabaseFingerprint(other.db) == before);
  CHECK(organiser
            .Run({"device", "add", "door-2", "--role", "guard", "--server",
                  pg.conninfo()})
            .exit_code == 2);
  CHECK(organiser.Run({"device", "list"}).exit_code == 2);  // no server
}

}  // namespace entree

namespace entree {
namespace {

// A certificate authority of the test's own, and a server certificate it
// signed for localhost and 127.0.0.1.
struct TestAuthority {
  testing::TempDir dir;
  std::string ca = dir.File("ca.crt");
  explicit TestAuthority(bool sign_server) {
    auto openssl = [](std::vector<std::string> args) {
      args.insert(args.begin(), "/usr/bin/openssl");
      auto run = RunProcess(args);
      INFO(run.err);
      REQUIRE(run.exit_code == 0);
    };
    openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=Entree test authority", "-keyout",
             dir.File("ca.key"), "-out", ca});
    if (!sign_server) return;
    openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
             "-keyout", dir.File("server.key"), "-out",
             dir.File("server.csr")});
    std::ofstream(dir.File("san.ext"))
        << "subjectAltName=DNS:localhost,IP:127.0.0.1\n";
    openssl({"x509", "-req", "-in", dir.File("server.csr"), "-CA", ca, "-CAkey",
             dir.File("ca.key"), "-CAcreateserial", "-days", "2", "-extfile",
             dir.File("san.ext"), "-out", dir.File("server.crt")});
  }
};

}  // namespace

TEST_CASE("devices reach the server over TLS and refuse a wrong certificate",
          "[sync][devices]") {
  TestAuthority authority(/*sign_server=*/true);
  TestAuthority stranger(/*sign_server=*/false);
  int port = 20000 + static_cast<int>(::getpid() % 20000);
  PgSandbox pg(port, authority.dir.File("server.crt"),
               authority.dir.File("server.key"));
  OrganiserEvent org(pg.conninfo(), 5);
  auto address = [&](const std::string& root) {
    return "host=localhost port=" + std::to_string(port) +
           " dbname=entree sslmode=verify-full sslrootcert=" + root;
  };
  DeviceRequest request;
  request.name = "door-1";
  request.address = address(stranger.ca);
  SetupCode setup = AddDevice(org.store, org.admin, request, org.Now()).value();
  CHECK(setup.qr_text.find("sslmode=verify-full") != std::string::npos);

  // A server whose certificate the device's authority did not sign is not
  // believed: nothing is sent to it, nothing is written, the code is kept.
  auto refused =
      JoinEvent(setup.address, setup.code, org.dir.File("a.db"), org.Now());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kIo);
  CHECK(refused.status().message().find("certificate verify failed") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(org.dir.File("a.db")));
  // Without TLS the server lets no device in over the network.
  auto plain = JoinEvent("host=127.0.0.1 port=" + std::to_string(port) +
                             " dbname=entree sslmode=disable",
                         setup.code, org.dir.File("b.db"), org.Now());
  CHECK_FALSE(plain.ok());
  // The right authority: joined, and synced over TLS.
  auto joined = JoinEvent(address(authority.ca), setup.code,
                          org.dir.File("c.db"), org.Now());
  INFO(joined.status().message());
  REQUIRE(joined.ok());
  CHECK(joined->conninfo.find("sslmode=verify-full") != std::string::npos);
  Store door = Store::Open(org.dir.File("c.db")).value();
  CHECK(door.ListAttendees()->size() == 5);
  CHECK(SyncOnce(door, joined->conninfo, "door-1", org.Now()).ok());
}

}  // namespace entree

namespace entree {

TEST_CASE("seats and told state converge across three doors after an outage",
          "[sync][devices]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 11);
  // Three tables of five (a host and four guests): twelve places a round
  // for eleven invited guests, one place to spare.
  const char* tables[] = {"Human Capital", "Smart Industry", "Regiobranding"};
  for (const char* table : tables) {
    REQUIRE(org.store.UpsertTable({table, 5, ""}).ok());
    Attendee host = testing::AddAttendee(org.store, "Host", table,
                                         Sector::kBusiness, table);
    host.role = Role::kHost;
    REQUIRE(org.store.UpdateAttendee(host).ok());
  }
  PlanRequest plan;
  plan.rounds = 2;
  REQUIRE(PlanEventSeating(org.store, plan).ok());
  REQUIRE(SyncOnce(org.store, org.admin, "organiser", org.Now()).ok());

  // Two walk-ins registered at the desk before the outage: no seats yet.
  SetupCode desk_code = org.Add("desk-1", DeviceRole::kRegistration);
  std::string desk_db = org.dir.File("desk.db");
  DeviceLogin desk =
      JoinEvent(desk_code.address, desk_code.code, desk_db, org.Now()).value();
  std::vector<Attendee> walk_ins;
  std::vector<std::string> walk_in_codes;
  {
    Store desk_store = Store::Open(desk_db).value();
    BadgeIssuer issuer(desk_store, org.event.id, org.keys.secret_key, "desk-1");
    for (const char* name : {"Noor", "Daan"}) {
      WalkInForm form{name, "Inloop", "", Sector::kEducation, "", true};
      walk_ins.push_back(
          RegisterWalkIn(desk_store, form, OrganiserEvent::DoorTime()).value());
      walk_in_codes.push_back(
          issuer
              .BadgeFor(walk_ins.back().id, false, OrganiserEvent::DoorTime())
              ->code);
    }
    REQUIRE(SyncOnce(desk_store, desk.conninfo, "desk-1", org.Now()).ok());
  }

  struct DoorBox {
    std::string name;
    DeviceLogin login;
    std::unique_ptr<Store> store;
    FixedClock clock{OrganiserEvent::DoorTime()};
    std::unique_ptr<Door> door;
  };
  std::vector<DoorBox> doors(3);
  for (int d = 0; d < 3; ++d) {
    DoorBox& box = doors[d];
    box.name = "door-" + std::to_string(d + 1);
    SetupCode setup = org.Add(box.name, DeviceRole::kDoor);
    std::string db = org.dir.File(box.name + ".db");
    box.login = JoinEvent(setup.address, setup.code, db, org.Now()).value();
    box.store = std::make_unique<Store>(Store::Open(db).value());
    Event event = box.store->GetEvent().value();
    box.door = std::make_unique<Door>(*box.store, box.clock, event,
                                      DoorSettingsFor(event, Direction::kEntry),
                                      box.name);
    // The plan came with the event: rounds, tables and every seat.
    CHECK(box.store->SeatingRounds().value() == 2);
    CHECK(box.store->ListTables()->size() == 3);
    CHECK(box.store->ListSeats()->size() == org.store.ListSeats()->size());
  }
  auto sync = [&](DoorBox& box) {
    box.clock.Advance(std::chrono::seconds(1));
    return SyncOnce(*box.store, box.login.conninfo, box.name, box.clock.Now());
  };
  // What each guest was told, table by round, as the doors said it.
  std::map<std::string, std::vector<std::string>> told;
  auto let_in = [&](DoorBox& box, const std::string& code) {
    box.clock.Advance(std::chrono::seconds(5));
    ScanOutcome outcome = box.door->Scan(code).value();
    REQUIRE(outcome.verdict == Verdict::kWelcome);
    REQUIRE(outcome.seats.size() == 2);
    auto& tables_told = told[ToString(outcome.attendee->id)];
    for (const SeatLine& line : outcome.seats) {
      tables_told.push_back(line.table);
    }
  };

  // Online: a guest told at door 1 is told at the others.
  let_in(doors[0], org.Code(org.guests[0]));
  REQUIRE(sync(doors[0]).ok());
  REQUIRE(sync(doors[1]).ok());
  {
    auto seats = doors[1].store->SeatsOf(org.guests[0].id).value();
    REQUIRE(seats.size() == 2);
    CHECK(seats[0].told_at.has_value());
    CHECK(seats[0].table == told[ToString(org.guests[0].id)][0]);
  }

  // The server goes away; each door goes on alone.
  pg.Stop();
  let_in(doors[0], walk_in_codes[0]);  // seated at door 1
  let_in(doors[1], walk_in_codes[1]);  // and the other at door 2
  let_in(doors[2], org.Code(org.guests[1]));
  let_in(doors[1], org.Code(org.guests[2]));
  CHECK_FALSE(sync(doors[2]).ok());

  pg.Start();
  for (int pass = 0; pass < 2; ++pass) {
    for (DoorBox& box : doors) REQUIRE(sync(box).ok());
  }
  // Every door holds the same seats; no guest told a table was moved.
  auto seats_of = [](Store& store) {
    std::map<std::string, std::string> all;
    std::vector<Seat> listed = store.ListSeats().value();
    for (const Seat& seat : listed) {
      all[ToString(seat.attendee_id) + " " + std::to_string(seat.round)] =
          seat.table + (seat.told_at ? " told" : "");
    }
    return all;
  };
  auto reference = seats_of(*doors[0].store);
  for (DoorBox& box : doors) {
    INFO(box.name);
    CHECK(seats_of(*box.store) == reference);
    for (const auto& [id, tables_told] : told) {
      auto seats = box.store->SeatsOf(*ParseUuid(id)).value();
      REQUIRE(seats.size() == 2);
      for (int r = 0; r < 2; ++r) {
        CHECK(seats[r].table == tables_told[r]);
        CHECK(seats[r].told_at.has_value());
      }
    }
    // Thirteen seated for twelve places a round: staff see which table.
    auto overfull = box.store->OverfullTables().value();
    CHECK(overfull.size() >= 2);
    for (const Store::Overfull& o : overfull) CHECK(o.people > o.capacity);
  }
  CHECK(told.size() == 5);

  // As a door's login, by hand: seats only through the server's rules.
  const std::string& as_door = doors[0].login.conninfo;
  std::string event = ToString(org.event.id);
  std::string frank = ToString(org.guests[0].id);
  CHECK(
      Sql(as_door, "UPDATE seats SET table_name = 'Regiobranding'").exit_code !=
      0);
  CHECK(Sql(as_door, "INSERT INTO seats VALUES ('" + event + "', '" + frank +
                         "', 1, 'Regiobranding', 1, 'door-1', 0)")
            .exit_code != 0);
  CHECK(Sql(as_door, "SELECT entree_put_seats('" + event + "', 'door-2', '{" +
                         frank +
                         "}', '{1}', "
                         "'{Regiobranding}', '{1}')")
            .exit_code != 0);  // under another door's name
  // A told seat moved, a host seated, a table made up, a round beyond the
  // plan: none of it is taken.
  std::string host =
      ToString(org.store.ResolveAttendee("Host Smart Industry").value().id);
  REQUIRE(Sql(as_door, "SELECT entree_put_seats('" + event + "', 'door-1', '{" +
                           frank + "," + host + "," +
                           ToString(org.guests[5].id) + "," +
                           ToString(org.guests[6].id) +
                           "}', '{1,1,1,9}', '{Regiobranding,Human Capital,"
                           "Nowhere,Human Capital}', '{1,\"\",\"\",\"\"}')")
              .exit_code == 0);
  CHECK(Sql(org.admin, "SELECT table_name FROM seats WHERE attendee_id = '" +
                           frank + "' AND round = 1")
            .out == told[frank][0] + "\n");
  CHECK(Sql(org.admin, "SELECT count(*) FROM seats WHERE attendee_id = '" +
                           host + "' OR table_name = 'Nowhere' OR round > 2")
            .out == "0\n");
  // A told time far ahead is taken as the server's now (for a guest this
  // door let in: it tells no one else).
  std::string late = ToString(org.guests[7].id);
  REQUIRE(Sql(as_door, "INSERT INTO checkins VALUES ('" + event + "', '" +
                           ToString(NewUuid()) + "', '" + late +
                           "', 1, 'door-1', 'entry', 0, 'welcome', NULL, 0)")
              .exit_code == 0);
  REQUIRE(Sql(as_door, "SELECT entree_put_seats('" + event + "', 'door-1', '{" +
                           late +
                           "}', '{2}', '{Human Capital}', "
                           "'{4102444800000}')")
              .exit_code == 0);
  CHECK(Sql(org.admin,
            "SELECT told_at < 4102444800000 FROM seats WHERE "
            "attendee_id = '" +
                late + "' AND round = 2")
            .out == "t\n");
}

}  // namespace entree

namespace entree {

TEST_CASE("each device login does its own role's work and no more",
          "[sync][devices][hardening]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 3);
  auto join = [&](const std::string& name, DeviceRole role) {
    SetupCode setup = org.Add(name, role);
    return JoinEvent(setup.address, setup.code, org.dir.File(name + ".db"),
                     org.Now())
        .value();
  };
  DeviceLogin door1 = join("door-1", DeviceRole::kDoor);
  DeviceLogin door2 = join("door-2", DeviceRole::kDoor);
  DeviceLogin desk = join("desk-1", DeviceRole::kRegistration);
  std::string ev = "'" + ToString(org.event.id) + "'";
  auto guest = [&](int i) { return "'" + ToString(org.guests[i].id) + "'"; };
  auto checkin = [&](const std::string& id, const std::string& kiosk,
                     const std::string& undoes, const std::string& verdict) {
    return "INSERT INTO checkins VALUES (" + ev + ", '" + id + "', " +
           guest(0) + ", 1, '" + kiosk + "', 'entry', 0, '" + verdict + "', " +
           undoes + ", 0)";
  };

  // An undo is its own device's only.
  testing::ProcessResult admitted =
      Sql(door1.conninfo, checkin("in-1", "door-1", "NULL", "welcome"));
  INFO(admitted.err);
  REQUIRE(admitted.exit_code == 0);
  CHECK(Sql(door2.conninfo, checkin("undo-2", "door-2", "'in-1'", "welcome"))
            .exit_code != 0);
  CHECK(Sql(door1.conninfo, checkin("undo-1", "door-1", "'in-1'", "welcome"))
            .exit_code == 0);

  // A registration device cannot change an invited guest: not the email,
  // not the ticket, neither by UPDATE nor by the push's upsert.
  std::string steal =
      "INSERT INTO attendees (event_id, id, seq, external_id, given_name, "
      "family_name, organisation, sector, email, role, table_name, source, "
      "consent, created_at, updated_at, ticket) VALUES (" +
      ev + ", " + guest(1) +
      ", 0, '', 'X', 'Y', '', 'other', 'thief@evil.example', 'guest', '', "
      "'import', true, 0, 0, 'cancelled') ON CONFLICT (event_id, id) DO "
      "UPDATE SET email = EXCLUDED.email, ticket = EXCLUDED.ticket";
  CHECK(Sql(desk.conninfo, steal).exit_code != 0);
  CHECK(Sql(desk.conninfo,
            "UPDATE attendees SET email = 'thief@evil.example'"
            ", ticket = 'cancelled' RETURNING id")
            .out == "UPDATE 0\n");
  CHECK(Sql(org.admin,
            "SELECT email, ticket FROM attendees WHERE id = " + guest(1))
            .out == org.guests[1].email + "|valid\n");
  // A check-in the organiser's file sent under door-1's name is not
  // door-1's to take back.
  std::string organisers = ToString(NewUuid());
  REQUIRE(Sql(org.admin, "INSERT INTO checkins VALUES (" + ev + ", '" +
                             organisers + "', " + guest(1) +
                             ", 1, 'door-1', 'entry', 0, 'welcome', NULL, 0)")
              .exit_code == 0);
  CHECK(Sql(door1.conninfo, checkin(ToString(NewUuid()), "door-1",
                                    "'" + organisers + "'", "welcome"))
            .exit_code != 0);
  // A door tells seats only to guests it let in: not to one nobody let in,
  // not to one the organiser's file let in under its name, not to one
  // whose admission it took back.
  REQUIRE(
      Sql(org.admin, "INSERT INTO plans VALUES (" + ev + ", 2, 0)").exit_code ==
      0);
  REQUIRE(Sql(org.admin, "INSERT INTO checkins VALUES (" + ev + ", '" +
                             ToString(NewUuid()) + "', " + guest(2) +
                             ", 1, 'door-2', 'entry', 0, 'welcome', NULL, 0)")
              .exit_code == 0);
  std::string taken_back = ToString(NewUuid());
  REQUIRE(Sql(door2.conninfo,
              "INSERT INTO checkins VALUES (" + ev + ", '" + taken_back +
                  "', " + guest(0) +
                  ", 1, 'door-2', 'entry', 0, 'welcome', NULL, 0); INSERT INTO "
                  "checkins VALUES (" +
                  ev + ", '" + ToString(NewUuid()) + "', " + guest(0) +
                  ", 1, 'door-2', 'entry', 0, 'welcome', '" + taken_back +
                  "', 0)")
              .exit_code == 0);
  for (int g : {1, 2, 0}) {
    INFO("guest " << g);
    REQUIRE(Sql(door2.conninfo, "SELECT entree_put_seats(" + ev +
                                    ", 'door-2', ARRAY[" + guest(g) +
                                    "], ARRAY['1'], ARRAY[''], ARRAY['1'])")
                .exit_code == 0);
    CHECK(Sql(org.admin, "SELECT count(*) FROM seats WHERE told_at IS NOT NULL")
              .out == "0\n");
  }
  // Its own admission, in force: told.
  REQUIRE(Sql(door2.conninfo, "INSERT INTO checkins VALUES (" + ev + ", '" +
                                  ToString(NewUuid()) + "', " + guest(1) +
                                  ", 1, 'door-2', 'entry', 0, 'welcome', "
                                  "NULL, 0)")
              .exit_code == 0);
  REQUIRE(Sql(door2.conninfo, "SELECT entree_put_seats(" + ev +
                                  ", 'door-2', ARRAY[" + guest(1) +
                                  "], ARRAY['1'], ARRAY[''], ARRAY['1'])")
              .exit_code == 0);
  CHECK(Sql(org.admin, "SELECT count(*) FROM seats WHERE told_at IS NOT NULL")
            .out == "1\n");
  // Its own walk-in it may correct.
  std::string walk_in =
      "INSERT INTO attendees (event_id, id, seq, external_id, given_name, "
      "family_name, organisation, sector, email, role, table_name, source, "
      "consent, created_at, updated_at) VALUES (" +
      ev +
      ", 'walk-1', 0, '', 'Nor', 'Dam', '', 'other', '', 'guest', '', "
      "'walk_in', true, 0, 0)";
  REQUIRE(Sql(desk.conninfo, walk_in).exit_code == 0);
  CHECK(Sql(desk.conninfo,
            "UPDATE attendees SET given_name = 'Noor' WHERE "
            "id = 'walk-1' RETURNING given_name")
            .out == "Noor\nUPDATE 1\n");
  // Not under another id, nor with an external id of the organiser's list.
  CHECK(Sql(desk.conninfo,
            "UPDATE attendees SET id = 'walk-2' WHERE id = 'walk-1'")
            .exit_code != 0);
  CHECK(Sql(desk.conninfo,
            "UPDATE attendees SET external_id = 'EXT-SECRET-0' WHERE id = "
            "'walk-1'")
            .exit_code != 0);
  for (const char* change : {"shop_code = 'SHOP-1'", "source = 'invited'"}) {
    INFO(change);
    CHECK(Sql(desk.conninfo, std::string("UPDATE attendees SET ") + change +
                                 " WHERE id = 'walk-1'")
              .exit_code != 0);
  }
  // A guest's next badge, never a serial far ahead.
  auto badge = [&](int serial) {
    return "INSERT INTO badges VALUES (" + ev + ", " + guest(2) + ", " +
           std::to_string(serial) + ", 0, 'desk-1', 0)";
  };
  CHECK(Sql(desk.conninfo, badge(50)).exit_code != 0);
  CHECK(Sql(desk.conninfo, badge(1)).exit_code == 0);
  CHECK(Sql(desk.conninfo, badge(2)).exit_code == 0);
  CHECK(Sql(desk.conninfo, badge(4)).exit_code != 0);

  // Texts are bounded as the kiosks bound them.
  CHECK(Sql(door1.conninfo, checkin("big", "door-1", "NULL",
                                    "welcome' || repeat('x', 100000) "
                                    "|| '"))
            .exit_code != 0);
  CHECK(Sql(desk.conninfo,
            "UPDATE attendees SET given_name = repeat('x', 100000) WHERE id "
            "= 'walk-1'")
            .exit_code != 0);
  CHECK(Sql(org.admin, "SELECT max(octet_length(verdict)) FROM checkins").out ==
        "7\n");

  // A check-in dated long before the event (year 1) is set aside where it
  // is pulled; one of now is taken.
  std::string ancient = ToString(NewUuid());
  std::string recent = ToString(NewUuid());
  REQUIRE(Sql(door1.conninfo,
              "INSERT INTO checkins VALUES (" + ev + ", '" + ancient + "', " +
                  guest(0) +
                  ", 1, 'door-1', 'entry', -62135596800000, 'welcome', NULL, "
                  "0), (" +
                  ev + ", '" + recent + "', " + guest(0) +
                  ", 1, 'door-1', 'entry', (extract(epoch FROM now()) * "
                  "1000)::bigint, 'welcome', NULL, 0)")
              .exit_code == 0);
  REQUIRE(SyncOnce(org.store, org.admin, "organiser", org.Now()).ok());
  CHECK(org.store.GetCheckin(*ParseUuid(ancient)).status().IsNotFound());
  CHECK(org.store.GetCheckin(*ParseUuid(recent)).ok());
  // A purge is confirmed only while it is pending.
  CHECK(Sql(door1.conninfo, "SELECT entree_confirm_purge(0)").out == "f\n");
  CHECK(Sql(org.admin,
            "SELECT count(*) FROM devices WHERE "
            "purge_confirmed_at IS NOT NULL")
            .out == "0\n");

  // A copy of a door's file is refused by the server; the door goes on.
  Store original = Store::Open(org.dir.File("door-1.db")).value();
  REQUIRE(SyncOnce(original, door1.conninfo, "door-1", org.Now()).ok());
  original = Store::Open(org.dir.File("unused.db")).value();
  std::filesystem::copy_file(org.dir.File("door-1.db"),
                             org.dir.File("clone.db"));
  Store clone = Store::Open(org.dir.File("clone.db")).value();
  auto refused = SyncOnce(clone, door1.conninfo, "door-1", org.Now());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().text_key() == "error.device_copied");
  original = Store::Open(org.dir.File("door-1.db")).value();
  CHECK(SyncOnce(original, door1.conninfo, "door-1", org.Now()).ok());
}

TEST_CASE("two admissions of one badge are flagged whatever the doors' names",
          "[sync][hardening]") {
  testing::SignedEvent e;
  Attendee a = testing::AddAttendee(e.store, "Sem", "Wolters");
  for (const char* at : {"2026-10-12T17:00:00Z", "2026-10-12T17:01:00Z"}) {
    REQUIRE(e.store
                .AppendCheckin(testing::Checkin(a.id, at, Direction::kEntry,
                                                Verdict::kWelcome, "door-1"))
                .ok());
  }
  auto conflicts = e.store.Conflicts();
  REQUIRE(conflicts.ok());
  REQUIRE(conflicts->size() == 1);
  CHECK(conflicts->front().first.kiosk_id == "door-1");
  CHECK(conflicts->front().second.kiosk_id == "door-1");
}

}  // namespace entree

namespace entree {

TEST_CASE("a pull comes in pages and sets aside a row too large to fetch",
          "[sync][devices][hardening]") {
  PgSandbox pg;
  OrganiserEvent org(pg.conninfo(), 3);
  SetupCode setup = org.Add("door-1", DeviceRole::kDoor);
  std::string db = org.dir.File("door-1.db");
  DeviceLogin login =
      JoinEvent(setup.address, setup.code, db, org.Now()).value();
  // A row written before the server bounded its texts, and many ordinary
  // ones: more than one page of check-ins.
  std::string ev = "'" + ToString(org.event.id) + "'";
  std::string guest = "'" + ToString(org.guests[0].id) + "'";
  REQUIRE(Sql(org.admin,
              "ALTER TABLE checkins DROP CONSTRAINT bounded; INSERT INTO "
              "checkins VALUES (" +
                  ev + ", gen_random_uuid()::text, " + guest +
                  ", 1, 'old-door', 'entry', 0, repeat('x', 1000000), NULL, "
                  "0); ALTER TABLE checkins ADD CONSTRAINT bounded CHECK "
                  "(octet_length(verdict) <= 32) NOT VALID")
              .exit_code == 0);
  REQUIRE(
      Sql(org.admin, "INSERT INTO checkins SELECT " + ev +
                         ", gen_random_uuid()::text, " + guest +
                         ", 1, 'old-door', 'entry', (extract(epoch FROM now()) "
                         "* 1000)::bigint - i, 'invalid', NULL, 0 FROM "
                         "generate_series(1, 4500) AS i")
          .exit_code == 0);
  Store door = Store::Open(db).value();
  auto synced = SyncOnce(door, login.conninfo, "door-1", org.Now());
  REQUIRE(synced.ok());
  auto reasons = StoreInspector::Db(door).Prepare(
      "SELECT group_concat(reason, ' / ') FROM (SELECT DISTINCT reason FROM "
      "sync_set_aside)");
  REQUIRE(reasons.ok());
  REQUIRE(reasons->Step().ok());
  // Set aside by its size, before it was fetched.
  CHECK(reasons->ColumnText(0) == "over 16384 bytes");
  CHECK(synced->pulled >= 4500);
  CHECK(door.ListCheckins()->size() == 4500);
  CHECK(*door.SetAsideCount() == 1);
  // Nothing of it reached the file.
  door = Store::Open(org.dir.File("unused.db")).value();
  std::ifstream file(db, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), {});
  CHECK(bytes.find(std::string(1000, 'x')) == std::string::npos);
}

}  // namespace entree

namespace entree {

TEST_CASE("a plan's seats reach the server as not told until a door tells them",
          "[sync][seating]") {
  PgSandbox pg;
  testing::Cli organiser;
  organiser.Prepare();
  REQUIRE(
      organiser.Run({"server", "init", "--server", pg.conninfo()}).exit_code ==
      0);
  REQUIRE(organiser.Run({"seating", "plan", "--rounds", "2"}).exit_code == 0);
  auto synced = organiser.Run({"sync", "--server", pg.conninfo()});
  INFO(synced.err);
  REQUIRE(synced.exit_code == 0);
  CHECK(Sql(pg.conninfo(), "SELECT count(*) > 0 FROM seats").out == "t\n");
  CHECK(
      Sql(pg.conninfo(), "SELECT count(*) FROM seats WHERE told_at IS NOT NULL")
          .out == "0\n");
  // So the organiser may plan again: nobody was told anything yet.
  auto again = organiser.Run(
      {"seating", "plan", "--rounds", "2", "--seed", "7", "--json"});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("\"told\":0") != std::string::npos);
}

}  // namespace entree
