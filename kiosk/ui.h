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
// landscape and portrait.
class Layout {
 public:
  Layout(int width, int height) : width_(width), height_(height) {}
  int width() const { return width_; }
  int height() const { return height_; }
  // One percent of the shorter side: the unit of sizes and margins.
  int Unit() const { return std::max(1, std::min(width_, height_) / 100); }
  bool Portrait() const { return height_ > width_; }
  // A full-width band from `top` to `top + height` (in pixels), with the
  // side margins taken off.
  Rect Band(int top, int height) const;
  // The title line at the top, centred and clear of the language buttons.
  Rect TitleBand() const;
  // The same line from the left margin up to the language buttons: for a
  // message longer than a title, drawn from the left.
  Rect MessageBand() const;
  // Where a screen's content may start: below the title band and the
  // language buttons, which have that area to themselves.
  int ContentTop() const { return Unit() * 12; }

 private:
  int width_;
  int height_;
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
