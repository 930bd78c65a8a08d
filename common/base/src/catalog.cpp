// Translation catalogs: parsing, lookup and the language of the environment.
#include "entree/base/catalog.h"

#include <cctype>
#include <cstdlib>

#include "embedded_catalogs.h"
#include "entree/base/text.h"

namespace entree {

std::string_view ToString(Language language) {
  switch (language) {
    case Language::kDutch:
      return "nl";
    case Language::kEnglish:
      return "en";
  }
  return "en";
}

std::optional<Language> ParseLanguage(std::string_view text) {
  std::string lower;
  for (char c : text.substr(0, 2)) {
    lower.push_back(
        static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  if (text.size() > 2 && std::isalpha(static_cast<unsigned char>(text[2]))) {
    std::string folded = FoldForSearch(text);
    if (folded == "dutch" || folded == "nederlands") return Language::kDutch;
    if (folded == "english" || folded == "engels") return Language::kEnglish;
    return std::nullopt;
  }
  if (lower == "nl") return Language::kDutch;
  if (lower == "en") return Language::kEnglish;
  return std::nullopt;
}

Language LanguageFromEnvironment(Language fallback) {
  for (const char* name : {"ENTREE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    if (auto language = ParseLanguage(value)) return *language;
    // The first variable that is set decides, as in POSIX locales; "C"
    // and "POSIX" mean no preference.
    return fallback;
  }
  return fallback;
}

const Catalog& Catalog::For(Language language) {
  static const Catalog dutch =
      Parse(Language::kDutch, EmbeddedCatalogText(Language::kDutch));
  static const Catalog english =
      Parse(Language::kEnglish, EmbeddedCatalogText(Language::kEnglish));
  return language == Language::kDutch ? dutch : english;
}

Catalog Catalog::Parse(Language language, std::string_view text) {
  Catalog catalog;
  catalog.language_ = language;
  for (const KeyValueLine& line : KeyValueLines(text)) {
    if (!line.has_equals) continue;
    std::string value;
    for (size_t i = 0; i < line.value.size(); ++i) {
      if (line.value[i] == '\\' && i + 1 < line.value.size() &&
          line.value[i + 1] == 'n') {
        value.push_back('\n');
        ++i;
      } else {
        value.push_back(line.value[i]);
      }
    }
    catalog.entries_[std::string(line.key)] = value;
  }
  return catalog;
}

std::string_view Catalog::Get(std::string_view key) const {
  auto found = entries_.find(key);
  return found == entries_.end() ? key : std::string_view(found->second);
}

std::string Catalog::Format(
    std::string_view key, std::initializer_list<std::string_view> args) const {
  std::string_view pattern = Get(key);
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      size_t index = static_cast<size_t>(pattern[i + 1] - '0');
      if (index < args.size()) out.append(*(args.begin() + index));
      i += 2;
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

std::string Catalog::Format(std::string_view key,
                            const std::vector<std::string>& args) const {
  // At most four blanks per text.
  std::string_view a[4];
  for (size_t i = 0; i < args.size() && i < 4; ++i) a[i] = args[i];
  return Format(key, {a[0], a[1], a[2], a[3]});
}

std::string Catalog::Describe(const Status& status) const {
  if (status.text_key().empty()) return status.message();
  return Format(status.text_key(), status.text_args());
}

}  // namespace entree
