// Tests of importing invitation lists as the usual tools export them.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

#include "entree/base/uuid.h"
#include "entree/people/import.h"
#include "support.h"

using namespace entree;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::DatabaseFingerprint;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;

namespace {

ImportOptions Options() {
  ImportOptions options;
  options.now = At("2026-10-01T09:00:00Z");
  return options;
}

ImportReport Import(Store& store, const std::string& csv,
                    ImportOptions options = Options()) {
  auto report = ImportAttendees(store, csv, options);
  REQUIRE(report.ok());
  return *report;
}

Attendee Only(Store& store) {
  auto all = store.ListAttendees();
  REQUIRE(all.ok());
  REQUIRE(all->size() == 1);
  return all->front();
}

}  // namespace

TEST_CASE("headers of the usual exports are recognised", "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("i.db"));
  SECTION("Eventbrite attendee report") {
    Import(store,
           "Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket "
           "Type,Attendee #,Company,Job Title\n"
           "123,2026-09-01,Anouk,van der Veen,anouk@example.nl,1,General,"
           "9001,Gemeente Hardenberg,Wethouder\n");
    Attendee a = Only(store);
    CHECK(a.given_name == "Anouk");
    CHECK(a.family_name == "van der Veen");
    CHECK(a.email == "anouk@example.nl");
    CHECK(a.external_id == "eventbrite:9001");
    CHECK(a.organisation == "Gemeente Hardenberg");
  }
  SECTION("pretix with split names") {
    Import(store,
           "Order code,Attendee name: Given name,Attendee name: Family "
           "name,Attendee email,Company,Position ID\n"
           "X7K2Q,Bram,Mulder,bram@example.nl,Intergas,42\n");
    Attendee a = Only(store);
    CHECK(a.FullName() == "Bram Mulder");
    CHECK(a.external_id == "pretix:X7K2Q-42");
    CHECK(a.organisation == "Intergas");
  }
  SECTION("Google Forms with one name column") {
    Import(store,
           "Timestamp,Email Address,Full name,Organisation,Sector\n"
           "2026/09/01 10:00:00,daan@example.nl,Daan ter Horst,Provincie "
           "Drenthe,Overheid\n");
    Attendee a = Only(store);
    CHECK(a.given_name == "Daan");
    CHECK(a.family_name == "ter Horst");
    CHECK(a.sector == Sector::kGovernment);
  }
  SECTION("a Dutch Excel sheet with tussenvoegsel, in Windows-1252") {
    auto report = Import(
        store,
        "Voornaam;Tussenvoegsel;Achternaam;Bedrijf;Sector;E-mailadres;Rol;"
        "Tafel;Toestemming\r\n"
        "Gerrit;;B\xFCgel;B\xFCgel Kunststoffen;Bedrijfsleven;g@b.nl;"
        "Tafelhost;Human Capital;ja\r\n");
    CHECK(report.encoding == "windows-1252");
    CHECK(report.delimiter == ';');
    Attendee a = Only(store);
    CHECK(a.family_name == "Bügel");
    CHECK(a.role == Role::kHost);
    CHECK(a.table == "Human Capital");
    CHECK(a.consent);
    CHECK(a.sector == Sector::kBusiness);
    CHECK(store.TableHosts("Human Capital")->front() == "Gerrit Bügel");
  }
  SECTION("--map names columns the recogniser does not know") {
    auto options = Options();
    options.column_map = {{"Wie", "full_name"},
                          {"Waar vandaan", "organisation"}};
    auto report = Import(
        store, "Wie,Waar vandaan,Schoenmaat\nJan de Vries,DVT,44\n", options);
    Attendee a = Only(store);
    CHECK(a.family_name == "de Vries");
    CHECK(a.organisation == "DVT");
    CHECK(report.ignored_columns == std::vector<std::string>{"Schoenmaat"});
  }
}

