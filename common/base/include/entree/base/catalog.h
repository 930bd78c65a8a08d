// Translations: every text a user sees, in Dutch and English.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/status.h"

namespace entree {

enum class Language { kDutch, kEnglish };

// "nl" or "en".
std::string_view ToString(Language language);
// Reads "nl", "nl_NL.UTF-8", "en", "en_GB", "Dutch", ... nullopt otherwise.
std::optional<Language> ParseLanguage(std::string_view text);
// The language of the environment: $ENTREE_LANG, else $LC_ALL, $LC_MESSAGES,
// $LANG; `fallback` when none names Dutch or English.
Language LanguageFromEnvironment(Language fallback);

// The texts of one language, from the catalogs in assets/i18n (built into
// the library, so no file needs to be found at run time).
class Catalog {
 public:
  // The catalog of `language`; lives for the whole program.
  static const Catalog& For(Language language);

  // The text for `key`; the key itself when the catalog lacks it (the
  // catalog test makes sure none is missing).
  std::string_view Get(std::string_view key) const;
  // Get(key) with {0}, {1}, ... replaced by `args`.
  std::string Format(std::string_view key,
                     std::initializer_list<std::string_view> args) const;
  std::string Format(std::string_view key,
                     const std::vector<std::string>& args) const;
  // A failure in this language: its catalog text when it has one (see
  // Status::Localized), else its message.
  std::string Describe(const Status& status) const;
  const std::map<std::string, std::string, std::less<>>& entries() const {
    return entries_;
  }
  Language language() const { return language_; }

  // Parses catalog text: "key = value" lines, '#' comments, "\n" in a
  // value for a line break.
  static Catalog Parse(Language language, std::string_view text);

 private:
  Language language_ = Language::kEnglish;
  std::map<std::string, std::string, std::less<>> entries_;
};

}  // namespace entree
