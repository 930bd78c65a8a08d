// Fuzz target: the kiosk's text with arbitrary strings. Fields separated by
// 0x1F become a guest (names, organisation, table), their World Café seats
// and the verdict; the verdict screen is composed at the small, normal,
// portrait and 4K sizes. Every text the scene holds is cut as the renderer
// cuts it, and what comes out is never longer than the bound nor broken
// UTF-8 when what went in was whole. The name and text helpers the kiosk
// relies on are held to the same.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/text.h"
#include "kiosk_app.h"
#include "screen.h"

namespace {

using namespace entree;

std::vector<std::string> Fields(std::string_view text) {
  std::vector<std::string> fields;
  for (size_t start = 0;;) {
    size_t cut = text.find('\x1f', start);
    fields.emplace_back(text.substr(start, cut - start));
    if (cut == std::string_view::npos) break;
    start = cut + 1;
  }
  return fields;
}

void CheckCut(const std::string& text) {
  constexpr size_t kBound = 1024;  // as the renderer cuts
  std::string cut = TruncateUtf8(text, kBound);
  if (cut.size() > kBound && text.size() > kBound) std::abort();
  if (IsValidUtf8(text) && !IsValidUtf8(cut)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static FixedClock clock{FromMillis(1791820800000)};
  static kiosk::KioskApp app = [] {
    KioskConfig config;
    config.database = "/nonexistent/entree-fuzz.db";  // no store needed
    return kiosk::KioskApp(config, clock);
  }();
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string> f = Fields(text);
  f.resize(std::max<size_t>(f.size(), 6));

  ScanOutcome outcome;
  outcome.verdict = static_cast<Verdict>(data[0] % 9);
  Attendee guest;
  guest.given_name = f[0];
  guest.family_name = f[1];
  guest.organisation = f[2];
  guest.table = f[3];
  if (data[0] & 0x10) outcome.attendee = guest;
  if (data[0] & 0x20) outcome.first_entry = clock.Now();
  for (size_t i = 4; i + 1 < f.size() && outcome.seats.size() < 12; i += 2) {
    SeatLine seat;
    seat.round = static_cast<int>(outcome.seats.size()) + 1;
    seat.table = f[i];
    seat.title = f[i + 1];
    seat.hosts = {f[i + 1]};
    seat.hosting = (data[0] & 0x40) != 0;
    outcome.seats.push_back(seat);
  }
  auto screen = kiosk::MakeVerdictScreen(app, outcome);
  for (auto [w, h] : {std::pair{800, 480}, std::pair{1280, 720},
                      std::pair{1080, 1920}, std::pair{3840, 2160}}) {
    kiosk::Scene scene = screen->Compose(kiosk::Layout(w, h));
    for (const kiosk::TextItem& item : scene.texts) CheckCut(item.text);
    for (const kiosk::ButtonItem& button : scene.buttons) {
      CheckCut(button.label);
    }
  }

  // The helpers names pass through on their way in.
  for (const std::string& field : f) {
    std::string stripped = field;
    StripControlCharacters(stripped);
    if (IsValidUtf8(field)) {
      // Its contract is for whole UTF-8: what comes out is whole, and a
      // second pass finds nothing more.
      std::string again = stripped;
      if (!IsValidUtf8(stripped)) std::abort();
      if (StripControlCharacters(again) || again != stripped) std::abort();
    }
    SplitName split = SplitFullName(field);
    (void)FoldForSearch(split.family);
  }
  return 0;
}