TEST_CASE("re-importing updates instead of duplicating", "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("u.db"));
  auto first = Import(store,
                      "id,naam,email,organisatie\n"
                      "A1,Anouk van der Veen,anouk@example.nl,Gemeente\n"
                      ",Bram Mulder,bram@example.nl,Intergas\n");
  CHECK(first.imported == 2);
  auto second =
      Import(store,
             "id,naam,email,organisatie\n"
             "A1,Anouk van der Veen,anouk.new@example.nl,Provincie\n"
             ",Bram Mulder,BRAM@example.nl,Intergas BV\n"
             ",Chantal Hoekstra,chantal@example.nl,Drenthe College\n");
  CHECK(second.imported == 1);
  CHECK(second.updated == 2);
  auto all = store.ListAttendees();
  REQUIRE(all->size() == 3);
  auto anouk = store.ResolveAttendee("A1");
  CHECK(anouk->email == "anouk.new@example.nl");
  CHECK(anouk->organisation == "Provincie");
  CHECK(store.ResolveAttendee("bram@example.nl")->organisation ==
        "Intergas BV");
}

TEST_CASE("bad rows are reported by line while the rest imports", "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("b.db"));
  std::string csv =
      "naam,email\n"
      "Anouk van der Veen,anouk@example.nl\n"
      ",nobody@example.nl\n"
      "\"Bram\nMulder\",bram@example.nl\n"
      "Chantal Hoekstra,not-an-email\n"
      "Daan ter Horst,daan@example.nl\n"
      "\"Unclosed,x@example.nl\n";
  auto report = Import(store, csv);
  CHECK(report.imported == 3);
  CHECK(report.rejected == 3);
  REQUIRE(report.problems.size() == 3);
  CHECK(report.problems[0].line == 3);
  CHECK(report.problems[0].kind == RowProblemKind::kNoName);
  CHECK(report.problems[1].line == 6);
  CHECK(report.problems[1].kind == RowProblemKind::kBadEmail);
  CHECK(report.problems[1].detail == "not-an-email");
  CHECK(report.problems[2].line == 8);
  CHECK(report.problems[2].kind == RowProblemKind::kUnclosedQuote);
}

TEST_CASE("a strict import with a bad row writes nothing", "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("s.db"));
  Import(store, "naam\nAnouk van der Veen\n");
  std::string before = DatabaseFingerprint(dir.File("s.db"));
  auto options = Options();
  options.strict = true;
  auto report =
      Import(store, "naam,email\nBram Mulder,bram@x.nl\n,y@x.nl\n", options);
  CHECK_FALSE(report.written);
  CHECK(report.rejected == 1);
  CHECK(DatabaseFingerprint(dir.File("s.db")) == before);
}

TEST_CASE("every table a row names exists after the import", "[import]") {
  // The import writes without SQLite's foreign-key lookups, making each
  // table before a row names it; the store checks foreign keys again after.
  TempDir dir;
  Store store = MakeEventStore(dir.File("t.db"));
  std::string csv = "id,naam,tafel\n";
  for (int i = 0; i < 2000; ++i) {
    csv += "T" + std::to_string(i) + ",Gast " + std::to_string(i) + ",Tafel " +
           std::to_string(i % 37) + "\n";
  }
  ImportReport report = Import(store, csv);
  CHECK(report.imported == 2000);
  // An update names a new table.
  report = Import(store, "id,naam,tafel\nT5,Gast Vijf,Nieuwe tafel\n");
  CHECK(report.updated == 1);
  auto tables = store.ListTables();
  REQUIRE(tables.ok());
  CHECK(tables->size() == 38);
  auto check = StoreInspector::Db(store).Prepare("PRAGMA foreign_key_check");
  REQUIRE(check.ok());
  CHECK_FALSE(*check->Step());
  auto keys = StoreInspector::Db(store).Prepare("PRAGMA foreign_keys");
  REQUIRE(keys.ok());
  REQUIRE(*keys->Step());
  CHECK(keys->ColumnInt(0) == 1);
  Attendee orphan = store.ListAttendees()->front();
  orphan.table = "Geen tafel";
  CHECK_FALSE(store.UpdateAttendee(orphan).ok());
}

