// Tests of reading spreadsheet CSV dialects and writing Excel-safe CSV.
#include <catch2/catch.hpp>

#include "entree/base/csv.h"

using namespace entree;
using Fields = std::vector<std::string>;

TEST_CASE("tricky CSV inputs parse as a spreadsheet meant them", "[csv]") {
  struct Case {
    const char* name;
    std::string input;
    char delimiter;
    std::vector<Fields> records;
    std::vector<int> lines;
  };
  const Case cases[] = {
      {"plain comma", "a,b\n1,2\n", ',', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"semicolon from Dutch Excel",
       "Naam;Bedrijf\r\nJan;X, Y\r\n",
       ';',
       {{"Naam", "Bedrijf"}, {"Jan", "X, Y"}},
       {1, 2}},
      {"tab separated", "a\tb\n1\t2", '\t', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"UTF-8 BOM is not part of the first header",
       "\xEF\xBB\xBFnaam\nZoë\n",
       ',',
       {{"naam"}, {"Zoë"}},
       {1, 2}},
      {"quoted delimiter and doubled quotes",
       "a,b\n\"Smit, Jan\",\"zei \"\"hoi\"\"\"\n",
       ',',
       {{"a", "b"}, {"Smit, Jan", "zei \"hoi\""}},
       {1, 2}},
      {"line break inside quotes keeps line numbers right",
       "a,b\n\"line one\nline two\",x\nc,d\n",
       ',',
       {{"a", "b"}, {"line one\nline two", "x"}, {"c", "d"}},
       {1, 2, 4}},
      {"blank lines and trailing separators are skipped",
       "a;b\n\n;\r\n1;2\n;;\n",
       ';',
       {{"a", "b"}, {"1", "2"}},
       {1, 4}},
      {"old Mac CR line ends",
       "a,b\r1,2\r",
       ',',
       {{"a", "b"}, {"1", "2"}},
       {1, 2}},
      {"no final line end", "a,b\n1,2", ',', {{"a", "b"}, {"1", "2"}}, {1, 2}},
      {"empty quoted field",
       "a,b\n\"\",2\n",
       ',',
       {{"a", "b"}, {"", "2"}},
       {1, 2}},
      {"semicolon wins when the header has more of them",
       "naam;org;mail\nSmit, J.;X;y\n",
       ';',
       {{"naam", "org", "mail"}, {"Smit, J.", "X", "y"}},
       {1, 2}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CsvDocument doc = ParseCsv(c.input);
    CHECK(doc.delimiter == c.delimiter);
    CHECK_FALSE(doc.unclosed_quote_line.has_value());
    REQUIRE(doc.records.size() == c.records.size());
    for (size_t i = 0; i < c.records.size(); ++i) {
      CHECK(doc.records[i].fields == c.records[i]);
      CHECK(doc.records[i].line == c.lines[i]);
    }
  }
}

TEST_CASE("Windows-1252 bytes are read as such", "[csv]") {
  CsvDocument doc = ParseCsv("naam;plaats\r\nB\xFCgel;Co\xEBvorden\r\n");
  CHECK(doc.encoding == "windows-1252");
  REQUIRE(doc.records.size() == 2);
  CHECK(doc.records[1].fields == Fields{"Bügel", "Coëvorden"});
}

TEST_CASE("Excel's Unicode text (UTF-16 with a byte-order mark) is read",
          "[csv]") {
  // "Voornaam<TAB>Achternaam<TAB>Organisatie", then Zoë van 't Hof, then a
  // name outside the first plane (U+2070E) and Arabic, as Excel saves them.
  std::u16string text =
      u"Voornaam\tAchternaam\tOrganisatie\r\n"
      u"Zo\u00EB\tvan 't Hof\tGemeente Coevorden\r\n"
      u"\U0002070E\t\u0645\u062D\u0645\u062F\tSaxion\r\n";
  for (bool little_endian : {true, false}) {
    INFO((little_endian ? "little-endian" : "big-endian"));
    std::string bytes = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    for (char16_t unit : text) {
      char lo = static_cast<char>(unit & 0xFF);
      char hi = static_cast<char>(unit >> 8);
      bytes += little_endian ? std::string{lo, hi} : std::string{hi, lo};
    }
    CsvDocument doc = ParseCsv(bytes);
    CHECK(doc.encoding ==
          (little_endian ? "utf-16le with BOM" : "utf-16be with BOM"));
    CHECK(doc.delimiter == '\t');
    REQUIRE(doc.records.size() == 3);
    CHECK(doc.records[0].fields ==
          Fields{"Voornaam", "Achternaam", "Organisatie"});
    CHECK(doc.records[1].fields ==
          Fields{"Zoë", "van 't Hof", "Gemeente Coevorden"});
    CHECK(doc.records[2].fields ==
          Fields{"\xF0\xA0\x9C\x8E", "محمد", "Saxion"});
  }
  // A lone surrogate and an odd last byte become U+FFFD, nothing worse.
  CsvDocument broken =
      ParseCsv(std::string("\xFF\xFE"
                           "a\0\x00\xD8,\0b",
                           9));
  REQUIRE(broken.records.size() == 1);
  CHECK(broken.records[0].fields == Fields{"a\uFFFD", "\uFFFD"});
}

TEST_CASE("an unclosed quote is reported with its line", "[csv]") {
  CsvDocument doc = ParseCsv("a,b\n1,2\n\"open,3\n4,5\n");
  REQUIRE(doc.records.size() == 2);
  REQUIRE(doc.unclosed_quote_line.has_value());
  CHECK(*doc.unclosed_quote_line == 3);
}

TEST_CASE("written CSV opens in Excel as intended", "[csv]") {
  CsvWriter writer(';');
  writer.Row({"Naam", "Opmerking"});
  writer.Row({"Smit; Jan", "zei \"hoi\"\nen ging"});
  std::string out = writer.Take();
  CHECK(out.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(out ==
        "\xEF\xBB\xBFNaam;Opmerking\r\n\"Smit; Jan\";\"zei "
        "\"\"hoi\"\"\nen ging\"\r\n");
  // What it writes, it reads back.
  CsvDocument doc = ParseCsv(out);
  REQUIRE(doc.records.size() == 2);
  CHECK(doc.records[1].fields == Fields{"Smit; Jan", "zei \"hoi\"\nen ging"});
}

TEST_CASE("cells a spreadsheet would run as formulas are neutralised",
          "[csv]") {
  CHECK(CsvCell("=HYPERLINK(\"http://x\")", ',') ==
        "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(CsvCell("+31 6 1234", ',') == "'+31 6 1234");
  CHECK(CsvCell("-2+3", ',') == "'-2+3");
  CHECK(CsvCell("@SUM(A1)", ',') == "'@SUM(A1)");
  CHECK(CsvCell("\tcmd", ',') == "'\tcmd");
  CHECK(CsvCell("Jan-Willem", ',') == "Jan-Willem");
  CHECK(CsvCell("", ',') == "");
}
