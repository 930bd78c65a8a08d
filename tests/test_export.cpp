// Tests of attendance lists: CSV round trip, formula injection, filters.
#include <catch2/catch.hpp>

#include "entree/base/csv.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/people/export.h"
#include "entree/people/import.h"
#include "support.h"

using namespace entree;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;

namespace {

void CheckIn(Store& store, const Attendee& a, const char* at,
             Direction direction = Direction::kEntry) {
  Verdict verdict =
      direction == Direction::kEntry ? Verdict::kWelcome : Verdict::kGoodbye;
  REQUIRE(
      store.AppendCheckin(testing::Checkin(a.id, at, direction, verdict)).ok());
}

}  // namespace

TEST_CASE("an exported list imports back into the same people", "[export]") {
  TempDir dir;
  Store source = MakeEventStore(dir.File("source.db"));
  Attendee a = AddAttendee(source, "Marjolein", "de Gelder", Sector::kBusiness,
                           "Human Capital");
  a.organisation = "Dion; HR \"team\"";
  a.email = "marjolein@dion.example";
  a.role = Role::kHost;
  a.consent = true;
  REQUIRE(source.UpdateAttendee(a).ok());
  AddAttendee(source, "Zoë", "Nijenhuis", Sector::kEducation, "Smart Industry");
  AddAttendee(source, "Tessa", "van 't Hof", Sector::kGovernment);
  CheckIn(source, a, "2026-10-12T17:00:00Z");

  for (Language language : {Language::kDutch, Language::kEnglish}) {
    for (char delimiter : {',', ';', '\t'}) {
      INFO(ToString(language) << " delimiter " << int(delimiter));
      std::string csv = AttendanceCsv(*source.Attendance(), TimeZone::Utc(),
                                      Catalog::For(language), delimiter);
      TempDir other;
      Store copy = MakeEventStore(other.File("copy.db"));
      ImportOptions options;
      options.now = At("2026-10-13T09:00:00Z");
      auto report = ImportAttendees(copy, csv, options);
      REQUIRE(report.ok());
      CHECK(report->imported == 3);
      CHECK(report->rejected == 0);
      auto before = source.ListAttendees();
      auto after = copy.ListAttendees();
      REQUIRE(after->size() == before->size());
      for (size_t i = 0; i < before->size(); ++i) {
        const Attendee& x = (*before)[i];
        const Attendee& y = (*after)[i];
        CHECK(y.given_name == x.given_name);
        CHECK(y.family_name == x.family_name);
        CHECK(y.organisation == x.organisation);
        CHECK(y.sector == x.sector);
        CHECK(y.table == x.table);
        CHECK(y.role == x.role);
        CHECK(y.email == x.email);
        CHECK(y.consent == x.consent);
      }
    }
  }
}

TEST_CASE("names that look like formulas are exported inert", "[export]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("x.db"));
  Attendee a =
      AddAttendee(store, "=HYPERLINK(\"http://evil\",\"klik\")", "+Mulder");
  a.organisation = "@SUM(1+1)";
  a.email = "-x@example.nl";
  REQUIRE(store.UpdateAttendee(a).ok());
  std::string csv = AttendanceCsv(*store.Attendance(), TimeZone::Utc(),
                                  Catalog::For(Language::kEnglish), ',');
  CsvDocument doc = ParseCsv(csv);
  REQUIRE(doc.records.size() == 2);
  for (const std::string& cell : doc.records[1].fields) {
    INFO(cell);
    CHECK((cell.empty() ||
           std::string("=+-@").find(cell[0]) == std::string::npos));
  }
  CHECK(doc.records[1].fields[0] == "'=HYPERLINK(\"http://evil\",\"klik\")");
}

TEST_CASE("attendance lists say who came, when, and who did not", "[export]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("a.db"));
  Attendee in = AddAttendee(store, "Anouk", "Veen", Sector::kGovernment, "HC");
  Attendee left = AddAttendee(store, "Bram", "Mulder", Sector::kBusiness, "SI");
  AddAttendee(store, "Chantal", "Hoekstra", Sector::kEducation, "HC");
  CheckIn(store, in, "2026-10-12T17:00:00Z");
  CheckIn(store, left, "2026-10-12T17:05:00Z");
  CheckIn(store, left, "2026-10-12T19:00:00Z", Direction::kExit);

  auto rows = store.Attendance();
  REQUIRE(rows.ok());
  auto no_shows = FilterAttendance(*rows, {true, std::nullopt});
  REQUIRE(no_shows.size() == 1);
  CHECK(no_shows.front().attendee.given_name == "Chantal");
  auto table = FilterAttendance(*rows, {false, std::string("HC")});
  CHECK(table.size() == 2);

  std::string json = AttendanceJson(*rows);
  CHECK(json.find("\"given_name\":\"Bram\"") != std::string::npos);
  CHECK(json.find("\"first_entry\":\"2026-10-12T17:05:00Z\",\"last_exit\":"
                  "\"2026-10-12T19:00:00Z\",\"status\":\"left\"") !=
        std::string::npos);
  CHECK(json.find("\"status\":\"inside\"") != std::string::npos);
  CHECK(json.find("\"first_entry\":null,\"last_exit\":null,\"status\":"
                  "\"not_arrived\"") != std::string::npos);

  std::string csv = AttendanceCsv(*rows, TimeZone::Utc(),
                                  Catalog::For(Language::kDutch), ';');
  CHECK(csv.find("Voornaam;Achternaam") != std::string::npos);
  CHECK(csv.find("Vertrokken") != std::string::npos);
  CHECK(csv.find("Niet gekomen") != std::string::npos);
}