TEST_CASE("files the importer cannot use are refused whole", "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("f.db"));
  std::string before = DatabaseFingerprint(dir.File("f.db"));
  CHECK(ImportAttendees(store, "", Options()).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(ImportAttendees(store, "kleur,maat\nrood,44\n", Options())
            .status()
            .code() == StatusCode::kInvalidArgument);
  auto options = Options();
  options.column_map = {{"naam", "shoe_size"}};
  CHECK(ImportAttendees(store, "naam\nJan\n", options).status().code() ==
        StatusCode::kInvalidArgument);
  options.column_map = {{"missing", "full_name"}};
  CHECK(ImportAttendees(store, "naam\nJan\n", options).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(DatabaseFingerprint(dir.File("f.db")) == before);
}

TEST_CASE("column map text is read as HEADER=FIELD pairs", "[import]") {
  auto map = ParseColumnMap("Wie=full_name, Bedrijfsnaam = organisation");
  REQUIRE(map.ok());
  CHECK(map->at("Wie") == "full_name");
  CHECK(map->at("Bedrijfsnaam") == "organisation");
  CHECK_FALSE(ParseColumnMap("justtext").ok());
}

namespace {

// What an import should leave, worked out one row at a time. A row with
// an id updates the attendee with that id that no earlier row of the file
// took, else the one with id "~2", "~3", ... (a repeat, kept and counted),
// else adds one. A row without an id does the same by person key: its
// email (ASCII case folded) when that is unique in the file and among the
// attendees stored before, else its email and name.
struct ModelAttendee {
  std::string external_id, given_name, email, organisation;
};

struct ImportModel {
  std::vector<ModelAttendee> attendees;
  std::map<std::string, size_t> by_external_id, by_key;
  std::set<size_t> touched;  // by rows of the file being applied
  std::map<std::string, int> file_emails, stored_emails;
  size_t stored = 0;
  bool people_indexed = false;
  int imported = 0, updated = 0, duplicates = 0;

  void BeginFile(const std::vector<ModelAttendee>& file) {
    touched.clear();
    by_key.clear();
    file_emails.clear();
    stored_emails.clear();
    people_indexed = false;
    stored = attendees.size();
    for (const ModelAttendee& row : file) {
      if (!row.email.empty()) ++file_emails[Lower(row.email)];
    }
  }

  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(c));
    return text;
  }
  static std::string Key(const ModelAttendee& a, bool unique) {
    if (unique) return "e:" + Lower(a.email);
    return "n:" + Lower(a.email) + ":" + Lower(a.given_name) + " test";
  }
  // The first of base, base + mark + "2", ... that no row of the file took.
  std::optional<size_t> FindFree(const std::map<std::string, size_t>& index,
                                 const std::string& base, const char* mark,
                                 std::string& found, int& earlier) {
    for (earlier = 0;; ++earlier) {
      found = earlier == 0 ? base : base + mark + std::to_string(earlier + 1);
      auto slot = index.find(found);
      if (slot == index.end()) return std::nullopt;
      if (!touched.count(slot->second)) return slot->second;
    }
  }
  void IndexPeople() {
    if (people_indexed) return;
    people_indexed = true;
    for (size_t i = 0; i < stored; ++i) {
      if (!attendees[i].email.empty())
        ++stored_emails[Lower(attendees[i].email)];
    }
    for (size_t i = 0; i < stored; ++i) {
      const ModelAttendee& a = attendees[i];
      for (bool unique : {true, false}) {
        if (unique && (a.email.empty() || stored_emails[Lower(a.email)] != 1))
          continue;
        std::string key = Key(a, unique), numbered = key;
        for (int n = 2; by_key.count(numbered); ++n)
          numbered = key + "#" + std::to_string(n);
        by_key[numbered] = i;
      }
    }
  }
  void Apply(ModelAttendee row) {
    std::optional<size_t> slot;
    std::string found, key;
    int earlier = 0;
    if (!row.external_id.empty()) {
      slot = FindFree(by_external_id, row.external_id, "~", found, earlier);
      row.external_id = found;
    } else {
      IndexPeople();
      std::string email = Lower(row.email);
      bool unique = !email.empty() && file_emails[email] == 1 &&
                    stored_emails[email] <= 1;
      slot = FindFree(by_key, Key(row, unique), "#", key, earlier);
    }
    duplicates += earlier > 0;
    if (slot) {
      ++updated;
      if (row.external_id.empty()) {
        row.external_id = attendees[*slot].external_id;
      }
      attendees[*slot] = row;
    } else {
      ++imported;
      slot = attendees.size();
      attendees.push_back(row);
    }
    touched.insert(*slot);
    if (!row.external_id.empty())
      by_external_id.emplace(row.external_id, *slot);
    if (!key.empty()) by_key.emplace(key, *slot);
  }
};

std::string CsvOf(const std::vector<ModelAttendee>& rows) {
  std::string csv = "id,voornaam,achternaam,email,organisatie\n";
  for (const ModelAttendee& row : rows) {
    csv += row.external_id + "," + row.given_name + ",Test," + row.email + "," +
           row.organisation + "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("an import ends as row-by-row updates and additions would",
          "[import]") {
  for (uint32_t seed : {1u, 2u, 3u, 4u, 5u}) {
    CAPTURE(seed);
    std::mt19937 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % n); };
    TempDir dir;
    Store store = MakeEventStore(dir.File("p.db"));
    ImportModel model;
    // 1,500 stored attendees with distinct ids and emails, some without.
    std::vector<ModelAttendee> first;
    for (int i = 0; i < 1500; ++i) {
      first.push_back(
          {i % 4 ? "X" + std::to_string(i) : "", "S" + std::to_string(i),
           i % 3 ? "p" + std::to_string(i) + "@example.nl" : "", "first"});
    }
    // Then a file whose rows meet stored attendees, earlier rows of the
    // file, and attendees whose email an earlier row changed. Its index
    // outgrows the size it starts with for 600 rows.
    std::vector<ModelAttendee> second;
    for (int i = 0; i < 600; ++i) {
      ModelAttendee row;
      if (pick(4) > 0) row.external_id = "X" + std::to_string(pick(2000));
      if (pick(3) > 0) {
        row.email = "p" + std::to_string(pick(2000)) +
                    (pick(2) ? "@Example.nl" : "@example.NL");
      }
      row.given_name = "R" + std::to_string(i);
      row.organisation = "second";
      second.push_back(row);
    }
    for (const auto& file : {first, second}) {
      ImportModel before = model;
      model.BeginFile(file);
      for (const ModelAttendee& row : file) model.Apply(row);
      ImportReport report = Import(store, CsvOf(file));
      CHECK(report.imported == model.imported - before.imported);
      CHECK(report.updated == model.updated - before.updated);
      CHECK(static_cast<int>(report.duplicates.size()) ==
            model.duplicates - before.duplicates);
      CHECK(report.rejected == 0);
    }
    CHECK(model.updated > 100);    // the file did meet attendees
    CHECK(model.duplicates > 10);  // and repeated its own rows
    auto all = store.ListAttendees();
    REQUIRE(all.ok());
    REQUIRE(all->size() == model.attendees.size());
    std::multiset<
        std::tuple<std::string, std::string, std::string, std::string>>
        stored, expected;
    for (const Attendee& a : *all) {
      stored.emplace(a.external_id, a.given_name, a.email, a.organisation);
    }
    for (const ModelAttendee& a : model.attendees) {
      expected.emplace(a.external_id, a.given_name, a.email, a.organisation);
    }
    CHECK(stored == expected);
  }
}

