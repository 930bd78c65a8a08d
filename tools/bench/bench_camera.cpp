// Benchmark of camera scanning: decode time per frame at 640x480 and
// 1280x720 (p50, p99, frames per second on one core), the decode rate on
// synthetic photos of real badges by condition, and the time from the
// first frame showing a badge to the verdict on the kiosk's screen.
//
// Usage: entree-bench-camera [--scans N] [--guests N] [--dir DIR]
//                            [--kiosk PATH]
// --scans is the frames per condition (100), --guests the guests shown to
// the kiosk's camera one after the other (10).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/badges/badge_render.h"
#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/scan/qr_reader.h"
#include "entree/store/store.h"
#include "synthetic_photos.h"

namespace entree::bench {
namespace {

using Stopwatch = std::chrono::steady_clock;

// Badge faces of `count` made-up guests of one event.
std::vector<BadgeFace> MakeFaces(int count) {
  KeyPair keys = GenerateKeyPair();
  EventId event = NewEventId();
  std::vector<BadgeFace> faces;
  for (int i = 0; i < count; ++i) {
    BadgeFace face;
    face.event_name = "Worldcafé IQ BLVD";
    face.full_name = "Gast " + std::to_string(i);
    face.organisation = "Organisatie " + std::to_string(i);
    face.sector = static_cast<Sector>(i % 4);
    face.sector_word = "Onderwijs";
    face.table_line = "Tafel HR";
    face.code = SignBadgeCode({event, NewUuid(), 1}, keys.secret_key);
    faces.push_back(face);
  }
  return faces;
}

void DecodeTimes(const BadgeLayout& layout, const std::vector<BadgeFace>& faces,
                 int frames) {
  std::printf("%-10s %-7s %10s %10s %10s %12s\n", "frame", "content", "p50 ms",
              "p99 ms", "fps", "found");
  std::mt19937 random(7);
  for (auto [width, height] : {std::pair{640, 480}, std::pair{1280, 720}}) {
    for (bool badge : {true, false}) {
      std::vector<double> ms;
      int found = 0;
      for (int i = 0; i < frames; ++i) {
        LumaImage frame =
            badge ? synthetic::MakeFrame(layout, {faces[i % faces.size()]},
                                         synthetic::Condition::kClean, 3,
                                         width == 640 ? 4 : 6, width, height,
                                         random)
                  : synthetic::EmptyFrame(width, height, random);
        auto start = Stopwatch::now();
        found += static_cast<int>(ReadQrCodes(frame, ReadEffort::kFast).size());
        ms.push_back(MillisSince(start));
      }
      double total = 0;
      for (double m : ms) total += m;
      // An empty frame costs most: every binarizer is tried.
      std::printf("%4dx%-5d %-7s %10.2f %10.2f %10.1f %6d of %d\n", width,
                  height, badge ? "badge" : "empty", Percentile(ms, 0.5),
                  Percentile(ms, 0.99), 1000.0 * frames / total, found,
                  badge ? frames : 0);
      if (!badge) {
        TableRow("camera: decode an empty " + std::to_string(width) + "x" +
                     std::to_string(height) + " frame, frames a second",
                 Fixed(1000.0 * frames / total, 0, "fps"), "target 30 fps");
      }
    }
  }
}

void DecodeRates(const BadgeLayout& layout, const std::vector<BadgeFace>& faces,
                 int frames) {
  std::printf("\ndecode rate, 1280x720 frames, 3 to 6 pixels per module\n");
  std::printf("%-14s %8s %8s\n", "condition", "read", "rate");
  std::mt19937 random(11);
  int all_read = 0, all = 0;
  for (synthetic::Condition condition : synthetic::AllConditions()) {
    int read = 0;
    for (int i = 0; i < frames; ++i) {
      std::vector<BadgeFace> shown = {faces[(2 * i) % faces.size()],
                                      faces[(2 * i + 1) % faces.size()]};
      LumaImage frame = synthetic::MakeFrame(layout, shown, condition, 3, 6,
                                             1280, 720, random);
      std::vector<FoundCode> codes = ReadQrCodes(frame, ReadEffort::kFast);
      size_t wanted = condition == synthetic::Condition::kTwoBadges ? 2 : 1;
      size_t right = 0;
      for (size_t k = 0; k < wanted; ++k) {
        for (const FoundCode& code : codes) {
          if (code.text == shown[k].code) ++right;
        }
      }
      if (right == wanted) ++read;
    }
    all_read += read;
    all += frames;
    std::printf("%-14s %4d/%-3d %7.1f%%\n",
                std::string(synthetic::ToString(condition)).c_str(), read,
                frames, 100.0 * read / frames);
  }
  std::printf("%-14s %4d/%-3d %7.1f%%\n", "all", all_read, all,
              100.0 * all_read / all);
  TableRow("camera: decode rate over ten conditions",
           Fixed(100.0 * all_read / all, 1, "%"), "target 98 %");
}

// The headless kiosk fed frames from files: each guest is out of view for
// more than two seconds, then holds up their badge for a few frames.
void CameraToVerdict(const BadgeLayout& layout, int guests,
                     const BenchOptions& options) {
  std::filesystem::path dir = options.dir / "kiosk";
  std::filesystem::create_directories(dir / "frames");
  std::string db = (dir / "event.db").string();
  constexpr int kFps = 30, kAwayFrames = 75, kShownFrames = 4;
  std::mt19937 random(13);
  int frame_number = 0;
  auto write = [&](const LumaImage& frame) {
    char name[32];
    std::snprintf(name, sizeof name, "f%05d.pgm", frame_number++);
    synthetic::WritePgm(frame, (dir / "frames" / name).string());
  };
  {  // the store closes before the kiosk has the file to itself
    Event named;
    named.name = "Worldcafé IQ BLVD";
    GuestEvent e = MakeGuestEvent(db, named, guests, SystemClock().Now());
    BadgeIssuer issuer(e.store, e.event.id, e.keys.secret_key, "bench");
    auto people = e.store.ListAttendees();
    for (const Attendee& guest : *people) {
      BadgeFace face =
          MakeBadgeFace(
              e.store, guest,
              issuer.BadgeFor(guest.id, false, SystemClock().Now())->code,
              Language::kDutch)
              .value();
      LumaImage away = synthetic::EmptyFrame(1280, 720, random);
      for (int i = 0; i < kAwayFrames; ++i) write(away);
      LumaImage shown =
          synthetic::MakeFrame(layout, {face}, synthetic::Condition::kClean, 4,
                               5, 1280, 720, random);
      for (int i = 0; i < kShownFrames; ++i) write(shown);
    }
  }

  std::string config = (dir / "kiosk.conf").string();
  std::ofstream(config) << "camera_frames = " << (dir / "frames").string()
                        << "\ncamera_fps = " << kFps << "\n";
  std::string script = (dir / "script.txt").string();
  int run_ms = frame_number * 1000 / kFps + 1500;
  std::ofstream(script) << "wait " << run_ms << "\nquit\n";
  std::string timing = (dir / "timing.txt").string();
  int rc = RunKioskHeadless({options.kiosk, "--config", config, "--db", db,
                             "--kiosk", "bench", "--role", "door", "--windowed",
                             "--size", "1280x720", "--script", script,
                             "--timing", timing});
  if (rc != 0) Die("the kiosk exited with " + std::to_string(rc));
  std::vector<double> ms;
  std::ifstream in(timing);
  std::string key;
  while (in >> key) {
    std::string value;
    in >> value;
    if (key == "camera_to_verdict_ms") ms.push_back(std::stod(value));
  }
  std::printf(
      "\nframe to verdict: headless kiosk, 1280x720 frames at %d fps, %d "
      "guests\n",
      kFps, guests);
  std::printf("%-36s %10s %10s %8s\n", "", "p50 ms", "p99 ms", "count");
  std::printf("%-36s %10.1f %10.1f %8zu\n",
              "frame captured to verdict on screen", Percentile(ms, 0.5),
              Percentile(ms, 0.99), ms.size());
  TableRow("camera: frame captured to verdict on screen, p99",
           Fixed(Percentile(ms, 0.99), 1, "ms"), "target under 100 ms");
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree;
  using namespace entree::bench;
  BenchOptions options = ParseBenchOptions(
      argc, argv,
      {1000, 100,
       std::filesystem::temp_directory_path() / "entree-bench-camera",
       ENTREE_KIOSK_PATH});
  int guests = FlagValue(argc, argv, "--guests", 10);
  BadgeLayout layout = LoadBadgeLayout("cr80").value();
  std::vector<BadgeFace> faces = MakeFaces(20);
  std::printf("camera: decode time per frame, one core\n\n");
  DecodeTimes(layout, faces, options.scans);
  DecodeRates(layout, faces, options.scans);
  CameraToVerdict(layout, guests, options);
  return 0;
}
