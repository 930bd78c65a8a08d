// Fitting a text into its box: measured, shrunk, wrapped between words and,
// only when nothing else helps, ellipsized. No SDL here; the measuring is
// given by whoever draws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entree::kiosk {

enum class Weight { kBold, kRegular };

// The measures of the font the text is drawn in.
class TextMetrics {
 public:
  virtual ~TextMetrics() = default;
  // The width in pixels of one line of UTF-8 `text` at pixel `size`.
  virtual int Width(std::string_view text, int size, Weight weight) const = 0;
  // The distance in pixels from one line to the next at pixel `size`.
  virtual int LineSkip(int size, Weight weight) const = 0;
};

// What to do with a text too long for its box.
enum class Overflow {
  // Shrink down to kSmallestShare of the asked size, wrapping between
  // words; then break a word that does not fit a line by itself; then
  // drop the lines that do not fit and end the last one with "…".
  kWrap,
  // One line, as a field shows what is typed into it: when too wide, its
  // start gives way to "…" so that the end, where typing goes on, shows.
  kKeepEnd,
};

// A text is never drawn smaller than this share of the size it asks for.
inline constexpr double kSmallestShare = 0.6;

// The sizes FitText tries for a text asked at `size` before it breaks
// words at the smallest, kSmallestShare of it; largest first.
std::vector<int> ShrinkSteps(int size);

struct FittedText {
  int size = 0;  // the pixel size drawn
  std::vector<std::string> lines;
  int width = 0;   // of the widest line
  int height = 0;  // of all lines
  bool shrunk = false;
  bool word_broken = false;  // a word was split over two lines
  bool cut = false;          // something was left out ("…")
};

// Lays `text` out in a box `box_width` x `box_height` pixels, at `size`
// or smaller as `overflow` says. The result fits the box unless even one
// line of the smallest size is taller or one character wider than it.
FittedText FitText(const TextMetrics& metrics, std::string_view text,
                   int box_width, int box_height, int size, Weight weight,
                   Overflow overflow = Overflow::kWrap);

}  // namespace entree::kiosk
