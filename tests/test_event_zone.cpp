// The event's time zone through the command line: one Amsterdam event read
// and written on machines whose clocks are set to UTC, Amsterdam and New
// York gives the same local times in the output, the lists, the report and
// the invitations; bad zones and impossible times change nothing.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mail_sandbox.h"
#include "support.h"

namespace entree::testing {
namespace {

const char* const kMachineZones[] = {"UTC", "Europe/Amsterdam",
                                     "America/New_York"};

std::vector<std::string> On(const std::string& machine) {
  return {"TZ=" + machine};
}

// An Amsterdam event whose doors open at 15:30 on 10 December 2026, made
// on a machine whose clock shows `machine`.
void MakeAmsterdamEvent(const Cli& cli, const std::string& machine) {
  ProcessResult made = cli.Run(
      {"init", "--name", "Kerstcafé", "--venue", "IQ Blvd", "--timezone",
       "Europe/Amsterdam", "--starts", "2026-11-10T15:00", "--doors-open",
       "2026-11-10T14:30", "--ends", "2026-11-10T18:00"},
      "", On(machine));
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  CHECK(made.out.find("Time zone: Europe/Amsterdam.") != std::string::npos);
  REQUIRE(cli.Run({"keygen"}, "", On(machine)).exit_code == 0);
}

}  // namespace

TEST_CASE("entree init names the machine's zone when none is given", "[zone]") {
  Cli cli;
  ProcessResult made =
      cli.Run({"init", "--name", "X", "--doors-open", "2026-11-10T15:30"}, "",
              On("America/New_York"));
  REQUIRE(made.exit_code == 0);
  CHECK(made.out.find("Time zone: America/New_York, this machine's") !=
        std::string::npos);
  // Read on an Amsterdam machine, the time is still New York's.
  ProcessResult shown = cli.Run({"event"}, "", On("Europe/Amsterdam"));
  CHECK(shown.out.find("Time zone: America/New_York") != std::string::npos);
  CHECK(shown.out.find("2026-11-10 15:30:00") != std::string::npos);
}

TEST_CASE(
    "one Amsterdam event shows the same times on every machine's "
    "clock",
    "[zone]") {
  for (const char* made_on : kMachineZones) {
    Cli cli;
    MakeAmsterdamEvent(cli, made_on);
    REQUIRE(cli.Run({"import", DemoCsvPath()}, "", On(made_on)).exit_code == 0);
    std::string code = cli.Token("Bram Mulder");
    for (const char* shown_on : kMachineZones) {
      INFO("made on " << made_on << ", shown on " << shown_on);
      ProcessResult event = cli.Run({"event", "--json"}, "", On(shown_on));
      CHECK(event.out.find("\"doors_open\":\"2026-11-10 14:30:00\"") !=
            std::string::npos);
      CHECK(event.out.find("\"time_zone\":\"Europe/Amsterdam\"") !=
            std::string::npos);
      // Before the doors open the door says when they do, in venue time.
      ProcessResult early = cli.Run(
          {"verify", code, "--at", "2026-11-10T13:00"}, "", On(shown_on));
      CHECK(early.out.find("14:30") != std::string::npos);
    }
    // A guest let in at 14:45 venue time, typed on a New York machine.
    REQUIRE(cli.Run({"checkin", code, "--at", "2026-11-10T14:45"}, "",
                    On("America/New_York"))
                .exit_code == 0);
    for (const char* shown_on : kMachineZones) {
      INFO("made on " << made_on << ", shown on " << shown_on);
      ProcessResult csv = cli.Run({"export", "-o", "-"}, "", On(shown_on));
      CHECK(csv.out.find("First entry (Europe/Amsterdam)") !=
            std::string::npos);
      CHECK(csv.out.find("2026-11-10 14:45:00") != std::string::npos);
      ProcessResult person =
          cli.Run({"person", "Bram Mulder"}, "", On(shown_on));
      CHECK(person.out.find("2026-11-10 14:45:00") != std::string::npos);
    }
  }
}

TEST_CASE("invitations name the venue's hour on every machine's clock",
          "[zone][invites]") {
  for (const char* machine : kMachineZones) {
    INFO(machine);
    Cli cli;
    MakeAmsterdamEvent(cli, "Europe/Amsterdam");
    REQUIRE(cli.Run({"import", DemoCsvPath()}).exit_code == 0);
    std::string drafts = cli.dir.File("drafts");
    ProcessResult made = cli.Run({"invite", "--dry-run", "-o", drafts, "--from",
                                  "organisatie@iqblvd.example"},
                                 "", On(machine));
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    auto invites = ReadInvites(drafts, {"text", "ics.DTSTART"});
    REQUIRE_FALSE(invites.empty());
    for (const auto& invite : invites) {
      CHECK(invite[0].find("15:00") != std::string::npos);
      CHECK(invite[0].find("16:00") == std::string::npos);
      CHECK(invite[1] == "20261110T140000Z");
    }
  }
}

TEST_CASE(
    "a time in the spring gap or autumn overlap is refused with both "
    "readings, nothing changed",
    "[zone]") {
  Cli cli;
  MakeAmsterdamEvent(cli, "UTC");
  std::string before = DatabaseFingerprint(cli.db);
  ProcessResult gap =
      cli.Run({"event", "--doors-open", "2026-03-29T02:30"}, "", On("UTC"));
  CHECK(gap.exit_code == 3);
  CHECK(gap.err.find("does not exist in Europe/Amsterdam") !=
        std::string::npos);
  CHECK(gap.err.find("2026-03-29 01:30 +01:00 (CET)") != std::string::npos);
  CHECK(gap.err.find("2026-03-29 03:30 +02:00 (CEST)") != std::string::npos);
  ProcessResult twice =
      cli.Run({"event", "--ends", "2026-10-25 02:30"}, "", On("UTC"));
  CHECK(twice.exit_code == 3);
  CHECK(twice.err.find("happens twice in Europe/Amsterdam") !=
        std::string::npos);
  CHECK(twice.err.find("2026-10-25 02:30 +02:00 (CEST)") != std::string::npos);
  CHECK(twice.err.find("2026-10-25 02:30 +01:00 (CET)") != std::string::npos);
  // Dutch too.
  ProcessResult dutch = cli.Run({"event", "--doors-open", "2026-03-29T02:30"},
                                "", {"TZ=UTC", "ENTREE_LANG=nl"});
  CHECK(dutch.err.find("bestaat niet in Europe/Amsterdam") !=
        std::string::npos);
  CHECK(DatabaseFingerprint(cli.db) == before);
}

TEST_CASE(
    "an unknown zone, or a zone change after check-ins without --yes, "
    "changes nothing",
    "[zone]") {
  Cli cli;
  MakeAmsterdamEvent(cli, "Europe/Amsterdam");
  REQUIRE(cli.Run({"import", DemoCsvPath()}).exit_code == 0);
  std::string before = DatabaseFingerprint(cli.db);
  for (const std::string& bad :
       {std::string("Mars/Olympus_Mons"), std::string("../../etc/passwd"),
        std::string("Europe/\xff"), std::string(100000, 'x')}) {
    ProcessResult refused = cli.Run({"event", "--timezone", bad});
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("no time zone this machine knows") !=
          std::string::npos);
  }
  CHECK(DatabaseFingerprint(cli.db) == before);

