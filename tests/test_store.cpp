// Tests of the SQLite store: pragmas, migrations, records, search.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/store/schema.h"
#include "entree/store/store.h"
#include "support.h"

using namespace entree;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::Checkin;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;
using entree::testing::WriteFile;

namespace {

int64_t PragmaValue(Store& store, const std::string& pragma) {
  auto stmt = StoreInspector::Db(store).Prepare("PRAGMA " + pragma);
  REQUIRE(stmt.ok());
  auto row = stmt->Step();
  REQUIRE(row.ok());
  REQUIRE(*row);
  return stmt->ColumnInt(0);
}

}  // namespace

TEST_CASE("a new store is WAL, synchronous FULL, with foreign keys",
          "[store]") {
  TempDir dir;
  auto store = Store::Open(dir.File("event.db"));
  REQUIRE(store.ok());
  {
    auto mode = StoreInspector::Db(*store).Prepare("PRAGMA journal_mode");
    REQUIRE(mode.ok());
    REQUIRE(*mode->Step());
    CHECK(mode->ColumnText(0) == "wal");
  }
  CHECK(PragmaValue(*store, "synchronous") == 2);
  CHECK(PragmaValue(*store, "foreign_keys") == 1);
  CHECK(PragmaValue(*store, "user_version") == Store::kSchemaVersion);
  CHECK(PragmaValue(*store, "page_size") == 32768);
  // A write waits for the lock another connection holds a moment.
  auto other = Store::Open(dir.File("event.db"));
  REQUIRE(other.ok());
  auto held = other->Begin();
  REQUIRE(held.ok());
  std::thread letting_go([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    (void)held->Commit();
  });
  auto waited = store->Begin();
  letting_go.join();
  INFO((waited.ok() ? "" : waited.status().message()));
  CHECK(waited.ok());
}

TEST_CASE("a file made with smaller pages keeps them and works", "[store]") {
  TempDir dir;
  {
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(dir.File("small.db").c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA page_size=4096; VACUUM;", nullptr,
                         nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
  }
  Store store = MakeEventStore(dir.File("small.db"));
  CHECK(PragmaValue(store, "page_size") == 4096);
  Attendee a = AddAttendee(store, "Jan", "de Vries");
  CHECK(store.GetAttendee(a.id)->family_name == "de Vries");
}

TEST_CASE("ids made one after another ascend, within one millisecond too",
          "[store]") {
  Uuid previous{};
  for (int i = 0; i < 10000; ++i) {
    Uuid next = NewUuidAfter(previous);
    REQUIRE(next > previous);
    CHECK((next[6] >> 4) == 7);       // version 7
    CHECK((next[8] & 0xc0) == 0x80);  // RFC 9562 variant
    previous = next;
  }
  // A carry out of the random bits keeps the version and variant bits.
  Uuid full{};
  full.fill(0xff);
  full[0] = 0x00;  // 2004: NewUuid() sorts after it
  CHECK(NewUuidAfter(full) > full);
  full.fill(0xff);  // the far future: only the increment sorts after it
  full[6] = 0x7f;
  full[8] = 0xbf;
  full[5] = 0xfe;
  Uuid after = NewUuidAfter(full);
  CHECK(after > full);
  CHECK(after[5] == 0xff);
  CHECK(after[6] == 0x70);
  CHECK(after[8] == 0x80);
  CHECK(after[15] == 0x00);
}

TEST_CASE("opening migrates forward and refuses what it cannot read",
          "[store]") {
  TempDir dir;
  SECTION("reopening keeps the data and the version") {
    {
      Store store = MakeEventStore(dir.File("a.db"));
      AddAttendee(store, "Anouk", "van der Veen");
    }
    auto again = Store::Open(dir.File("a.db"));
    REQUIRE(again.ok());
    CHECK(again->ListAttendees()->size() == 1);
  }
  SECTION("a file from a newer Entree is refused, not damaged") {
    { MakeEventStore(dir.File("b.db")); }
    {
      auto raw = Database::Open(dir.File("b.db"));
      REQUIRE(raw.ok());
      REQUIRE(raw->Exec("PRAGMA user_version = 99").ok());
    }
    auto store = Store::Open(dir.File("b.db"));
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == StatusCode::kDatabase);
    CHECK(store.status().message().find("newer") != std::string::npos);
  }
  SECTION("a text file is not a database") {
    WriteFile(dir.File("c.db"), "Voornaam;Achternaam\nJan;Jansen\n");
    auto store = Store::Open(dir.File("c.db"));
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == StatusCode::kDatabase);
    CHECK(entree::testing::ReadFile(dir.File("c.db")) ==
          "Voornaam;Achternaam\nJan;Jansen\n");
  }
  SECTION("another program's SQLite file is not an event database") {
    {
      auto raw = Database::Open(dir.File("d.db"));
      REQUIRE(raw.ok());
      REQUIRE(raw->Exec("CREATE TABLE notes (text TEXT)").ok());
    }
    CHECK(Store::Open(dir.File("d.db")).status().code() ==
          StatusCode::kDatabase);
  }
}

