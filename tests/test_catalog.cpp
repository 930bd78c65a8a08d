// Tests that every text exists in every language with the same blanks: all
// of them in Dutch, those a guest sees in German too, read from the PO files
// translators edit.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "entree/base/catalog.h"
#include "entree/base/po_file.h"
#include "support.h"

using namespace entree;

namespace {

std::set<char> Placeholders(std::string_view text) {
  std::set<char> found;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{' && text[i + 2] == '}') found.insert(text[i + 1]);
  }
  return found;
}

// The messages of assets/i18n/`file` by key.
std::map<std::string, PoEntry> ReadPo(const std::string& file) {
  std::map<std::string, PoEntry> messages;
  for (PoEntry& entry : ParsePo(testing::ReadFile(
           std::string(ENTREE_ASSETS_DIR) + "/i18n/" + file))) {
    if (!entry.context.empty()) messages[entry.context] = std::move(entry);
  }
  return messages;
}

// Every message of the template is in `file` with the same English text;
// those `needed` are translated, with the same blanks, and none is fuzzy.
void CheckTranslation(const std::string& file,
                      bool (*needed)(std::string_view)) {
  auto source = ReadPo("entree.pot");
  auto translated = ReadPo(file);
  REQUIRE(source.size() > 300);
  for (const auto& [key, message] : source) {
    INFO(file << ": " << key);
    auto found = translated.find(key);
    REQUIRE(found != translated.end());
    CHECK(found->second.id == message.id);  // not translated from old text
    CHECK_FALSE(found->second.fuzzy);
    if (needed(key)) CHECK_FALSE(found->second.translation.empty());
    if (!found->second.translation.empty()) {
      CHECK(Placeholders(found->second.translation) ==
            Placeholders(message.id));
    }
  }
  for (const auto& [key, message] : translated) {
    INFO(file << " has " << key << ", the template does not");
    CHECK(source.count(key) == 1);
  }
}

}  // namespace

TEST_CASE("Dutch has every text, German every text a guest sees", "[catalog]") {
  CheckTranslation("nl.po", [](std::string_view) { return true; });
  CheckTranslation("de.po", IsGuestText);
  // Guest texts are recognised by their keys.
  CHECK(IsGuestText("kiosk.attract"));
  CHECK(IsGuestText("verdict.welcome"));
  CHECK(IsGuestText("error.walk_in_no_name"));
  CHECK_FALSE(IsGuestText("help.import"));
  CHECK_FALSE(IsGuestText("error.config_line"));
}

TEST_CASE("every language shows each text, in English where untranslated",
          "[catalog]") {
  const Catalog& en = Catalog::For(Language::kEnglish);
  for (Language language : kLanguages) {
    INFO(ToString(language));
    const Catalog& catalog = Catalog::For(language);
    CHECK(catalog.entries().size() == en.entries().size());
  }
  CHECK(Catalog::For(Language::kGerman).Get("kiosk.attract_door") ==
        "Scannen Sie Ihren Zugangscode");
  CHECK(Catalog::For(Language::kGerman).Get("help.import") ==
        en.Get("help.import"));
}

TEST_CASE("catalog texts are looked up and filled in", "[catalog]") {
  const Catalog& nl = Catalog::For(Language::kDutch);
  CHECK(nl.Format("verdict.welcome", {"Anouk"}) == "Welkom, Anouk!");
  CHECK(Catalog::For(Language::kEnglish).Format("verdict.welcome", {"Anouk"}) ==
        "Welcome, Anouk!");
  CHECK(Catalog::For(Language::kGerman).Format("verdict.welcome", {"Anouk"}) ==
        "Willkommen, Anouk!");
  CHECK(nl.Get("no.such.key") == "no.such.key");
}

TEST_CASE("PO files are read as translators' tools write them", "[catalog]") {
  std::vector<PoEntry> entries = ParsePo(
      "# translator's note\n"
      "msgid \"\"\n"
      "msgstr \"\"\n"
      "\"Language: nl\\n\"\n"
      "\n"
      "#. a comment for translators\n"
      "msgctxt \"a\"\n"
      "msgid \"one\\ntwo \\\"quoted\\\"\"\n"
      "msgstr \"\"\n"
      "\"een\\n\"\n"
      "\"twee\"\n"
      "\n"
      "#, fuzzy\n"
      "msgctxt \"b\"\n"
      "msgid \"guess\"\n"
      "msgstr \"gok\"\n"
      "\n"
      "msgctxt \"c\"\n"
      "msgid \"apple\"\n"
      "msgid_plural \"apples\"\n"
      "msgstr[0] \"appel\"\n"
      "\n"
      "msgctxt \"d\"\n"
      "msgid \"untranslated\"\n"
      "msgstr \"\"\n");
  REQUIRE(entries.size() == 4);  // the header, a, b, d
  CHECK(entries[0].context.empty());
  CHECK(entries[0].translation == "Language: nl\n");
  CHECK(entries[1].context == "a");
  CHECK(entries[1].id == "one\ntwo \"quoted\"");
  CHECK(entries[1].translation == "een\ntwee");
  CHECK_FALSE(entries[1].fuzzy);
  CHECK(entries[2].fuzzy);
  CHECK(entries[3].translation.empty());

  Catalog fallback = Catalog::FromPo(
      Language::kEnglish, "msgctxt \"b\"\nmsgid \"guess\"\nmsgstr \"\"\n");
  Catalog dutch = Catalog::FromPo(
      Language::kDutch,
      "msgctxt \"a\"\nmsgid \"one\"\nmsgstr \"een\"\n\n#, fuzzy\n"
      "msgctxt \"b\"\nmsgid \"guess\"\nmsgstr \"gok\"\n",
      &fallback);
  CHECK(dutch.Get("a") == "een");
  CHECK(dutch.Get("b") == "guess");  // a fuzzy guess is not shown
}

TEST_CASE("languages are read from locale names", "[catalog]") {
  CHECK(ParseLanguage("nl") == Language::kDutch);
  CHECK(ParseLanguage("nl_NL.UTF-8") == Language::kDutch);
  CHECK(ParseLanguage("EN") == Language::kEnglish);
  CHECK(ParseLanguage("en_GB") == Language::kEnglish);
  CHECK(ParseLanguage("Nederlands") == Language::kDutch);
  CHECK(ParseLanguage("de_DE.UTF-8") == Language::kGerman);
  CHECK(ParseLanguage("Deutsch") == Language::kGerman);
  CHECK_FALSE(ParseLanguage("fr").has_value());
  CHECK_FALSE(ParseLanguage("C").has_value());
}
