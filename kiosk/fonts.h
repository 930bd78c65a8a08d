// The kiosk's fonts (DejaVu Sans, bold and regular) through SDL2_ttf, and
// their measures for fitting text. Needs TTF_Init, not a window.
#pragma once

#include <SDL_ttf.h>

#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "text_fit.h"

namespace entree::kiosk {

class FontSet : public TextMetrics {
 public:
  FontSet() = default;
  ~FontSet() override;
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // The font at pixel `size`; null when the system has none (logged once).
  TTF_Font* Font(int size, Weight weight) const;

  // Opens the font at `size` and draws every letter, digit and accented
  // letter a name may hold once, so that the first text drawn at that size
  // later costs microseconds instead of milliseconds.
  void Warm(int size, Weight weight) const;

  // Without a font, estimates: glyphs 0.6 of the size wide.
  int Width(std::string_view text, int size, Weight weight) const override;
  int LineSkip(int size, Weight weight) const override;

 private:
  mutable std::map<std::pair<int, Weight>, TTF_Font*> fonts_;
  // Widths measured, as measuring shapes the text anew each time; cleared
  // when it grows past kMaxWidths.
  static constexpr size_t kMaxWidths = 8192;
  mutable std::map<std::tuple<std::string, int, Weight>, int> widths_;
  // The font files, read once: each size opens from memory.
  mutable std::map<Weight, std::string> files_;
  mutable bool warned_no_font_ = false;
};

}  // namespace entree::kiosk
