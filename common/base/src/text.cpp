// Name folding for search, Dutch name particles, UTF-8 checks, cp1252.
#include "entree/base/text.h"

#include <array>
#include <cstdint>
#include <vector>

namespace entree {
namespace {

// Decodes one UTF-8 sequence at `pos`; advances pos. Returns U+FFFD and
// advances one byte on a malformed sequence.
char32_t DecodeUtf8(std::string_view text, size_t& pos) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  uint8_t lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || pos + length > text.size()) {
    ++pos;
    return 0xFFFD;
  }
  char32_t cp = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    uint8_t next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  pos += length;
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Base letters of U+00C0..U+00FF; '*' marks the ones spelled with two
// letters, ' ' the ones that are not letters.
constexpr std::string_view kLatin1Base =
    "aaaaaa*ceeeeiiiidnooooo ouuuuy*"  // U+00C0..U+00DF
    "*aaaaaa*ceeeeiiiidnooooo ouuuuy*y";
// Base letters of U+0100..U+017F ('*' again marks two-letter ones).
constexpr std::string_view kLatinExtABase =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllllllln"
    "nnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// Appends the folded form of one code point.
void AppendFolded(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '\'') return;  // 't Hart and d'Ancona fold to "t hart", "dancona"
    if (!alnum) c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) return;
    out.push_back(c);
    return;
  }
  if (cp >= 0x300 && cp <= 0x36F) return;    // combining diacritics
  if (cp == 0x2019 || cp == 0x2018) return;  // typographic apostrophes
  if (cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {
    AppendFolded(out, ' ');
    return;
  }
  char base = 0;
  if (cp >= 0xC0 && cp <= 0xFF) base = kLatin1Base[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) base = kLatinExtABase[cp - 0x100];
  if (base == '*') {
    switch (cp) {
      case 0xC6:
      case 0xE6:
        out += "ae";
        return;
      case 0xDE:
      case 0xFE:
        out += "th";
        return;
      case 0xDF:
        out += "ss";
        return;
      case 0x132:
      case 0x133:
        out += "ij";
        return;
      case 0x152:
      case 0x153:
        out += "oe";
        return;
      default:
        return;
    }
  }
  if (base == ' ') {
    AppendFolded(out, ' ');
    return;
  }
  if (base != 0) {
    out.push_back(base);
    return;
  }
  // Greek and Cyrillic capitals to lower case; everything else as it is.
  if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F)) cp += 0x20;
  if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  AppendUtf8(out, cp);
}

constexpr std::array<std::string_view, 34> kParticles = {
    "de",    "den",  "der",    "des",    "het", "'t",  "t",   "te",  "ten",
    "ter",   "van",  "vanden", "vander", "in",  "op",  "aan", "bij", "uit",
    "onder", "over", "voor",   "von",    "zu",  "zum", "zur", "d'",  "l'",
    "la",    "le",   "du",     "da",     "di",  "del", "dos"};

std::string Lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\t') ++pos;
    if (pos > start) words.push_back(text.substr(start, pos - start));
  }
  return words;
}

std::string Join(const std::vector<std::string_view>& words, size_t from,
                 size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += words[i];
  }
  return out;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) AppendFolded(out, DecodeUtf8(text, pos));
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsNameParticle(std::string_view word) {
  std::string lower = Lower(word);
  for (std::string_view particle : kParticles) {
    if (lower == particle) return true;
  }
  return lower == "\xE2\x80\x99t";  // ’t
}

SplitName SplitFullName(std::string_view full_name) {
  full_name = Trim(full_name);
  size_t comma = full_name.find(',');
  if (comma != std::string_view::npos) {
    // "Berg, Jan van der": particles after the given names join the family.
    std::string core(Trim(full_name.substr(0, comma)));
    std::vector<std::string_view> rest = Words(full_name.substr(comma + 1));
    size_t first_particle = rest.size();
    while (first_particle > 1 && IsNameParticle(rest[first_particle - 1])) {
      --first_particle;
    }
    std::string particles = Join(rest, first_particle, rest.size());
    return {Join(rest, 0, first_particle),
            particles.empty() ? core : particles + " " + core};
  }
  std::vector<std::string_view> words = Words(full_name);
  if (words.empty()) return {};
  if (words.size() == 1) return {"", std::string(words[0])};
  size_t family_start = words.size() - 1;
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (IsNameParticle(words[i])) {
      family_start = i;
      break;
    }
  }
  return {Join(words, 0, family_start),
          Join(words, family_start, words.size())};
}

