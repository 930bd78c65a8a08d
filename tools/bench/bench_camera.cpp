// Benchmark of camera scanning: decode time per frame at 640x480 and
// 1280x720 (p50, p99, frames per second on one core), the decode rate on
// synthetic photos of real badges by condition, and the time from the
// first frame showing a badge to the verdict on the kiosk's screen.
//
// Usage: entree-bench-camera [--scans N] [--dir DIR] [--kiosk PATH]
// --scans is the frames per condition (100).
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/badge_render.h"
#include "entree/qr_reader.h"
#include "entree/registration.h"
#include "entree/uuid.h"
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

void DecodeTimes(const BadgeLayout& layout,
                 const std::vector<BadgeFace>& faces, int frames) {
  std::printf("%-10s %10s %10s %10s %14s\n", "frame", "p50 ms", "p99 ms",
              "fps", "found");
  std::mt19937 random(7);
  for (auto [width, height] : {std::pair{640, 480}, std::pair{1280, 720}}) {
    std::vector<double> ms;
    int found = 0;
    for (int i = 0; i < frames; ++i) {
      // Half the frames show a badge, half show none: a kiosk's camera
      // mostly looks at an empty room.
      LumaImage frame =
          i % 2 == 0 ? synthetic::MakeFrame(
                           layout, {faces[i % faces.size()]},
                           synthetic::Condition::kClean, 3,
                           width == 640 ? 4 : 6, width, height, random)
                     : synthetic::EmptyFrame(width, height, random);
      auto start = Stopwatch::now();
      found += static_cast<int>(ReadQrCodes(frame, ReadEffort::kFast).size());
      ms.push_back(MillisSince(start));
    }
    double total = 0;
    for (double m : ms) total += m;
    std::printf("%4dx%-5d %10.2f %10.2f %10.1f %8d of %d\n", width, height,
                Percentile(ms, 0.5), Percentile(ms, 0.99),
                1000.0 * frames / total, found, (frames + 1) / 2);
  }
}

void DecodeRates(const BadgeLayout& layout,
                 const std::vector<BadgeFace>& faces, int frames) {
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
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree;
  using namespace entree::bench;
  BenchOptions options = ParseBenchOptions(
      argc, argv,
      {1000, 100,
       std::filesystem::temp_directory_path() / "entree-bench-camera", ""});
  BadgeLayout layout = LoadBadgeLayout("cr80").value();
  std::vector<BadgeFace> faces = MakeFaces(20);
  std::printf("camera: decode time per frame, one core\n\n");
  DecodeTimes(layout, faces, options.scans);
  DecodeRates(layout, faces, options.scans);
  return 0;
}
