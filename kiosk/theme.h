// The kiosk's colours, by what they are for. Every screen takes its
// colours from here, and test_kiosk_theme.cpp checks the pairs a guest
// sees against WCAG 2.1 AA: text at least 4.5:1 (3:1 when large), keys,
// fields and focus at least 3:1 against what surrounds them, and verdict
// colours that differ in lightness also for colour-blind guests.
// Colours are 0xRRGGBB.
#pragma once

#include <cstdint>
#include <optional>

#include "entree/codes/checkin_rules.h"

namespace entree::kiosk::theme {

// Surfaces.
constexpr uint32_t kBackground = 0x18202F;  // every screen's ground
constexpr uint32_t kPanel = 0x1F2A44;       // staff screens, chart ground
// Text.
constexpr uint32_t kText = 0xFFFFFF;       // on the ground, keys, verdicts
constexpr uint32_t kInk = 0x1F2A44;        // on light surfaces
constexpr uint32_t kMutedText = 0xB8C2D6;  // hints on the ground
constexpr uint32_t kWarningText = 0xFFD27F;
constexpr uint32_t kOnlineText = 0x9FB3D1;
// Controls: each stands out from both grounds by at least 3:1, and white
// text on them keeps 4.5:1.
constexpr uint32_t kKey = 0x64769C;          // keys and ordinary buttons
constexpr uint32_t kPrimary = 0x3073D6;      // the action a screen is for
constexpr uint32_t kChosen = 0xFFFFFF;       // a chosen option; ink on it
constexpr uint32_t kAlternative = 0x7468C6;  // "not on the list"
constexpr uint32_t kConsentGiven = 0x00875C;
constexpr uint32_t kDelete = 0xB85656;  // the keyboard's backspace
constexpr uint32_t kDanger = 0xBC5252;  // quitting the kiosk
constexpr uint32_t kStaffKey = kKey;
constexpr uint32_t kStaffText = kText;
// Text fields: the focused one is white, the others darker by 3:1.
constexpr uint32_t kFieldFocused = 0xFFFFFF;
constexpr uint32_t kFieldIdle = 0x8593AC;
// A field, option or checkbox with something to fix; ink on it.
constexpr uint32_t kFieldProblem = 0xF0A830;  // the attention verdict's
// The dashboard.
constexpr uint32_t kBarTrack = 0x2A3650;
constexpr uint32_t kBarFill = 0x00A86B;
constexpr uint32_t kChartInk = 0xE6EAF2;
constexpr uint32_t kChartGrid = 0x33405C;
constexpr uint32_t kChartBars = 0x4C8DF6;
constexpr uint32_t kChartLine = 0xFFB547;
// Camera view: the outline around a code that was read.
constexpr uint32_t kCodeOutline = 0x00C853;
// Camera view: the square to hold the badge's code in.
constexpr uint32_t kAimFrame = 0xFFFFFF;

// Verdicts: green lets in, amber asks for attention, red refuses. Their
// lightness differs (light amber, middle green, dark red), so they are
// told apart without hue too; each also has its own icon, words and sound.
constexpr uint32_t kVerdictGo = 0x00704F;
constexpr uint32_t kVerdictAttention = 0xF0A830;
constexpr uint32_t kVerdictStop = 0x7A0C1C;

// WCAG 2.1's contrast ratio of two colours, from 1 (the same) to 21.
double Contrast(uint32_t a, uint32_t b);

// The colour of the buttons a screen is for: the organiser's accent, made
// lighter in small steps (the same hue) until it stands out from the
// ground (3:1) and a label in white or ink reads on it (4.5:1; see
// InkOn); kPrimary without an accent.
uint32_t PrimaryFor(std::optional<uint32_t> accent);
// kText or kInk, whichever reads better on `ground`.
uint32_t InkOn(uint32_t ground);

// The ground of a verdict's screen.
uint32_t VerdictColour(Verdict verdict);
// The text and icon colour on that ground.
uint32_t VerdictInk(Verdict verdict);

}  // namespace entree::kiosk::theme
