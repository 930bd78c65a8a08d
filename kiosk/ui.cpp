// Scene hit-testing and layout helpers.
#include "ui.h"

#include <algorithm>

namespace entree::kiosk {

std::optional<std::string> Scene::ButtonAt(int x, int y) const {
  // Later buttons are drawn on top, so they win.
  for (auto it = buttons.rbegin(); it != buttons.rend(); ++it) {
    if (it->box.Contains(x, y)) return it->id;
  }
  return std::nullopt;
}

Rect Layout::Band(int top, int height) const {
  int margin = Unit() * 4;
  return {margin, top, width_ - 2 * margin, height};
}

Rect Layout::TitleBand() const {
  int clear = Unit() * 34;  // the NL/EN/DE buttons and a margin
  return {clear, Unit() * 2, width_ - 2 * clear, Unit() * 10};
}

Rect Layout::MessageBand() const {
  int margin = Unit() * 4;
  return {margin, Unit() * 2, width_ - margin - Unit() * 34, Unit() * 10};
}

}  // namespace entree::kiosk
