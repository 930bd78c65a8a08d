// Invitations: the message's pieces, the templates, and the command
// against a real SMTP server started by the tests.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "entree/base/text.h"
#include "entree/invites/ics.h"
#include "entree/invites/invite_template.h"
#include "entree/invites/mime.h"
#include "mail_sandbox.h"
#include "support.h"

namespace entree {
namespace {

using testing::Cli;
using testing::ProcessResult;
using testing::ReadInvites;
using testing::SmtpSandbox;
using testing::SmtpSandboxOptions;

size_t LongestLine(const std::string& text) {
  size_t longest = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string::npos) end = text.size();
    longest = std::max(longest, end - start);
    start = end + 2;
  }
  return longest;
}

TEST_CASE("header words in any script cannot start a header of their own",
          "[invites]") {
  CHECK(HeaderText("World Cafe") == "World Cafe");
  std::string dutch = HeaderText("Zoë van 't Hof\r\nBcc: all@example.org");
  CHECK(dutch.rfind("=?UTF-8?B?", 0) == 0);
  CHECK(dutch.find("Bcc:") == std::string::npos);
  std::string long_name =
      HeaderText(std::string(60, 'a') + "ß" + std::string(100, 'b'));
  CHECK(LongestLine(long_name) <= 76);
  // A long subject in plain ASCII is folded too: no line past SMTP's 998.
  std::string long_ascii = HeaderText(std::string(3000, 'x'));
  CHECK(LongestLine(long_ascii) <= 76);
  CHECK(Mailbox("Jan \"de\" Vries", "jan@example.org") ==
        "\"Jan \\\"de\\\" Vries\" <jan@example.org>");
}

TEST_CASE("quoted-printable keeps lines short and escapes what it must",
          "[invites]") {
  std::string qp =
      QuotedPrintable(std::string(200, 'x') + " = é\n.dot\nFrom here \n");
  CHECK(LongestLine(qp) <= 76);
  CHECK(qp.find("=3D") != std::string::npos);
  CHECK(qp.find("=C3=A9") != std::string::npos);
  CHECK(qp.find("\r\n=2Edot") != std::string::npos);
  CHECK(qp.find("\r\n=46rom") != std::string::npos);
  CHECK(qp.find("here=20") != std::string::npos);
  CHECK(qp.find('\n') == qp.find("\r\n") + 1);
}

TEST_CASE("only addresses a mail server takes are sendable", "[invites]") {
  CHECK(IsSendableAddress("marjolein.degelder@dion.example"));
  CHECK(IsSendableAddress("a+b@sub.example.org"));
  CHECK_FALSE(IsSendableAddress("geen-adres"));
  CHECK_FALSE(IsSendableAddress("a@b"));
  CHECK_FALSE(IsSendableAddress("a b@example.org"));
  CHECK_FALSE(IsSendableAddress("a@example.org\r\nRCPT TO:<x@y.z>"));
  CHECK_FALSE(IsSendableAddress("zoë@example.org"));
  CHECK_FALSE(IsSendableAddress("a@@example.org"));
  CHECK_FALSE(IsSendableAddress("a@-x.example"));
  CHECK_FALSE(IsSendableAddress(std::string(300, 'a') + "@example.org"));
}

TEST_CASE("a template names only known placeholders and has a subject",
          "[invites]") {
  auto good = ParseInviteTemplate(
      "Subject: Welkom bij {event}\n\nBeste {name},\n{{niet}} {qr}\n",
      "nl.txt");
  REQUIRE(good.ok());
  CHECK(good->subject == "Welkom bij {event}");
  auto unknown = ParseInviteTemplate("Subject: x\n\nBeste {naam},\n", "nl.txt");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.status().message().find("{naam}") != std::string::npos);
  CHECK(unknown.status().message().find("nl.txt") != std::string::npos);
  CHECK_FALSE(ParseInviteTemplate("Beste {name}\n", "en.txt").ok());
  CHECK_FALSE(ParseInviteTemplate("Subject: x\n\n{name\n", "en.txt").ok());
  CHECK_FALSE(ParseInviteTemplate("Subject: x\n\n\xff\n", "en.txt").ok());
  for (Language language : kLanguages) {
    InviteTemplate builtin = DefaultInviteTemplate(language);
    auto again = ParseInviteTemplate(InviteTemplateText(builtin), "default");
    REQUIRE(again.ok());
    CHECK(again->body == builtin.body);
  }
}

