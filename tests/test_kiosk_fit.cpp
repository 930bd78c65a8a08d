// Every screen in every state, at five screen sizes and in every language,
// with ordinary and extreme data: checked from the scene that is drawn and
// the fonts it is drawn in, never from pixels.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <thread>

#include "entree/seating/seating_event.h"
#include "fonts.h"
#include "kiosk_fixture.h"
#include "kiosk_tour.h"
#include "support.h"

using namespace entree;
using namespace entree::kiosk;
using entree::testing::AddAttendee;
using entree::testing::At;
using entree::testing::AwaitAttract;
using entree::testing::KioskFixture;
using entree::testing::MakeExtreme;
using entree::testing::Tour;

namespace {

struct Size {
  int width, height;
  double inches;  // 0: unknown
};
// 800x480 as the 7-inch panel it comes as (the compact layout); the others
// at the 10.1 inches assumed when the size is unknown.
constexpr std::array<Size, 5> kSizes = {{{800, 480, 7},
                                         {1280, 720, 0},
                                         {1280, 800, 0},
                                         {1080, 1920, 0},
                                         {3840, 2160, 0}}};

const FontSet& Fonts() { return entree::testing::KioskFonts(); }

bool Overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

bool Inside(const Rect& inner, const Rect& outer) {
  return inner.x >= outer.x && inner.y >= outer.y &&
         inner.x + inner.w <= outer.x + outer.w &&
         inner.y + inner.h <= outer.y + outer.h;
}

std::string Describe(const Rect& r) {
  return std::to_string(r.w) + "x" + std::to_string(r.h) + "+" +
         std::to_string(r.x) + "+" + std::to_string(r.y);
}

// A text fits its box as it is drawn. Ordinary data fits whole, with no
// word broken; extreme data may be cut short with "…", never spill.
void CheckTextFits(const std::string& text, const Rect& box, int size,
                   Weight weight, Overflow overflow, bool extreme) {
  if (text.empty()) return;
  INFO("\"" << text << "\" in " << Describe(box) << " at " << size);
  FittedText fit = FitText(Fonts(), text, box.w, box.h, size, weight, overflow);
  CHECK(fit.width <= box.w);
  CHECK(fit.height <= box.h);
  if (!extreme && overflow == Overflow::kWrap) {
    CHECK_FALSE(fit.cut);
  }
  if (fit.word_broken) {
    // Only a word that fits no line by itself, even at the smallest size,
    // is split.
    int smallest = static_cast<int>(std::lround(size * kSmallestShare));
    bool too_wide = false;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find_first_of(" \n", start);
      if (end == std::string::npos) end = text.size();
      too_wide = too_wide || Fonts().Width(text.substr(start, end - start),
                                           smallest, weight) > box.w;
      start = end + 1;
    }
    CHECK(too_wide);
  }
}

