// Runs a test script against the live kiosk.
#include "script_driver.h"

#include <algorithm>
#include <iostream>
#include <utility>

namespace entree::kiosk {
namespace {

// Pushes the SDL events a script step stands for.
void PushScriptInput(const ScriptStep& step, const Scene& scene, int width,
                     int height) {
  SDL_Event event{};
  switch (step.kind) {
    case ScriptStep::Kind::kChar:
      event.type = SDL_TEXTINPUT;
      SDL_strlcpy(event.text.text, step.text.c_str(), sizeof event.text.text);
      SDL_PushEvent(&event);
      return;
    case ScriptStep::Kind::kKey: {
      event.type = SDL_KEYDOWN;
      std::string name = step.text.substr(0, step.text.find('+'));
      if (name == "enter")
        event.key.keysym.sym = SDLK_RETURN;
      else if (name == "backspace")
        event.key.keysym.sym = SDLK_BACKSPACE;
      else if (name == "escape")
        event.key.keysym.sym = SDLK_ESCAPE;
      else if (name == "tab")
        event.key.keysym.sym = SDLK_TAB;
      else if (name == "super")
        event.key.keysym.sym = SDLK_LGUI;
      else
        event.key.keysym.sym = SDL_GetKeyFromName(name.c_str());
      Uint16 mod = KMOD_NONE;
      if (step.text.find("+alt") != std::string::npos) mod |= KMOD_LALT;
      if (step.text.find("+ctrl") != std::string::npos) mod |= KMOD_LCTRL;
      if (step.text.find("+super") != std::string::npos) mod |= KMOD_LGUI;
      event.key.keysym.mod = mod;
      SDL_PushEvent(&event);
      return;
    }
    case ScriptStep::Kind::kTouch: {
      event.type = step.text == "down"   ? SDL_FINGERDOWN
                   : step.text == "move" ? SDL_FINGERMOTION
                                         : SDL_FINGERUP;
      for (int f = 0; f < step.fingers; ++f) {
        event.tfinger.touchId = 1;
        event.tfinger.fingerId = f + 1;
        event.tfinger.x = static_cast<float>(step.x + 40 * f) /
                          static_cast<float>(std::max(width, 1));
        event.tfinger.y = static_cast<float>(step.y) /
                          static_cast<float>(std::max(height, 1));
        event.tfinger.pressure = 1;
        SDL_PushEvent(&event);
      }
      if (step.text == "move" && step.fingers > 1) {
        SDL_Event gesture{};
        gesture.type = SDL_MULTIGESTURE;
        gesture.mgesture.touchId = 1;
        gesture.mgesture.numFingers = static_cast<Uint16>(step.fingers);
        gesture.mgesture.x = event.tfinger.x;
        gesture.mgesture.y = event.tfinger.y;
        SDL_PushEvent(&gesture);
      }
      return;
    }
    case ScriptStep::Kind::kClose: {
      event.type = SDL_QUIT;
      SDL_PushEvent(&event);
      return;
    }
    case ScriptStep::Kind::kTap:
    case ScriptStep::Kind::kPress: {
      int x = step.x, y = step.y;
      if (step.kind == ScriptStep::Kind::kPress) {
        x = y = -1;
        for (const ButtonItem& button : scene.buttons) {
          if (button.id == step.text) {
            x = button.box.x + button.box.w / 2;
            y = button.box.y + button.box.h / 2;
          }
        }
        if (x < 0) {
          std::cerr << "entree-kiosk: script: no button " << step.text
                    << " on screen\n";
          return;
        }
      }
      event.type = SDL_MOUSEBUTTONDOWN;
      event.button.button = SDL_BUTTON_LEFT;
      event.button.x = x;
      event.button.y = y;
      SDL_PushEvent(&event);
      return;
    }
    case ScriptStep::Kind::kShot:
    case ScriptStep::Kind::kExpect:
    case ScriptStep::Kind::kQuit:
      return;
  }
}

}  // namespace

ScriptDriver::ScriptDriver(std::vector<ScriptStep> steps, Uint32 start_ms)
    : steps_(std::move(steps)), started_(start_ms) {}

void ScriptDriver::RunDue(Uint32 now_ms, const KioskApp& app,
                          Renderer& renderer, const Scene& scene, int width,
                          int height, Timing& timing) {
  while (next_ < steps_.size() && now_ms - started_ >= steps_[next_].at_ms) {
    // A scan's characters all go now, up to its Enter, which is handled
    // below like any key.
    while (steps_[next_].burst &&
           steps_[next_].kind == ScriptStep::Kind::kChar &&
           next_ + 1 < steps_.size() && steps_[next_ + 1].burst) {
      PushScriptInput(steps_[next_++], scene, width, height);
    }
    const ScriptStep& step = steps_[next_++];
    bool input = false;
    if (step.kind == ScriptStep::Kind::kShot) {
      if (!renderer.SaveScreenshot(step.text)) exit_code_ = 1;
    } else if (step.kind == ScriptStep::Kind::kExpect &&
               app.ScreenName() != step.text) {
      std::cerr << "entree-kiosk: script expected screen " << step.text
                << ", showing " << app.ScreenName() << "\n";
      exit_code_ = 3;
    } else if (step.kind == ScriptStep::Kind::kQuit) {
      quit_ = true;
    } else if (step.kind != ScriptStep::Kind::kExpect) {
      PushScriptInput(step, scene, width, height);
      input = step.kind != ScriptStep::Kind::kChar;
      if (step.kind == ScriptStep::Kind::kKey && step.text == "enter") {
        timing.last_enter = SDL_GetPerformanceCounter();
      }
    }
    if (step.kind != ScriptStep::Kind::kChar) {
      started_ += now_ms - started_ - step.at_ms;  // catch up with the kiosk
    }
    if (input) break;
  }
}

}  // namespace entree::kiosk
