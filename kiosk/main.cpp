// entree-kiosk: the full-screen door program (a first version: scanning
// by keyboard-wedge scanner; registration and staff mode come next).
#include <SDL.h>
#include <SDL_ttf.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "door_screens.h"
#include "entree/door.h"
#include "entree/store.h"
#include "render.h"

namespace entree::kiosk {
namespace {

struct Options {
  std::string db_path;
  std::string kiosk_id;
  Direction direction = Direction::kEntry;
  std::optional<Language> language;
  bool windowed = false;
  int quit_after_ms = 0;           // 0: run until stopped
  std::vector<std::string> scans;  // codes to feed in as a scanner would
  std::string screenshot;          // BMP of the last frame, on quit
};

void PrintUsage() {
  std::cout << "Usage: entree-kiosk --db PATH [--kiosk ID] [--exit] "
               "[--lang nl|en] [--windowed]\n"
               "       [--scan CODE]... [--quit-after-ms N] "
               "[--screenshot FILE.bmp]\n";
}

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options options;
  char host[64] = "kiosk";
  ::gethostname(host, sizeof host - 1);
  options.kiosk_id = host;
  if (const char* db = std::getenv("ENTREE_DB")) options.db_path = db;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--db" && (v = value())) {
      options.db_path = *v;
    } else if (arg == "--kiosk" && (v = value())) {
      options.kiosk_id = *v;
    } else if (arg == "--exit") {
      options.direction = Direction::kExit;
    } else if (arg == "--lang" && (v = value())) {
      options.language = ParseLanguage(*v);
      if (!options.language) return std::nullopt;
    } else if (arg == "--windowed") {
      options.windowed = true;
    } else if (arg == "--quit-after-ms" && (v = value())) {
      options.quit_after_ms = std::atoi(v->c_str());
    } else if (arg == "--scan" && (v = value())) {
      options.scans.push_back(*v);
    } else if (arg == "--screenshot" && (v = value())) {
      options.screenshot = *v;
    } else {
      return std::nullopt;
    }
  }
  if (options.db_path.empty()) return std::nullopt;
  return options;
}

// Translates SDL events into kiosk input, the only place that knows SDL's.
std::optional<InputEvent> Translate(const SDL_Event& event) {
  if (event.type == SDL_TEXTINPUT) {
    return InputEvent{InputEvent::Kind::kText, event.text.text};
  }
  if (event.type == SDL_KEYDOWN) {
    switch (event.key.keysym.sym) {
      case SDLK_RETURN:
      case SDLK_KP_ENTER:
        return InputEvent{InputEvent::Kind::kEnter, {}};
      case SDLK_BACKSPACE:
        return InputEvent{InputEvent::Kind::kBackspace, {}};
      case SDLK_TAB:
        return InputEvent{InputEvent::Kind::kToggleLanguage, {}};
      default:
        return std::nullopt;
    }
  }
  return std::nullopt;
}

int Run(const Options& options) {
  SystemClock clock;
  // A database that cannot be opened is a staff problem, not a crash: the
  // kiosk shows the calm fault screen and logs why.
  std::optional<Store> store;
  std::optional<Door> door;
  std::string event_name = "Entree";
  Language language = options.language.value_or(Language::kDutch);
  if (auto opened = Store::Open(options.db_path); opened.ok()) {
    store.emplace(std::move(opened).value());
    if (auto event = store->GetEvent(); event.ok() && event->public_key) {
      event_name = event->name;
      if (!options.language) {
        language = ParseLanguage(event->locale).value_or(language);
      }
      door.emplace(*store, clock, *event,
                   DoorSettingsFor(*event, options.direction),
                   options.kiosk_id);
    } else {
      std::cerr << "entree-kiosk: the event is not ready (run entree init "
                   "and entree keygen)\n";
    }
  } else {
    std::cerr << "entree-kiosk: " << opened.status().message() << "\n";
  }
  DoorScreens screens(door ? &*door : nullptr, event_name, language);

  Uint32 flags =
      options.windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
  SDL_Window* window =
      SDL_CreateWindow("Entree", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                       1024, 600, flags);
  if (!window) {
    std::cerr << "entree-kiosk: no window: " << SDL_GetError() << "\n";
    return 1;
  }
  SDL_Renderer* sdl_renderer = SDL_CreateRenderer(
      window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!sdl_renderer) sdl_renderer = SDL_CreateRenderer(window, -1, 0);
  if (!sdl_renderer) {
    std::cerr << "entree-kiosk: no renderer: " << SDL_GetError() << "\n";
    SDL_DestroyWindow(window);
    return 1;
  }
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  SDL_StartTextInput();

  // Scripted scans arrive as a wedge scanner sends them: text, then Enter.
  for (const std::string& code : options.scans) {
    screens.Handle({InputEvent::Kind::kText, code}, clock.Now());
    screens.Handle({InputEvent::Kind::kEnter, {}}, clock.Now());
  }

  int exit_code = 0;
  {
    Renderer renderer(sdl_renderer);
    Uint64 started = SDL_GetTicks64();
    bool running = true;
    while (running) {
      SDL_Event event;
      while (SDL_PollEvent(&event)) {
        if (event.type == SDL_QUIT) running = false;
        if (auto input = Translate(event)) screens.Handle(*input, clock.Now());
      }
      screens.Step(clock.Now());
      renderer.Draw(screens.CurrentView());
      if (options.quit_after_ms > 0 &&
          SDL_GetTicks64() - started >=
              static_cast<Uint64>(options.quit_after_ms)) {
        running = false;
      }
      SDL_Delay(options.windowed ? 16 : 1);
    }
    if (!options.screenshot.empty()) {
      renderer.Draw(screens.CurrentView());
      if (!renderer.SaveScreenshot(options.screenshot)) exit_code = 1;
    }
  }
  SDL_DestroyRenderer(sdl_renderer);
  SDL_DestroyWindow(window);
  return exit_code;
}

}  // namespace
}  // namespace entree::kiosk

int main(int argc, char** argv) {
  auto options = entree::kiosk::ParseOptions(argc, argv);
  if (!options) {
    entree::kiosk::PrintUsage();
    return 2;
  }
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
    std::cerr << "entree-kiosk: cannot start SDL: " << SDL_GetError() << "\n";
    return 1;
  }
  int code = entree::kiosk::Run(*options);
  TTF_Quit();
  SDL_Quit();
  return code;
}
