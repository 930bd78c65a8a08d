// SDL's input events as the kiosk's UiEvents.
#include "sdl_input.h"

namespace entree::kiosk {

std::optional<UiEvent> Translate(const SDL_Event& event, int width, int height,
                                 std::set<SDL_FingerID>& fingers) {
  switch (event.type) {
    case SDL_TEXTINPUT: {
      UiEvent ui{UiEvent::Kind::kText, event.text.text};
      ui.ms = event.text.timestamp;
      return ui;
    }
    case SDL_KEYDOWN: {
      UiEvent ui{UiEvent::Kind::kKey, {}};
      ui.ms = event.key.timestamp;
      switch (event.key.keysym.sym) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
          ui.key = Key::kEnter;
          return ui;
        case SDLK_BACKSPACE:
          ui.key = Key::kBackspace;
          return ui;
        case SDLK_TAB:
          ui.key = Key::kTab;
          return ui;
        case SDLK_ESCAPE:
          ui.key = Key::kEscape;
          return ui;
        default:
          return std::nullopt;
      }
    }
    case SDL_MOUSEBUTTONDOWN: {
      if (event.button.which == SDL_TOUCH_MOUSEID) return std::nullopt;
      UiEvent ui{UiEvent::Kind::kTap, {}};
      ui.x = event.button.x;
      ui.y = event.button.y;
      ui.ms = event.button.timestamp;
      return ui;
    }
    case SDL_FINGERUP:
      fingers.erase(event.tfinger.fingerId);
      return std::nullopt;
    case SDL_FINGERDOWN: {
      bool alone = fingers.empty();
      fingers.insert(event.tfinger.fingerId);
      if (!alone) return std::nullopt;
      UiEvent ui{UiEvent::Kind::kTap, {}};
      ui.x = static_cast<int>(event.tfinger.x * static_cast<float>(width));
      ui.y = static_cast<int>(event.tfinger.y * static_cast<float>(height));
      ui.ms = event.tfinger.timestamp;
      return ui;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace entree::kiosk
