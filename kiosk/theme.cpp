// The verdicts' colours and the contrast between two colours.
#include "theme.h"

#include <algorithm>
#include <cmath>

namespace entree::kiosk::theme {
namespace {

// sRGB's transfer function undone: a channel's share of light.
double ToLinear(uint32_t channel) {
  double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double RelativeLuminance(uint32_t rgb) {
  return 0.2126 * ToLinear((rgb >> 16) & 0xFF) +
         0.7152 * ToLinear((rgb >> 8) & 0xFF) + 0.0722 * ToLinear(rgb & 0xFF);
}

}  // namespace

double Contrast(uint32_t a, uint32_t b) {
  double la = RelativeLuminance(a), lb = RelativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

namespace {

// `colour` moved `share` (0 to 1) of the way to white.
uint32_t Lighter(uint32_t colour, double share) {
  uint32_t out = 0;
  for (int shift : {16, 8, 0}) {
    double channel = (colour >> shift) & 0xFF;
    channel += (255.0 - channel) * share;
    out |= static_cast<uint32_t>(std::lround(channel)) << shift;
  }
  return out;
}

bool ReadableButton(uint32_t fill) {
  return std::max(Contrast(kText, fill), Contrast(kInk, fill)) >= 4.5 &&
         Contrast(fill, kBackground) >= 3.0 && Contrast(fill, kPanel) >= 3.0;
}

}  // namespace

uint32_t PrimaryFor(std::optional<uint32_t> accent) {
  if (!accent) return kPrimary;
  // On this dark ground only lightening can help; white at the end of the
  // way always reads with ink.
  for (int step = 0; step <= 50; ++step) {
    uint32_t fill = Lighter(*accent, step / 50.0);
    if (ReadableButton(fill)) return fill;
  }
  return kPrimary;
}

uint32_t InkOn(uint32_t ground) {
  return Contrast(kText, ground) >= Contrast(kInk, ground) ? kText : kInk;
}

uint32_t VerdictColour(Verdict verdict) {
  if (Admits(verdict)) return kVerdictGo;
  return verdict == Verdict::kAlreadyInside ? kVerdictAttention : kVerdictStop;
}

uint32_t VerdictInk(Verdict verdict) {
  return VerdictColour(verdict) == kVerdictAttention ? kInk : kText;
}

}  // namespace entree::kiosk::theme