TEST_CASE("new attendees get ids that ascend in file order", "[import]") {
  // The primary key then grows at its end; a later row that claims the id
  // of an attendee the file added earlier is kept apart and reported.
  TempDir dir;
  Store store = MakeEventStore(dir.File("o.db"));
  std::vector<int> numbers(1000);
  std::iota(numbers.begin(), numbers.end(), 0);
  std::shuffle(numbers.begin(), numbers.end(), std::mt19937(7));
  std::string csv = "id,naam\n";
  for (int n : numbers)
    csv += "E" + std::to_string(n) + ",Gast " + std::to_string(n) + "\n";
  csv += "E" + std::to_string(numbers.front()) + ",Gast Opnieuw\n";
  ImportReport report = Import(store, csv);
  CHECK(report.imported == 1001);
  CHECK(report.updated == 0);
  REQUIRE(report.duplicates.size() == 1);
  CHECK(report.duplicates.front().kind == RowProblemKind::kDuplicate);
  CHECK(report.duplicates.front().line == 1002);
  CHECK(report.duplicates.front().detail ==
        "E" + std::to_string(numbers.front()));
  auto raw = Database::Open(dir.File("o.db"));
  REQUIRE(raw.ok());
  auto stmt = raw->Prepare("SELECT external_id FROM attendee ORDER BY id");
  REQUIRE(stmt.ok());
  std::vector<std::string> external_ids;
  while (*stmt->Step()) external_ids.push_back(stmt->ColumnText(0));
  REQUIRE(external_ids.size() == 1001);
  for (size_t i = 0; i < numbers.size(); ++i) {
    CHECK(external_ids[i] == "E" + std::to_string(numbers[i]));
  }
  CHECK(external_ids.back() == "E" + std::to_string(numbers.front()) + "~2");
  CHECK(store.ResolveAttendee("E999")->given_name == "Gast");
  CHECK(store.ResolveAttendee("E" + std::to_string(numbers.front()))
            ->family_name == std::to_string(numbers.front()));
}

