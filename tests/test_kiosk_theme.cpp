// The kiosk's colours against WCAG 2.1 AA, computed from the theme: text
// at least 4.5:1 (3:1 when large), controls and focus at least 3:1 against
// what surrounds them, and verdicts whose lightness differs also for
// guests with deuteranopia or protanopia.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>

#include "theme.h"

namespace entree::kiosk {
namespace {

using Linear = std::array<double, 3>;

double ToLinear(uint32_t channel) {
  double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Linear LinearRgb(uint32_t rgb) {
  return {ToLinear((rgb >> 16) & 0xFF), ToLinear((rgb >> 8) & 0xFF),
          ToLinear(rgb & 0xFF)};
}

double Luminance(const Linear& c) {
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double Ratio(double a, double b) {
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

using theme::Contrast;

// A colour as a guest with a missing cone type sees it (Machado, Oliveira
// and Fernandes 2009, severity 1.0, on linear RGB).
using Matrix = std::array<Linear, 3>;
constexpr Matrix kDeuteranopia{{{0.367322, 0.860646, -0.227968},
                                {0.280085, 0.672501, 0.047413},
                                {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kProtanopia{{{0.152286, 1.052583, -0.204868},
                              {0.114503, 0.786281, 0.099216},
                              {-0.003882, -0.048116, 1.051998}}};

double SeenLuminance(uint32_t rgb, const Matrix& m) {
  Linear c = LinearRgb(rgb), seen{};
  for (size_t i = 0; i < 3; ++i) {
    double sum = 0;
    for (size_t j = 0; j < 3; ++j) sum += m[i][j] * c[j];
    seen[i] = std::clamp(sum, 0.0, 1.0);
  }
  return Luminance(seen);
}

}  // namespace

TEST_CASE("the contrast ratio is WCAG's", "[kiosk][theme]") {
  CHECK(Contrast(0xFFFFFF, 0x000000) == Approx(21.0));
  CHECK(Contrast(0x777777, 0xFFFFFF) == Approx(4.48).epsilon(0.01));
  CHECK(Contrast(0x123456, 0x123456) == Approx(1.0));
}

TEST_CASE("text a guest reads has 4.5:1 against its ground", "[kiosk][theme]") {
  using namespace theme;
  struct Pair {
    uint32_t text, ground;
  };
  for (Pair p : {Pair{kText, kBackground}, Pair{kText, kPanel},
                 Pair{kMutedText, kBackground}, Pair{kWarningText, kBackground},
                 Pair{kOnlineText, kBackground}, Pair{kText, kKey},
                 Pair{kText, kPrimary}, Pair{kText, kAlternative},
                 Pair{kText, kConsentGiven}, Pair{kText, kDelete},
                 Pair{kText, kDanger}, Pair{kStaffText, kStaffKey},
                 Pair{kInk, kChosen}, Pair{kInk, kFieldFocused},
                 Pair{kInk, kFieldIdle}, Pair{kInk, kFieldProblem},
                 Pair{kChartInk, kPanel}, Pair{kText, kPanel}}) {
    INFO(std::hex << p.text << " on " << p.ground);
    CHECK(Contrast(p.text, p.ground) >= 4.5);
  }
  for (Verdict v :
       {Verdict::kWelcome, Verdict::kAlreadyInside, Verdict::kInvalid,
        Verdict::kGoodbye, Verdict::kCancelled}) {
    INFO(ToString(v));
    CHECK(Contrast(VerdictInk(v), VerdictColour(v)) >= 4.5);
  }
}

TEST_CASE("controls and focus stand out 3:1 from what surrounds them",
          "[kiosk][theme]") {
  using namespace theme;
  for (uint32_t control : {kKey, kPrimary, kAlternative, kConsentGiven, kDelete,
                           kDanger, kStaffKey, kChosen, kFieldIdle,
                           kFieldFocused, kFieldProblem, kAimFrame}) {
    INFO(std::hex << control);
    CHECK(Contrast(control, kBackground) >= 3.0);
    CHECK(Contrast(control, kPanel) >= 3.0);
  }
  // A focused field against one without focus, and a consent given
  // against one not given.
  CHECK(Contrast(kFieldFocused, kFieldIdle) >= 3.0);
  CHECK(Contrast(kChosen, kKey) >= 3.0);
  // The chart's bars and line against its ground.
  CHECK(Contrast(kChartBars, kPanel) >= 3.0);
  CHECK(Contrast(kChartLine, kPanel) >= 3.0);
  CHECK(Contrast(kBarFill, kBarTrack) >= 3.0);
}

TEST_CASE(
    "verdicts differ in lightness, also without colour vision of red "
    "or green",
    "[kiosk][theme]") {
  using namespace theme;
  const std::array<uint32_t, 3> verdicts{kVerdictGo, kVerdictAttention,
                                         kVerdictStop};
  for (size_t a = 0; a < verdicts.size(); ++a) {
    for (size_t b = a + 1; b < verdicts.size(); ++b) {
      INFO(std::hex << verdicts[a] << " and " << verdicts[b]);
      CHECK(Contrast(verdicts[a], verdicts[b]) >= 1.5);
      CHECK(Ratio(SeenLuminance(verdicts[a], kDeuteranopia),
                  SeenLuminance(verdicts[b], kDeuteranopia)) >= 1.5);
      CHECK(Ratio(SeenLuminance(verdicts[a], kProtanopia),
                  SeenLuminance(verdicts[b], kProtanopia)) >= 1.5);
    }
  }
  CHECK(VerdictColour(Verdict::kWelcome) == kVerdictGo);
  CHECK(VerdictColour(Verdict::kAlreadyInside) == kVerdictAttention);
  CHECK(VerdictColour(Verdict::kWrongEvent) == kVerdictStop);
}

}  // namespace entree::kiosk

TEST_CASE("an organiser's colour is used where it can be read",
          "[kiosk][theme]") {
  using namespace entree::kiosk::theme;
  // A violet as readable as the kiosk's own blue: used for the buttons.
  CHECK(PrimaryFor(0x7468C6) == 0x7468C6u);
  // Too dark to stand out from the ground: lightened, its hue kept, until
  // it does and a label reads on it; a light one keeps its colour under
  // dark ink.
  for (uint32_t accent : {0x8A1538u, 0x2A3550u, 0x000000u, 0x0A5C36u, 0xFFE14Du,
                          0xFFFFFFu, 0x3073D6u}) {
    INFO(std::hex << accent);
    uint32_t fill = PrimaryFor(accent);
    CHECK(Contrast(fill, kBackground) >= 3.0);
    CHECK(Contrast(fill, kPanel) >= 3.0);
    CHECK(Contrast(InkOn(fill), fill) >= 4.5);
    // The same hue: the strongest channel stays the strongest.
    auto channel = [](uint32_t c, int shift) { return (c >> shift) & 0xFF; };
    if (accent != 0 && accent != 0xFFFFFF) {
      int strongest = 16;
      for (int shift : {8, 0}) {
        if (channel(accent, shift) > channel(accent, strongest)) {
          strongest = shift;
        }
      }
      for (int shift : {16, 8, 0}) {
        CHECK(channel(fill, strongest) >= channel(fill, shift));
      }
    }
  }
  CHECK(PrimaryFor(0xFFE14D) == 0xFFE14Du);
  CHECK(PrimaryFor(0x8A1538) != kPrimary);
  CHECK(PrimaryFor(std::nullopt) == kPrimary);
  // Text on a band of that colour takes the ink that reads.
  for (uint32_t accent : {0x8A1538u, 0xFFE14Du, 0xE4002Bu, 0x00A86Bu}) {
    INFO(std::hex << accent);
    CHECK(Contrast(InkOn(accent), accent) >= 4.5);
  }
}
