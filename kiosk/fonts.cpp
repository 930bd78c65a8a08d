// Opening DejaVu Sans at the sizes asked for, once each.
#include "fonts.h"

#include <array>
#include <fstream>
#include <iostream>
#include <iterator>
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
  std::string& file = files_[weight];
  if (file.empty()) {
    for (const char* path :
         weight == Weight::kBold ? kBoldPaths : kRegularPaths) {
      std::ifstream in(path, std::ios::binary);
      file.assign(std::istreambuf_iterator<char>(in), {});
      if (!file.empty()) break;
    }
  }
  TTF_Font* font =
      file.empty()
          ? nullptr
          : TTF_OpenFontRW(
                SDL_RWFromConstMem(file.data(), static_cast<int>(file.size())),
                1, size);
  if (!font && !warned_no_font_) {
    std::cerr << "entree-kiosk: no font found; install fonts-dejavu-core\n";
    warned_no_font_ = true;
  }
  fonts_[key] = font;
  return font;
}

void FontSet::Warm(int size, Weight weight) const {
  TTF_Font* font = Font(size, weight);
  if (!font) return;
  static constexpr const char* kEveryLetter =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
      ".,:;!?'-&()/@ "
      "\xC3\xA1\xC3\xA0\xC3\xA4\xC3\xA2\xC3\xA9\xC3\xA8\xC3\xAB"
      "\xC3\xAA\xC3\xAF\xC3\xAD\xC3\xB6\xC3\xB3\xC3\xBC\xC3\xBA"
      "\xC3\xA7\xC3\xB1\xC3\x9F\xC3\x89\xC3\x96\xC3\x9C";
  SDL_Surface* drawn =
      TTF_RenderUTF8_Shaded(font, kEveryLetter, SDL_Color{255, 255, 255, 255},
                            SDL_Color{0, 0, 0, 255});
  SDL_FreeSurface(drawn);
}

int FontSet::Width(std::string_view text, int size, Weight weight) const {
  if (text.empty()) return 0;
  auto key = std::tuple{std::string(text), size, weight};
  if (auto found = widths_.find(key); found != widths_.end()) {
    return found->second;
  }
  int w = 0, h = 0;
  TTF_Font* font = Font(size, weight);
  if (font && TTF_SizeUTF8(font, std::get<0>(key).c_str(), &w, &h) == 0) {
    if (widths_.size() >= kMaxWidths) widths_.clear();
    widths_.emplace(std::move(key), w);
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
