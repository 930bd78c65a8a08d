// Camera scanning: zxing-cpp on real badges of the renderer under the
// conditions a kiosk camera meets (decode rates asserted), pictures from
// files, and the scanner's worker with file frame sources.
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <thread>

#include "entree/scan/camera.h"
#include "entree/scan/file_frame_source.h"
#include "entree/scan/image_file.h"
#include "entree/scan/qr_reader.h"
#include "support.h"
#include "synthetic_photos.h"

using namespace entree;
using entree::testing::At;
using entree::testing::TempDir;

namespace {

using std::chrono::milliseconds;

// Badge faces of real guests of a signed event.
struct CameraBench : testing::SignedEvent {
  BadgeLayout layout = LoadBadgeLayout("cr80").value();
  std::vector<BadgeFace> faces;

  explicit CameraBench(int guests = 4) {
    for (int i = 0; i < guests; ++i) {
      Attendee a =
          testing::AddAttendee(store, "Gast", "Nummer " + std::to_string(i));
      auto issued = issuer.BadgeFor(a.id, false, At("2026-10-12T15:00:00Z"));
      faces.push_back(
          MakeBadgeFace(store, a, issued->code, Language::kDutch).value());
    }
  }
  // A folder of `frames`: "-" an empty frame, a digit the badge of that
  // guest.
  void WriteFrames(const std::string& folder, const std::string& frames) {
    std::filesystem::create_directories(folder);
    std::mt19937 random(3);
    for (size_t i = 0; i < frames.size(); ++i) {
      LumaImage frame =
          frames[i] == '-'
              ? synthetic::EmptyFrame(640, 480, random)
              : synthetic::MakeFrame(layout, {faces[frames[i] - '0']},
                                     synthetic::Condition::kClean, 4, 4, 640,
                                     480, random);
      char name[32];
      std::snprintf(name, sizeof name, "/frame%03zu.pgm", i);
      synthetic::WritePgm(frame, folder + name);
    }
  }
};

// Waits until `done` holds (at most 15 s).
template <typename Done>
void WaitFor(Done done) {
  for (int tries = 0; tries < 300 && !done(); ++tries) {
    std::this_thread::sleep_for(milliseconds(50));
  }
}

}  // namespace

TEST_CASE("zxing reads a rendered badge and says where its code is",
          "[camera]") {
  CameraBench bench;
  LumaImage badge = synthetic::BadgeInGrey(bench.layout, bench.faces[0], 4);
  std::vector<FoundCode> found = ReadQrCodes(badge, ReadEffort::kFast);
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == bench.faces[0].code);
  double px_per_mm = badge.width / bench.layout.width_mm;
  for (const PixelPoint& corner : found[0].corners) {
    CHECK(corner.x >= bench.layout.qr.x * px_per_mm);
    CHECK(corner.x <= (bench.layout.qr.x + bench.layout.qr.width) * px_per_mm);
  }
  CHECK(ReadQrCodes(LumaImage{}, ReadEffort::kFast).empty());
}

// A badge face whose code has the shape of a badge code (E1 and 148
// base32 characters) but is fixed, so the photos are the same every run.
BadgeFace FixedFace(int seed) {
  constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::mt19937 random(static_cast<unsigned>(seed));
  BadgeFace face;
  face.event_name = "Worldcafé IQ BLVD";
  face.full_name = "Gast " + std::to_string(seed);
  face.code = "E1";
  while (face.code.size() < 150) face.code += kBase32[random() % 32];
  return face;
}

TEST_CASE("synthetic photos of badges decode under every condition",
          "[camera]") {
  CameraBench bench;
  bench.faces = {FixedFace(1), FixedFace(2), FixedFace(3), FixedFace(4)};
  std::mt19937 random(11);
  constexpr int kFramesPerCondition = 12;
  int read_all = 0, all = 0;
  for (synthetic::Condition condition : synthetic::AllConditions()) {
    int read = 0;
    for (int i = 0; i < kFramesPerCondition; ++i) {
      std::vector<BadgeFace> shown = {bench.faces[i % 4],
                                      bench.faces[(i + 1) % 4]};
      LumaImage frame = synthetic::MakeFrame(bench.layout, shown, condition, 3,
                                             6, 1280, 720, random);
      std::vector<FoundCode> codes = ReadQrCodes(frame, ReadEffort::kFast);
      size_t wanted = condition == synthetic::Condition::kTwoBadges ? 2 : 1;
      size_t right = 0;
      for (size_t k = 0; k < wanted; ++k) {
        for (const FoundCode& code : codes) right += code.text == shown[k].code;
      }
      // Never a wrong code: what is read is what was shown.
      CHECK(codes.size() <= wanted);
      read += right == wanted;
    }
    INFO(synthetic::ToString(condition)
         << ": " << read << " of " << kFramesPerCondition);
    CHECK(read >= kFramesPerCondition - 1);
    read_all += read;
    all += kFramesPerCondition;
  }
  INFO(read_all << " of " << all);
  CHECK(read_all * 100 >= all * 98);
}

