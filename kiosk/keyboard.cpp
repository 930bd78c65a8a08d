// The on-screen keyboard: letters, digits, and for names a page of
// accented letters one tap away.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

int KeyboardRows(KeyboardKind kind) { return kind.digits ? 5 : 4; }

// The accented letters of names written in Latin letters (Dutch, German,
// French, Spanish, Portuguese, the Nordic languages, Polish, Czech,
// Hungarian, Turkish), small and capital, twelve a row: the first row
// takes the digits' place, so a keyboard without digits shows the other
// three.
struct AccentRow {
  std::array<std::string_view, 12> small;
  std::array<std::string_view, 12> capital;
};
constexpr std::array<AccentRow, 4> kAccentRows = {{
    {{"á", "à", "â", "ä", "ã", "å", "æ", "ç", "č", "ć", "é", "è"},
     {"Á", "À", "Â", "Ä", "Ã", "Å", "Æ", "Ç", "Č", "Ć", "É", "È"}},
    {{"ê", "ë", "ě", "ę", "ğ", "í", "ì", "î", "ï", "ı", "ł", "ñ"},
     {"Ê", "Ë", "Ě", "Ę", "Ğ", "Í", "Ì", "Î", "Ï", "İ", "Ł", "Ñ"}},
    {{"ń", "ó", "ò", "ô", "ö", "õ", "ø", "ő", "œ", "ř", "ś", "š"},
     {"Ń", "Ó", "Ò", "Ô", "Ö", "Õ", "Ø", "Ő", "Œ", "Ř", "Ś", "Š"}},
    {{"ş", "ß", "ú", "ù", "û", "ü", "ů", "ű", "ý", "ž", "ż", "ź"},
     {"Ş", "ß", "Ú", "Ù", "Û", "Ü", "Ů", "Ű", "Ý", "Ž", "Ż", "Ź"}},
}};

}  // namespace

int KeyboardHeight(const Layout& layout, KeyboardKind kind) {
  // A key's row is a quarter more than a touch target: the gaps around it.
  return KeyboardRows(kind) * (layout.Target() * 5 + 3) / 4;
}

void AddKeyboard(Scene& scene, const Rect& area, KeyboardKind kind) {
  int row_count = KeyboardRows(kind);
  int key_h = area.h / row_count;
  int gap = std::max(2, std::min(area.w / 12, key_h) / 12);
  int font = key_h * 45 / 100;
  // A key `columns` wide at `column` of a row of `per_row` columns.
  auto key_at = [&](int column, int row, int columns, int per_row,
                    std::string id, std::string label, uint32_t fill) {
    int key_w = area.w / per_row;
    scene.buttons.push_back(
        {{area.x + column * key_w + gap, area.y + row * key_h + gap,
          columns * key_w - 2 * gap, key_h - 2 * gap},
         "key:" + id,
         std::move(label),
         fill,
         theme::InkOn(fill),
         font});
  };
  bool accents = kind.for_names && kind.accents;
  if (accents) {
    size_t first = kind.digits ? 0 : 1;
    for (size_t r = first; r < kAccentRows.size(); ++r) {
      const auto& letters =
          kind.capitals ? kAccentRows[r].capital : kAccentRows[r].small;
      for (size_t c = 0; c < letters.size(); ++c) {
        key_at(static_cast<int>(c), static_cast<int>(r - first), 1, 12,
               std::string(letters[c]), std::string(letters[c]), theme::kKey);
      }
    }
  } else {
    std::vector<std::string_view> rows = {"qwertyuiop", "asdfghjkl'",
                                          "zxcvbnm-@."};
    if (kind.digits) rows.insert(rows.begin(), "1234567890");
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < rows[r].size(); ++c) {
        std::string key(1, rows[r][c]);
        std::string label = key;
        if (kind.capitals && label[0] >= 'a' && label[0] <= 'z') {
          label[0] -= 'a' - 'A';
        }
        key_at(static_cast<int>(c), static_cast<int>(r), 1, 10, key, label,
               theme::kKey);
      }
    }
  }
  int last = row_count - 1;
  if (kind.for_names) {
    // The letters show the case Shift gives them; the accent key shows
    // three of the letters it offers, or "abc" to go back.
    key_at(0, last, 2, 10, "shift", "\xE2\x87\xA7", theme::kKey);
    key_at(2, last, 4, 10, "space", "", theme::kKey);
    key_at(6, last, 2, 10, "accent", accents ? "abc" : "é ü ñ",
           accents ? theme::kChosen : theme::kKey);
  } else {
    key_at(2, last, 6, 10, "space", "", theme::kKey);
  }
  key_at(8, last, 2, 10, "back", "\xE2\x8C\xAB", theme::kDelete);
}

bool ApplyKeyboardButton(const std::string& id, std::string& text,
                         size_t max_length) {
  if (id.rfind("key:", 0) != 0) return false;
  std::string key = id.substr(4);
  if (key == "accent" || key == "shift") return true;
  if (key == "back") {
    // Remove one UTF-8 character.
    while (!text.empty()) {
      unsigned char last = static_cast<unsigned char>(text.back());
      text.pop_back();
      if ((last & 0xC0) != 0x80) break;
    }
  } else if (text.size() + key.size() <= max_length) {
    text += key == "space" ? " " : key;
  }
  return true;
}

}  // namespace entree::kiosk
