// Tests of name folding, Dutch particles, UTF-8 and Windows-1252.
#include <catch2/catch.hpp>

#include "entree/base/text.h"

using namespace entree;

TEST_CASE("folding removes case and accents", "[text]") {
  CHECK(FoldForSearch("Müller") == "muller");
  CHECK(FoldForSearch("MÜLLER-Lüdenscheidt") == "muller ludenscheidt");
  CHECK(FoldForSearch("Zoë Lefèvre") == "zoe lefevre");
  CHECK(FoldForSearch("Straße") == "strasse");
  CHECK(FoldForSearch("Łódź") == "lodz");
  CHECK(FoldForSearch("Søren Ærø") == "soren aero");
  CHECK(FoldForSearch("IJsselmeer ĳs") == "ijsselmeer ijs");
  CHECK(FoldForSearch("Renée") == FoldForSearch("Rene\xCC\x81"
                                                "e"));  // NFD
  CHECK(FoldForSearch("  van 't   Hof ") == "van t hof");
  CHECK(FoldForSearch("Ελένη") == "ελένη");
  CHECK(FoldForSearch("ИВАН") == "иван");
}

TEST_CASE("full names split with the particles on the family side", "[text]") {
  struct Case {
    const char* full;
    const char* given;
    const char* family;
  };
  const Case cases[] = {
      {"Marjolein de Gelder", "Marjolein", "de Gelder"},
      {"Jan Willem van der Berg", "Jan Willem", "van der Berg"},
      {"Tessa van 't Hof", "Tessa", "van 't Hof"},
      {"Daan ter Horst", "Daan", "ter Horst"},
      {"Robin Burghard", "Robin", "Burghard"},
      {"Anne-Marie Jansen-Ribeiro", "Anne-Marie", "Jansen-Ribeiro"},
      {"Berg, Jan van der", "Jan", "van der Berg"},
      {"Gelder, Marjolein de", "Marjolein", "de Gelder"},
      {"Madonna", "", "Madonna"},
      {"  Peter   Cool  ", "Peter", "Cool"},
  };
  for (const Case& c : cases) {
    INFO(c.full);
    SplitName split = SplitFullName(c.full);
    CHECK(split.given == c.given);
    CHECK(split.family == c.family);
  }
}

TEST_CASE("the core of a family name leaves out its particles", "[text]") {
  CHECK(FamilyNameCore("van der Berg") == "Berg");
  CHECK(FamilyNameCore("de Gelder") == "Gelder");
  CHECK(FamilyNameCore("Ten Brinke") == "Brinke");
  CHECK(FamilyNameCore("Bosman") == "Bosman");
  CHECK(FamilyNameCore("van") == "van");
}

TEST_CASE("UTF-8 validation and Windows-1252 conversion", "[text]") {
  CHECK(IsValidUtf8("Müller"));
  CHECK(IsValidUtf8(""));
  CHECK_FALSE(IsValidUtf8("M\xFCller"));     // Latin-1 ü
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));      // cut short
  CHECK(Windows1252ToUtf8("M\xFCller") == "Müller");
  CHECK(Windows1252ToUtf8("\x80 5") == "€ 5");
  CHECK(Windows1252ToUtf8("Lef\xE8vre \x93quoted\x94") ==
        "Lefèvre \xE2\x80\x9Cquoted\xE2\x80\x9D");
}

TEST_CASE("text is cut at a character boundary with an ellipsis", "[text]") {
  CHECK(TruncateUtf8("Müller", 20) == "Müller");
  std::string cut = TruncateUtf8("Jérôme Müller", 5);
  CHECK(cut == "J\u2026");  // "é" would not fit beside the ellipsis
  CHECK(IsValidUtf8(TruncateUtf8(std::string(100, 'a') + "éééé", 103)));
  CHECK(TruncateUtf8(std::string(5000, 'a'), 1024).size() <= 1024);
}
