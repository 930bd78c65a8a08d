// Names in every script a guest's name can have are drawn whole: on the
// door's verdict, in the name search, on the walk-in form and on the
// badge, no letter is drawn as a box (pango's count of unknown glyphs).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "entree/badges/badge_face.h"
#include "entree/badges/badge_layout.h"
#include "entree/badges/badge_render.h"
#include "fonts.h"
#include "kiosk_fixture.h"
#include "kiosk_tour.h"
#include "support.h"

using namespace entree;
using namespace entree::kiosk;
using entree::testing::AddAttendee;
using entree::testing::KioskFixture;

namespace {

struct SampleName {
  const char* script;
  const char* given;
  const char* family;
  const char* organisation;
};

const std::vector<SampleName>& SampleNames() {
  static const std::vector<SampleName> names = {
      {"Latin", "Zoë", "van den Heuvel-Çelik", "Łukasz & Søn"},
      {"Greek", "Νίκος", "Παπαδόπουλος", "Πανεπιστήμιο Αθηνών"},
      {"Cyrillic", "Иван", "Петров", "Университет"},
      {"Arabic", "محمد", "العلي", "جامعة القاهرة"},
      {"Hebrew", "דוד", "כהן", "האוניברסיטה העברית"},
      {"Chinese", "李", "小龙", "北京大学"},
      {"Japanese", "さくら", "山田", "東京大学"},
      {"Korean", "지민", "김", "서울대학교"},
      {"Devanagari", "प्रिया", "शर्मा", "दिल्ली विश्वविद्यालय"},
      {"Thai", "สมชาย", "ใจดี", "มหาวิทยาลัยมหิดล"},
  };
  return names;
}

// Every text and label on screen now; fails the test on the first one
// that holds a letter no installed font has.
void CheckDrawnWhole(KioskFixture& f, const std::string& where) {
  const FontSet& fonts = entree::testing::KioskFonts();
  Scene scene = f.app->Compose(f.layout);
  for (const TextItem& text : scene.texts) {
    INFO(where << ": \"" << text.text << "\"");
    CHECK(fonts.UnknownGlyphs(text.text, text.size, text.weight) == 0);
  }
  for (const ButtonItem& button : scene.buttons) {
    INFO(where << ": button \"" << button.label << "\"");
    CHECK(fonts.UnknownGlyphs(button.label, 40, Weight::kBold) == 0);
  }
}

// Types `text` as a keyboard does: one character at a time, whole.
void TypeCharacters(KioskFixture& f, const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    auto lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    f.Send({UiEvent::Kind::kText, text.substr(i, length)});
    f.Advance(150);
    i += length;
  }
}

}  // namespace

TEST_CASE("a letter no font has is counted, so the count can fail",
          "[kiosk][scripts]") {
  const FontSet& fonts = entree::testing::KioskFonts();
  // A private-use character: no font has it.
  CHECK(fonts.UnknownGlyphs("\xEE\x80\x80", 40, Weight::kBold) == 1);
  CHECK(fonts.UnknownGlyphs("Bram Mulder", 40, Weight::kBold) == 0);
}

TEST_CASE("names in every script are drawn whole on the kiosk and the badge",
          "[kiosk][scripts]") {
  for (const SampleName& sample : SampleNames()) {
    INFO(sample.script);
    std::string full = std::string(sample.given) + " " + sample.family;
    KioskFixture f;
    Attendee guest = [&] {
      Store store = Store::Open(f.db).value();
      return AddAttendee(store, sample.given, sample.family, Sector::kEducation,
                         "");
    }();
    {
      Store store = Store::Open(f.db).value();
      guest.organisation = sample.organisation;
      REQUIRE(store.UpdateAttendee(guest).ok());
    }

    // The door's verdict.
    f.Scan(f.CodeFor(guest));
    CHECK(f.HasText(sample.given));
    CheckDrawnWhole(f, "verdict");
    f.Advance(8000);

    // The name search, typed on a keyboard, and its result.
    f.Tap("register");
    TypeCharacters(f, sample.family);
    CHECK(f.HasText(sample.family));
    CheckDrawnWhole(f, "find");

    // The walk-in form, filled in on a keyboard.
    f.Tap("walk_in");
    TypeCharacters(f, sample.given);
    f.Tap("field:family_name");
    TypeCharacters(f, sample.family);
    f.Tap("field:organisation");
    TypeCharacters(f, sample.organisation);
    CHECK(f.HasText(sample.organisation));
    CheckDrawnWhole(f, "walk-in");

    // The badge, in every layout.
    Store store = Store::Open(f.db).value();
    BadgeFace face =
        MakeBadgeFace(store, guest, f.CodeFor(guest), Language::kEnglish)
            .value();
    INFO(face.full_name);
    CHECK(face.full_name.find(sample.given) != std::string::npos);
    for (const std::string& name : BadgeLayoutNames()) {
      INFO(name);
      BadgeLayout layout = LoadBadgeLayout(name).value();
      CHECK(CountUnknownGlyphs(layout, face).value() == 0);
    }
  }
}

TEST_CASE("a badge counts the letters it cannot draw", "[badges][scripts]") {
  BadgeFace face;
  face.full_name = "Bram \xEE\x80\x80\xEE\x80\x81";
  face.code = "E1TEST";
  BadgeLayout layout = LoadBadgeLayout("a6").value();
  CHECK(CountUnknownGlyphs(layout, face).value() == 2);
}

TEST_CASE("a line that begins with an Arabic name reads left to right",
          "[kiosk][scripts]") {
  const FontSet& fonts = entree::testing::KioskFonts();
  // The ink of each column of a drawn line.
  auto columns = [](const LinePixels& line) {
    std::vector<int> ink(static_cast<size_t>(line.width), 0);
    for (int y = 0; y < line.height; ++y) {
      for (int x = 0; x < line.width; ++x) {
        ink[static_cast<size_t>(x)] += static_cast<int>(
            line.argb[static_cast<size_t>(y) * line.width + x] >> 24);
      }
    }
    return ink;
  };
  // "ist bereits drinnen" after the name, as the German verdict has it:
  // the German words come last, on the right, not before the name.
  LinePixels mixed =
      fonts.Draw("محمد العلي ist", 60, Weight::kBold, 0xffffff, std::nullopt);
  LinePixels latin =
      fonts.Draw("ist", 60, Weight::kBold, 0xffffff, std::nullopt);
  std::vector<int> whole = columns(mixed), tail = columns(latin);
  REQUIRE(whole.size() > tail.size() * 2);
  auto differs_at = [&](size_t start) {
    int worst = 0, most = 1;
    for (size_t i = 0; i < tail.size(); ++i) {
      worst = std::max(worst, std::abs(whole[start + i] - tail[i]));
      most = std::max(most, tail[i]);
    }
    return static_cast<double>(worst) / most;
  };
  // Somewhere within two pixels of the right end, the columns are those
  // of "ist" alone; at the left end they are not.
  double best_right = 1e9;
  for (size_t shift = 0; shift <= 2; ++shift) {
    best_right =
        std::min(best_right, differs_at(whole.size() - tail.size() - shift));
  }
  CHECK(best_right < 0.25);
  CHECK(differs_at(0) > 0.25);
}