TEST_CASE("the event is created once", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("e.db"));
  auto event = store.GetEvent();
  REQUIRE(event.ok());
  CHECK(event->name == "Worldcafé IQ BLVD");
  CHECK(event->doors_open_at == At("2026-10-12T16:00:00Z"));
  CHECK(event->public_key.has_value());
  CHECK(store.CreateEvent(*event).code() == StatusCode::kAlreadyExists);
}

TEST_CASE("name search ignores case and accents", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("s.db"));
  AddAttendee(store, "Gerrit", "Müller");
  AddAttendee(store, "Marjolein", "de Gelder");
  AddAttendee(store, "Céline", "Lefèvre");
  AddAttendee(store, "Jan Willem", "van Ommen");

  auto names = [&](const std::string& query) {
    std::vector<std::string> out;
    auto found = store.SearchAttendees(query, 10);
    REQUIRE(found.ok());
    for (const Attendee& a : *found) out.push_back(a.FullName());
    return out;
  };
  CHECK(names("muller") == std::vector<std::string>{"Gerrit Müller"});
  CHECK(names("MÜLLER") == std::vector<std::string>{"Gerrit Müller"});
  CHECK(names("gelder") == std::vector<std::string>{"Marjolein de Gelder"});
  CHECK(names("celine lefevre") == std::vector<std::string>{"Céline Lefèvre"});
  CHECK(names("ommen jan") == std::vector<std::string>{"Jan Willem van Ommen"});
  CHECK(names("nobody").empty());
  CHECK(names("").empty());
  // Sorted under the family name without particles: G, L, M, O.
  CHECK(names("e").size() == 4);
  CHECK(names("e").front() == "Marjolein de Gelder");
}

TEST_CASE("attendees are found by id, external id, email or unique name",
          "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("r.db"));
  Attendee a = AddAttendee(store, "Anouk", "van der Veen");
  a.external_id = "WC-005";
  a.email = "A.vanderVeen@hardenberg.example";
  REQUIRE(store.UpdateAttendee(a).ok());
  AddAttendee(store, "Anouk", "Jansen");

  CHECK(store.ResolveAttendee(ToString(a.id))->id == a.id);
  CHECK(store.ResolveAttendee("WC-005")->id == a.id);
  CHECK(store.ResolveAttendee("a.vanderveen@HARDENBERG.example")->id == a.id);
  CHECK(store.ResolveAttendee("veen")->id == a.id);
  CHECK(store.ResolveAttendee("anouk").status().IsNotFound());  // two match
  CHECK(store.ResolveAttendee("nobody").status().IsNotFound());
}