// Nothing outside the screen, nothing drawn over anything else: buttons
// apart, texts apart, a text either inside one button (a field's value)
// or clear of all, icons and the image clear of texts and buttons.
void CheckScene(const Scene& scene, int w, int h, bool extreme) {
  Rect screen{0, 0, w, h};
  const auto& buttons = scene.buttons;
  const auto& texts = scene.texts;
  for (size_t i = 0; i < buttons.size(); ++i) {
    INFO("button " << buttons[i].id << " " << Describe(buttons[i].box));
    CHECK(Inside(buttons[i].box, screen));
    CheckTextFits(buttons[i].label, buttons[i].box, buttons[i].text_size,
                  Weight::kBold, Overflow::kWrap, extreme);
    for (size_t j = i + 1; j < buttons.size(); ++j) {
      INFO("and button " << buttons[j].id << " " << Describe(buttons[j].box));
      CHECK_FALSE(Overlap(buttons[i].box, buttons[j].box));
    }
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    INFO("text \"" << texts[i].text << "\" " << Describe(texts[i].box));
    CHECK(Inside(texts[i].box, screen));
    CheckTextFits(texts[i].text, texts[i].box, texts[i].size, texts[i].weight,
                  texts[i].overflow, extreme);
    for (size_t j = i + 1; j < texts.size(); ++j) {
      INFO("and text \"" << texts[j].text << "\" " << Describe(texts[j].box));
      CHECK_FALSE(Overlap(texts[i].box, texts[j].box));
    }
    for (const ButtonItem& b : buttons) {
      INFO("and button " << b.id << " " << Describe(b.box));
      CHECK((Inside(texts[i].box, b.box) || !Overlap(texts[i].box, b.box)));
    }
  }
  for (const IconItem& icon : scene.icons) {
    INFO("icon " << Describe(icon.box));
    CHECK(Inside(icon.box, screen));
    for (const TextItem& t : texts) {
      INFO("and text \"" << t.text << "\"");
      CHECK_FALSE(Overlap(icon.box, t.box));
    }
    for (const ButtonItem& b : buttons) {
      INFO("and button " << b.id);
      CHECK_FALSE(Overlap(icon.box, b.box));
    }
  }
  for (const auto* image : {&scene.image, &scene.logo}) {
    if (!*image) continue;
    const Rect& box = (*image)->box;
    INFO((image == &scene.logo ? "logo " : "image ") << Describe(box));
    CHECK(Inside(box, screen));
    for (const TextItem& t : texts) {
      INFO("and text \"" << t.text << "\"");
      CHECK_FALSE(Overlap(box, t.box));
    }
    for (const ButtonItem& b : buttons) {
      INFO("and button " << b.id);
      CHECK_FALSE(Overlap(box, b.box));
    }
  }
  if (scene.image && scene.logo) {
    CHECK_FALSE(Overlap(scene.image->box, scene.logo->box));
  }
}

// Composes what `f` shows at every size and checks each scene.
struct FitChecker {
  KioskFixture& f;
  bool extreme;
  int screens = 0;
  void operator()(const std::string& state) {
    INFO(state << (extreme ? " (extreme data)" : ""));
    for (auto [w, h, inches] : kSizes) {
      INFO(w << "x" << h << " " << ToString(f.app->language()));
      Layout layout(w, h, inches);
      layout.set_metrics(&Fonts());
      CheckScene(f.app->Compose(layout), w, h, extreme);
    }
    f.app->Compose(f.layout);
    ++screens;
  }
};

}  // namespace

TEST_CASE("every screen and state fits at five sizes in every language",
          "[kiosk][fit]") {
  bool extreme = GENERATE(false, true);
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  KioskFixture f;
  Attendee guest = f.marjolein;
  if (extreme) {
    guest = MakeExtreme(f);
    CHECK(guest.given_name.size() + guest.family_name.size() >= 40);
  }
  f.Tap("lang:" + std::string(ToString(language)));
  REQUIRE(f.app->language() == language);
  if (extreme) {
    // The event's own look: its logo on the start screen, its colour on
    // the buttons guests use.
    f.Restart();
    f.Tap("lang:" + std::string(ToString(language)));
    Scene start = f.app->Compose(f.layout);
    CHECK(start.logo.has_value());
    CHECK(f.HasText("Theater Hof van Coevorden"));
    CHECK(f.HasText("Monday 12 October 2026") ==
          (language == Language::kEnglish));
    CHECK(f.HasText("Montag, 12. Oktober 2026") ==
          (language == Language::kGerman));
    // The name on the organiser's colour, readable.
    REQUIRE_FALSE(start.boxes.empty());
    CHECK(start.boxes.front().colour == 0x8A1538u);
    for (const TextItem& t : start.texts) {
      if (t.text.rfind("Internationale", 0) == 0) {
        CHECK(theme::Contrast(t.colour, 0x8A1538) >= 4.5);
      }
    }
  }
  FitChecker check{f, extreme};
  Tour(f, std::ref(check), guest);
  CHECK(check.screens == 23);
}

