// Where outputs go, tried as a clumsy user and an attacker would: an export
// aimed at the event's own files, at something that is not a file, over a
// private file, through a planted link; a database on a read-only or full
// file system; standard output on a full device.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "entree/base/atomic_file.h"
#include "support.h"

using entree::testing::Cli;
using entree::testing::DatabaseFingerprint;
using entree::testing::ProcessResult;
using entree::testing::ReadFile;
using entree::testing::RunProcess;
using entree::testing::TempDir;

namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

mode_t ModeOf(const std::string& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

}  // namespace

TEST_CASE("an export never replaces the event's own files or a non-file",
          "[outputs]") {
  Cli cli;
  cli.Prepare();
  std::string key = cli.db + ".key";
  std::string key_bytes = ReadFile(key);
  std::string before = DatabaseFingerprint(cli.db);
  std::string fifo = cli.dir.File("pipe");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string link_to_db = cli.dir.File("link.csv");
  std::filesystem::create_symlink(cli.db, link_to_db);
  std::string hard_link = cli.dir.File("hard.db");
  std::filesystem::create_hard_link(cli.db, hard_link);
  std::string folder = cli.dir.File("folder");
  std::filesystem::create_directory(folder);
  // A paired box's login and a join's files belong to the event too.
  std::string device = cli.db + ".device";
  entree::testing::WriteFile(device, "conninfo = host=server\n");
  std::string device_link = cli.dir.File("device-copy.csv");
  std::filesystem::create_hard_link(device, device_link);
  std::string joining = cli.db + ".joining";
  entree::testing::WriteFile(joining, "half a join\n");

  struct Case {
    std::vector<std::string> args;
    std::string cause;
  };
  std::string other_spelling = cli.dir.path() + "/./folder/../event.db";
  const Case cases[] = {
      {{"export", "-o", cli.db}, "one of the event's own files"},
      {{"export", "-o", other_spelling}, "one of the event's own files"},
      {{"export", "-o", hard_link}, "one of the event's own files"},
      {{"export", "-o", cli.db + "-wal"}, "one of the event's own files"},
      {{"export", "-o", key}, "one of the event's own files"},
      {{"export", "-o", device}, "one of the event's own files"},
      {{"export", "-o", device_link}, "one of the event's own files"},
      {{"export", "-o", device + ".new"}, "one of the event's own files"},
      {{"export", "-o", joining}, "one of the event's own files"},
      {{"export", "-o", joining + "-wal"}, "one of the event's own files"},
      {{"export", "--format", "xlsx", "-o", cli.db},
       "one of the event's own files"},
      {{"export", "-o", fifo}, "not a regular file"},
      {{"export", "-o", link_to_db}, "not a regular file"},
      {{"export", "-o", folder}, "not a regular file"},
      {{"export", "-o", "/dev/null"}, "not a regular file"},
  };
  for (const Case& c : cases) {
    INFO(c.args.back());
    ProcessResult r = cli.Run(c.args);
    CHECK(r.exit_code == 8);
    CHECK(Contains(r.err, c.cause));
    CHECK(DatabaseFingerprint(cli.db) == before);
    CHECK(ReadFile(key) == key_bytes);
    CHECK(ReadFile(device) == "conninfo = host=server\n");
    CHECK(ReadFile(joining) == "half a join\n");
  }
  CHECK_FALSE(std::filesystem::exists(device + ".new"));
  // Opened through a symbolic or a hard link, the database's real journal
  // (where a kiosk on the real name writes) is its own file all the same.
  std::string symbolic = cli.dir.File("symbolic.db");
  std::filesystem::create_symlink(cli.db, symbolic);
  for (const std::string& spelling : {symbolic, hard_link}) {
    for (const char* journal : {"-wal", "-shm", "-journal"}) {
      // Absent or there, named by its path or bare in the working folder.
      for (bool there : {false, true}) {
        INFO(spelling << journal << (there ? " (there)" : " (absent)"));
        std::filesystem::remove(cli.db + journal);
        if (there) entree::testing::WriteFile(cli.db + journal, "");
        std::string bare = std::string("event.db") + journal;
        for (const std::string& output : {cli.db + journal, bare}) {
          ProcessResult r = RunProcess(
              {"/bin/sh", "-c",
               "cd \"$1\" && exec \"$2\" --db \"$3\" export -o \"$4\"",
               "export-through-a-link", cli.dir.path(), ENTREE_CLI_PATH,
               spelling, output},
              "", {"ENTREE_LANG=en"});
          CHECK(r.exit_code == 8);
          CHECK(Contains(r.err, "one of the event's own files"));
        }
      }
    }
  }
  for (const char* journal : {"-wal", "-shm", "-journal"}) {
    std::filesystem::remove(cli.db + journal);
  }
  // Another event's database, its key and a device's login are never
  // replaced either, though this command did not open them.
  Cli other;
  other.Prepare();
  std::string other_db_before = DatabaseFingerprint(other.db);
  entree::testing::WriteFile(other.db + ".device", "conninfo = x\n");
  for (const std::string& target :
       {other.db, other.db + ".key", other.db + ".device"}) {
    INFO(target);
    std::string bytes = ReadFile(target);
    ProcessResult r = cli.Run({"export", "-o", target});
    CHECK(r.exit_code == 8);
    CHECK(Contains(r.err, "one of the event's own files"));
    CHECK(ReadFile(target) == bytes);
  }
  CHECK(DatabaseFingerprint(other.db) == other_db_before);
  // Nor its key kept under a name of the organiser's choosing.
  std::string odd_key = other.dir.File("key-of-the-event.pdf");
  std::filesystem::copy_file(other.db + ".key", odd_key);
  std::string key_bytes_before = ReadFile(odd_key);
  CHECK(cli.Run({"report", "-o", odd_key}).exit_code == 8);
  CHECK(ReadFile(odd_key) == key_bytes_before);
  struct stat info {};
  REQUIRE(::lstat(fifo.c_str(), &info) == 0);
  CHECK(S_ISFIFO(info.st_mode));
  REQUIRE(::lstat(link_to_db.c_str(), &info) == 0);
  CHECK(S_ISLNK(info.st_mode));
  REQUIRE(::stat("/dev/null", &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
  // Nothing was left behind in the folder either.
  for (const auto& entry :
       std::filesystem::directory_iterator(cli.dir.path())) {
    CHECK(entry.path().filename().string().rfind(".", 0) != 0);
  }
}

TEST_CASE("outputs keep a replaced file's mode and are private when new",
          "[outputs]") {
  Cli cli;
  cli.Prepare();
  // The database itself holds every guest's name and email.
  CHECK(ModeOf(cli.db) == 0600);
  std::string fresh = cli.dir.File("fresh.csv");
  REQUIRE(cli.Run({"export", "-o", fresh}).exit_code == 0);
  CHECK(ModeOf(fresh) == 0600);

  std::string shared = cli.dir.File("shared.csv");
  entree::testing::WriteFile(shared, "old\n");
  ::chmod(shared.c_str(), 0640);
  REQUIRE(cli.Run({"export", "-o", shared}).exit_code == 0);
  CHECK(ModeOf(shared) == 0640);
  CHECK(Contains(ReadFile(shared), "Marjolein"));

  std::string secret = cli.dir.File("secret.xlsx");
  entree::testing::WriteFile(secret, "old");
  ::chmod(secret.c_str(), 0600);
  REQUIRE(cli.Run({"export", "--format", "xlsx", "-o", secret}).exit_code == 0);
  CHECK(ModeOf(secret) == 0600);
  std::string report = cli.dir.File("report.pdf");
  REQUIRE(cli.Run({"report", "-o", report}).exit_code == 0);
  CHECK(ModeOf(report) == 0600);
}

TEST_CASE("temporary files have unguessable names and are made exclusively",
          "[outputs]") {
  TempDir dir;
  std::string target = dir.File("list.csv");
  std::string victim = dir.File("victim");
  entree::testing::WriteFile(victim, "root only\n");

  auto first = entree::AtomicFile::Create(target);
  auto second = entree::AtomicFile::Create(target);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->temp_path() != second->temp_path());
  for (const auto* file : {&*first, &*second}) {
    struct stat info {};
    REQUIRE(::lstat(file->temp_path().c_str(), &info) == 0);
    CHECK(S_ISREG(info.st_mode));
    CHECK((info.st_mode & 0777) == 0600);
    // The name carries nothing another user could predict (no process id).
    CHECK_FALSE(Contains(file->temp_path(), std::to_string(::getpid())));
  }

  // A link planted at the output's own name is refused, and its target is
  // left as it was.
  std::filesystem::create_symlink(victim, target);
  CHECK(entree::WriteFileAtomically(target, "overwritten").code() ==
        entree::StatusCode::kIo);
  CHECK(ReadFile(victim) == "root only\n");
}

TEST_CASE("a read-only or full file system is named as the cause",
          "[outputs]") {
  Cli cli;
  // The database is made on a small tmpfs, which is then made read-only,
  // and then filled up.
  std::string script = R"(
    dir="$1/fs"; mkdir -p "$dir"
    mount -t tmpfs -o size=2m tmpfs "$dir"
    "$ENTREE" --db "$dir/event.db" init --name Worldcafé >/dev/null
    mount -o remount,ro "$dir"
    set +e
    "$ENTREE" --db "$dir/event.db" stats >/dev/null; echo "stats exit $?"
    "$ENTREE" --db "$dir/event.db" import "$2"; echo "read-only import exit $?"
    "$ENTREE" --db "$dir/other.db" init --name X; echo "read-only init exit $?"
    mount -o remount,rw "$dir"
    head -c 3m /dev/zero > "$dir/filler" 2>/dev/null
    "$ENTREE" --db "$dir/event.db" import "$2"; echo "import exit $?"
  )";
  std::vector<std::string> argv = {"/usr/bin/unshare", "--mount"};
  if (::geteuid() != 0) argv.push_back("--map-root-user");
  for (const std::string& word :
       {std::string("/bin/bash"), std::string("-euc"), script,
        std::string("fault-fs"), cli.dir.path(),
        entree::testing::DemoCsvPath()}) {
    argv.push_back(word);
  }
  ProcessResult r =
      RunProcess(argv, "", {"ENTREE_LANG=en", "ENTREE=" ENTREE_CLI_PATH});
  INFO(r.out << r.err);
  // Reading a read-only copy works; writing names the cause.
  CHECK(Contains(r.out, "stats exit 0"));
  CHECK(Contains(r.out, "read-only import exit 5"));
  CHECK(Contains(r.out, "read-only init exit 5"));
  CHECK(Contains(r.err, "read-only"));          // the folder, for init
  CHECK(Contains(r.err, "readonly database"));  // SQLite's, for import
  CHECK(Contains(r.out, "import exit 5"));
  CHECK(Contains(r.err, "disk is full"));
  CHECK_FALSE(Contains(r.err, "is not an Entree database"));
}