  // Without check-ins a change keeps the event's clock times.
  ProcessResult moved =
      cli.Run({"event", "--timezone", "America/New_York", "--json"});
  INFO(moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK(moved.out.find("\"doors_open\":\"2026-11-10 14:30:00\"") !=
        std::string::npos);
  REQUIRE(cli.Run({"event", "--timezone", "Europe/Amsterdam"}).exit_code == 0);

  std::string code = cli.Token("Bram Mulder");
  REQUIRE(cli.Run({"checkin", code, "--at", "2026-11-10T14:45"}).exit_code ==
          0);
  before = DatabaseFingerprint(cli.db);
  ProcessResult asked = cli.Run({"event", "--timezone", "Europe/London"});
  CHECK(asked.exit_code == 3);
  CHECK(asked.err.find("already has 1 check-ins") != std::string::npos);
  CHECK(asked.err.find("the first, 2026-11-10 14:45:00 in Europe/Amsterdam, "
                       "would read 2026-11-10 13:45:00 in Europe/London") !=
        std::string::npos);
  CHECK(asked.err.find("--yes") != std::string::npos);
  CHECK(DatabaseFingerprint(cli.db) == before);
  ProcessResult confirmed =
      cli.Run({"event", "--timezone", "Europe/London", "--yes"});
  CHECK(confirmed.exit_code == 0);
  CHECK(confirmed.out.find("Time zone: Europe/London") != std::string::npos);
}

TEST_CASE("a file from before zones gets the machine's zone, said once",
          "[zone]") {
  Cli cli;
  MakeAmsterdamEvent(cli, "Europe/Amsterdam");
  {
    auto raw = Database::Open(cli.db);
    REQUIRE(raw.ok());
    REQUIRE(raw->Exec("UPDATE event SET time_zone = ''").ok());
  }
  ProcessResult first = cli.Run({"event"}, "", On("America/New_York"));
  CHECK(first.exit_code == 0);
  CHECK(first.err.find("no time zone yet; it now keeps America/New_York") !=
        std::string::npos);
  CHECK(first.out.find("Time zone: America/New_York") != std::string::npos);
  ProcessResult second = cli.Run({"event"}, "", On("UTC"));
  CHECK(second.err.find("no time zone yet") == std::string::npos);
  CHECK(second.out.find("Time zone: America/New_York") != std::string::npos);
}

TEST_CASE(
    "a zone this machine lacks is said, and times typed for it are "
    "refused, not read as UTC",
    "[zone]") {
  Cli cli;
  MakeAmsterdamEvent(cli, "Europe/Amsterdam");
  {
    auto raw = Database::Open(cli.db);
    REQUIRE(raw.ok());
    REQUIRE(raw->Exec("UPDATE event SET time_zone = 'Mars/Olympus'").ok());
  }
  ProcessResult shown = cli.Run({"event"});
  CHECK(shown.exit_code == 0);
  CHECK(shown.err.find("\"Mars/Olympus\" is no time zone") !=
        std::string::npos);
  CHECK(shown.out.find("Time zone: Mars/Olympus") != std::string::npos);
  std::string before = DatabaseFingerprint(cli.db);
  ProcessResult typed = cli.Run({"event", "--starts", "2026-11-10T16:00"});
  CHECK(typed.exit_code == 3);
  CHECK(DatabaseFingerprint(cli.db) == before);
  // Setting a zone the machine knows mends it; the times keep their
  // instants, whose clock time was unknown.
  ProcessResult mended =
      cli.Run({"event", "--timezone", "Europe/Amsterdam", "--json"});
  CHECK(mended.exit_code == 0);
  CHECK(cli.Run({"event"}).err.empty());
  CHECK(mended.out.find("\"doors_open\":\"2026-11-10 14:30:00\"") !=
        std::string::npos);
}

TEST_CASE(
    "a zone change names what it does to a check-in across a clock "
    "change, and the times of the doubled hour carry their offset",
    "[zone]") {
  Cli cli;
  // Open from 20 October to 1 November: across the change of 25 October.
  REQUIRE(cli.Run({"init", "--name", "Herfstweek", "--timezone",
                   "Europe/Amsterdam", "--doors-open", "2026-10-20T09:00",
                   "--ends", "2026-11-01T00:00"})
              .exit_code == 0);
  REQUIRE(cli.Run({"keygen"}).exit_code == 0);
  REQUIRE(cli.Run({"import", DemoCsvPath()}).exit_code == 0);
  std::string code = cli.Token("Bram Mulder");
  REQUIRE(cli.Run({"checkin", code, "--at", "2026-10-21T12:00"}).exit_code ==
          0);
  REQUIRE(cli.Run({"checkin", code, "--exit", "--at", "2026-10-28T12:00"})
              .exit_code == 0);
  ProcessResult asked = cli.Run({"event", "--timezone", "America/New_York"});
  CHECK(asked.exit_code == 3);
  CHECK(asked.err.find("the first, 2026-10-21 12:00:00 in Europe/Amsterdam, "
                       "would read 2026-10-21 06:00:00 in America/New_York") !=
        std::string::npos);
  CHECK(asked.err.find("doors open: 2026-10-20 09:00:00 in America/New_York") !=
        std::string::npos);
  // The doubled hour: an entry and an exit at 02:30 and 02:40, told apart.
  code = cli.Token("WC-010");
  REQUIRE(
      cli.Run({"checkin", code, "--at", "2026-10-25T02:40+02:00"}).exit_code ==
      0);
  REQUIRE(cli.Run({"checkin", code, "--exit", "--at", "2026-10-25T02:30+01:00"})
              .exit_code == 0);
  ProcessResult person = cli.Run({"person", "WC-010"});
  CHECK(person.out.find("2026-10-25 02:40:00 +02:00") != std::string::npos);
  CHECK(person.out.find("2026-10-25 02:30:00 +01:00") != std::string::npos);
}

TEST_CASE("two changes of the event at once are both kept", "[zone]") {
  Cli cli;
  MakeAmsterdamEvent(cli, "Europe/Amsterdam");
  for (int round = 0; round < 12; ++round) {
    INFO(round);
    REQUIRE(cli.Run({"event", "--timezone", "Europe/Amsterdam", "--starts",
                     "2026-11-10T15:00", "--name", "Kerstcafé"})
                .exit_code == 0);
    ProcessResult zone, name;
    std::thread one([&] {
      zone = cli.Run({"event", "--timezone", "America/New_York", "--yes"});
    });
    std::thread two([&] { name = cli.Run({"event", "--venue", "Zaal 2"}); });
    one.join();
    two.join();
    REQUIRE(zone.exit_code == 0);
    REQUIRE(name.exit_code == 0);
    ProcessResult shown = cli.Run({"event", "--json"});
    CHECK(shown.out.find("\"time_zone\":\"America/New_York\"") !=
          std::string::npos);
    CHECK(shown.out.find("\"venue\":\"Zaal 2\"") != std::string::npos);
    CHECK(shown.out.find("\"starts\":\"2026-11-10 15:00:00\"") !=
          std::string::npos);
    REQUIRE(cli.Run({"event", "--venue", "IQ Blvd"}).exit_code == 0);
  }
}

}  // namespace entree::testing
