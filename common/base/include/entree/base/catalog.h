// Translations: every text a user sees, in Dutch and English, and every
// text a guest sees in German too.
#pragma once

#include <array>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/status.h"

namespace entree {

enum class Language { kDutch, kEnglish, kGerman };
// Every language, in the order the kiosk offers them.
inline constexpr std::array<Language, 3> kLanguages = {
    Language::kDutch, Language::kEnglish, Language::kGerman};

// "nl", "en" or "de".
std::string_view ToString(Language language);
// Reads "nl", "nl_NL.UTF-8", "en", "en_GB", "de_DE", "Dutch", "Deutsch",
// ... nullopt otherwise.
std::optional<Language> ParseLanguage(std::string_view text);
// The language of the environment: $ENTREE_LANG, else $LC_ALL, $LC_MESSAGES,
// $LANG; `fallback` when none names one of kLanguages.
Language LanguageFromEnvironment(Language fallback);
// Whether the text `key` is one a guest may see (kiosk screens, verdicts,
// sectors, roles, badge words, the walk-in form's problems, invitations):
// such texts exist in every language; others may show in English.
bool IsGuestText(std::string_view key);

// The texts of one language, from the PO files in assets/i18n (built into
// the library, so no file needs to be found at run time): English from the
// template entree.pot, the others from nl.po and de.po.
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

  // The catalog of PO `text` (see po_file.h), keyed by msgctxt: for
  // English each msgid, for other languages each msgstr that is neither
  // empty nor fuzzy; a text missing there is taken from `fallback`.
  static Catalog FromPo(Language language, std::string_view text,
                        const Catalog* fallback = nullptr);

 private:
  Language language_ = Language::kEnglish;
  std::map<std::string, std::string, std::less<>> entries_;
};

}  // namespace entree