TEST_CASE("pictures are read from PNG, JPEG and PGM files", "[camera]") {
  CameraBench bench;
  std::string png = bench.dir.File("badge.png");
  testing::WriteFile(png, RenderBadgePng(bench.layout, bench.faces[1]).value());
  std::string pdf = bench.dir.File("badge.pdf");
  testing::WriteFile(pdf, RenderBadgePdf(bench.layout, bench.faces[1]).value());
  REQUIRE(testing::RunProcess({"/usr/bin/pdftoppm", "-r", "200", "-jpeg",
                               "-singlefile", pdf, bench.dir.File("badge")})
              .exit_code == 0);
  std::string pgm = bench.dir.File("badge.pgm");
  synthetic::WritePgm(synthetic::BadgeInGrey(bench.layout, bench.faces[1], 5),
                      pgm);
  for (const std::string& path : {png, bench.dir.File("badge.jpg"), pgm}) {
    INFO(path);
    auto image = LoadImageFile(path);
    REQUIRE(image.ok());
    std::vector<FoundCode> found = ReadQrCodes(*image, ReadEffort::kThorough);
    REQUIRE(found.size() == 1);
    CHECK(found[0].text == bench.faces[1].code);
  }
  testing::WriteFile(bench.dir.File("notes.txt"), "not a picture");
  CHECK(LoadImageFile(bench.dir.File("notes.txt")).status().code() ==
        StatusCode::kInvalidArgument);
  testing::WriteFile(bench.dir.File("cut.png"),
                     testing::ReadFile(png).substr(0, 200));
  CHECK(LoadImageFile(bench.dir.File("cut.png")).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(LoadImageFile(bench.dir.File("missing.png")).status().code() ==
        StatusCode::kIo);
}

TEST_CASE("the scanner reports a code once while it stays in view",
          "[camera]") {
  CameraBench bench;
  std::string folder = bench.dir.File("frames");
  // Guest 0 in view, out for two frames (40 ms), in again; then guest 1.
  bench.WriteFrames(folder, "---00000000--0000---111-");
  CameraScanner scanner(MakeFileFrameSource(folder, 0, 0, 50, /*loop=*/false));
  WaitFor([&] { return scanner.status().state == CameraState::kEnded; });
  REQUIRE(scanner.status().state == CameraState::kEnded);
  CHECK(scanner.status().frames == 24);
  std::vector<SeenCode> seen = scanner.TakeNewCodes();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].text == bench.faces[0].code);
  CHECK(seen[1].text == bench.faces[1].code);
  CHECK(seen[0].captured < seen[1].captured);
  CHECK(scanner.TakeNewCodes().empty());
  CameraView view = scanner.view();
  REQUIRE(view.preview);
  CHECK(view.preview->width == 320);  // 640 made small for the screen
  CHECK(view.frame == 24);
}

TEST_CASE("a camera that is not there is looked for until it comes",
          "[camera]") {
  CameraBench bench;
  std::string folder = bench.dir.File("camera");
  CameraScanner scanner(MakeFileFrameSource(folder, 0, 0, 20, /*loop=*/true));
  WaitFor([&] { return scanner.status().state == CameraState::kAbsent; });
  CHECK(scanner.status().state == CameraState::kAbsent);

  // Plugged in: frames come and the badge is seen.
  bench.WriteFrames(folder, "--2222");
  WaitFor([&] { return scanner.status().state == CameraState::kRunning; });
  CHECK(scanner.status().state == CameraState::kRunning);
  std::vector<SeenCode> seen;
  WaitFor([&] {
    for (SeenCode& code : scanner.TakeNewCodes()) seen.push_back(code);
    return !seen.empty();
  });
  REQUIRE_FALSE(seen.empty());
  CHECK(seen[0].text == bench.faces[2].code);

  // Unplugged mid-event, then plugged back in.
  std::filesystem::remove_all(folder);
  WaitFor([&] { return scanner.status().state == CameraState::kAbsent; });
  CHECK(scanner.status().state == CameraState::kAbsent);
  bench.WriteFrames(folder, "3333");
  WaitFor([&] { return scanner.status().state == CameraState::kRunning; });
  CHECK(scanner.status().state == CameraState::kRunning);
}

TEST_CASE("frames come from a raw grayscale file too", "[camera]") {
  CameraBench bench;
  std::mt19937 random(5);
  std::string raw;
  for (int i = 0; i < 4; ++i) {
    LumaImage frame = i == 0
                          ? synthetic::EmptyFrame(640, 480, random)
                          : synthetic::MakeFrame(bench.layout, {bench.faces[3]},
                                                 synthetic::Condition::kClean,
                                                 4, 4, 640, 480, random);
    raw.append(frame.pixels.begin(), frame.pixels.end());
  }
  testing::WriteFile(bench.dir.File("video.y8"), raw);
  CameraScanner scanner(MakeFileFrameSource(bench.dir.File("video.y8"), 640,
                                            480, 50, /*loop=*/false));
  WaitFor([&] { return scanner.status().state == CameraState::kEnded; });
  CHECK(scanner.status().frames == 4);
  std::vector<SeenCode> seen = scanner.TakeNewCodes();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].text == bench.faces[3].code);
}
