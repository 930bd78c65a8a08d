// Staff mode's live numbers and the export to a USB stick.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "entree/people/export_targets.h"
#include "kiosk_fixture.h"

namespace entree {

using testing::KioskFixture;

TEST_CASE("staff see who arrived, how fast, and who is missing", "[kiosk]") {
  KioskFixture f;
  f.Scan(f.CodeFor(f.marjolein));
  f.Advance(3100);
  f.EnterStaffMode();
  f.Tap("dashboard");
  REQUIRE(f.app->ScreenName() == "dashboard");
  CHECK(f.HasText("1 van 2 aangekomen · 1 binnen · 0 walk-ins"));
  CHECK(f.HasText("Nog niet aangekomen: 1"));
  CHECK(f.HasText("Gerrit Bügel"));
  CHECK_FALSE(f.HasText("Marjolein de Gelder ·"));
  CHECK(f.HasText("Human Capital"));
  kiosk::Scene scene = f.app->Compose(f.layout);
  REQUIRE(scene.image.has_value());
  REQUIRE(scene.image->image);
  CHECK(scene.image->image->width == scene.image->box.w);

  // Another door lets Gerrit in; the dashboard follows by itself.
  {
    auto store = Store::Open(f.db);
    auto gerrit = store->SearchAttendees("bugel", 1);
    REQUIRE(gerrit->size() == 1);
    REQUIRE(store
                ->AppendCheckin(testing::Checkin(gerrit->front().id,
                                                 "2026-10-12T17:00:05Z"))
                .ok());
  }
  f.Advance(2100);
  // It counts away from the screen's thread: give it a moment.
  for (int tries = 0; tries < 200 && !f.HasText("2 van 2"); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    f.Advance(10);
  }
  CHECK(f.HasText("2 van 2 aangekomen"));
  CHECK(f.HasText("Nog niet aangekomen: 0"));
  CHECK_FALSE(f.HasText("Gerrit Bügel"));

  f.Tap("lang:en");
  CHECK(f.HasText("2 of 2 arrived"));
  f.Tap("back");
  CHECK(f.app->ScreenName() == "staff");
}

TEST_CASE("staff export the attendance files to a USB stick", "[kiosk]") {
  testing::TempDir mount;
  std::string stick = mount.File("USB STICK");
  std::filesystem::create_directory(stick);
  KioskFixture f(KioskRole::kBoth, "", "", "", "", stick);
  f.EnterStaffMode();
  f.Tap("export");
  REQUIRE(f.app->ScreenName() == "export");
  CHECK(f.HasText("Waar moeten ze heen?"));
  CHECK(f.HasText(stick));
  f.Tap("target:0");
  for (int tries = 0; tries < 200 && !f.HasText("Geschreven naar"); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    f.Advance(20);
  }
  REQUIRE(f.HasText("Geschreven naar " + stick));
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(stick)) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() == 3);  // no temporary file left
  CHECK(files[0] == "worldcafe-iq-blvd-20261012-1900-aanwezigheid.csv");
  CHECK(files[1] == "worldcafe-iq-blvd-20261012-1900-rapport.pdf");
  CHECK(files[2] == "worldcafe-iq-blvd-20261012-1900-werkmap.xlsx");
  for (const std::string& file : files) CHECK(f.HasText(file));
  std::string report = testing::PdfText(stick + "/" + files[1]);
  INFO(report);
  CHECK(std::regex_search(report, std::regex("0 ?/ ?2")));

  SECTION("a stick pulled out before the export is said so, calmly") {
    std::filesystem::remove_all(stick);
    f.Tap("target:0");
    for (int tries = 0; tries < 200 && !f.HasText("Kon niet"); ++tries) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      f.Advance(20);
    }
    CHECK(f.HasText("Kon niet schrijven naar " + stick));
    CHECK(f.app->ScreenName() == "export");
    f.Advance(1100);
    CHECK(f.HasText("Steek een USB-stick in"));
  }
}

TEST_CASE("USB sticks are found in the mount table", "[kiosk]") {
  // A real mount point under /mnt stands in for a stick.
  std::string mounted = "/mnt/entree-test-" + std::to_string(::getpid());
  REQUIRE(std::filesystem::create_directory(mounted));
  std::string spaced = mounted + " 2";
  REQUIRE(std::filesystem::create_directory(spaced));
  testing::TempDir extra;
  std::string table =
      "proc /proc proc rw 0 0\n"
      "/dev/sda1 / ext4 rw 0 0\n"
      "/dev/sdb1 " +
      mounted +
      " vfat rw 0 0\n"
      "/dev/sdc1 " +
      mounted +
      "\\0402 vfat rw 0 0\n"
      "/dev/sdd1 /media/not-there vfat rw 0 0\n"
      "/dev/sdb1 " +
      mounted +
      " vfat rw 0 0\n"
      "garbage\n";
  std::vector<std::string> targets = ExportTargets(table, extra.path());
  std::filesystem::remove(mounted);
  std::filesystem::remove(spaced);
  CHECK(targets == std::vector<std::string>{mounted, spaced, extra.path()});
  CHECK(ExportTargets("", "/no/such/dir").empty());
}

}  // namespace entree