TEST_CASE("a new badge revokes the older serials", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("b.db"));
  Attendee a = AddAttendee(store, "Bram", "Mulder");
  CHECK_FALSE(store.CurrentBadge(a.id)->has_value());
  auto first = store.IssueBadge(a.id, "desk-1", At("2026-10-12T16:05:00Z"));
  REQUIRE(first.ok());
  CHECK(first->serial == 1);
  auto second = store.IssueBadge(a.id, "desk-2", At("2026-10-12T17:00:00Z"));
  REQUIRE(second.ok());
  CHECK(second->serial == 2);
  auto current = store.CurrentBadge(a.id);
  REQUIRE(current.ok());
  CHECK((*current)->serial == 2);
  CHECK((*current)->kiosk_id == "desk-2");
}

TEST_CASE("check-ins are append-only", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("c.db"));
  Attendee a = AddAttendee(store, "Chantal", "Hoekstra");
  CheckinRecord record = Checkin(a.id, "2026-10-12T17:00:00Z");
  REQUIRE(store.AppendCheckin(record).ok());
  CHECK(store.AppendCheckin(record).code() == StatusCode::kDatabase);  // id
  CHECK_FALSE(StoreInspector::Db(store)
                  .Exec("UPDATE checkin SET verdict = 'closed'")
                  .ok());
  CHECK_FALSE(StoreInspector::Db(store).Exec("DELETE FROM checkin").ok());
  auto rows = store.ListCheckins();
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK(rows->front().verdict == Verdict::kWelcome);
  CHECK(rows->front().at == At("2026-10-12T17:00:00Z"));
}

TEST_CASE("history and attendance follow entries and exits", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("h.db"));
  Attendee a = AddAttendee(store, "Daan", "ter Horst", Sector::kGovernment,
                           "Human Capital");
  AddAttendee(store, "Eline", "Bosman", Sector::kEducation, "Smart Industry");
  auto add = [&](const char* at, Direction d, Verdict v, const char* kiosk) {
    REQUIRE(store.AppendCheckin(Checkin(a.id, at, d, v, kiosk)).ok());
  };
  add("2026-10-12T17:00:00Z", Direction::kEntry, Verdict::kWelcome, "door-1");
  add("2026-10-12T17:30:00Z", Direction::kEntry, Verdict::kAlreadyInside,
      "door-2");
  add("2026-10-12T18:00:00Z", Direction::kExit, Verdict::kGoodbye, "door-1");

  auto history = store.History(a.id, 1, "door-2", At("2026-10-12T19:00:00Z"));
  REQUIRE(history.ok());
  CHECK(history->first_entry == At("2026-10-12T17:00:00Z"));
  CHECK(history->last_exit == At("2026-10-12T18:00:00Z"));
  CHECK(history->last_pass->direction == Direction::kExit);
  CHECK(history->last_scan_here->verdict == Verdict::kAlreadyInside);

  auto stats = store.Stats();
  REQUIRE(stats.ok());
  CHECK(stats->total.expected == 2);
  CHECK(stats->total.arrived == 1);
  CHECK(stats->total.inside == 0);
  CHECK(stats->by_sector["government"].arrived == 1);
  CHECK(stats->by_table["Smart Industry"].arrived == 0);

  add("2026-10-12T18:10:00Z", Direction::kEntry, Verdict::kWelcomeBack,
      "door-1");
  CHECK(store.Stats()->total.inside == 1);
}