TEST_CASE("output lost on a full device fails the command", "[outputs]") {
  Cli cli;
  cli.Prepare();
  for (const char* command : {"list", "stats", "export", "--help"}) {
    INFO(command);
    ProcessResult r =
        RunProcess({"/bin/bash", "-c", "\"$0\" --db \"$1\" \"$2\" > /dev/full",
                    ENTREE_CLI_PATH, cli.db, command},
                   "", {"ENTREE_LANG=en"});
    CHECK(r.exit_code == 8);
    CHECK(Contains(r.err, "standard output"));
  }
  ProcessResult token = RunProcess(
      {"/bin/bash", "-c", "\"$0\" --db \"$1\" token WC-003 > /dev/full",
       ENTREE_CLI_PATH, cli.db},
      "", {"ENTREE_LANG=en"});
  CHECK(token.exit_code == 8);
}

TEST_CASE("a badge output that fails revokes and issues nothing",
          "[outputs][badges]") {
  Cli cli;
  cli.Prepare();
  std::string code = cli.Token("WC-003");  // serial 1 of WC-003
  std::string before = DatabaseFingerprint(cli.db);

  ProcessResult badge = cli.Run(
      {"badge", "WC-003", "--reissue", "-o", cli.dir.File("missing/b.png")});
  CHECK(badge.exit_code == 8);
  ProcessResult first =
      cli.Run({"badge", "WC-004", "-o", cli.dir.File("missing/b.pdf")});
  CHECK(first.exit_code == 8);
  ProcessResult sheet =
      cli.Run({"badges", "-o", cli.dir.File("missing/x.pdf")});
  CHECK(sheet.exit_code == 8);
  ProcessResult token = cli.Run(
      {"token", "WC-003", "--reissue", "--qr", cli.dir.File("missing/q.pgm")});
  CHECK(token.exit_code == 8);
  CHECK(DatabaseFingerprint(cli.db) == before);

  // No print service: the job was never accepted, so the old badge stays
  // valid and no new one exists; only the print log tells of the attempt.
  ProcessResult print =
      cli.Run({"print", "WC-003", "--reissue", "--printer", "entree-pdf"}, "",
              {"CUPS_SERVER=" + cli.dir.File("no-cups.sock")});
  CHECK(print.exit_code == 9);
  ProcessResult person = cli.Run({"person", "WC-003", "--json"});
  REQUIRE(person.exit_code == 0);
  CHECK(Contains(person.out, "\"serial\":1"));
  CHECK_FALSE(Contains(person.out, "\"serial\":2"));
  CHECK(cli.Run({"verify", code}).exit_code != 11);  // not revoked

  // A written output records the badge.
  std::string png = cli.dir.File("b.png");
  REQUIRE(cli.Run({"badge", "WC-003", "--reissue", "-o", png}).exit_code == 0);
  CHECK(cli.Run({"verify", code}).exit_code == 11);  // revoked now
  CHECK(entree::testing::DecodeQrCodes(png).front() == cli.Token("WC-003"));
}
