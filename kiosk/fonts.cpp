// Opening DejaVu Sans at the sizes asked for, once each.
#include "fonts.h"

#include <array>
#include <iostream>
#include <string>

namespace entree::kiosk {
namespace {

constexpr std::array<const char*, 2> kBoldPaths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
};
constexpr std::array<const char*, 2> kRegularPaths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
};

}  // namespace

FontSet::~FontSet() {
  for (auto& [key, font] : fonts_) {
    if (font) TTF_CloseFont(font);
  }
}

TTF_Font* FontSet::Font(int size, Weight weight) const {
  auto key = std::pair{size, weight};
  auto found = fonts_.find(key);
  if (found != fonts_.end()) return found->second;
  TTF_Font* font = nullptr;
  for (const char* path :
       weight == Weight::kBold ? kBoldPaths : kRegularPaths) {
    if ((font = TTF_OpenFont(path, size))) break;
  }
  if (!font && !warned_no_font_) {
    std::cerr << "entree-kiosk: no font found; install fonts-dejavu-core\n";
    warned_no_font_ = true;
  }
  fonts_[key] = font;
  return font;
}

int FontSet::Width(std::string_view text, int size, Weight weight) const {
  if (text.empty()) return 0;
  int w = 0, h = 0;
  TTF_Font* font = Font(size, weight);
  if (font && TTF_SizeUTF8(font, std::string(text).c_str(), &w, &h) == 0) {
    return w;
  }
  int glyphs = 0;
  for (unsigned char c : text) glyphs += (c & 0xC0) != 0x80;
  return glyphs * size * 6 / 10;
}

int FontSet::LineSkip(int size, Weight weight) const {
  TTF_Font* font = Font(size, weight);
  return font ? TTF_FontLineSkip(font) : size * 6 / 5;
}

}  // namespace entree::kiosk