namespace {

// A file at an older schema `version` with the event "Oud" and one attendee,
// Anouk Veen, whose sort key is the SQL expression `sort_key`.
Database WriteOldFile(const std::string& path, int version,
                      const std::string& sort_key) {
  auto raw = Database::Open(path);
  REQUIRE(raw.ok());
  for (int v = 0; v < version; ++v) {
    REQUIRE(raw->Exec(SchemaMigrations()[v]).ok());
  }
  REQUIRE(raw->Exec("PRAGMA user_version = " + std::to_string(version)).ok());
  REQUIRE(raw->Exec("INSERT INTO event (singleton, id, name) VALUES "
                    "(1, '0011223344556677', 'Oud')")
              .ok());
  REQUIRE(raw->Exec("INSERT INTO attendee (id, given_name, family_name, "
                    "sector, role, source, search_key, sort_key, "
                    "created_at, updated_at) VALUES "
                    "('0190b0a0-0000-7000-8000-000000000001', 'Anouk', "
                    "'Veen', 'other', 'guest', 'invited', 'anouk veen', " +
                    sort_key + ", 0, 0)")
              .ok());
  return std::move(raw).value();
}

}  // namespace

TEST_CASE("a version 1 file is migrated with its data kept", "[store]") {
  TempDir dir;
  std::string path = dir.File("v1.db");
  {
    Database raw = WriteOldFile(path, 1, "'veen'");
    REQUIRE(raw.Exec("INSERT INTO checkin (id, attendee_id, badge_serial, "
                     "kiosk_id, direction, at, verdict) VALUES "
                     "('0190b0a0-0000-7000-8000-0000000000c1', "
                     "'0190b0a0-0000-7000-8000-000000000001', 1, 'door-1', "
                     "'entry', 1000, 'welcome')")
                .ok());
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  CHECK(PragmaValue(*store, "user_version") == Store::kSchemaVersion);
  CHECK(store->GetEvent()->name == "Oud");
  // Version 3 added the print log; the old file has an empty one.
  auto log = store->PrintLog(10);
  REQUIRE(log.ok());
  CHECK(log->empty());
  auto stats = store->Stats();
  REQUIRE(stats.ok());
  CHECK(stats->total.arrived == 1);
  auto last = store->LastAdmissionAt("door-1");
  REQUIRE(last.ok());
  REQUIRE(last->has_value());
  CHECK(ToString((*last)->attendee_id) ==
        "0190b0a0-0000-7000-8000-000000000001");
}

namespace {

int64_t OutboxTriggerCount(Store& store) {
  auto stmt = StoreInspector::Db(store).Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
      "AND name LIKE 'outbox%'");
  REQUIRE(stmt.ok());
  REQUIRE(*stmt->Step());
  return stmt->ColumnInt(0);
}

}  // namespace

TEST_CASE("the outbox is written only once sync is on", "[store]") {
  TempDir dir;
  std::string path = dir.File("o.db");
  bool syncing = GENERATE(false, true);
  CAPTURE(syncing);
  {
    // Version 5 sort keys ended in the attendee's id.
    Database raw = WriteOldFile(path, 5,
                                "'veen' || char(1) || 'anouk' || char(1) || "
                                "'0190b0a0-0000-7000-8000-000000000001'");
    if (syncing) {
      REQUIRE(raw.Exec("UPDATE sync_state SET enabled = 1").ok());
    }
  }
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  auto sort_key =
      StoreInspector::Db(*store).Prepare("SELECT sort_key FROM attendee");
  REQUIRE(*sort_key->Step());
  CHECK(sort_key->ColumnText(0) == std::string("veen") + '\x01' + "anouk");
  CHECK(OutboxTriggerCount(*store) == (syncing ? 10 : 0));

  Attendee bram = AddAttendee(*store, "Bram", "Mulder");
  REQUIRE(store->AppendCheckin(Checkin(bram.id, "2026-10-12T17:00:00Z")).ok());
  CHECK(*store->OutboxSize() == (syncing ? 2 : 0));
  if (!syncing) {
    // Turning sync on queues what is there, and from then on each write.
    REQUIRE(store->EnableOutbox().ok());
    CHECK(OutboxTriggerCount(*store) == 10);
    CHECK(*store->OutboxSize() == 3);
  }
  int64_t queued = *store->OutboxSize();
  AddAttendee(*store, "Chantal", "Hoekstra");
  CHECK(*store->OutboxSize() == queued + 1);
  // What a kiosk pulls from the server is not sent back.
  REQUIRE(store->BeginApplying().ok());
  AddAttendee(*store, "Daan", "ter Horst");
  REQUIRE(store->EndApplying().ok());
  CHECK(*store->OutboxSize() == queued + 1);
}

