// Translation catalogs: parsing, lookup and the language of the environment.
#include "entree/base/catalog.h"

#include <cctype>
#include <cstdlib>

#include "embedded_catalogs.h"
#include "entree/base/po_file.h"
#include "entree/base/text.h"

namespace entree {

std::string_view ToString(Language language) {
  switch (language) {
    case Language::kDutch:
      return "nl";
    case Language::kEnglish:
      return "en";
    case Language::kGerman:
      return "de";
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
    if (folded == "german" || folded == "deutsch" || folded == "duits") {
      return Language::kGerman;
    }
    return std::nullopt;
  }
  for (Language language : kLanguages) {
    if (lower == ToString(language)) return language;
  }
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

bool IsGuestText(std::string_view key) {
  for (std::string_view prefix :
       {"kiosk.", "verdict.", "sector.", "role.", "error.walk_in_",
        "badge.table", "badge.rounds", "badge.round_item", "invite."}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

const Catalog& Catalog::For(Language language) {
  static const Catalog english =
      FromPo(Language::kEnglish, EmbeddedCatalogText(Language::kEnglish));
  static const Catalog dutch =
      FromPo(Language::kDutch, EmbeddedCatalogText(Language::kDutch), &english);
  static const Catalog german = FromPo(
      Language::kGerman, EmbeddedCatalogText(Language::kGerman), &english);
  switch (language) {
    case Language::kDutch:
      return dutch;
    case Language::kGerman:
      return german;
    case Language::kEnglish:
      break;
  }
  return english;
}

Catalog Catalog::FromPo(Language language, std::string_view text,
                        const Catalog* fallback) {
  Catalog catalog;
  catalog.language_ = language;
  for (PoEntry& entry : ParsePo(text)) {
    if (entry.context.empty() || entry.fuzzy) continue;
    std::string& chosen =
        language == Language::kEnglish ? entry.id : entry.translation;
    if (!chosen.empty()) catalog.entries_[entry.context] = std::move(chosen);
  }
  if (fallback) {
    for (const auto& [key, value] : fallback->entries_) {
      catalog.entries_.emplace(key, value);
    }
  }
  return catalog;
}

std::string_view Catalog::Get(std::string_view key) const {
  auto found = entries_.find(key);
  return found == entries_.end() ? key : std::string_view(found->second);
}

namespace {

// `pattern` with each {N} (one digit) replaced by args[N]; a blank without
// an argument stays empty.
std::string FillBlanks(std::string_view pattern, const std::string_view* args,
                       size_t count) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
      size_t index = static_cast<size_t>(pattern[i + 1] - '0');
      if (index < count) out.append(args[index]);
      i += 2;
    } else {
      out.push_back(pattern[i]);
    }
  }
  return out;
}

}  // namespace

std::string Catalog::Format(
    std::string_view key, std::initializer_list<std::string_view> args) const {
  return FillBlanks(Get(key), args.begin(), args.size());
}

std::string Catalog::Format(std::string_view key,
                            const std::vector<std::string>& args) const {
  std::vector<std::string_view> views(args.begin(), args.end());
  return FillBlanks(Get(key), views.data(), views.size());
}

std::string Catalog::Describe(const Status& status) const {
  if (status.text_key().empty()) return status.message();
  return Format(status.text_key(), status.text_args());
}

}  // namespace entree
