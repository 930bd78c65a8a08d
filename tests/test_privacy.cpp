// Reports and privacy from the command line: the PDF report, the workbook,
// one person's data, and purging personal data after the event.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

#include "support.h"

namespace entree {
namespace {

using testing::Cli;
using testing::ProcessResult;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every file of the database: the file itself, its write-ahead log and
// shared memory, concatenated.
std::string DatabaseBytes(const std::string& db) {
  std::string bytes;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (std::filesystem::exists(db + suffix)) {
      bytes += testing::ReadFile(db + suffix);
    }
  }
  return bytes;
}

// The demo list's names and emails, as `list --json` gives them.
struct Person {
  std::string given, family, email, organisation;
};
std::vector<Person> People(const Cli& cli) {
  ProcessResult list = cli.Run({"list", "--json"});
  REQUIRE(list.exit_code == 0);
  std::vector<Person> people;
  std::regex object(
      "\"given_name\":\"([^\"]*)\",\"family_name\":\"([^\"]*)\","
      "\"organisation\":\"([^\"]*)\",\"sector\":\"[^\"]*\",\"email\":\"([^\"]*)"
      "\"");
  for (auto it = std::sregex_iterator(list.out.begin(), list.out.end(), object);
       it != std::sregex_iterator(); ++it) {
    people.push_back({(*it)[1], (*it)[2], (*it)[4], (*it)[3]});
  }
  return people;
}

// Checks in the first `count` guests of the demo list at the door.
void CheckIn(const Cli& cli, int count) {
  for (int i = 1; i <= count; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "WC-%03d", i);
    std::string at = "2026-10-12T16:" + std::to_string(10 + i) + ":00+02:00";
    REQUIRE(cli.Run({"checkin", cli.Token(id), "--at", at}).exit_code == 0);
  }
}

}  // namespace

TEST_CASE("the organiser takes a PDF report and a workbook away", "[privacy]") {
  Cli cli;
  cli.Prepare();
  CheckIn(cli, 9);

  std::string pdf = cli.dir.File("report.pdf");
  ProcessResult report = cli.Run({"report", "-o", pdf, "--json"});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK(Contains(report.out, "\"expected\":60,\"arrived\":9"));
  CHECK(Contains(report.out, "\"interval_minutes\":5"));
  std::string text = testing::PdfText(pdf);
  CHECK(Contains(text, "9 / 60"));
  CHECK(Contains(text, "Marjolein de Gelder"));
  CHECK(std::regex_search(text, std::regex("9 / 60 +9 +\\d+ +51")));

  ProcessResult quarter =
      cli.Run({"report", "-o", pdf, "--interval", "15", "--lang", "nl"});
  REQUIRE(quarter.exit_code == 0);
  CHECK(Contains(testing::PdfText(pdf), "Aankomsten per 15 minuten"));

  std::string xlsx = cli.dir.File("lists.xlsx");
  ProcessResult book = cli.Run({"export", "--format", "xlsx", "-o", xlsx});
  INFO(book.err);
  REQUIRE(book.exit_code == 0);
  std::string workbook = testing::ZipEntry(xlsx, "xl/workbook.xml");
  CHECK(Contains(workbook, "name=\"Attendance\""));
  CHECK(Contains(workbook, "name=\"Not arrived\""));
  CHECK(Contains(testing::ZipEntry(xlsx, "xl/sharedStrings.xml"), "Bügel"));
}

