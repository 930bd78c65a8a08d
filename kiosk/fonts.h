// The kiosk's text: DejaVu Sans, bold and regular, with every script's
// letters from the Noto fonts, shaped and laid out in its own direction
// (entree::TextLines), and its measures for fitting text. Used on the
// thread that draws.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "entree/drawing/text_line.h"
#include "text_fit.h"

namespace entree::kiosk {

class FontSet : public TextMetrics {
 public:
  FontSet();
  ~FontSet() override;
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // Measures and draws every letter, digit and accented letter a name may
  // hold once at `size`, so that the first text drawn at that size later
  // costs microseconds instead of milliseconds.
  void Warm(int size, Weight weight) const;

  int Width(std::string_view text, int size, Weight weight) const override;
  int LineSkip(int size, Weight weight) const override;
  // The ink height of a capital H.
  int CapHeight(int size, Weight weight) const;
  // How many characters of `text` no installed font has.
  int UnknownGlyphs(std::string_view text, int size, Weight weight) const;
  // One line of `text`, on transparent ground or the opaque `ground`.
  LinePixels Draw(std::string_view text, int size, Weight weight,
                  uint32_t colour, std::optional<uint32_t> ground) const;

 private:
  std::unique_ptr<TextLines> lines_;
  // Widths measured, as measuring shapes the text anew each time; cleared
  // when it grows past kMaxWidths.
  static constexpr size_t kMaxWidths = 8192;
  mutable std::map<std::tuple<std::string, int, Weight>, int> widths_;
};

}  // namespace entree::kiosk