std::string_view FamilyNameCore(std::string_view family_name) {
  std::string_view rest = Trim(family_name);
  while (true) {
    size_t space = rest.find(' ');
    if (space == std::string_view::npos) return rest;
    if (!IsNameParticle(rest.substr(0, space))) return rest;
    rest = Trim(rest.substr(space + 1));
  }
}

namespace {

// The length of the valid UTF-8 character of two or more bytes at `pos`;
// 0 when the bytes there are not one.
size_t MultibyteLength(std::string_view text, size_t pos) {
  uint8_t lead = static_cast<uint8_t>(text[pos]);
  size_t length = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  size_t end = pos;
  char32_t cp = DecodeUtf8(text, end);
  if (end != pos + length || cp < min || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return length;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<uint8_t>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t length = MultibyteLength(text, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

Utf8Scan ScanUtf8(std::string_view text) {
  Utf8Scan scan;
  size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<uint8_t>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t length = MultibyteLength(text, pos);
    if (length == 0) {
      scan.invalid.push_back(pos++);
    } else {
      ++scan.multibyte;
      pos += length;
    }
  }
  return scan;
}

std::string Windows1252ToUtf8(std::string_view text) {
  // U+ values of 0x80..0x9F; 0 where cp1252 leaves the byte undefined.
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    uint8_t byte = static_cast<uint8_t>(c);
    char32_t cp = byte;
    if (byte >= 0x80 && byte <= 0x9F) {
      cp = kHigh[byte - 0x80] != 0 ? kHigh[byte - 0x80] : 0xFFFD;
    }
    AppendUtf8(out, cp);
  }
  return out;
}

bool IsPlausibleEmail(std::string_view email) {
  size_t at = email.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  std::string_view domain = email.substr(at + 1);
  size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') {
    return false;
  }
  return email.find_first_of(" \t,;<>\"") == std::string_view::npos;
}

std::vector<KeyValueLine> KeyValueLines(std::string_view text) {
  std::vector<KeyValueLine> lines;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++number;
    if (line.empty() || line[0] == '#') continue;
    size_t equals = line.find('=');
    if (equals == std::string_view::npos) {
      lines.push_back({number, line, {}, false});
    } else {
      lines.push_back({number, Trim(line.substr(0, equals)),
                       Trim(line.substr(equals + 1)), true});
    }
  }
  return lines;
}

std::string_view Trim(std::string_view text) {
  auto is_space = [](std::string_view t, size_t i) -> size_t {
    char c = t[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    return 0;
  };
  while (!text.empty() && is_space(text, 0)) text.remove_prefix(1);
  while (!text.empty() && is_space(text, text.size() - 1)) {
    text.remove_suffix(1);
  }
  // No-break spaces (U+00A0) that spreadsheets like to leave behind.
  while (text.size() >= 2 && text.substr(0, 2) == "\xC2\xA0") {
    text.remove_prefix(2);
  }
  while (text.size() >= 2 && text.substr(text.size() - 2) == "\xC2\xA0") {
    text.remove_suffix(2);
  }
  return text;
}

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view kEllipsis = "\u2026";
  size_t end = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  // Back up over continuation bytes to the start of a character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

bool StripControlCharacters(std::string& text) {
  auto is_suspect = [](unsigned char c) {
    return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xE2;
  };
  size_t first = 0;
  while (first < text.size() &&
         !is_suspect(static_cast<unsigned char>(text[first]))) {
    ++first;
  }
  if (first == text.size()) return false;  // the usual case: nothing to do
  std::string out(text, 0, first);
  bool changed = false;
  for (size_t i = first; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    auto next = [&](size_t k) {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
      changed = true;
    } else if (c < 0x20 || c == 0x7F) {
      changed = true;  // NUL and the other C0 controls, DEL
    } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
      ++i;  // a C1 control
      changed = true;
    } else if (c == 0xE2 && next(1) == 0x80 && next(2) >= 0xAA &&
               next(2) <= 0xAE) {
      i += 2;  // LRE, RLE, PDF, LRO, RLO
      changed = true;
    } else if (c == 0xE2 && next(1) == 0x81 && next(2) >= 0xA6 &&
               next(2) <= 0xA9) {
      i += 2;  // LRI, RLI, FSI, PDI
      changed = true;
    } else {
      out += static_cast<char>(c);
    }
  }
  text = std::move(out);
  return changed;
}

}  // namespace entree
