// The real kiosk binary, headless (SDL offscreen), fed a scan as a wedge
// scanner would send it; the database and a screenshot are checked after.
#include <catch2/catch.hpp>
#include <cstdint>

#include "support.h"

using entree::testing::ProcessResult;
using entree::testing::ReadFile;
using entree::testing::RunProcess;
using entree::testing::TempDir;

namespace {

// The colour of pixel (x, y) of a 32-bit BMP as 0xRRGGBB.
uint32_t BmpPixel(const std::string& bmp, int x, int y) {
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
  ProcessResult Kiosk(std::vector<std::string> args) const {
    args.insert(args.begin(), {ENTREE_KIOSK_PATH, "--db", db, "--kiosk", "k1",
                               "--quit-after-ms", "300"});
    // SDL dlopens system libraries (EGL, X11 helpers) that leak at exit and
    // are unloaded before LeakSanitizer can name them, so leak checking is
    // off for the kiosk process; address and UB checks stay on.
    return RunProcess(
        args, "",
        {"SDL_VIDEODRIVER=offscreen", "SDL_RENDER_DRIVER=software",
         "ASAN_OPTIONS=detect_leaks=0"});
  }
};

}  // namespace

TEST_CASE("the headless kiosk checks a scanned badge in", "[kiosk]") {
  Event e;
  REQUIRE(e.Cli({"init", "--name", "Worldcafé IQ BLVD"}).exit_code == 0);
  REQUIRE(e.Cli({"keygen"}).exit_code == 0);
  REQUIRE(e.Cli({"import", std::string(ENTREE_ASSETS_DIR) +
                               "/demo/worldcafe-iq-blvd.csv"})
              .exit_code == 0);
  std::string code = e.Cli({"token", "WC-006"}).out;
  code.pop_back();

  std::string shot = e.dir.File("welcome.bmp");
  ProcessResult run = e.Kiosk({"--scan", code, "--screenshot", shot});
  REQUIRE(run.exit_code == 0);
  CHECK(BmpPixel(ReadFile(shot), 5, 5) == 0x1B7F3B);  // welcome green

  ProcessResult stats = e.Cli({"stats", "--json"});
  CHECK(stats.out.find(
            "\"total\":{\"expected\":60,\"arrived\":1,\"inside\":1}") !=
        std::string::npos);

  // The same badge later at another kiosk: amber "already inside".
  std::string again = e.dir.File("again.bmp");
  ProcessResult second =
      e.Kiosk({"--kiosk", "k2", "--scan", code, "--screenshot", again});
  REQUIRE(second.exit_code == 0);
  CHECK(BmpPixel(ReadFile(again), 5, 5) == 0xB86E00);

  // A torn label: red, nothing recorded.
  std::string torn = e.dir.File("torn.bmp");
  REQUIRE(
      e.Kiosk({"--scan", code.substr(0, 90), "--screenshot", torn}).exit_code ==
      0);
  CHECK(BmpPixel(ReadFile(torn), 5, 5) == 0xA3162B);
}

TEST_CASE("a kiosk without a usable database shows the staff screen",
          "[kiosk]") {
  Event e;
  std::string shot = e.dir.File("fault.bmp");
  ProcessResult run = e.Kiosk({"--screenshot", shot});
  CHECK(run.exit_code == 0);
  CHECK(BmpPixel(ReadFile(shot), 5, 5) == 0x1F2A44);
  CHECK(run.err.find("not ready") != std::string::npos);
}
