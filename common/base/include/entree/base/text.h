// Text handling for names: search folding, Dutch particles, UTF-8, cp1252.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entree {

// Folds text for matching: lower case, diacritics removed (ü→u, ß→ss,
// æ→ae, ...), runs of white space and punctuation collapsed to one space,
// trimmed. "Müller-Lüdenscheidt" → "muller ludenscheidt". Characters it does
// not know (Greek, Cyrillic, ...) are kept as they are, lower-cased where
// ASCII. Input must be valid UTF-8.
std::string FoldForSearch(std::string_view text);

// A full name split the Dutch way: particles stay with the family name.
struct SplitName {
  std::string given;   // "Jan Willem"
  std::string family;  // "van der Berg"
};
// Splits "Jan Willem van der Berg" into {"Jan Willem", "van der Berg"}, and
// "Berg, Jan van der" into {"Jan", "van der Berg"}. One word is a family
// name with no given name.
SplitName SplitFullName(std::string_view full_name);

// The family name without its leading particles: "van der Berg" → "Berg".
// Sorting is by this, as Dutch address books do.
std::string_view FamilyNameCore(std::string_view family_name);

// True when `word` (any case) is a Dutch, Flemish or German name particle
// such as "de", "van", "der", "ter", "'t", "von".
bool IsNameParticle(std::string_view word);

// True when `text` is valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
// What a byte-by-byte look at possibly broken UTF-8 finds: the offsets of
// bytes that belong to no valid character, and how many valid characters of
// two or more bytes there are (which a Windows-1252 file almost never has).
struct Utf8Scan {
  std::vector<size_t> invalid;
  size_t multibyte = 0;
};
Utf8Scan ScanUtf8(std::string_view text);
// Converts Windows-1252 bytes to UTF-8.
std::string Windows1252ToUtf8(std::string_view text);

// True for text shaped like an email address: one @, something before
// it, a dotted domain after it, no spaces or list separators.
bool IsPlausibleEmail(std::string_view email);

// One "key = value" line of a settings or catalog file.
struct KeyValueLine {
  int line = 0;            // 1-based
  std::string_view key;    // trimmed
  std::string_view value;  // trimmed; empty when `has_equals` is false
  bool has_equals = true;
};
// The lines of `text` that are neither blank nor '#' comments, split at
// their first '='. Views point into `text`.
std::vector<KeyValueLine> KeyValueLines(std::string_view text);

// `text` cut to at most `max_bytes` bytes at a character boundary, with
// "…" added when anything was cut; `text` itself when it fits.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// Removes from `text` (valid UTF-8) what no name or address holds and what
// would change how the text around it is shown: control characters (NUL,
// C0 and C1; tab and line breaks become spaces) and the bidirectional
// embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which
// could turn a name around on a badge. In place; true when it changed.
bool StripControlCharacters(std::string& text);

// Trims ASCII white space (and no-break spaces) at both ends.
std::string_view Trim(std::string_view text);

}  // namespace entree
