// `entree import` killed with SIGKILL at moments spread over its run, as a
// pulled power cord would stop it: the next open finds every row of the
// file or none, a whole database in write-ahead-log mode, and its indexes.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "support.h"

using namespace entree;
using entree::testing::Cli;

namespace {

constexpr int kGuests = 30000;
constexpr int kKills = 12;

std::string GuestCsv() {
  std::string csv = "id,voornaam,achternaam,email,tafel\n";
  for (int i = 0; i < kGuests; ++i) {
    std::string n = std::to_string(i);
    csv.append("K").append(n).append(",Gast,Nummer ").append(n);
    csv.append(",gast").append(n).append("@example.nl,Tafel ");
    csv.append(std::to_string(i % 3)).append("\n");
  }
  return csv;
}

// Starts `entree --db DB import CSV` and returns its process id.
pid_t StartImport(const std::string& db, const std::string& csv) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int quiet = ::open("/dev/null", O_WRONLY);
    ::dup2(quiet, 1);
    ::dup2(quiet, 2);
    ::execl(ENTREE_CLI_PATH, ENTREE_CLI_PATH, "--db", db.c_str(), "import",
            csv.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

// How the import at `db` ended up after its process stopped.
struct Outcome {
  int64_t attendees = -1;
  std::string integrity;
  std::string journal_mode;
  int64_t attendee_indexes = -1;
};

// Whether a rollback journal left at `path` holds nothing SQLite would roll
// back: missing, empty, or with its header zeroed (the kill came before
// the journal was written, or after its commit). SQLite leaves such a file
// in place and ignores it.
bool JournalIsInert(const std::string& path) {
  if (!std::filesystem::exists(path)) return true;
  std::string bytes = testing::ReadFile(path);
  return bytes.find_first_not_of('\0') == std::string::npos ||
         bytes.substr(0, 8).find_first_not_of('\0') == std::string::npos;
}

Outcome Inspect(const std::string& db) {
  auto store = Store::Open(db);  // rolls back what a killed import left
  REQUIRE(store.ok());
  Outcome outcome;
  auto read = [&](const std::string& sql) {
    auto stmt = StoreInspector::Db(*store).Prepare(sql);
    REQUIRE(stmt.ok());
    REQUIRE(*stmt->Step());
    return stmt->ColumnText(0);
  };
  outcome.attendees = std::stoll(read("SELECT count(*) FROM attendee"));
  outcome.integrity = read("PRAGMA integrity_check");
  outcome.journal_mode = read("PRAGMA journal_mode");
  outcome.attendee_indexes = std::stoll(
      read("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND "
           "tbl_name = 'attendee' AND sql IS NOT NULL"));
  return outcome;
}

}  // namespace

TEST_CASE("an import killed at any moment writes all rows or none",
          "[import][kill]") {
  Cli cli;
  std::string csv = cli.dir.File("guests.csv");
  testing::WriteFile(csv, GuestCsv());
  std::string empty_event = cli.dir.File("empty.db");
  {
    Cli maker;
    REQUIRE(maker.Run({"init", "--name", "Kill"}).exit_code == 0);
    std::filesystem::copy_file(maker.db, empty_event);
  }

  // One whole run, to spread the kills over its length.
  std::filesystem::copy_file(empty_event, cli.db);
  auto start = std::chrono::steady_clock::now();
  int status = 0;
  REQUIRE(::waitpid(StartImport(cli.db, csv), &status, 0) > 0);
  auto whole = std::chrono::steady_clock::now() - start;
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  Outcome finished = Inspect(cli.db);
  CHECK(finished.attendees == kGuests);
  CHECK(finished.journal_mode == "wal");

  int killed = 0, left_journal = 0;
  for (int k = 1; k <= kKills; ++k) {
    std::filesystem::remove(cli.db);
    std::filesystem::copy_file(empty_event, cli.db);
    pid_t pid = StartImport(cli.db, csv);
    std::this_thread::sleep_for(whole * k / (kKills + 1));
    ::kill(pid, SIGKILL);
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFSIGNALED(status)) ++killed;
    if (std::filesystem::exists(cli.db + "-journal")) ++left_journal;
    Outcome outcome = Inspect(cli.db);
    INFO("kill " << k << " of " << kKills);
    CHECK((outcome.attendees == 0 || outcome.attendees == kGuests));
    CHECK(outcome.integrity == "ok");
    CHECK(outcome.journal_mode == "wal");
    CHECK(outcome.attendee_indexes == 3);
    CHECK(JournalIsInert(cli.db + "-journal"));
  }
  // Most kills land while the import runs, some while its journal is on
  // disk (the moment a pulled cord matters).
  CHECK(killed >= kKills / 2);
  CHECK(left_journal >= 1);
}
