// What the kiosk shows and hears, as plain data: scenes of boxes, text,
// buttons, icons and an image, and input events. No SDL here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/badges/badge_render.h"
#include "text_fit.h"
#include "theme.h"

namespace entree::kiosk {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  bool Contains(int px, int py) const {
    return px >= x && px < x + w && py >= y && py < y + h;
  }
};

enum class Icon {
  kCheck,
  kCross,
  kAttention,
  kClock,
  kArrowLeft,
  kArrowRight,
  kArrowDown,
  kAimFrame,  // four corners of a square: hold the code inside
};
enum class Align { kLeft, kCenter, kRight };

// A text fitted into `box` (see FitText) and centred in it vertically.
struct TextItem {
  Rect box;
  std::string text;
  int size = 20;  // pixel height of the font, before any shrinking
  uint32_t colour = theme::kText;
  Align align = Align::kCenter;
  Weight weight = Weight::kBold;
  Overflow overflow = Overflow::kWrap;
};

struct ButtonItem {
  Rect box;
  std::string id;  // what a tap on it reports
  std::string label;
  uint32_t fill = theme::kKey;
  uint32_t text_colour = theme::kText;
  int text_size = 20;
};

struct BoxItem {
  Rect box;
  uint32_t colour = 0;
};

struct IconItem {
  Rect box;
  Icon icon = Icon::kCheck;
  uint32_t colour = theme::kText;
};

// Pixels made elsewhere (the badge renderer), fitted into `box` keeping
// their proportions. The same pointer means the same pixels.
struct ImageItem {
  Rect box;
  std::shared_ptr<const ArgbImage> image;
};

// A closed line through four points: a code found in the camera's view.
struct OutlineItem {
  std::array<PixelPoint, 4> corners{};
  uint32_t colour = theme::kCodeOutline;
};

// One frame's content, drawn in this order: boxes, image, logo, outlines,
// buttons, icons, texts.
struct Scene {
  uint32_t background = theme::kPanel;
  std::vector<BoxItem> boxes;
  std::vector<ButtonItem> buttons;
  std::vector<IconItem> icons;
  std::optional<ImageItem> image;  // a badge, a chart, the camera's view
  std::optional<ImageItem> logo;   // the organiser's
  std::vector<OutlineItem> outlines;
  std::vector<TextItem> texts;

  // The id of the button under (x, y); nullopt when none.
  std::optional<std::string> ButtonAt(int x, int y) const;
};

// Sizes relative to the screen, so one layout serves 800x480 to 4K in
// landscape and portrait, with floors in millimetres for what a guest must
// read from 2 m and touch: the layout knows the panel's diagonal.
class Layout {
 public:
  // The panel assumed when its size is unknown: the smallest the full
  // layout is made for, so a larger panel only gains; but no denser than
  // kAssumedMostPpi pixels an inch (a 10.1-inch 1280x800 has 149), so 4K
  // is taken for the large screen it is, not a 10-inch one.
  static constexpr double kAssumedInches = 10.1;
  static constexpr double kAssumedMostPpi = 150;
  // Panels whose shorter side is below this many millimetres (a 7-inch
  // panel) get the compact layout.
  static constexpr double kCompactBelowMm = 100;
  // DejaVu Sans' capitals stand this share of its pixel size high.
  static constexpr double kCapShare = 0.73;
  // Smallest sizes in millimetres: capitals of the guest's name, of lines
  // a guest must read (table, rounds, what to do), and a touch target's
  // shorter side.
  static constexpr double kNameCapMm = 12;
  static constexpr double kGuestLineCapMm = 6;
  static constexpr double kTargetMm = 9;

  // A screen `width` x `height` pixels on a panel `inches` across its
  // diagonal; 0: unknown (see kAssumedInches).
  Layout(int width, int height, double inches = 0);
  int width() const { return width_; }
  int height() const { return height_; }
  // One percent of the shorter side: the unit of sizes and margins.
  int Unit() const { return std::max(1, std::min(width_, height_) / 100); }
  bool Portrait() const { return height_ > width_; }
  double PixelsPerMm() const { return pixels_per_mm_; }
  // `mm` millimetres on this panel, in pixels (rounded up).
  int Mm(double mm) const;
  // The pixel size of text whose capitals stand `mm` high on this panel.
  int CapMm(double mm) const;
  // The shorter side a touch target needs: kTargetMm, at least.
  int Target() const { return Mm(kTargetMm); }
  // The height of a control `units` high, raised to a touch target's.
  int Control(int units) const { return std::max(Unit() * units, Target()); }
  // The top of the row of buttons along the bottom edge (back, next).
  int BottomRowTop() const { return height_ - Unit() * 2 - Control(9); }
  // A small panel: fewer things on a screen, each large enough to touch.
  bool Compact() const;
  // The fonts texts are drawn in, for screens that size boxes by their
  // text; without them (null), widths are estimated.
  void set_metrics(const TextMetrics* metrics) { metrics_ = metrics; }
  // The lines `text` takes at pixel `size` wrapped at `width` pixels.
  int LinesOf(const std::string& text, int size, int width,
              Weight weight = Weight::kBold) const;
  // A full-width band from `top` to `top + height` (in pixels), with the
  // side margins taken off.
  Rect Band(int top, int height) const;
  // The title line at the top, centred and clear of the language buttons.
  Rect TitleBand() const;
  // The same line from the left margin up to the language buttons: for a
  // message longer than a title, drawn from the left.
  Rect MessageBand() const;
  // The width the NL/EN/DE buttons take from the right edge, margin
  // included.
  int LanguageArea() const;
  // Where a screen's content may start: below the title band and the
  // language buttons, which have that area to themselves.
  int ContentTop() const {
    return std::max(Unit() * 12, Target() + Unit() * 3);
  }

 private:
  int width_;
  int height_;
  double pixels_per_mm_;
  const TextMetrics* metrics_ = nullptr;
};

// Input in the kiosk's terms, translated from SDL in one place.
enum class Key { kEnter, kBackspace, kEscape, kTab };
struct UiEvent {
  enum class Kind { kText, kKey, kTap };
  Kind kind = Kind::kText;
  std::string text;  // kText: UTF-8
  Key key = Key::kEnter;
  int x = 0, y = 0;  // kTap
  uint32_t ms = 0;   // when it happened, milliseconds since start
};

// A sound for a verdict or a key press.
enum class Cue { kNone, kWelcome, kAlreadyInside, kRefused, kClick };

}  // namespace entree::kiosk