namespace {

// The value of PRAGMA `name` on `db`, as text.
std::string PragmaText(Database& db, const std::string& name) {
  auto stmt = db.Prepare("PRAGMA " + name);
  REQUIRE(stmt.ok());
  REQUIRE(*stmt->Step());
  return stmt->ColumnText(0);
}

// The CREATE INDEX statements of the attendee table, by name.
std::vector<std::string> AttendeeIndexes(Database& db) {
  auto stmt = db.Prepare(
      "SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' "
      "AND tbl_name = 'attendee' AND sql IS NOT NULL ORDER BY name");
  REQUIRE(stmt.ok());
  std::vector<std::string> indexes;
  while (*stmt->Step()) indexes.push_back(stmt->ColumnText(0));
  return indexes;
}

std::string NumberedGuests(int count) {
  std::string csv = "id,naam,email,rol,tafel\n";
  for (int i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    csv += "N" + n + ",Gast " + n + ",gast" + n + "@example.nl," +
           (i % 100 == 0 ? "host" : "guest") + ",Tafel " +
           std::to_string(i % 5) + "\n";
  }
  return csv;
}

}  // namespace

TEST_CASE("a first import leaves the file as a new one would be", "[import]") {
  // Into an empty list the import writes with a rollback journal and makes
  // the attendee indexes after the rows; afterwards the file is back in
  // write-ahead-log mode with the very same indexes, and they work.
  TempDir dir;
  Store store = MakeEventStore(dir.File("f.db"));
  std::vector<std::string> indexes_before =
      AttendeeIndexes(StoreInspector::Db(store));
  REQUIRE(indexes_before.size() == 3);
  ImportReport report = Import(store, NumberedGuests(3000));
  CHECK(report.imported == 3000);
  CHECK(PragmaText(StoreInspector::Db(store), "journal_mode") == "wal");
  CHECK(AttendeeIndexes(StoreInspector::Db(store)) == indexes_before);
  CHECK(PragmaText(StoreInspector::Db(store), "integrity_check") == "ok");
  CHECK(PragmaText(StoreInspector::Db(store), "foreign_keys") == "1");
  // The unique index on external ids is there and in use.
  Attendee twin = AddAttendee(store, "Dubbel", "Ganger");
  twin.external_id = "N17";
  CHECK_FALSE(store.UpdateAttendee(twin).ok());
  CHECK(store.ResolveAttendee("N2999")->given_name == "Gast");
  auto plan = StoreInspector::Db(store).Prepare(
      "EXPLAIN QUERY PLAN SELECT id FROM attendee WHERE external_id = 'N5' "
      "AND external_id <> ''");
  REQUIRE(plan.ok());
  REQUIRE(*plan->Step());
  CHECK_THAT(plan->ColumnText(3),
             Catch::Contains("INDEX attendee_by_external_id"));
  // The hosts' index: every hundredth guest hosts a table.
  auto hosts = store.TableHosts("Tafel 0");
  REQUIRE(hosts.ok());
  CHECK(hosts->size() == 30);
}