TEST_CASE("an undo takes a check-in back without deleting it", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("u.db"));
  Attendee a = AddAttendee(store, "Bram", "Mulder");
  auto before = store.ChangeMark();
  REQUIRE(before.ok());
  CheckinRecord entry = Checkin(a.id, "2026-10-12T17:00:00Z");
  REQUIRE(store.AppendCheckin(entry).ok());
  CHECK(*store.ChangeMark() != *before);
  CHECK(*store.ChangeMark() == *store.ChangeMark());
  REQUIRE(store.Stats()->total.inside == 1);

  auto last = store.LastAdmissionAt("door-1");
  REQUIRE(last.ok());
  REQUIRE(last->has_value());
  CHECK((*last)->id == entry.id);
  REQUIRE(store.UndoCheckin(**last, "door-1", At("2026-10-12T17:01:00Z")).ok());

  CHECK(store.Stats()->total.arrived == 0);
  CHECK_FALSE(store.History(a.id, 1, "door-1", At("2026-10-12T17:02:00Z"))
                  ->first_entry.has_value());
  CHECK_FALSE(store.LastAdmissionAt("door-1")->has_value());
  auto rows = store.ListCheckins();
  REQUIRE(rows->size() == 2);  // the log keeps both rows
  CHECK(rows->back().undoes == entry.id);
  // Undoing twice is refused.
  CHECK(store.UndoCheckin(entry, "door-1", At("2026-10-12T17:02:00Z"))
            .IsNotFound());
}

TEST_CASE("the print log keeps each job and its outcome", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("p.db"));
  Attendee guest = AddAttendee(store, "Robin", "Burghard");
  PrintRecord job;
  job.id = NewUuid();
  job.attendee_id = guest.id;
  job.badge_serial = 1;
  job.kiosk_id = "desk-1";
  job.printer = "ql800";
  job.layout = "ql62";
  job.requested_at = At("2026-10-12T16:10:00Z");
  CHECK_FALSE(*store.BadgeSentToPrinter(guest.id, 1));
  REQUIRE(store.RecordPrintRequest(job).ok());
  CHECK(*store.BadgeSentToPrinter(guest.id, 1));
  CHECK_FALSE(*store.BadgeSentToPrinter(guest.id, 2));
  CHECK(store.GetPrintJob(job.id)->outcome == "sent");

  REQUIRE(store
              .RecordPrintOutcome(job.id, 41, "out_of_paper", "Out of paper",
                                  At("2026-10-12T16:10:02Z"))
              .ok());
  PrintRecord ended = store.GetPrintJob(job.id).value();
  CHECK(ended.cups_job == 41);
  CHECK(ended.outcome == "out_of_paper");
  CHECK(ended.detail == "Out of paper");
  CHECK(ended.finished_at == At("2026-10-12T16:10:02Z"));
  CHECK(
      store.RecordPrintOutcome(NewUuid(), 1, "completed", "", job.requested_at)
          .IsNotFound());
  CHECK(store.GetPrintJob(NewUuid()).status().IsNotFound());
  CHECK(store.PrintLog(5)->size() == 1);
}

TEST_CASE("an email two guests share names neither of them", "[store]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("s.db"));
  Attendee a = AddAttendee(store, "Anouk", "de Vries");
  Attendee b = AddAttendee(store, "Bram", "Mulder");
  a.email = "inkoop@intergas.example";
  b.email = "Inkoop@Intergas.example";
  REQUIRE(store.UpdateAttendee(a).ok());
  REQUIRE(store.UpdateAttendee(b).ok());
  auto found = store.ResolveAttendee("inkoop@intergas.example");
  CHECK(found.status().code() == StatusCode::kNotFound);
  CHECK(found.status().message().find("more than one") != std::string::npos);
  b.email = "bram@intergas.example";
  REQUIRE(store.UpdateAttendee(b).ok());
  CHECK(store.ResolveAttendee("INKOOP@intergas.example")->id == a.id);
}

