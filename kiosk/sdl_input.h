// SDL's input events as the kiosk's UiEvents.
#pragma once

#include <SDL.h>

#include <optional>
#include <set>

#include "ui.h"

namespace entree::kiosk {

// The one place that knows SDL's events. Window-manager requests to close,
// Alt+F4, Ctrl+Q and the like translate to nothing: only staff mode quits.
// `fingers` holds the fingers on the screen now: only the first one taps,
// so a palm or a multi-finger gesture presses nothing.
std::optional<UiEvent> Translate(const SDL_Event& event, int width, int height,
                                 std::set<SDL_FingerID>& fingers);

}  // namespace entree::kiosk
