// The kiosk killed with SIGKILL over and over while a scanner feeds it a
// storm of badges: every verdict that reached the screen is in the
// database, no guest is let in twice, the file stays whole, and the kiosk
// comes back to its start screen.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "support.h"

namespace entree {
namespace {

constexpr int kGuests = 10000;
constexpr int kLeastKills = 50;

// The event's guests and their badge codes, made in one transaction.
std::vector<std::pair<Uuid, std::string>> MakeGuests(testing::SignedEvent& e,
                                                     int count = kGuests) {
  std::vector<std::pair<Uuid, std::string>> guests;
  auto transaction = e.store.Begin();
  REQUIRE(transaction.ok());
  for (int i = 0; i < count; ++i) {
    Attendee a;
    a.id = NewUuid();
    a.given_name = "Gast";
    a.family_name = "Nummer " + std::to_string(i);
    a.created_at = a.updated_at = testing::At("2026-10-01T12:00:00Z");
    REQUIRE(e.store.InsertAttendee(a).ok());
    auto badge = e.issuer.BadgeFor(a.id, false, a.created_at);
    REQUIRE(badge.ok());
    guests.emplace_back(a.id, badge->code);
  }
  REQUIRE(transaction->Commit().ok());
  return guests;
}

// Lines of the verdict log: "CHECKIN-ID VERDICT", or "- VERDICT" when the
// scan recorded nothing.
std::vector<std::pair<std::string, std::string>> ShownVerdicts(
    const std::string& path) {
  std::vector<std::pair<std::string, std::string>> shown;
  std::ifstream in(path);
  std::string id, verdict;
  while (in >> id >> verdict) shown.emplace_back(id, verdict);
  return shown;
}

// The size of the file at `path`; 0 when there is none. The verdict log
// grows by one line per verdict shown.
off_t FileSize(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? info.st_size : 0;
}

// Whether the file at `path` holds a whole line after `offset`. A line
// that crosses a page boundary is seen to grow in two steps, so a larger
// size alone does not mean the line is there.
bool LineAfter(const std::string& path, off_t offset) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buffer[512];
  ssize_t n = ::pread(fd, buffer, sizeof buffer, offset);
  ::close(fd);
  return n > 0 && std::memchr(buffer, '\n', static_cast<size_t>(n));
}

// One run of the kiosk at the door, reading codes from the FIFO `scanner`.
class KioskRun {
 public:
  KioskRun(const std::string& db, const std::string& scanner,
           const std::string& log, const std::string& output)
      : pid_(testing::StartHeadless(
            {ENTREE_KIOSK_PATH, "--db", db, "--kiosk", "door-1", "--role",
             "door", "--windowed", "--size", "640x360", "--scanner", scanner,
             "--verdict-log", log},
            output)) {}
  ~KioskRun() { Kill(); }
  // SIGKILL, as a pulled plug; then reaps the process.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
};

// Doors open all the time, so the kiosk runs on today's clock.
void OpenAllTheTime(testing::SignedEvent& e) {
  Event open = e.event;
  open.doors_open_at.reset();
  open.starts_at.reset();
  open.ends_at.reset();
  REQUIRE(e.store.UpdateEvent(open).ok());
}

// Waits up to 10 s for a whole line after `offset` in the file at `path`.
bool WaitForLineAfter(const std::string& path, off_t offset) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!LineAfter(path, offset)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Check-in rows in the file at `path` alone: it is opened read-only as a
// copy would be, with no journal beside it.
int64_t CheckinsInFile(const std::string& path) {
  std::string copy = path + ".copy";
  std::filesystem::copy_file(path, copy,
                             std::filesystem::copy_options::overwrite_existing);
  auto store = Store::Open(copy);
  REQUIRE(store.ok());
  auto rows = store->ListCheckins();
  REQUIRE(rows.ok());
  return static_cast<int64_t>(rows->size());
}

}  // namespace