TEST_CASE("a line of placeholders that are empty is left out", "[invites]") {
  std::map<std::string, std::string, std::less<>> values = {{"name", "Zoë"},
                                                            {"tables", ""}};
  CHECK(FillPlaceholders("Beste {name},\n\n{tables}\n\nTot ziens {{x}}\n",
                         values) == "Beste Zoë,\n\nTot ziens {x}\n");
}

TEST_CASE("a calendar entry escapes and folds its text", "[invites]") {
  CalendarEntry entry;
  entry.uid = "e-1@entree";
  entry.summary = "Worldcafé IQ BLVD; Coevorden, Drenthe";
  entry.location = std::string(40, 'x') + "ééééééééééééééééééééé";
  entry.starts_at = testing::At("2026-12-10T15:00:00+01:00");
  entry.ends_at = testing::At("2026-12-10T18:00:00+01:00");
  std::string ics = CalendarFile(entry);
  CHECK(ics.find("DTSTART:20261210T140000Z\r\n") != std::string::npos);
  CHECK(ics.find("DTEND:20261210T170000Z\r\n") != std::string::npos);
  CHECK(ics.find("IQ BLVD\\; Coevorden\\, Drenthe") != std::string::npos);
  CHECK(LongestLine(ics) <= 75);
  // No fold cuts a character in two.
  CHECK(IsValidUtf8(ics));
}

// --- the command, against a real mail server ------------------------------

// An event with a start and a venue, the demo list, and guests whose
// names and languages a template must carry: a Dutch particle with an
// apostrophe, German umlauts, a walk-in without consent, a cancelled
// ticket.
void PrepareInviteEvent(const Cli& cli) {
  cli.Prepare(/*always_open=*/true);
  REQUIRE(cli.Run({"event", "--venue", "IQ Blvd, Coevorden", "--starts",
                   "2026-12-10T15:00", "--ends", "2026-12-10T18:00"})
              .exit_code == 0);
  std::string csv = cli.dir.File("extra.csv");
  testing::WriteFile(
      csv,
      "Relatienummer;Voornaam;Tussenvoegsel;Achternaam;Organisatie;Sector;"
      "E-mail;Rol;Bron;Toestemming;Taal;Ticketstatus\n"
      "X-1;Zoë;van 't;Hof;Gemeente Coevorden;Overheid;"
      "zoe.vanthof@coevorden.example;Gast;invited;ja;nl;Betaald\n"
      "X-2;Jürgen;;Müller;Landkreis Grafschaft Bentheim;Overheid;"
      "j.mueller@grafschaft.example;Gast;invited;ja;Deutsch;Betaald\n"
      "X-3;Walter;;Inloop;Zelf;Overig;walter@inloop.example;Gast;walk_in;"
      "nee;;Betaald\n"
      "X-4;Carla;;Geannuleerd;Zelf;Overig;carla@annulering.example;Gast;"
      "invited;ja;;Geannuleerd\n");
  ProcessResult imported = cli.Run({"import", csv});
  INFO(imported.out << imported.err);
  REQUIRE(imported.exit_code == 0);
}

std::vector<std::string> With(std::vector<std::string> args,
                              const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Starts `argv` (argv[0] the program) with its output thrown away; its
// process id.
pid_t StartQuietly(std::vector<std::string> argv) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int quiet = ::open("/dev/null", O_WRONLY);
    ::dup2(quiet, 1);
    ::dup2(quiet, 2);
    std::vector<char*> raw;
    for (std::string& arg : argv) raw.push_back(arg.data());
    raw.push_back(nullptr);
    ::execv(raw[0], raw.data());
    ::_exit(127);
  }
  return pid;
}

