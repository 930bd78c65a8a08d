// One line of screen text, measured and drawn through pango: shaped by
// HarfBuzz (Arabic letters joined, Devanagari and Thai clusters formed),
// each run in its own direction (Arabic and Hebrew right to left) within
// a line that reads left to right, as the kiosk's languages do, and
// drawn from whichever installed font has the letters (fontconfig's
// fallback from DejaVu Sans to the Noto fonts), so a name in any script is
// drawn whole. Sizes are pixels of the font's em.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace entree {

// A drawn line: `width` x `height` pixels, 0xAARRGGBB with straight (not
// premultiplied) alpha, rows top to bottom.
struct LinePixels {
  int width = 0;
  int height = 0;
  std::vector<uint32_t> argb;
};

// Not thread-safe: one per thread that draws (it holds its own pango font
// map, so the badge printer's thread never shares it).
class TextLines {
 public:
  TextLines();
  ~TextLines();
  TextLines(const TextLines&) = delete;
  TextLines& operator=(const TextLines&) = delete;

  // The advance of `text` in pixels, as Draw lays it out.
  int Width(std::string_view text, int pixels, bool bold);
  // From one line's top to the next: the primary font's ascent and
  // descent, whatever fonts a line falls back to.
  int LineSkip(int pixels, bool bold);
  // The height of a capital H's ink, in pixels.
  int CapHeight(int pixels, bool bold);
  // How many characters of `text` no installed font has (drawn as boxes).
  int UnknownGlyphs(std::string_view text, int pixels, bool bold);

  // `text` in `rgb` on transparent ground, or on the opaque `ground`; as
  // high as LineSkip, its baseline at the primary font's ascent.
  LinePixels Draw(std::string_view text, int pixels, bool bold, uint32_t rgb,
                  std::optional<uint32_t> ground);

 private:
  struct Pango;
  // Sets the layout to `text` in the font of `pixels` and `bold`.
  void Set(std::string_view text, int pixels, bool bold);
  std::unique_ptr<Pango> pango_;
};

}  // namespace entree