TEST_CASE("a kiosk whose file is moved or replaced keeps what it showed in it",
          "[kiosk][crash]") {
  testing::SignedEvent e;
  OpenAllTheTime(e);
  std::vector<std::pair<Uuid, std::string>> guests = MakeGuests(e, 2);
  std::string db = e.dir.File("event.db");
  std::string other = e.dir.File("other.db");
  e.store = Store::Open(other).value();  // closes event.db
  std::string fifo = e.dir.File("scanner.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string log = e.dir.File("shown.log");
  std::string output = e.dir.File("kiosk.out");
  bool replace = GENERATE(false, true);
  INFO((replace ? "moved, another file put in its place" : "moved"));

  KioskRun kiosk(db, fifo, log, output);
  int scanner = testing::OpenFifoWriter(fifo, std::chrono::seconds(20));
  INFO(testing::ReadFile(output));
  REQUIRE(scanner >= 0);
  std::string first = guests[0].second + "\n";
  REQUIRE(::write(scanner, first.data(), first.size()) ==
          static_cast<ssize_t>(first.size()));
  REQUIRE(WaitForLineAfter(log, 0));
  REQUIRE(ShownVerdicts(log).at(0).second == "welcome");

  std::string moved = e.dir.File("moved.db");
  {
    // Moved and the plug pulled the moment the verdict showed, before the
    // kiosk's watch looked: the row is in the file itself all the same.
    testing::TempDir away;
    std::string snapshot = away.File("snapshot.db");
    REQUIRE(::link(db.c_str(), snapshot.c_str()) == 0);
    CHECK(CheckinsInFile(snapshot) == 1);
    // And the log beside it is empty: nothing of it could be replayed into
    // a file put in this one's place.
    CHECK(FileSize(db + "-wal") == 0);
  }
  REQUIRE(::rename(db.c_str(), moved.c_str()) == 0);
  if (replace) {
    e.store = Store::Open(e.dir.File("unused.db")).value();  // closes other
    std::filesystem::copy_file(other, db);
  }
  // The kiosk notices within its watch and stops the door.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (testing::ReadFile(output).find(
             replace ? "was replaced" : "was deleted") == std::string::npos) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(CheckinsInFile(moved) == 1);

  // The next guest is shown no verdict, and nothing is written anywhere.
  off_t shown_before = FileSize(log);
  std::string second = guests[1].second + "\n";
  REQUIRE(::write(scanner, second.data(), second.size()) ==
          static_cast<ssize_t>(second.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kiosk.Kill();
  ::close(scanner);
  CHECK(FileSize(log) == shown_before);
  CHECK(CheckinsInFile(moved) == 1);
  if (replace) CHECK(CheckinsInFile(db) == 0);
}

TEST_CASE("a kiosk whose log is deleted keeps each green it shows in its file",
          "[kiosk][crash]") {
  testing::SignedEvent e;
  OpenAllTheTime(e);
  std::vector<std::pair<Uuid, std::string>> guests = MakeGuests(e, 3);
  std::string db = e.dir.File("event.db");
  e.store = Store::Open(e.dir.File("other.db")).value();  // closes event.db
  std::string fifo = e.dir.File("scanner.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string log = e.dir.File("shown.log");
  KioskRun kiosk(db, fifo, log, e.dir.File("kiosk.out"));
  int scanner = testing::OpenFifoWriter(fifo, std::chrono::seconds(20));
  REQUIRE(scanner >= 0);
  for (int i = 0; i < 3; ++i) {
    // The write-ahead log (and its index) deleted under the running kiosk,
    // then a guest scanned and the plug pulled the moment it shows.
    std::filesystem::remove(db + "-wal");
    std::filesystem::remove(db + "-shm");
    off_t shown_before = FileSize(log);
    std::string line = guests[i].second + "\n";
    REQUIRE(::write(scanner, line.data(), line.size()) ==
            static_cast<ssize_t>(line.size()));
    REQUIRE(WaitForLineAfter(log, shown_before));
  }
  kiosk.Kill();
  ::close(scanner);
  auto shown = ShownVerdicts(log);
  REQUIRE(shown.size() == 3);
  for (const auto& [id, verdict] : shown) CHECK(verdict == "welcome");
  CHECK(CheckinsInFile(db) == 3);
}

TEST_CASE("a kiosk on a full disk shows no verdict and opens again with room",
          "[kiosk][crash]") {
  testing::SignedEvent e;
  OpenAllTheTime(e);
  std::vector<std::pair<Uuid, std::string>> guests = MakeGuests(e, 2);
  std::string db = e.dir.File("event.db");
  e.store = Store::Open(e.dir.File("other.db")).value();  // closes event.db
  // The kiosk's file on a small tmpfs of its own, filled up after the
  // kiosk opened it, emptied again later.
  std::string script = R"sh(
    fs="$1/fs"; mkdir -p "$fs"
    mount -t tmpfs -o size=4m tmpfs "$fs"
    cp "$1/event.db" "$fs/event.db"
    mkfifo "$fs/scanner"
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software \
      "$KIOSK" --db "$fs/event.db" --kiosk door-1 --role door --windowed \
      --size 640x360 --scanner "$fs/scanner" --verdict-log "$1/shown.log" \
      2>"$1/kiosk.log" &
    kiosk=$!
    exec 3>"$fs/scanner"
    head -c 8m /dev/zero >"$fs/filler" 2>/dev/null || true
    echo "$2" >&3
    for _ in $(seq 200); do
      grep -q "disk is full" "$1/kiosk.log" && break; sleep 0.05
    done
    sleep 4.5
    echo "writable while full: $(grep -c 'can be written again' "$1/kiosk.log")"
    rm "$fs/filler"
    for _ in $(seq 200); do
      grep -q "can be written again" "$1/kiosk.log" && break; sleep 0.05
    done
    echo "$3" >&3
    for _ in $(seq 200); do [ -s "$1/shown.log" ] && break; sleep 0.05; done
    kill "$kiosk"; wait "$kiosk" || true
  )sh";
  std::vector<std::string> argv = {"/usr/bin/unshare", "--mount"};
  if (::geteuid() != 0) argv.push_back("--map-root-user");
  for (const std::string& word :
       {std::string("/bin/bash"), std::string("-euc"), script,
        std::string("full-disk"), e.dir.path(), guests[0].second,
        guests[1].second}) {
    argv.push_back(word);
  }
  testing::ProcessResult r =
      testing::RunProcess(argv, "",
                          {"ENTREE_LANG=en", "KIOSK=" ENTREE_KIOSK_PATH,
                           "ASAN_OPTIONS=detect_leaks=0"});
  std::string log = testing::ReadFile(e.dir.File("kiosk.log"));
  INFO(r.out << r.err << log);
  REQUIRE(r.exit_code == 0);
  CHECK(log.find("the disk is full") != std::string::npos);
  // Never "writable" while the disk was full; once room came, it was.
  CHECK(r.out.find("writable while full: 0") != std::string::npos);
  CHECK(log.find("can be written again") != std::string::npos);
  // The first guest saw no verdict; the second was let in.
  auto shown = ShownVerdicts(e.dir.File("shown.log"));
  REQUIRE(shown.size() == 1);
  CHECK(shown[0].second == "welcome");
}

TEST_CASE("a kiosk killed again and again loses no verdict it showed",
          "[kiosk][crash]") {
  testing::SignedEvent e;
  OpenAllTheTime(e);
  std::vector<std::pair<Uuid, std::string>> guests = MakeGuests(e);
  std::string db = e.dir.File("event.db");
  e.store = Store::Open(e.dir.File("other.db")).value();  // closes event.db
  std::string fifo = e.dir.File("scanner.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string log = e.dir.File("shown.log");
  std::string output = e.dir.File("kiosk.out");

  std::random_device device;
  unsigned seed = device();
  INFO("seed " << seed);
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> scans_per_run(20, 300);
  std::uniform_int_distribution<int> late_us(0, 4000);

  int next = 0;  // the first guest whose verdict was not seen yet
  int kills = 0;
  while (next < kGuests || kills < kLeastKills) {
    KioskRun kiosk(db, fifo, log, output);
    if (next >= kGuests) {
      // Killed while starting up, with nothing to scan.
      std::this_thread::sleep_for(std::chrono::microseconds(late_us(random)));
      kiosk.Kill();
      ++kills;
      continue;
    }
    int scanner = testing::OpenFifoWriter(fifo, std::chrono::seconds(20));
    INFO(testing::ReadFile(output));
    REQUIRE(scanner >= 0);
    int stop_after = next + scans_per_run(random);
    for (; next < kGuests; ++next) {
      off_t shown_before = FileSize(log);
      std::string line = guests[next].second + "\n";
      REQUIRE(::write(scanner, line.data(), line.size()) ==
              static_cast<ssize_t>(line.size()));
      if (next == stop_after) {
        // Pulled while this scan is on its way: it is sent again after
        // the restart, as a guest would show their badge again.
        std::this_thread::sleep_for(std::chrono::microseconds(late_us(random)));
        break;
      }
      auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!LineAfter(log, shown_before)) {
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    }
    kiosk.Kill();
    ::close(scanner);
    ++kills;
  }
  CHECK(kills >= kLeastKills);

  // Back to the start screen after the last kill.
  std::string script = e.dir.File("script.txt");
  testing::WriteFile(script, "wait 800\nexpect attract\nquit\n");
  testing::ProcessResult last = testing::RunProcess(
      {ENTREE_KIOSK_PATH, "--db", db, "--kiosk", "door-1", "--role", "door",
       "--windowed", "--size", "640x360", "--script", script},
      "",
      {"SDL_VIDEODRIVER=offscreen", "SDL_AUDIODRIVER=dummy",
       "SDL_RENDER_DRIVER=software", "ASAN_OPTIONS=detect_leaks=0"});
  INFO(last.err);
  CHECK(last.exit_code == 0);

  auto store = Store::Open(db);
  REQUIRE(store.ok());
  auto integrity = StoreInspector::Db(*store).Prepare("PRAGMA integrity_check");
  REQUIRE(integrity.ok());
  REQUIRE(integrity->Step().ok());
  CHECK(integrity->ColumnText(0) == "ok");

  // Every verdict that was on screen is in the database as shown.
  auto shown = ShownVerdicts(log);
  CHECK(shown.size() >= static_cast<size_t>(kGuests));
  int lost = 0;
  for (const auto& [id, verdict] : shown) {
    if (id == "-") continue;
    auto uuid = ParseUuid(id);
    REQUIRE(uuid);
    auto row = store->GetCheckin(*uuid);
    if (!row.ok() || ToString(row->verdict) != verdict) ++lost;
  }
  CHECK(lost == 0);

  // Every guest was let in exactly once.
  std::map<std::string, int> admissions;
  auto rows = store->ListCheckins();
  REQUIRE(rows.ok());
  for (const CheckinRecord& row : *rows) {
    if (row.verdict == Verdict::kWelcome)
      ++admissions[ToString(row.attendee_id)];
  }
  CHECK(admissions.size() == static_cast<size_t>(kGuests));
  int doubled = 0;
  for (const auto& [attendee, count] : admissions) doubled += count > 1;
  CHECK(doubled == 0);
  std::printf("crash test: %d kills, %zu verdicts shown, %d lost, %d doubled\n",
              kills, shown.size(), lost, doubled);
}

}  // namespace entree