// Whether a process holds entree invite's run lock (flock) on the
// database file at `db`; takes the lock for an instant when none does.
bool InviteLockHeld(const std::string& db) {
  int fd = ::open(db.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

// Every guest's state by email address, from entree invite --status.
std::map<std::string, std::string> States(const Cli& cli) {
  ProcessResult status = cli.Run({"invite", "--status"});
  REQUIRE(status.exit_code == 0);
  std::map<std::string, std::string> states;
  std::istringstream in(status.out);
  for (std::string line; std::getline(in, line);) {
    size_t open = line.find(" <");
    size_t close = line.find(">: ");
    REQUIRE(close != std::string::npos);
    std::string rest = line.substr(close + 3);
    states[line.substr(open + 2, close - open - 2)] =
        rest.substr(0, rest.find(' '));
  }
  return states;
}

TEST_CASE(
    "invitations reach a real mail server, and each QR code lets its "
    "own guest in",
    "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  SmtpSandbox server;
  ProcessResult run = cli.Run(server.InviteOptions());
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("62 sent, 0 refused, 0 unknown, 0 still queued") !=
        std::string::npos);

  auto messages =
      ReadInvites(server.inbox(),
                  {"to_address", "to", "subject", "inline_qr", "attached_qr",
                   "text", "defects", "remote", "pdf_pages", "pdf_text",
                   "ics_ok", "ics.DTSTART", "ics.LOCATION", "language",
                   "date_ok", "message_id", "bare_lf", "max_line"});
  REQUIRE(messages.size() == 62);
  std::set<std::string> addresses;
  for (const auto& m : messages) {
    INFO(m[0]);
    addresses.insert(m[0]);
    CHECK(m[6] == "0");   // no MIME defects
    CHECK(m[7] == "[]");  // nothing loaded from elsewhere
    CHECK(m[3].size() > 40);
    CHECK(m[3] == m[4]);  // inline and attached: the same code
    CHECK(m[5].find(m[3]) != std::string::npos);  // and in the text
    CHECK(m[8] == "1");
    CHECK(m[10] == "true");
    CHECK(m[11] == "20261210T140000Z");
    CHECK(m[12] == "IQ Blvd\\, Coevorden");
    CHECK(m[14] == "true");
    CHECK(m[16] == "false");
    CHECK(std::stoi(m[17]) <= 998);
    // The code is this guest's: the door welcomes them by their name.
    CHECK(cli.Run({"verify", m[3]}).exit_code == 0);
  }
  CHECK(addresses.size() == 62);
  CHECK_FALSE(addresses.count("walter@inloop.example"));
  CHECK_FALSE(addresses.count("carla@annulering.example"));

  for (const auto& m : messages) {
    if (m[0] == "zoe.vanthof@coevorden.example") {
      CHECK(m[1] == "Zoë van 't Hof <zoe.vanthof@coevorden.example>");
      CHECK(m[2] == "Uw toegangscode voor Worldcafé IQ BLVD");
      CHECK(m[5].find("Beste Zoë van 't Hof,") != std::string::npos);
      CHECK(m[5].find("donderdag 10 december 2026 om 15:00") !=
            std::string::npos);
      CHECK(m[9].find("Zoë") != std::string::npos);
      CHECK(m[13] == "nl");
    }
    if (m[0] == "j.mueller@grafschaft.example") {
      CHECK(m[1] == "Jürgen Müller <j.mueller@grafschaft.example>");
      CHECK(m[2] == "Ihr Zugangscode für Worldcafé IQ BLVD");
      CHECK(m[5].find("Donnerstag, 10. Dezember 2026 um 15:00 Uhr") !=
            std::string::npos);
      CHECK(m[13] == "de");
    }
  }
  // The door says whose code it is.
  for (const auto& m : messages) {
    if (m[0] != "zoe.vanthof@coevorden.example") continue;
    ProcessResult verify = cli.Run({"verify", m[3]});
    CHECK(verify.out.find("Zoë van 't Hof") != std::string::npos);
  }

  // Sent once: a second run finds nobody, and every guest is sent.
  ProcessResult again = cli.Run(server.InviteOptions());
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("Nobody left to send to") != std::string::npos);
  CHECK(server.Deliveries().size() == 62);
  auto states = States(cli);
  CHECK(states["zoe.vanthof@coevorden.example"] == "sent");
  CHECK(states.count("walter@inloop.example") == 0);
  ProcessResult person = cli.Run({"person", "X-1"});
  CHECK(person.out.find("Invitation: sent") != std::string::npos);
  // The attendance list shows it too.
  ProcessResult list = cli.Run({"export", "--format", "json", "-o", "-"});
  CHECK(list.out.find("\"invitation\":\"sent\"") != std::string::npos);
  CHECK(list.out.find("\"invitation\":null") != std::string::npos);
}

