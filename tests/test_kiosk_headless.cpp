// The real kiosk binary, headless (SDL offscreen), driven by a script of
// real SDL events: a wedge scanner's keystroke burst, a person typing, taps
// on the on-screen keyboard. The database and screenshots of every screen
// are checked afterwards; the screenshots stay in tests/screens of the
// build directory.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <random>

#include "entree/badges/badge_layout.h"
#include "support.h"
#include "synthetic_photos.h"
#include "theme.h"

using entree::testing::ProcessResult;
using entree::testing::ReadFile;
using entree::testing::RunProcess;
using entree::testing::TempDir;
using entree::testing::WriteFile;

namespace {

const std::string kScreens = ENTREE_SCREENSHOT_DIR;

// The colour of pixel (x, y) of a 32-bit BMP as 0xRRGGBB.
uint32_t BmpPixel(const std::string& path, int x, int y) {
  std::string bmp = ReadFile(path);
  auto u32 = [&](size_t at) {
    return static_cast<uint32_t>(static_cast<uint8_t>(bmp[at])) |
           static_cast<uint32_t>(static_cast<uint8_t>(bmp[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(bmp[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<uint8_t>(bmp[at + 3])) << 24;
  };
  REQUIRE(bmp.size() > 54);
  uint32_t offset = u32(10);
  int width = static_cast<int>(u32(18));
  int height = static_cast<int>(u32(22));
  int row = height > 0 ? height - 1 - y : y;  // bottom-up unless negative
  size_t at = offset + (static_cast<size_t>(row) * width + x) * 4;
  REQUIRE(at + 4 <= bmp.size());
  return u32(at) & 0xFFFFFF;
}

struct Event {
  TempDir dir;
  std::string db = dir.File("event.db");
  ProcessResult Cli(std::vector<std::string> args) const {
    args.insert(args.begin(), {ENTREE_CLI_PATH, "--db", db});
    return RunProcess(args, "", {"ENTREE_LANG=en"});
  }
  std::string Out(std::vector<std::string> args) const {
    ProcessResult r = Cli(std::move(args));
    REQUIRE(r.exit_code == 0);
    return r.out.substr(0, r.out.find('\n'));
  }
  void Prepare() const {
    REQUIRE(Cli({"init", "--name", "Worldcafé IQ BLVD"}).exit_code == 0);
    REQUIRE(Cli({"keygen"}).exit_code == 0);
    REQUIRE(Cli({"import", std::string(ENTREE_ASSETS_DIR) +
                               "/demo/worldcafe-iq-blvd.csv"})
                .exit_code == 0);
  }
  ProcessResult Kiosk(std::vector<std::string> args, const std::string& script,
                      const std::string& machine_zone = "") const {
    std::string script_path = dir.File("script.txt");
    WriteFile(script_path, script);
    args.insert(args.begin(),
                {ENTREE_KIOSK_PATH, "--db", db, "--kiosk", "k1", "--windowed",
                 "--size", "1280x720", "--script", script_path});
    // SDL dlopens system libraries that leak at exit and are unloaded
    // before LeakSanitizer can name them, so leak checking is off for the
    // kiosk process; address and UB checks stay on.
    std::vector<std::string> env = {
        "SDL_VIDEODRIVER=offscreen", "SDL_AUDIODRIVER=dummy",
        "SDL_RENDER_DRIVER=software", "ASAN_OPTIONS=detect_leaks=0"};
    if (!machine_zone.empty()) env.push_back("TZ=" + machine_zone);
    return RunProcess(args, "", env);
  }
};

std::string Shot(const std::string& name) { return kScreens + "/" + name; }

}  // namespace

TEST_CASE("the headless kiosk at the door and at registration", "[kiosk]") {
  std::filesystem::create_directories(kScreens);
  Event e;
  e.Prepare();
  std::string frank = e.Out({"token", "WC-010"});
  std::string pin_hash = e.Out({"pin", "2468"});

  std::string script =
      "wait 300\n"
      "expect attract\n"
      "shot " +
      Shot("01-attract.bmp") +
      "\n"
      "scan " +
      frank +
      "\n"
      "wait 500\n"
      "expect verdict\n"
      "shot " +
      Shot("02-verdict-welcome.bmp") +
      "\n"
      "wait 3800\n"
      "scan " +
      frank +
      "\n"
      "wait 500\n"
      "shot " +
      Shot("03-verdict-already-inside.bmp") +
      "\n"
      "wait 3800\n"
      "scan " +
      frank.substr(0, 90) +
      "\n"
      "wait 500\n"
      "shot " +
      Shot("04-verdict-invalid.bmp") +
      "\n"
      "wait 3800\n"
      "press register\n"
      "press key:g\npress key:e\npress key:l\npress key:d\n"
      "wait 100\n"
      "expect find\n"
      "shot " +
      Shot("05-find.bmp") +
      "\n"
      "press match:0\n"
      "wait 500\n"
      "expect badge\n"
      "shot " +
      Shot("06-badge.bmp") +
      "\n"
      "press done\n"
      "wait 3800\n"
      "press register\n"
      "press walk_in\n"
      "type Noor\n"
      "press field:family_name\n"
      "type van Dam\n"
      "press sector:education\n"
      "wait 100\n"
      "expect walk_in\n"
      "shot " +
      Shot("07-walk-in.bmp") +
      "\n"
      "press make_badge\n"
      "wait 500\n"
      "expect badge\n"
      "press consent\n"
      "shot " +
      Shot("07b-walk-in-badge.bmp") +
      "\n"
      "press done\n"
      "wait 3800\n"
      "key escape\nkey f4+alt\nkey q+ctrl\n"
      "expect attract\n"
      "press staff\n"
      "press pin:2\npress pin:4\npress pin:6\npress pin:8\n"
      "wait 100\n"
      "shot " +
      Shot("08-pin.bmp") +
      "\n"
      "press pin:ok\n"
      "wait 300\n"
      "expect staff\n"
      "shot " +
      Shot("09-staff.bmp") +
      "\n"
      "press quit\n"
      "press confirm\n";
  ProcessResult run = e.Kiosk({"--pin-hash", pin_hash}, script);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  CHECK(BmpPixel(Shot("01-attract.bmp"), 5, 5) == entree::kiosk::theme::kPanel);
  CHECK(BmpPixel(Shot("02-verdict-welcome.bmp"), 5, 5) ==
        entree::kiosk::theme::kVerdictGo);
  CHECK(BmpPixel(Shot("03-verdict-already-inside.bmp"), 5, 5) ==
        entree::kiosk::theme::kVerdictAttention);
  CHECK(BmpPixel(Shot("04-verdict-invalid.bmp"), 5, 5) ==
        entree::kiosk::theme::kVerdictStop);
  // The badge on screen is the printed badge, and its QR reads back from the
  // screenshot as the code of the guest who found their invitation.
  std::vector<std::string> codes =
      entree::testing::DecodeQrCodes(Shot("06-badge.bmp"));
  REQUIRE(codes.size() == 1);
  ProcessResult verified = e.Cli({"verify", codes.front(), "--json"});
  CHECK(verified.out.find("\"family_name\":\"de Gelder\"") !=
        std::string::npos);

  ProcessResult stats = e.Cli({"stats", "--json"});
  CHECK(stats.out.find("\"total\":{\"expected\":61,\"arrived\":3,"
                       "\"inside\":3},\"walk_ins\":1") != std::string::npos);
  ProcessResult walk_in = e.Cli({"search", "noor dam", "--json"});
  CHECK(walk_in.out.find("\"sector\":\"education\"") != std::string::npos);
  CHECK(walk_in.out.find("\"source\":\"walk_in\"") != std::string::npos);
}

TEST_CASE("a megabyte name in the file is drawn cut, without hanging",
          "[kiosk][hardening]") {
  Event e;
  e.Prepare();
  std::string code = e.Out({"token", "WC-010"});
  // A name no import or sync lets in, written past the store as a damaged
  // or foreign file could hold it.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(e.db.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "UPDATE attendee SET given_name = ?1 WHERE "
                             "external_id = 'WC-010'",
                             -1, &stmt, nullptr) == SQLITE_OK);
  std::string huge;
  while (huge.size() < (1u << 20)) huge += "Jérôme Müller ";
  sqlite3_bind_text(stmt, 1, huge.c_str(), static_cast<int>(huge.size()),
                    SQLITE_TRANSIENT);
  REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
  sqlite3_finalize(stmt);
  sqlite3_close(db);

  // Scanned twice: keystrokes pushed on a busy machine may reach the kiosk
  // too far apart to be one scan; the second is then the scan (or, within
  // the bounce window, shows the first verdict again).
  ProcessResult run = e.Kiosk(
      {}, "wait 300\nexpect attract\nscan " + code + "\nwait 500\nscan " +
              code + "\nwait 500\nexpect verdict\nwait 200\nquit\n");
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(e.Out({"stats", "--json"}).find("\"arrived\":1") != std::string::npos);
}

TEST_CASE("key combinations and gestures never leave the kiosk",
          "[kiosk][lockdown]") {
  Event e;
  e.Prepare();
  std::string last = e.dir.File("still-here.bmp");
  // Each attempt, then the screen it must still show. Closing the window
  // (what a window manager does on Alt+F4) and every key the desktop uses
  // to switch, close or log out do nothing; a long press on nothing and
  // swipes with three and four fingers press nothing.
  std::string script =
      "wait 300\n"
      "key tab+alt\nkey f4+alt\nkey backspace+ctrl+alt\nkey escape\n"
      "key super\nkey d+super\nkey q+ctrl\nkey w+ctrl\nkey f11\n"
      "close\n"
      "touch 640 600 2000\n"
      "swipe 200 400 1000 400 3\n"
      "swipe 1000 200 200 200 4\n"
      "wait 300\nexpect attract\n"
      "press register\nwait 200\nexpect find\n"
      "key tab+alt\nkey f4+alt\nkey escape\nclose\n"
      "swipe 200 600 1000 600 3\n"
      "wait 300\nexpect find\n"
      "shot " +
      last + "\nquit\n";
  ProcessResult run = e.Kiosk({}, script);
  INFO(run.err);
  CHECK(run.exit_code == 0);
  // The last screenshot proves the kiosk was still running at the end.
  CHECK(std::filesystem::exists(last));
}

TEST_CASE("a kiosk without a database asks for its setup code", "[kiosk]") {
  std::filesystem::create_directories(kScreens);
  Event e;
  ProcessResult run = e.Kiosk(
      {}, "wait 300\nexpect setup\nshot " + Shot("10-setup.bmp") +
              "\ntype ABCD\npress connect\nwait 100\nexpect setup\nquit\n");
  CHECK(run.exit_code == 0);
  CHECK(BmpPixel(Shot("10-setup.bmp"), 5, 5) ==
        entree::kiosk::theme::kBackground);
  CHECK_FALSE(std::filesystem::exists(e.db));  // nothing was created
}

TEST_CASE("a kiosk with a database it cannot use shows the staff screen",
          "[kiosk]") {
  std::filesystem::create_directories(kScreens);
  Event e;
  entree::testing::WriteFile(e.db, "not a database");
  ProcessResult run = e.Kiosk(
      {}, "wait 300\nexpect fault\nshot " + Shot("10-fault.bmp") + "\nquit\n");
  CHECK(run.exit_code == 0);
  CHECK(BmpPixel(Shot("10-fault.bmp"), 5, 5) == entree::kiosk::theme::kPanel);
}

TEST_CASE("the headless kiosk checks a guest in from camera frames",
          "[kiosk][camera]") {
  std::filesystem::create_directories(kScreens);
  Event e;
  e.Prepare();
  // Frames as a camera would send them: the room, then a guest holding up
  // the badge the CLI made for her.
  entree::BadgeFace face;
  face.event_name = "Worldcafé IQ BLVD";
  face.full_name = "Marjolein de Gelder";
  face.code = e.Out({"token", "Marjolein"});
  entree::BadgeLayout layout = entree::LoadBadgeLayout("cr80").value();
  std::string frames = e.dir.File("frames");
  std::filesystem::create_directories(frames);
  std::mt19937 random(9);
  for (int i = 0; i < 10; ++i) {
    entree::LumaImage frame =
        i < 4 ? entree::synthetic::EmptyFrame(640, 480, random)
              : entree::synthetic::MakeFrame(
                    layout, {face}, entree::synthetic::Condition::kRotated, 4,
                    4, 640, 480, random);
    entree::synthetic::WritePgm(
        frame, frames + "/f" + std::to_string(10 + i) + ".pgm");
  }
  ProcessResult run = e.Kiosk({"--camera-frames", frames},
                              "wait 3000\n"
                              "expect verdict\n"
                              "shot " +
                                  Shot("11-camera-verdict.bmp") +
                                  "\n"
                                  "wait 3500\n"
                                  "expect attract\n"
                                  "shot " +
                                  Shot("12-attract-camera.bmp") +
                                  "\n"
                                  "quit\n");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(BmpPixel(Shot("11-camera-verdict.bmp"), 5, 5) ==
        entree::kiosk::theme::kVerdictGo);
  // One check-in, however many frames showed the badge.
  ProcessResult stats = e.Cli({"stats", "--json"});
  CHECK(stats.out.find("\"arrived\":1,") != std::string::npos);
  ProcessResult list = e.Cli({"export", "--format", "json"});
  CHECK(list.out.find("de Gelder") != std::string::npos);
}

TEST_CASE("a kiosk shows the venue's time whatever its machine's clock zone",
          "[kiosk]") {
  // Before the doors open the door says when they do: the same picture on
  // machines set to UTC, Amsterdam and New York, and another picture for
  // doors an hour later, so the time is really on the screen.
  auto not_open_screen = [](const std::string& doors,
                            const std::string& machine) {
    Event e;
    REQUIRE(
        e.Cli({"init", "--name", "Kerstcafé", "--timezone", "Europe/Amsterdam",
               "--doors-open", doors, "--ends", "2099-01-01T00:00"})
            .exit_code == 0);
    REQUIRE(e.Cli({"keygen"}).exit_code == 0);
    REQUIRE(e.Cli({"import", std::string(ENTREE_ASSETS_DIR) +
                                 "/demo/worldcafe-iq-blvd.csv"})
                .exit_code == 0);
    std::string code = e.Out({"token", "WC-010"});
    std::string shot = e.dir.File("not-open.bmp");
    ProcessResult run = e.Kiosk(
        {}, "wait 300\nscan " + code + "\nwait 300\nshot " + shot + "\nquit\n",
        machine);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    std::string picture = ReadFile(shot);
    REQUIRE(picture.size() > 1000);
    return picture;
  };
  std::string amsterdam =
      not_open_screen("2098-12-10T15:30", "Europe/Amsterdam");
  CHECK(not_open_screen("2098-12-10T15:30", "UTC") == amsterdam);
  CHECK(not_open_screen("2098-12-10T15:30", "America/New_York") == amsterdam);
  CHECK(not_open_screen("2098-12-10T16:30", "Europe/Amsterdam") != amsterdam);
}