TEST_CASE("a damaged index page stops the door with its message", "[store]") {
  TempDir dir;
  std::string path = dir.File("damaged.db");
  const std::vector<std::string> env = {"ENTREE_LANG=en",
                                        "TZ=Europe/Amsterdam"};
  const std::string evening = "2026-10-12T19:00+02:00";
  std::string code;
  int64_t root_page = 0;
  int64_t page_size = 0;
  {
    KeyPair keys;
    Store store = MakeEventStore(path, &keys);
    for (int i = 0; i < 3; ++i) {
      Attendee a = AddAttendee(store, "Gast", "Nummer " + std::to_string(i));
      REQUIRE(store.AppendCheckin(Checkin(a.id, "2026-10-12T17:00:00Z")).ok());
    }
    Attendee late = AddAttendee(store, "Laura", "Laatkomer");
    BadgeIssuer issuer(store, store.GetEvent()->id, keys.secret_key, "desk-1");
    auto badge = issuer.BadgeFor(late.id, false, At("2026-10-12T15:00:00Z"));
    REQUIRE(badge.ok());
    code = badge->code;
    // The positive control: whole, the door's tables pass the check.
    Status sound = store.CheckDoorTables();
    INFO(sound.message());
    REQUIRE(sound.ok());
    auto root = StoreInspector::Db(store).Prepare(
        "SELECT rootpage FROM sqlite_schema WHERE name = "
        "'checkin_by_attendee'");
    REQUIRE(root.ok());
    REQUIRE(*root->Step());
    root_page = root->ColumnInt(0);
    page_size = PragmaValue(store, "page_size");
  }  // the last connection closes
  REQUIRE(root_page > 1);
  REQUIRE(page_size == 32768);
  {
    // And through the CLI, on the whole file: the guest is let in.
    testing::ProcessResult in = testing::RunProcess(
        {ENTREE_CLI_PATH, "--db", path, "checkin", code, "--at", evening}, "",
        env);
    INFO(in.out << in.err);
    CHECK(in.exit_code == 0);
  }
  // No connection is left: the last one checkpointed the log into the
  // file, so the page damaged below is the one SQLite reads.
  CHECK((!std::filesystem::exists(path + "-wal") ||
         std::filesystem::file_size(path + "-wal") == 0));

  // The first byte of the index's root page, its page type, made one no
  // b-tree page has.
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(file.is_open());
    std::streamoff offset = (root_page - 1) * page_size;
    file.seekg(offset);
    char type = 0;
    file.get(type);
    REQUIRE(file.good());
    CHECK(type == 0x0a);  // an index's leaf page: the right page is hit
    file.seekp(offset);
    file.put(0x42);
    file.flush();
    REQUIRE(file.good());
  }

  {
    auto store = Store::Open(path);
    REQUIRE(store.ok());
    Status damaged = store->CheckDoorTables();
    INFO(damaged.message());
    CHECK(damaged.code() == StatusCode::kDatabase);
    CHECK(damaged.text_key() == "error.db_damaged");
    REQUIRE_FALSE(damaged.text_args().empty());
    CHECK(damaged.text_args().front() == path);
  }
  // The CLI's door refuses to decide on it and names the damage.
  testing::ProcessResult refused = testing::RunProcess(
      {ENTREE_CLI_PATH, "--db", path, "checkin", code, "--at", evening}, "",
      env);
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code == 5);  // kExitDatabase
  CHECK(refused.err.find("is damaged") != std::string::npos);
}