TEST_CASE(
    "a temporary refusal is tried again, a permanent one is reported, "
    "a wrong password sends nothing",
    "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  SmtpSandboxOptions options;
  options.temp_fail = {"zoe.vanthof@coevorden.example=2"};
  options.perm_fail = {"j.mueller@grafschaft.example"};
  SmtpSandbox server(options);

  // A wrong password: a clear error, nothing sent, nothing recorded.
  std::string wrong = cli.dir.File("wrong-password");
  testing::WriteFile(wrong, "not-the-password\n");
  ::chmod(wrong.c_str(), 0600);
  auto args = server.InviteOptions();
  args[std::find(args.begin(), args.end(), "--password-file") - args.begin() +
       1] = wrong;
  std::string before = testing::DatabaseFingerprint(cli.db);
  ProcessResult refused = cli.Run(args);
  CHECK(refused.exit_code == 8);
  CHECK(refused.err.find("refused the login") != std::string::npos);
  CHECK(server.Deliveries().empty());
  CHECK(testing::DatabaseFingerprint(cli.db) == before);
  // A login in the URL is refused: it would skip the TLS rule and show in
  // the process list.
  ProcessResult in_url =
      cli.Run({"invite", "--from", "organisatie@iqblvd.example", "--smtp",
               "smtp://organiser:secret@127.0.0.1:1", "--no-tls"});
  CHECK(in_url.exit_code == 3);
  CHECK(in_url.err.find("must not hold a login") != std::string::npos);
  // A password file others can read is refused before anything else.
  ::chmod(wrong.c_str(), 0644);
  CHECK(cli.Run(args).exit_code == 6);

  ProcessResult run = cli.Run(
      With(server.InviteOptions(), {"--retry-wait", "0", "--retries", "2"}));
  INFO(run.out << run.err);
  CHECK(run.exit_code == 18);
  CHECK(run.err.find("NOT sent to Jürgen Müller <j.mueller@grafschaft.example>"
                     ": 550") != std::string::npos);
  CHECK(run.out.find("61 sent, 1 refused, 0 unknown") != std::string::npos);
  auto states = States(cli);
  CHECK(states["zoe.vanthof@coevorden.example"] == "sent");
  CHECK(states["j.mueller@grafschaft.example"] == "refused");
  // A permanent refusal is not tried again at the same address.
  ProcessResult again = cli.Run(server.InviteOptions());
  CHECK(again.out.find("Nobody left") != std::string::npos);
  CHECK(server.Deliveries().size() == 61);
}

TEST_CASE("the rate limit spaces the messages out", "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  SmtpSandbox server;
  // 120 a minute: one every half second; the first message also pays for
  // the connection, so gaps are measured with room for that.
  auto args = server.InviteOptions();
  args[std::find(args.begin(), args.end(), "--rate") - args.begin() + 1] =
      "120";
  ProcessResult run = cli.Run(With(args, {"--table", "Human Capital"}));
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  std::vector<double> times = server.DeliveryTimes();
  REQUIRE(times.size() >= 4);
  for (size_t i = 1; i < times.size(); ++i) {
    CHECK(times[i] - times[i - 1] >= 0.35);
  }
}

