// Sizes in millimetres on the panels kiosks stand with: what a guest reads
// from 2 m and what they touch, measured in the scene that is drawn and the
// fonts it is drawn in.
#include <catch2/catch.hpp>
#include <cmath>

#include "entree/seating/seating_event.h"
#include "fonts.h"
#include "kiosk_fixture.h"
#include "kiosk_tour.h"
#include "support.h"

using namespace entree;
using namespace entree::kiosk;
using entree::testing::AddAttendee;
using entree::testing::AwaitAttract;
using entree::testing::KioskFixture;

namespace {

struct Panel {
  int width, height;
  double inches;
};
// A 7-inch 800x480 panel, 10.1-inch tablets in landscape and portrait, and
// a 27-inch 4K screen.
constexpr std::array<Panel, 5> kPanels = {{{800, 480, 7},
                                           {1280, 720, 10.1},
                                           {1280, 800, 10.1},
                                           {1080, 1920, 10.1},
                                           {3840, 2160, 27}}};

const FontSet& Fonts() { return entree::testing::KioskFonts(); }

// How high the capitals of `text` stand as drawn, in millimetres.
double CapMm(const TextItem& text, const Layout& layout) {
  FittedText fit = FitText(Fonts(), text.text, text.box.w, text.box.h,
                           text.size, text.weight, text.overflow);
  return fit.size * Layout::kCapShare / layout.PixelsPerMm();
}

// The text containing `part`; fails when there is none.
const TextItem& TextWith(const Scene& scene, const std::string& part) {
  for (const TextItem& t : scene.texts) {
    if (t.text.find(part) != std::string::npos) return t;
  }
  FAIL("no text with \"" << part << "\"");
  throw;
}

// Every button at least kTargetMm on its shorter side.
void CheckTargets(const Scene& scene, const Layout& layout) {
  for (const ButtonItem& b : scene.buttons) {
    INFO("button " << b.id << " " << b.box.w << "x" << b.box.h
                   << " px = " << b.box.w / layout.PixelsPerMm() << "x"
                   << b.box.h / layout.PixelsPerMm() << " mm");
    CHECK(std::min(b.box.w, b.box.h) >= layout.Target());
  }
}

// Three tables with a host each and a plan of three rounds.
void PlanThreeRounds(KioskFixture& f) {
  Store store = Store::Open(f.db).value();
  for (const char* table : {"Human Capital", "Smart Industry", "Onderwijs"}) {
    Attendee host =
        AddAttendee(store, "Robin", "Burghard", Sector::kEducation, table);
    host.role = Role::kHost;
    REQUIRE(store.UpdateAttendee(host).ok());
  }
  PlanRequest request;
  request.rounds = 3;
  REQUIRE(PlanEventSeating(store, request).ok());
}

}  // namespace

TEST_CASE("a panel's size gives millimetres and the compact layout",
          "[kiosk][sizes]") {
  Layout tablet(1280, 800, 10.1);
  CHECK(tablet.PixelsPerMm() == Approx(5.88).epsilon(0.01));
  CHECK(tablet.Mm(9) == 53);
  CHECK_FALSE(tablet.Compact());
  CHECK(Layout(800, 480, 7).Compact());
  CHECK_FALSE(Layout(1080, 1920, 10.1).Compact());
  // Unknown: a 10.1-inch panel is assumed, but at most 150 pixels an
  // inch: 4K is a large screen.
  CHECK(Layout(1280, 800).PixelsPerMm() == tablet.PixelsPerMm());
  CHECK(Layout(1080, 1920).PixelsPerMm() == Approx(150 / 25.4));
  CHECK(Layout(3840, 2160).PixelsPerMm() == Approx(150 / 25.4));
  // A 2 m wide screen is never compact and needs few pixels a millimetre.
  CHECK(Layout(3840, 2160, 86).PixelsPerMm() == Approx(2.02).epsilon(0.01));
}

TEST_CASE("the cap height the layout counts on is the font's",
          "[kiosk][sizes]") {
  for (Weight weight : {Weight::kBold, Weight::kRegular}) {
    CHECK(Fonts().CapHeight(200, weight) / 200.0 ==
          Approx(Layout::kCapShare).margin(0.01));
  }
}

TEST_CASE("names, seat lines and touch targets are large enough on each panel",
          "[kiosk][sizes]") {
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  for (const Panel& panel : kPanels) {
    INFO(panel.width << "x" << panel.height << " at " << panel.inches
                     << " inch, " << ToString(language));
    KioskFixture f;
    PlanThreeRounds(f);
    f.layout = Layout(panel.width, panel.height, panel.inches);
    f.layout.set_metrics(&Fonts());
    f.Tap("lang:" + std::string(ToString(language)));
    const Layout& layout = f.layout;
    bool full = !layout.Compact();

    Scene start = f.app->Compose(layout);
    if (full) {
      CHECK(CapMm(TextWith(start, std::string(Catalog::For(language).Get(
                                      "kiosk.attract"))),
                  layout) >= Layout::kGuestLineCapMm);
    }

    f.Scan(f.CodeFor(f.marjolein));
    Scene welcome = f.app->Compose(layout);
    REQUIRE(f.app->ScreenName() == "verdict");
    const TextItem& name = TextWith(welcome, "Marjolein de Gelder");
    const TextItem& round = TextWith(welcome, "Human Capital");
    INFO("name \"" << name.text << "\", round \"" << round.text << "\"");
    if (full) {
      CHECK(CapMm(name, layout) >= Layout::kNameCapMm);
      int seat_lines = 0;
      for (const TextItem& t : welcome.texts) {
        if (&t == &name) continue;
        ++seat_lines;
        INFO("seat line \"" << t.text << "\"");
        CHECK(CapMm(t, layout) >= Layout::kGuestLineCapMm);
      }
      CHECK(seat_lines == 3);
    }
    AwaitAttract(f);

    int states = 0;
    Tour(
        f,
        [&](const std::string& state) {
          INFO(state);
          CheckTargets(f.app->Compose(layout), layout);
          ++states;
        },
        f.marjolein);
    CHECK(states == 23);
  }
}
