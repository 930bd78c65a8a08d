// Scene hit-testing and layout helpers.
#include "ui.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace entree::kiosk {

std::optional<std::string> Scene::ButtonAt(int x, int y) const {
  // Later buttons are drawn on top, so they win.
  for (auto it = buttons.rbegin(); it != buttons.rend(); ++it) {
    if (it->box.Contains(x, y)) return it->id;
  }
  return std::nullopt;
}

Layout::Layout(int width, int height, double inches)
    : width_(width), height_(height) {
  double diagonal = std::hypot(width, height);
  if (inches <= 0)
    inches = std::max(kAssumedInches, diagonal / kAssumedMostPpi);
  pixels_per_mm_ = diagonal / (inches * 25.4);
}

int Layout::Mm(double mm) const {
  return static_cast<int>(std::ceil(mm * pixels_per_mm_));
}

int Layout::CapMm(double mm) const {
  return static_cast<int>(std::ceil(mm * pixels_per_mm_ / kCapShare));
}

bool Layout::Compact() const {
  return std::min(width_, height_) < kCompactBelowMm * pixels_per_mm_;
}

int Layout::LinesOf(const std::string& text, int size, int width,
                    Weight weight) const {
  // Past a few thousand bytes no screen shows all the lines anyway (a
  // damaged file's megabyte name): estimated, never measured every frame.
  constexpr size_t kLongestMeasured = 4096;
  if (!metrics_ || text.size() > kLongestMeasured) {
    // Glyphs about 0.58 of the size wide on average, and an eighth more
    // for breaking between words once the text wraps at all.
    size_t glyphs = 0;
    for (unsigned char c : text) glyphs += (c & 0xC0) != 0x80;
    double lines =
        static_cast<double>(glyphs) * 0.58 * size / std::max(1, width);
    if (lines <= 1) return 1;
    return static_cast<int>(std::ceil(lines * 1.125));
  }
  FittedText fit = FitText(*metrics_, text, width,
                           std::numeric_limits<int>::max() / 2, size, weight);
  return std::max<int>(1, static_cast<int>(fit.lines.size()));
}

Rect Layout::Band(int top, int height) const {
  int margin = Unit() * 4;
  return {margin, top, width_ - 2 * margin, height};
}

int Layout::LanguageArea() const { return 3 * Control(9) + Unit() * 7; }

Rect Layout::TitleBand() const {
  int clear = LanguageArea();
  return {clear, Unit() * 2, width_ - 2 * clear, Control(9)};
}

Rect Layout::MessageBand() const {
  int margin = Unit() * 4;
  return {margin, Unit() * 2, width_ - margin - LanguageArea(), Control(9)};
}

}  // namespace entree::kiosk