TEST_CASE("invitations go out over TLS from the start (smtps://) too",
          "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  SmtpSandboxOptions options;
  options.implicit_tls = true;
  SmtpSandbox server(options);
  ProcessResult run = cli.Run(With(server.InviteOptions(), {"--only", "X-2"}));
  INFO(run.out << run.err);
  CHECK(run.exit_code == 0);
  REQUIRE(server.Deliveries().size() == 1);
  CHECK(server.Deliveries()[0] == "j.mueller@grafschaft.example");
}

TEST_CASE(
    "a run killed at any moment and started again delivers each guest "
    "once, or lists them as unknown",
    "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  SmtpSandboxOptions options;
  options.tls = false;
  options.user = "";
  // Each message is kept 20 ms before the server says so: the window in
  // which a killed sender cannot know.
  options.data_delay = 0.02;
  SmtpSandbox server(options);
  auto args = server.InviteOptions();
  std::vector<std::string> argv = {ENTREE_CLI_PATH, "--db", cli.db};
  argv.insert(argv.end(), args.begin(), args.end());

  int kills = 0;
  for (int delay_ms : {150, 300, 450, 600, 750, 900, 1050, 1200}) {
    pid_t pid = StartQuietly(argv);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    if (::kill(pid, SIGKILL) == 0) ++kills;
    ::waitpid(pid, nullptr, 0);
  }
  CHECK(kills >= 4);
  ProcessResult finish = cli.Run(args);
  INFO(finish.out << finish.err);
  CHECK((finish.exit_code == 0 || finish.exit_code == 18));

  std::map<std::string, int> delivered;
  for (const std::string& to : server.Deliveries()) ++delivered[to];
  auto states = States(cli);
  int unknown = 0;
  for (const auto& [address, state] : states) {
    INFO(address << " " << state);
    CHECK(delivered[address] <= 1);  // never twice
    if (state == "sent") CHECK(delivered[address] == 1);
    if (state == "unknown") ++unknown;
    CHECK((state == "sent" || state == "unknown"));
  }
  CHECK(states.size() == 62);
  // Every message the server kept went to a guest listed as sent or
  // unknown (one killed before the server had the data got none).
  for (const std::string& to : server.Deliveries()) {
    CHECK((states[to] == "sent" || states[to] == "unknown"));
  }
  // An unknown one is sent again only when the organiser asks.
  for (const auto& [address, state] : states) {
    if (state != "unknown") continue;
    ProcessResult refused = cli.Run(With(args, {"--only", address}));
    CHECK(refused.exit_code == 7);
    break;
  }
  WARN("kills: " << kills << ", unknown: " << unknown);
}