TEST_CASE("the badge screen fits while printing, printed and failed",
          "[kiosk][fit][printing]") {
  entree::testing::PrintSandbox cups;
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  for (const char* queue : {"entree-pdf", "entree-nopaper"}) {
    INFO(queue);
    for (Side side : {Side::kLeft, Side::kRight, Side::kBelow}) {
      KioskFixture f(KioskRole::kBoth, queue, cups.server(), "", "", "",
                     Direction::kEntry, std::nullopt,
                     [&](KioskConfig& c) { c.printer_side = side; });
      f.Tap("lang:" + std::string(ToString(language)));
      f.OpenBadgeOfMarjolein();
      REQUIRE(f.app->ScreenName() == "badge");
      FitChecker check{f, false};
      check("badge, printing");
      std::string news(Catalog::For(language).Get(
          std::string(queue) == "entree-pdf" ? "kiosk.badge_printed"
                                             : "kiosk.badge_print_failed"));
      f.AwaitPrintNews(news);
      REQUIRE(f.HasText(news));
      check("badge, printed or failed");
      if (std::string(queue) != "entree-nopaper" || side != Side::kLeft) {
        continue;
      }
      // Staff see the printer's trouble on an amber band, with "print
      // again" at its end.
      f.Tap("done");
      f.Advance(3100);
      f.EnterStaffMode();
      bool banner = false;
      for (int tries = 0; tries < 100 && !banner; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        f.Advance(1100);
        Scene staff = f.app->Compose(f.layout);
        for (const ButtonItem& b : staff.buttons) {
          for (const BoxItem& band : staff.boxes) {
            banner = banner || (b.id == "reprint" && Inside(b.box, band.box) &&
                                band.colour == theme::kFieldProblem);
          }
        }
      }
      CHECK(banner);
      check("staff, printer warning");
    }
  }
}

TEST_CASE("the door's other states fit at five sizes in every language",
          "[kiosk][fit]") {
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  SECTION("not open yet") {
    KioskFixture f(KioskRole::kDoor, "", "", "", "", "", Direction::kEntry,
                   At("2026-10-12T19:00:00Z"));
    f.Tap("lang:" + std::string(ToString(language)));
    FitChecker check{f, false};
    check("door attract");
    f.Scan(f.CodeFor(f.marjolein));
    check("not open yet");
  }
  SECTION("scanner cue, with and without a camera") {
    for (Side side : {Side::kLeft, Side::kRight, Side::kBelow}) {
      INFO(ToString(side));
      for (bool camera : {false, true}) {
        entree::testing::TempDir frames;
        entree::testing::WriteFile(
            frames.File("frame.pgm"),
            "P5\n320 240\n255\n" + std::string(320 * 240, '\x80'));
        KioskFixture f(KioskRole::kBoth, "", "", camera ? frames.path() : "",
                       "", "", Direction::kEntry, std::nullopt,
                       [&](KioskConfig& c) { c.scanner_side = side; });
        f.Tap("lang:" + std::string(ToString(language)));
        CHECK(f.HasText(
            std::string(Catalog::For(language).Get("kiosk.scan_here"))));
        FitChecker check{f, false};
        check(camera ? "scanner cue beside the camera" : "scanner cue");
      }
    }
  }
  SECTION("camera view") {
    entree::testing::TempDir frames;
    std::string picture = "P5\n320 240\n255\n" + std::string(320 * 240, '\x80');
    entree::testing::WriteFile(frames.File("frame.pgm"), picture);
    KioskFixture f(KioskRole::kBoth, "", "", frames.path());
    f.Tap("lang:" + std::string(ToString(language)));
    for (int i = 0; i < 100 && !f.app->Compose(f.layout).image; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      f.Advance(50);
    }
    Scene scene = f.app->Compose(f.layout);
    REQUIRE(scene.image.has_value());
    // The aiming frame over the picture, and no code outlined in grey.
    bool aim = false;
    for (const IconItem& icon : scene.icons) {
      aim = aim || (icon.icon == Icon::kAimFrame &&
                    Inside(icon.box, scene.image->box));
    }
    CHECK(aim);
    CHECK(scene.outlines.empty());
    FitChecker check{f, false};
    check("camera view");
  }
  SECTION("staff mode naming why the door stopped") {
    KioskFixture f(KioskRole::kDoor);
    f.Tap("lang:" + std::string(ToString(language)));
    f.app->ShowFault(Status::Localized(StatusCode::kDatabase,
                                       "error.db_disk_full",
                                       {"/var/lib/entree/event.db"}));
    f.Advance(1);
    REQUIRE(f.app->ScreenName() == "fault");
    f.EnterStaffMode();
    CHECK(f.HasText("/var/lib/entree/event.db"));
    FitChecker check{f, false};
    check("staff mode with the door stopped");
  }
  SECTION("exit") {
    KioskFixture f(KioskRole::kDoor, "", "", "", "", "", Direction::kExit);
    f.Tap("lang:" + std::string(ToString(language)));
    FitChecker check{f, false};
    check("exit attract");
    f.Scan(f.CodeFor(f.marjolein));
    check("exit verdict");
  }
}

