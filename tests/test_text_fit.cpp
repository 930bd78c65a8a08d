// Fitting text into boxes, measured with a simple monospaced font: every
// character half the size wide, lines the size apart.
#include <catch2/catch.hpp>

#include "text_fit.h"

using namespace entree::kiosk;

namespace {

class HalfWidthFont : public TextMetrics {
 public:
  int Width(std::string_view text, int size, Weight) const override {
    int chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return chars * size / 2;
  }
  int LineSkip(int size, Weight) const override { return size; }
};

FittedText Fit(std::string_view text, int w, int h, int size,
               Overflow overflow = Overflow::kWrap) {
  return FitText(HalfWidthFont(), text, w, h, size, Weight::kBold, overflow);
}

}  // namespace

TEST_CASE("a text that fits is drawn as asked", "[fit]") {
  FittedText fit = Fit("Welkom", 200, 40, 20);
  CHECK(fit.size == 20);
  CHECK(fit.lines == std::vector<std::string>{"Welkom"});
  CHECK(fit.width == 60);
  CHECK(fit.height == 20);
  CHECK_FALSE(fit.shrunk);
  CHECK_FALSE(fit.cut);
}

TEST_CASE("a long text wraps between words, then shrinks", "[fit]") {
  // At size 20 a line holds 10 characters: three lines, 60 pixels, too
  // tall; at 14 it holds 14, and two lines fit.
  FittedText wrapped = Fit("Drenthe College Emmen", 100, 40, 20);
  CHECK(wrapped.size == 14);
  CHECK(wrapped.lines == std::vector<std::string>{"Drenthe", "College Emmen"});
  CHECK(wrapped.height == 28);
  CHECK(wrapped.shrunk);
  CHECK_FALSE(wrapped.word_broken);
  // No word is ever split while a smaller size keeps it whole.
  FittedText shrunk = Fit("Vanderbroeck", 100, 40, 20);
  CHECK(shrunk.shrunk);
  CHECK_FALSE(shrunk.word_broken);
  CHECK(shrunk.lines == std::vector<std::string>{"Vanderbroeck"});
  CHECK(shrunk.width <= 100);
}

TEST_CASE("a word too long for any size is split, never spilled", "[fit]") {
  // At the smallest size (12) a line holds 16 characters.
  FittedText fit = Fit("Aaaaaaaaaabbbbbbbbbbcccccccccc", 100, 60, 20);
  CHECK(fit.size == 12);
  CHECK(fit.word_broken);
  CHECK_FALSE(fit.cut);
  CHECK(fit.lines.size() == 2);
  CHECK(fit.width <= 100);
  CHECK(fit.height <= 60);
}

TEST_CASE("text beyond the box is cut with an ellipsis", "[fit]") {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "ronde ";
  FittedText fit = Fit(many, 100, 30, 20);
  CHECK(fit.cut);
  CHECK(fit.height <= 30);
  CHECK(fit.width <= 100);
  REQUIRE_FALSE(fit.lines.empty());
  CHECK(fit.lines.back().size() >= 3);
  CHECK(fit.lines.back().substr(fit.lines.back().size() - 3) == "\xE2\x80\xA6");
}

TEST_CASE("a field keeps the end of what is typed in view", "[fit]") {
  FittedText fit =
      Fit("maria.christina@example.nl|", 100, 20, 20, Overflow::kKeepEnd);
  REQUIRE(fit.lines.size() == 1);
  CHECK(fit.cut);
  CHECK(fit.width <= 100);
  CHECK(fit.lines[0].rfind("\xE2\x80\xA6", 0) == 0);
  CHECK(fit.lines[0].substr(fit.lines[0].size() - 4) == ".nl|");
  CHECK(Fit("noor|", 100, 20, 20, Overflow::kKeepEnd).lines[0] == "noor|");
}