TEST_CASE(
    "drafts, one guest again with a reissued badge, two runs at "
    "once, and the purge",
    "[invites][smtp]") {
  Cli cli;
  PrepareInviteEvent(cli);
  // Drafts: every message as a file, nothing sent, nothing recorded.
  std::string before = testing::DatabaseFingerprint(cli.db);
  ProcessResult drafts =
      cli.Run({"invite", "--dry-run", "-o", cli.dir.File("drafts"), "--from",
               "organisatie@iqblvd.example"});
  INFO(drafts.err);
  CHECK(drafts.exit_code == 0);
  CHECK(testing::DatabaseFingerprint(cli.db) == before);
  CHECK(ReadInvites(cli.dir.File("drafts"), {"to_address"}).size() == 62);
  // Drafts aimed at the database or a device are refused.
  CHECK(cli.Run({"invite", "--dry-run", "-o", cli.db, "--from",
                 "organisatie@iqblvd.example"})
            .exit_code == 8);
  CHECK(cli.Run({"invite", "--dry-run", "-o", "/dev/null", "--from",
                 "organisatie@iqblvd.example"})
            .exit_code == 8);
  CHECK(testing::DatabaseFingerprint(cli.db) == before);

  SmtpSandbox server;
  REQUIRE(cli.Run(With(server.InviteOptions(), {"--only", "X-1"})).exit_code ==
          0);
  std::string old_code = cli.Token("X-1");
  // Asked again without --resend: refused, nothing sent.
  CHECK(cli.Run(With(server.InviteOptions(), {"--only", "X-1"})).exit_code ==
        7);
  // A reissued badge goes to that guest alone; the old code stays refused.
  REQUIRE(cli.Run({"token", "--reissue", "X-1"}).exit_code == 0);
  ProcessResult resent =
      cli.Run(With(server.InviteOptions(), {"--only", "X-1", "--resend"}));
  CHECK(resent.exit_code == 0);
  auto messages = ReadInvites(server.inbox(), {"to_address", "inline_qr"});
  REQUIRE(messages.size() == 2);
  CHECK(messages[1][1] != old_code);
  CHECK(messages[1][1] == cli.Token("X-1"));
  CHECK(cli.Run({"verify", old_code}).exit_code == 11);
  CHECK(cli.Run({"verify", messages[1][1]}).exit_code == 0);

  // Two runs at once: the second waits for none and sends nothing.
  SmtpSandboxOptions slow;
  slow.data_delay = 0.2;
  SmtpSandbox slow_server(slow);
  auto args = slow_server.InviteOptions();
  std::vector<std::string> argv = {ENTREE_CLI_PATH, "--db", cli.db};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = StartQuietly(argv);
  // The first run takes its lock before it sends anything: once the
  // server has its first message, it holds the lock.
  bool first_ended = false;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (slow_server.Deliveries().empty() && !first_ended &&
         std::chrono::steady_clock::now() < deadline) {
    first_ended = ::waitpid(pid, nullptr, WNOHANG) == pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (first_ended || slow_server.Deliveries().empty()) {
    if (!first_ended) ::kill(pid, SIGKILL);
    if (!first_ended) ::waitpid(pid, nullptr, 0);
    FAIL("the first run sent nothing (ended: " << first_ended << ")");
  }
  CHECK(InviteLockHeld(cli.db));
  ProcessResult second = cli.Run(args);
  CHECK(second.exit_code == 7);
  CHECK(second.err.find("Another entree invite") != std::string::npos);
  // Nor through another path to the same file: a symbolic or a hard link.
  std::string symlink = cli.dir.File("alias.db");
  std::string hardlink = cli.dir.File("hard.db");
  REQUIRE(::symlink(cli.db.c_str(), symlink.c_str()) == 0);
  REQUIRE(::link(cli.db.c_str(), hardlink.c_str()) == 0);
  for (const std::string& other : {symlink, hardlink}) {
    std::vector<std::string> through = {ENTREE_CLI_PATH, "--db", other, "--key",
                                        cli.db + ".key"};
    through.insert(through.end(), args.begin(), args.end());
    ProcessResult again = testing::RunProcess(through, "", {"ENTREE_LANG=en"});
    CHECK(again.exit_code == 7);
  }
  ::unlink(hardlink.c_str());
  // The purge waits for the run too: it would write addresses back.
  ProcessResult early_purge = cli.Run({"purge", "--yes"});
  CHECK(early_purge.exit_code == 7);
  CHECK(early_purge.err.find("Another entree invite") != std::string::npos);
  // The refusals were the first run's doing: it was still sending, its
  // lock held, after the last of them.
  size_t delivered = slow_server.Deliveries().size();
  CHECK(delivered > 0u);
  CHECK(delivered < 61u);  // 62 guests, X-1 sent before
  CHECK(InviteLockHeld(cli.db));
  CHECK(::waitpid(pid, nullptr, WNOHANG) == 0);
  ::kill(pid, SIGTERM);  // stops after the message at hand
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  auto states = States(cli);
  for (const auto& [address, state] : states) CHECK(state != "unknown");

  // The purge keeps the states and removes where they went.
  REQUIRE(cli.Run({"purge", "--yes"}).exit_code == 0);
  ProcessResult after = cli.Run({"invite", "--status", "--json"});
  CHECK(after.out.find("@") == std::string::npos);
  CHECK(after.out.find("\"state\":\"sent\"") != std::string::npos);
}

}  // namespace
}  // namespace entree
