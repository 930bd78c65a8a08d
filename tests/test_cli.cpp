// The entree CLI end to end in a temporary directory, and bad input to
// every command.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support.h"

using entree::testing::DatabaseFingerprint;
using entree::testing::ProcessResult;
using entree::testing::RunProcess;
using entree::testing::TempDir;

namespace {

const std::string kDemoCsv = entree::testing::DemoCsvPath();
using entree::testing::Cli;

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("an organiser prepares the World Café and checks guests in",
          "[cli]") {
  Cli cli;
  cli.Prepare();
  struct stat info {};
  REQUIRE(::stat((cli.db + ".key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  ProcessResult list = cli.Run({"list", "--json"});
  REQUIRE(list.exit_code == 0);
  CHECK(Contains(list.out,
                 "\"given_name\":\"Marjolein\",\"family_name\":\"de "
                 "Gelder\",\"organisation\":\"Dion\""));
  CHECK(Contains(list.out, "\"email\":\"marjolein.degelder@dion.example\""));

  ProcessResult again = cli.Run({"import", kDemoCsv, "--json"});
  CHECK(again.exit_code == 0);
  CHECK(Contains(again.out,
                 "{\"source\":\"spreadsheet\",\"imported\":0,\"updated\":60,"
                 "\"rejected\":0,\"not_admitted\":0,\"dry_run\":false,"
                 "\"written\":true,"));
  CHECK(Contains(again.out,
                 "{\"header\":\"Relatienummer\",\"field\":\"external_id\"}"));
  CHECK(Contains(again.out,
                 "\"problems\":[],\"duplicates\":[],\"notes\":[],"
                 "\"ignored_columns\":[]}\n"));

  ProcessResult search = cli.Run({"search", "bugel"});
  CHECK(search.exit_code == 0);
  CHECK(Contains(search.out, "Gerrit Bügel"));
  CHECK(cli.Run({"search", "nobody-here"}).exit_code == 4);

  std::string code = cli.Token("WC-001");
  CHECK(code.size() == 150);
  CHECK(cli.Token("marjolein.degelder@dion.example") == code);

  const std::string evening = "2026-10-12T18:00+02:00";
  ProcessResult verify = cli.Run({"verify", code, "--json", "--at", evening});
  CHECK(verify.exit_code == 0);
  CHECK(Contains(verify.out, "\"verdict\":\"welcome\""));
  CHECK(Contains(verify.out, "\"recorded\":false"));

  ProcessResult in = cli.Run({"checkin", code, "--json", "--at", evening});
  CHECK(in.exit_code == 0);
  CHECK(Contains(in.out, "\"verdict\":\"welcome\""));
  CHECK(Contains(in.out, "\"recorded\":true"));

  ProcessResult twice = cli.Run(
      {"checkin", code, "--json", "--kiosk", "door-2", "--at", evening});
  CHECK(twice.exit_code == 10);
  CHECK(Contains(twice.out, "\"verdict\":\"already_inside\""));
  CHECK(Contains(twice.out, "\"first_entry\":\"2026-10-12T16:00:00Z\""));

  CHECK(cli.Run({"checkin", code, "--exit", "--at", "2026-10-12T19:00+02:00"})
            .exit_code == 0);
  ProcessResult back =
      cli.Run({"checkin", code, "--json", "--at", "2026-10-12T19:30+02:00"});
  CHECK(back.exit_code == 0);
  CHECK(Contains(back.out, "\"verdict\":\"welcome_back\""));

  CHECK(
      cli.Run({"checkin", code, "--at", "2026-10-12T15:00+02:00"}).exit_code ==
      14);
  CHECK(
      cli.Run({"checkin", code, "--at", "2026-10-12T23:00+02:00"}).exit_code ==
      15);

  std::string reissued = cli.Run({"token", "WC-001", "--reissue"}).out;
  ProcessResult revoked = cli.Run({"verify", code, "--json", "--at", evening});
  CHECK(revoked.exit_code == 11);
  CHECK(Contains(revoked.out, "\"verdict\":\"revoked\""));

  ProcessResult garbage = cli.Run({"verify", "HELLO", "--json"});
  CHECK(garbage.exit_code == 13);
  CHECK(Contains(garbage.out, "\"verdict\":\"invalid\""));

  Cli other;
  other.Prepare();
  ProcessResult foreign =
      other.Run({"verify", code, "--json", "--at", evening});
  CHECK(foreign.exit_code == 12);
  CHECK(Contains(foreign.out, "\"verdict\":\"wrong_event\""));

  ProcessResult stats = cli.Run({"stats", "--json"});
  CHECK(stats.exit_code == 0);
  CHECK(Contains(stats.out,
                 "\"total\":{\"expected\":60,\"arrived\":1,"
                 "\"inside\":1}"));

  std::string out = cli.dir.File("aanwezig.csv");
  ProcessResult exported = cli.Run({"export", "-o", out, "--lang", "nl"});
  CHECK(exported.exit_code == 0);
  std::string csv = entree::testing::ReadFile(out);
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(Contains(csv, "Voornaam;Achternaam;Organisatie"));
  CHECK(Contains(csv,
                 "Marjolein;de Gelder;Dion;Bedrijfsleven;Human "
                 "Capital;Tafelhost;Uitgenodigd;Ja;2026-10-12 18:00:00"));
  ProcessResult no_shows =
      cli.Run({"export", "--list", "no-shows", "--format", "json"});
  CHECK(no_shows.exit_code == 0);
  CHECK_FALSE(Contains(no_shows.out, "Marjolein"));
  CHECK(Contains(no_shows.out, "Robin"));
}

TEST_CASE("a badge's QR code is read back by an independent decoder",
          "[cli][zbar]") {
  Cli cli;
  cli.Prepare();
  std::string image = cli.dir.File("badge.pgm");
  ProcessResult token = cli.Run({"token", "WC-002", "--qr", image, "--json"});
  REQUIRE(token.exit_code == 0);
  CHECK(Contains(token.out, "\"qr_version\":6"));
  std::string code = cli.Token("WC-002");
  ProcessResult decoded =
      RunProcess({"/usr/bin/zbarimg", "--quiet", "--raw", image});
  REQUIRE(decoded.exit_code == 0);
  CHECK(decoded.out == code + "\n");
}

TEST_CASE("help exists for every command in both languages", "[cli]") {
  Cli cli;
  for (const char* lang : {"nl", "en"}) {
    ProcessResult overview = cli.Run({"--help", "--lang", lang});
    CHECK(overview.exit_code == 0);
    for (const char* command :
         {"init", "keygen", "import", "list", "search", "token", "verify",
          "checkin", "export", "stats", "pin"}) {
      INFO(lang << " " << command);
      CHECK(Contains(overview.out, command));
      ProcessResult help = cli.Run({command, "--help", "--lang", lang});
      CHECK(help.exit_code == 0);
      CHECK(Contains(help.out, std::string("entree ") + command));
      CHECK_FALSE(Contains(help.out, "help."));
    }
  }
  CHECK(cli.Run({}).exit_code == 2);
}

TEST_CASE("bad input to every command: clear message, database unchanged",
          "[cli]") {
  Cli cli;
  cli.Prepare();
  std::string code = cli.Token("WC-003");
  std::string bad_csv = cli.dir.File("bad.csv");
  entree::testing::WriteFile(bad_csv, "naam,email\nJan,geen-mail\n");
  std::string garbage = cli.dir.File("garbage.csv");
  entree::testing::WriteFile(garbage, "kleur;maat\nrood;44\n");
  std::string before = DatabaseFingerprint(cli.db);

  struct Case {
    std::vector<std::string> args;
    int exit_code;
  };
  const Case cases[] = {
      {{"frobnicate"}, 2},
      {{"init"}, 2},
      {{"init", "--name", "Again"}, 7},
      {{"init", "--name", "X", "--starts", "tomorrow"}, 3},
      // Europe/Amsterdam: 02:30 is skipped on 29 March, twice on 25 October.
      {{"init", "--name", "X", "--doors-open", "2026-03-29T02:30"}, 3},
      {{"init", "--name", "X", "--ends", "2026-10-25T02:30"}, 3},
      {{"init", "--name", "X", "--doors-open", "2026-10-12T22:00", "--ends",
        "2026-10-12T21:00"},
       3},
      {{"keygen"}, 7},
      {{"import"}, 2},
      {{"import", cli.dir.File("missing.csv")}, 3},
      {{"import", garbage}, 3},
      {{"import", bad_csv, "--strict"}, 3},
      {{"import", kDemoCsv, "--map", "Nope=full_name"}, 3},
      {{"import", kDemoCsv, "--map", "Voornaam=shoe_size"}, 3},
      {{"list", "--sector", "astronauts"}, 3},
      {{"list", "extra"}, 2},
      {{"search"}, 2},
      {{"search", "jan", "--limit", "lots"}, 3},
      {{"token"}, 2},
      {{"token", "nobody-at-all"}, 4},
      {{"token", "WC-003", "--bogus"}, 2},
      {{"verify"}, 2},
      {{"checkin"}, 2},
      {{"checkin", code, "--at", "half past six"}, 3},
      {{"checkin", code, "--exit", "--at", "2999-01-01T12:00"}, 3},
      // Long before the event (a clock at 1970, year 1): no event's scan.
      {{"checkin", code, "--at", "1970-01-01T00:00"}, 3},
      {{"checkin", code, "--exit", "--at", "0001-01-01T00:00"}, 3},
      {{"checkin", code, "--at", "2026-09-01T12:00"}, 3},
      {{"checkin", "E1NOTACODE"}, 13},
      {{"checkin", code, "--kiosk", ""}, 3},
      {{"checkin", code, "--kiosk", std::string(100, 'k')}, 3},
      {{"checkin", code, "--kiosk", "door\n2"}, 3},
      {{"export", "--format", "xls"}, 3},
      {{"export", "--list", "vips"}, 3},
      {{"export", "--table", "No Such Table"}, 4},
      {{"export", "--delimiter", "|"}, 3},
      {{"export", "-o", cli.dir.File("no/such/dir/x.csv")}, 8},
      {{"stats", "extra"}, 2},
      {{"list", "--lang", "fr"}, 2},
      {{"badge", "WC-003"}, 2},
      {{"badge", "WC-003", "-o", cli.dir.File("b.jpg")}, 2},
      {{"badge", "nobody-at-all", "-o", cli.dir.File("b.png")}, 4},
      {{"badge", "WC-003", "-o", cli.dir.File("b.png"), "--layout", "a4"}, 4},
      {{"badges"}, 2},
      {{"badges", "-o", cli.dir.File("s.pdf"), "--sector", "astronauts"}, 3},
      {{"badges", "-o", cli.dir.File("s.pdf"), "--source", "magic"}, 3},
      {{"badges", "-o", cli.dir.File("s.pdf"), "--table", "Nowhere"}, 3},
      {{"print", "WC-003"}, 2},
      {{"print", "WC-003", "--printer", "x", "--wait", "soon"}, 3},
      {{"printlog", "--limit", "0"}, 3},
      {{"report"}, 2},
      {{"report", "-o", cli.dir.File("r.txt")}, 2},
      {{"report", "-o", cli.dir.File("r.pdf"), "--interval", "7"}, 3},
      {{"report", "-o", cli.dir.File("no/such/dir/r.pdf")}, 8},
      {{"export", "--format", "xlsx"}, 2},
      {{"export", "--format", "xlsx", "-o", cli.dir.File("x.xlsx"), "--list",
        "no-shows"},
       2},
      {{"export", "--format", "xlsx", "-o", cli.dir.File("no/such/x.xlsx")}, 8},
      {{"purge"}, 2},
      {{"purge", "everyone", "--yes"}, 2},
      {{"person"}, 2},
      {{"person", "nobody-at-all"}, 4},
  };
  for (const Case& c : cases) {
    std::string shown;
    for (const std::string& a : c.args) shown += a + " ";
    INFO(shown);
    ProcessResult r = cli.Run(c.args);
    CHECK(r.exit_code == c.exit_code);
    if (c.exit_code != 13) CHECK(Contains(r.err, "entree: "));
    CHECK(DatabaseFingerprint(cli.db) == before);
  }

  // Commands on a database that does not exist create nothing.
  std::string missing = cli.dir.File("missing.db");
  ProcessResult r = RunProcess({ENTREE_CLI_PATH, "--db", missing, "list"}, "",
                               {"ENTREE_LANG=en"});
  CHECK(r.exit_code == 4);
  CHECK(Contains(r.err, "no database"));
  CHECK_FALSE(std::filesystem::exists(missing));

  // A file that is not a database is refused and left as it was.
  ProcessResult not_db = RunProcess(
      {ENTREE_CLI_PATH, "--db", kDemoCsv, "stats"}, "", {"ENTREE_LANG=en"});
  CHECK(not_db.exit_code == 5);

  // A secret key readable by others is refused.
  ::chmod((cli.db + ".key").c_str(), 0644);
  CHECK(cli.Run({"token", "WC-004"}).exit_code == 6);
  CHECK(DatabaseFingerprint(cli.db) == before);
}

TEST_CASE("messages follow the chosen language", "[cli]") {
  Cli cli;
  cli.Prepare();
  ProcessResult dutch = cli.Run({"token", "nobody-at-all", "--lang", "nl"});
  CHECK(dutch.exit_code == 4);
  CHECK(Contains(dutch.err, "geen deelnemer past bij \"nobody-at-all\""));
  ProcessResult english = cli.Run({"token", "nobody-at-all"});
  CHECK(Contains(english.err, "no attendee matches \"nobody-at-all\""));
  ProcessResult option = cli.Run({"list", "--frobnicate", "--lang", "nl"});
  CHECK(option.exit_code == 2);
  CHECK(Contains(option.err, "onbekende optie --frobnicate"));
  std::string missing = cli.dir.File("missing.db");
  ProcessResult nl = RunProcess({ENTREE_CLI_PATH, "--db", missing, "list"}, "",
                                {"ENTREE_LANG=nl"});
  CHECK(Contains(nl.err, "er is geen database"));
  ProcessResult en = RunProcess({ENTREE_CLI_PATH, "--db", missing, "list"}, "",
                                {"LANG=en_GB.UTF-8"});
  CHECK(Contains(en.err, "there is no database"));
}

TEST_CASE("badges as PNG, PDF and A4 sheets from the command line",
          "[cli][badges]") {
  Cli cli;
  cli.Prepare();
  std::string png = cli.dir.File("marjolein.png");
  ProcessResult made = cli.Run({"badge", "Marjolein", "-o", png});
  REQUIRE(made.exit_code == 0);
  CHECK(Contains(made.out, "Marjolein de Gelder"));
  std::string code = cli.Token("Marjolein");  // the badge just issued
  CHECK(entree::testing::DecodeQrCodes(png) == std::vector<std::string>{code});
  // entree decode reads it back too; a picture without a code is "not
  // found", a file that is no picture is bad input.
  ProcessResult decoded = cli.Run({"decode", png});
  CHECK(decoded.exit_code == 0);
  CHECK(decoded.out == png + ": " + code + "\n");
  ProcessResult json = cli.Run({"decode", png, "--json"});
  CHECK(Contains(json.out, "\"codes\":[\"" + code + "\"]"));
  std::string blank = cli.dir.File("blank.pgm");
  entree::testing::WriteFile(blank, "P5\n8 8\n255\n" + std::string(64, '\xff'));
  CHECK(cli.Run({"decode", blank}).exit_code == 4);
  CHECK(cli.Run({"decode", cli.db}).exit_code == 3);
  CHECK(cli.Run({"decode"}).exit_code == 2);

  std::string pdf = cli.dir.File("marjolein.pdf");
  REQUIRE(cli.Run({"badge", "Marjolein", "-o", pdf, "--layout", "cr80"})
              .exit_code == 0);
  CHECK(entree::testing::DecodeQrCodes(entree::testing::RasterisePdf(
            pdf, 300)) == std::vector<std::string>{code});

  // A sheet of the education guests, and one of everyone.
  std::string sheet = cli.dir.File("onderwijs.pdf");
  ProcessResult some =
      cli.Run({"badges", "-o", sheet, "--sector", "education", "--json"});
  REQUIRE(some.exit_code == 0);
  CHECK(Contains(some.out, "\"layout\":\"a6\""));
  ProcessResult all =
      cli.Run({"badges", "-o", cli.dir.File("all.pdf"), "--layout", "54x90"});
  REQUIRE(all.exit_code == 0);
  CHECK(Contains(all.out, "60 badges on 8 A4 pages"));
  // Badges that existed keep their serial; the sheet holds the same code.
  CHECK(cli.Token("Marjolein") == code);
}

TEST_CASE("init names impossible times: skipped, doubled, doors after end",
          "[cli]") {
  Cli cli;
  ProcessResult skipped =
      cli.Run({"init", "--name", "X", "--doors-open", "2026-03-29T02:30"});
  CHECK(skipped.exit_code == 3);
  CHECK(Contains(skipped.err, "does not exist in Europe/Amsterdam"));
  ProcessResult twice =
      cli.Run({"init", "--name", "X", "--ends", "2026-10-25T02:30"});
  CHECK(twice.exit_code == 3);
  CHECK(Contains(twice.err, "happens twice"));
  ProcessResult late_doors =
      cli.Run({"init", "--name", "X", "--doors-open", "2026-10-12T22:00",
               "--ends", "2026-10-12T21:00"});
  CHECK(late_doors.exit_code == 3);
  CHECK(Contains(late_doors.err, "before its doors open"));
  CHECK_FALSE(std::filesystem::exists(cli.db));
  // With the offset the doubled hour is one instant; ordinary times pass.
  CHECK(cli.Run({"init", "--name", "X", "--doors-open",
                 "2026-10-25T02:30+02:00", "--ends", "2026-10-25T21:00"})
            .exit_code == 0);
}

TEST_CASE("a damaged check-in index stops the door instead of letting in",
          "[cli][hardening]") {
  Cli cli;
  cli.Prepare(/*always_open=*/true);
  std::string code = cli.Token("WC-003");
  REQUIRE(cli.Run({"checkin", code}).exit_code == 0);
  REQUIRE(cli.Run({"checkin", code, "--kiosk", "door-2"}).exit_code ==
          10);  // already inside

  // Two bytes of the guest's id in the index the door looks them up by.
  ProcessResult person = cli.Run({"person", "WC-003", "--json"});
  size_t at = person.out.find("\"id\":\"") + 6;
  std::string id = person.out.substr(at, 36);
  std::string bytes = entree::testing::ReadFile(cli.db);
  // The id stands in the attendee table, the badge table, the check-in
  // table and its index; the index's copy is the one that sorts by id.
  std::vector<size_t> places;
  for (size_t p = bytes.find(id); p != std::string::npos;
       p = bytes.find(id, p + 1)) {
    places.push_back(p);
  }
  REQUIRE(places.size() >= 3);
  bool stopped = false;
  for (size_t place : places) {
    std::string damaged = bytes;
    damaged[place + 9] = damaged[place + 9] == 'a' ? 'b' : 'a';
    damaged[place + 10] = damaged[place + 10] == 'a' ? 'b' : 'a';
    entree::testing::WriteFile(cli.db, damaged);
    ProcessResult again =
        cli.Run({"checkin", code, "--kiosk", "door-" + std::to_string(place)});
    INFO("damage at " << place << ": " << again.out << again.err);
    // Whatever was hit, the guest is never welcomed a second time.
    CHECK(again.exit_code != 0);
    if (again.exit_code == 5 && Contains(again.err, "damaged")) stopped = true;
    entree::testing::WriteFile(cli.db, bytes);
  }
  CHECK(stopped);  // the index's copy was among them and was noticed
}