TEST_CASE("a guest sees every piece of data held on them", "[privacy]") {
  Cli cli;
  cli.Prepare();
  CheckIn(cli, 1);
  ProcessResult person = cli.Run({"person", "WC-001", "--json"});
  INFO(person.err);
  REQUIRE(person.exit_code == 0);
  const std::string& json = person.out;
  CHECK(Contains(json, "\"given_name\":\"Marjolein\""));
  CHECK(Contains(json, "\"email\":\"marjolein.degelder@dion.example\""));
  CHECK(Contains(json, "\"consent\":"));
  CHECK(Contains(json, "\"badges\":[{\"serial\":1,"));
  CHECK(Contains(json, "\"checkins\":[{\"id\":"));
  CHECK(Contains(json, "\"verdict\":\"welcome\""));
  CHECK(Contains(json, "\"at\":\"2026-10-12T14:11:00Z\""));
  CHECK(Contains(json, "\"print_jobs\":[]"));

  ProcessResult text = cli.Run({"person", "marjolein.degelder@dion.example"});
  REQUIRE(text.exit_code == 0);
  CHECK(Contains(text.out, "Given name: Marjolein"));
  CHECK(Contains(text.out, "Badge #1"));
}

TEST_CASE("a walk-in's consent shows in every export", "[privacy]") {
  Cli cli;
  cli.Prepare();
  ProcessResult csv = cli.Run({"export"});
  REQUIRE(csv.exit_code == 0);
  CHECK(Contains(csv.out, "Consent"));
  ProcessResult json = cli.Run({"export", "--json"});
  CHECK(Contains(json.out, "\"consent\":"));
}

TEST_CASE("purge removes every name and email and keeps the counts",
          "[privacy]") {
  Cli cli;
  cli.Prepare();
  CheckIn(cli, 12);
  std::string late_guest = cli.Token("WC-030");
  std::vector<Person> people = People(cli);
  REQUIRE(people.size() == 60);
  ProcessResult stats_before = cli.Run({"stats", "--json"});
  REQUIRE(stats_before.exit_code == 0);
  std::string before = testing::DatabaseFingerprint(cli.db);
  std::string bytes = DatabaseBytes(cli.db);
  REQUIRE(Contains(bytes, people[5].email));  // the test can see them

  ProcessResult refused = cli.Run({"purge"});
  CHECK(refused.exit_code == 2);
  CHECK(Contains(refused.err, "--yes"));
  CHECK(Contains(refused.err, "60"));
  CHECK(testing::DatabaseFingerprint(cli.db) == before);

  ProcessResult purged = cli.Run({"purge", "--yes", "--json"});
  INFO(purged.err);
  REQUIRE(purged.exit_code == 0);
  CHECK(purged.out == "{\"cleared\":60}\n");

  // The counts are what they were.
  CHECK(cli.Run({"stats", "--json"}).out == stats_before.out);
  // No name, email or organisation is left anywhere in the files.
  bytes = DatabaseBytes(cli.db);
  for (const Person& p : people) {
    INFO(p.given << " " << p.family);
    CHECK_FALSE(Contains(bytes, p.email));
    if (p.family.size() >= 6) CHECK_FALSE(Contains(bytes, p.family));
    // The organiser's own organisation is in the event's name, which stays.
    bool in_event_name = Contains("Worldcafé IQ BLVD", p.organisation);
    if (p.organisation.size() >= 6 && !in_event_name) {
      CHECK_FALSE(Contains(bytes, p.organisation));
    }
  }
  CHECK(cli.Run({"search", "Gelder"}).exit_code == 4);
  // A known badge after the purge: greeted as a guest, not by an empty name.
  ProcessResult greeted =
      cli.Run({"checkin", late_guest, "--at", "2026-10-12T17:30:00+02:00"});
  INFO(greeted.out << greeted.err);
  CHECK(greeted.exit_code == 0);
  CHECK_FALSE(Contains(greeted.out, ", !"));
  CHECK_FALSE(Contains(greeted.out, " !"));
  // The database is whole, and purging twice does no harm.
  ProcessResult check = testing::RunProcess(
      {"/usr/bin/sqlite3", cli.db, "PRAGMA integrity_check"});
  CHECK(check.out == "ok\n");
  CHECK(cli.Run({"purge", "--yes", "--json"}).out == "{\"cleared\":0}\n");
}

}  // namespace entree