TEST_CASE("the setup screen of a new box fits at five sizes", "[kiosk][fit]") {
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  entree::testing::TempDir box;
  KioskFixture f(
      KioskRole::kDoor, "", "", "", "", "", Direction::kEntry, std::nullopt,
      [&](KioskConfig& config) { config.database = box.File("new.db"); });
  REQUIRE(f.app->ScreenName() == "setup");
  f.Tap("lang:" + std::string(ToString(language)));
  FitChecker check{f, false};
  check("setup");
  for (int i = 0; i < 30; ++i) f.Tap("key:w");
  f.Tap("connect");
  check("setup, a bad code and a long one");
}

TEST_CASE("every verdict and the fault screen fit at five sizes",
          "[kiosk][fit]") {
  Language language =
      GENERATE(Language::kDutch, Language::kEnglish, Language::kGerman);
  KioskFixture f;
  Attendee guest = MakeExtreme(f);
  f.Tap("lang:" + std::string(ToString(language)));
  Store store = Store::Open(f.db).value();
  auto seats = SeatLinesOf(store, guest);
  REQUIRE(seats.ok());
  REQUIRE(seats->size() == 6);
  for (Verdict verdict :
       {Verdict::kWelcome, Verdict::kWelcomeBack, Verdict::kGoodbye,
        Verdict::kAlreadyInside, Verdict::kRevoked, Verdict::kWrongEvent,
        Verdict::kInvalid, Verdict::kNotOpen, Verdict::kClosed,
        Verdict::kCancelled, Verdict::kUnpaid}) {
    ScanOutcome outcome;
    outcome.verdict = verdict;
    outcome.attendee = guest;
    outcome.first_entry = At("2026-10-12T16:45:00Z");
    if (Admits(verdict) || verdict == Verdict::kAlreadyInside) {
      outcome.seats = *seats;
    }
    f.app->ShowVerdict(outcome);
    f.Advance(1);
    REQUIRE(f.app->ScreenName() == "verdict");
    FitChecker check{f, true};
    check("verdict " + std::string(ToString(verdict)));
  }
  // A walk-in let in while their tables are being found.
  ScanOutcome finding;
  finding.verdict = Verdict::kWelcome;
  finding.attendee = guest;
  finding.seating_pending = true;
  f.app->ShowVerdict(finding);
  f.Advance(1);
  REQUIRE(f.app->ScreenName() == "verdict");
  {
    FitChecker check{f, true};
    check("verdict finding tables");
  }
  f.app->ShowFault("a test's fault");
  f.Advance(1);
  REQUIRE(f.app->ScreenName() == "fault");
  FitChecker check{f, false};
  check("fault");
}
