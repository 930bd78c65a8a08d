// Tests that every text exists in Dutch and English with the same blanks.
#include <catch2/catch.hpp>
#include <set>

#include "entree/base/catalog.h"

using namespace entree;

namespace {

std::set<char> Placeholders(std::string_view text) {
  std::set<char> found;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{' && text[i + 2] == '}') found.insert(text[i + 1]);
  }
  return found;
}

}  // namespace

TEST_CASE("Dutch and English catalogs have the same keys and blanks",
          "[catalog]") {
  const Catalog& nl = Catalog::For(Language::kDutch);
  const Catalog& en = Catalog::For(Language::kEnglish);
  REQUIRE(nl.entries().size() > 50);
  CHECK(nl.entries().size() == en.entries().size());
  for (const auto& [key, text] : nl.entries()) {
    INFO(key);
    auto other = en.entries().find(key);
    REQUIRE(other != en.entries().end());
    CHECK_FALSE(text.empty());
    CHECK(Placeholders(text) == Placeholders(other->second));
  }
  for (const auto& [key, text] : en.entries()) {
    INFO(key);
    CHECK(nl.entries().count(key) == 1);
  }
}

TEST_CASE("catalog texts are looked up and filled in", "[catalog]") {
  const Catalog& nl = Catalog::For(Language::kDutch);
  CHECK(nl.Format("verdict.welcome", {"Anouk"}) == "Welkom, Anouk!");
  CHECK(Catalog::For(Language::kEnglish).Format("verdict.welcome", {"Anouk"}) ==
        "Welcome, Anouk!");
  CHECK(nl.Get("no.such.key") == "no.such.key");
  Catalog parsed =
      Catalog::Parse(Language::kEnglish, "# note\na = one\\ntwo\nb=  x = y ");
  CHECK(parsed.Get("a") == "one\ntwo");
  CHECK(parsed.Get("b") == "x = y");
}

TEST_CASE("languages are read from locale names", "[catalog]") {
  CHECK(ParseLanguage("nl") == Language::kDutch);
  CHECK(ParseLanguage("nl_NL.UTF-8") == Language::kDutch);
  CHECK(ParseLanguage("EN") == Language::kEnglish);
  CHECK(ParseLanguage("en_GB") == Language::kEnglish);
  CHECK(ParseLanguage("Nederlands") == Language::kDutch);
  CHECK_FALSE(ParseLanguage("fr").has_value());
  CHECK_FALSE(ParseLanguage("C").has_value());
}