TEST_CASE("a first import that is refused leaves the file as it was",
          "[import]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("r.db"));
  std::string before = DatabaseFingerprint(dir.File("r.db"));
  std::vector<std::string> indexes_before =
      AttendeeIndexes(StoreInspector::Db(store));
  auto options = Options();
  options.strict = true;
  ImportReport report =
      Import(store, NumberedGuests(500) + ",,geen-email\n", options);
  CHECK_FALSE(report.written);
  CHECK(report.rejected == 1);
  CHECK(DatabaseFingerprint(dir.File("r.db")) == before);
  CHECK(AttendeeIndexes(StoreInspector::Db(store)) == indexes_before);
  CHECK(PragmaText(StoreInspector::Db(store), "journal_mode") == "wal");
  CHECK(PragmaText(StoreInspector::Db(store), "integrity_check") == "ok");
}

TEST_CASE("a first import while another program has the file open",
          "[import]") {
  // The log cannot be left while another connection has the file: the
  // import writes through the log instead, and the other connection keeps
  // reading throughout.
  TempDir dir;
  Store store = MakeEventStore(dir.File("o.db"));
  auto other = Store::Open(dir.File("o.db"));
  REQUIRE(other.ok());
  REQUIRE(other->ListAttendees()->empty());
  ImportReport report = Import(store, NumberedGuests(2000));
  CHECK(report.imported == 2000);
  CHECK(PragmaText(StoreInspector::Db(store), "journal_mode") == "wal");
  CHECK(PragmaText(StoreInspector::Db(*other), "journal_mode") == "wal");
  CHECK(other->ListAttendees()->size() == 2000);
  CHECK(other->ResolveAttendee("N1999")->given_name == "Gast");
  CHECK(AttendeeIndexes(StoreInspector::Db(*other)).size() == 3);
}

TEST_CASE("fields longer than any real one are refused, not stored",
          "[import][hardening]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("i.db"));
  std::string huge(1 << 20, 'x');
  std::string long_org(kMaxOrganisationBytes + 1, 'o');
  std::string fits(kMaxNameBytes, 'n');
  ImportReport report =
      Import(store,
             "voornaam;achternaam;organisatie;e-mail\n"
             "Anouk;van der Veen;Gemeente;anouk@example.nl\n" +
                 huge + ";Müller;Intergas;\n" + "Bram;Mulder;" + long_org +
                 ";\n" + fits + ";Jansen;;\n");
  CHECK(report.imported == 2);
  REQUIRE(report.problems.size() == 2);
  CHECK(report.problems[0].line == 3);
  CHECK(report.problems[0].kind == RowProblemKind::kTooLong);
  CHECK(report.problems[0].detail.find("given_name") != std::string::npos);
  CHECK(report.problems[0].detail.size() < 100);  // named, never echoed
  CHECK(report.problems[1].line == 4);
  CHECK(report.problems[1].detail.find("organisation") != std::string::npos);

  // The store itself refuses them, whoever writes: registration, sync.
  Attendee a = AddAttendee(store, "Jérôme", "Müller");
  a.family_name = huge;
  CHECK(store.UpdateAttendee(a).code() == StatusCode::kInvalidArgument);
  CHECK(store.MergeAttendee(a).code() == StatusCode::kInvalidArgument);
  a.id = entree::NewUuid();
  CHECK(store.InsertAttendee(a).code() == StatusCode::kInvalidArgument);
  CHECK(store.GetAttendee(a.id).status().IsNotFound());
}

