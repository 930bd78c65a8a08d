// The kiosk's text through pango (entree::TextLines).
#include "fonts.h"

#include <string>

namespace entree::kiosk {

FontSet::FontSet() : lines_(std::make_unique<TextLines>()) {}

FontSet::~FontSet() = default;

void FontSet::Warm(int size, Weight weight) const {
  static constexpr const char* kEveryLetter =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 "
      ".,:;!?'-&()/@ "
      "\xC3\xA1\xC3\xA0\xC3\xA4\xC3\xA2\xC3\xA9\xC3\xA8\xC3\xAB"
      "\xC3\xAA\xC3\xAF\xC3\xAD\xC3\xB6\xC3\xB3\xC3\xBC\xC3\xBA"
      "\xC3\xA7\xC3\xB1\xC3\x9F\xC3\x89\xC3\x96\xC3\x9C";
  (void)Draw(kEveryLetter, size, weight, 0xffffff, 0);
}

int FontSet::Width(std::string_view text, int size, Weight weight) const {
  if (text.empty()) return 0;
  auto key = std::tuple{std::string(text), size, weight};
  if (auto found = widths_.find(key); found != widths_.end()) {
    return found->second;
  }
  int w = lines_->Width(text, size, weight == Weight::kBold);
  if (widths_.size() >= kMaxWidths) widths_.clear();
  widths_.emplace(std::move(key), w);
  return w;
}

int FontSet::LineSkip(int size, Weight weight) const {
  return lines_->LineSkip(size, weight == Weight::kBold);
}

int FontSet::CapHeight(int size, Weight weight) const {
  return lines_->CapHeight(size, weight == Weight::kBold);
}

int FontSet::UnknownGlyphs(std::string_view text, int size,
                           Weight weight) const {
  return lines_->UnknownGlyphs(text, size, weight == Weight::kBold);
}

LinePixels FontSet::Draw(std::string_view text, int size, Weight weight,
                         uint32_t colour,
                         std::optional<uint32_t> ground) const {
  return lines_->Draw(text, size, weight == Weight::kBold, colour, ground);
}

}  // namespace entree::kiosk
