// Tests of importing invitation lists as the usual tools export them.
#include <catch2/catch.hpp>

#include "entree/import.h"
#include "support.h"

using namespace entree;
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
    CHECK(a.external_id == "9001");
    CHECK(a.organisation == "Gemeente Hardenberg");
  }
  SECTION("pretix with split names") {
    Import(store,
           "Order code,Attendee name: Given name,Attendee name: Family "
           "name,Attendee email,Company,Position ID\n"
           "X7K2Q,Bram,Mulder,bram@example.nl,Intergas,42\n");
    Attendee a = Only(store);
    CHECK(a.FullName() == "Bram Mulder");
    CHECK(a.external_id == "42");
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