TEST_CASE("what a clumsy file holds is reported, never folded or dropped",
          "[import][hardening]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("c.db"));
  SECTION("six people claiming three ids and emails are all kept") {
    ImportReport report =
        Import(store,
               "id;voornaam;achternaam;e-mail\n"
               "1;Anouk;van der Veen;anouk@example.nl\n"
               "2;Bram;Mulder;bram@example.nl\n"
               "3;Chris;Jansen;chris@example.nl\n"
               "1;Daan;de Vries;daan@example.nl\n"  // the id of line 2
               "4;Eva;Bakker;ANOUK@example.nl\n"    // the email of line 2
               "5;Fleur;Visser;fleur@example.nl\n");
    CHECK(report.imported == 6);
    CHECK(report.updated == 0);
    CHECK(report.problems.empty());
    REQUIRE(report.duplicates.size() == 1);
    CHECK(report.duplicates[0].line == 5);
    CHECK(report.duplicates[0].kind == RowProblemKind::kDuplicate);
    CHECK(report.duplicates[0].detail == "1");
    CHECK(store.ResolveAttendee("1")->given_name == "Anouk");
    CHECK(store.ResolveAttendee("1~2")->given_name == "Daan");
    // The same file again changes nobody into somebody else.
    ImportReport again = Import(store,
                                "id;voornaam;achternaam;e-mail\n"
                                "1;Anouk;van der Veen;anouk@example.nl\n"
                                "2;Bram;Mulder;bram@example.nl\n"
                                "3;Chris;Jansen;chris@example.nl\n"
                                "1;Daan;de Vries;daan@example.nl\n"
                                "4;Eva;Bakker;ANOUK@example.nl\n"
                                "5;Fleur;Visser;fleur@example.nl\n");
    CHECK(again.imported == 0);
    CHECK(again.updated == 6);
    CHECK(store.ResolveAttendee("1~2")->given_name == "Daan");
    CHECK(store.ListAttendees()->size() == 6);
  }
  SECTION("a stray byte spoils its own row only") {
    // UTF-8 throughout, but one row was typed in another program.
    ImportReport report = Import(store,
                                 "voornaam,achternaam\n"
                                 "Jérôme,Müller\n"
                                 "Jos\xE9,Smit\n"
                                 "Zoë,Lefèvre\n");
    CHECK(report.encoding == "utf-8");
    CHECK(report.imported == 2);
    REQUIRE(report.problems.size() == 1);
    CHECK(report.problems[0].line == 3);
    CHECK(report.problems[0].kind == RowProblemKind::kNotUtf8);
    CHECK(report.problems[0].detail == "0xE9");
    auto all = store.ListAttendees();
    std::set<std::string> names;
    for (const Attendee& a : *all) names.insert(a.FullName());
    CHECK(names == std::set<std::string>{"Jérôme Müller", "Zoë Lefèvre"});
  }
  SECTION("a Windows-1252 file is still read as one") {
    ImportReport report =
        Import(store, "voornaam,achternaam\nJ\xE9r\xF4me,M\xFCller\n");
    CHECK(report.encoding == "windows-1252");
    CHECK(Only(store).FullName() == "Jérôme Müller");
  }
  SECTION("NUL bytes and direction overrides are taken out of names") {
    static const char kFile[] =
        "voornaam,achternaam\nAn\0ouk,\xE2\x80\xAE"
        "neeV red nav\xE2\x80\xAC\n";
    Import(store, std::string(kFile, sizeof(kFile) - 1));
    Attendee a = Only(store);
    CHECK(a.given_name == "Anouk");
    CHECK(a.family_name == "neeV red nav");
  }
  SECTION("a second email column is named, not dropped silently") {
    ImportReport report = Import(
        store, "naam,email,e-mailadres\nAnouk de Vries,a@example.nl,b@x.nl\n");
    CHECK(Only(store).email == "a@example.nl");
    CHECK(report.ignored_columns == std::vector<std::string>{"e-mailadres"});
  }
  SECTION("two columns mapped to one field are refused") {
    ImportOptions options = Options();
    options.column_map = {{"Wie", "full_name"}, {"Naam", "full_name"}};
    auto refused = ImportAttendees(store, "Wie,Naam\nAnouk,Bram\n", options);
    CHECK(refused.status().code() == StatusCode::kInvalidArgument);
    CHECK(store.ListAttendees()->empty());
  }
  SECTION("values not understood are imported as the default and noted") {
    ImportReport report =
        Import(store,
               "naam;sector;rol;toestemming\n"
               "Anouk de Vries;astronauten;keizerin;misschien\n"
               "Bram Mulder;overheid;gast;nee\n");
    CHECK(report.imported == 2);
    REQUIRE(report.notes.size() == 3);
    CHECK(report.notes[0].kind == RowProblemKind::kUnknownSector);
    CHECK(report.notes[0].detail == "astronauten");
    CHECK(report.notes[1].kind == RowProblemKind::kUnknownRole);
    CHECK(report.notes[2].kind == RowProblemKind::kUnknownConsent);
  }
}
