// The kiosk's door screens as plain state: input events in, a view out.
// No SDL here, so tests drive it without a window.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "entree/catalog.h"
#include "entree/clock.h"
#include "entree/door.h"

namespace entree::kiosk {

// Input as the kiosk understands it, translated from SDL in one place.
struct InputEvent {
  enum class Kind { kText, kEnter, kBackspace, kToggleLanguage };
  Kind kind = Kind::kText;
  std::string text;  // for kText: UTF-8 typed or sent by a wedge scanner
};

// What to draw: a full-screen colour with a title and a line below it.
struct View {
  enum class Screen { kAttract, kVerdict, kFault };
  Screen screen = Screen::kAttract;
  uint32_t background = 0x1F2A44;  // 0xRRGGBB
  std::string title;
  std::string subtitle;
  std::string footer;
};

// Attract screen, then a verdict screen for each scan, back to attract by
// itself. A door that could not be opened (`door` null) shows the calm
// "please ask our staff" screen instead of failing.
class DoorScreens {
 public:
  DoorScreens(Door* door, std::string event_name, Language language);

  void Handle(const InputEvent& event, Instant now);
  // Advances time: a verdict goes back to attract after its display time.
  void Step(Instant now);
  View CurrentView() const;
  Language language() const { return language_; }

 private:
  void Submit(Instant now);

  Door* door_;
  std::string event_name_;
  Language language_;
  std::string typed_;
  std::optional<ScanOutcome> shown_;
  bool fault_ = false;
  Instant shown_until_{};
};

// The colour of a verdict: green for the ones that let the guest through,
// amber for "already inside", red for refusals; with distinct icons and
// text so colour is never the only signal.
uint32_t VerdictColour(Verdict verdict);

}  // namespace entree::kiosk
