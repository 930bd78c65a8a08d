// entree-kiosk: the full-screen registration and door program.
#include <SDL.h>
#include <SDL_ttf.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "audio.h"
#include "entree/kiosk_config.h"
#include "entree/uuid.h"
#include "kiosk_app.h"
#include "render.h"
#include "script.h"

namespace entree::kiosk {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnStopSignal(int) { g_stop = 1; }

struct ShellOptions {
  KioskConfig config;
  bool windowed = false;
  int width = 1024, height = 600;  // window size when windowed
  std::string script;
  std::string timing;  // where to write measurements, on quit
  // Where to append a line for every verdict the moment it is on screen
  // (crash tests compare it with the database).
  std::string verdict_log;
};

// Measurements for the benchmark (--timing): how long the first frame
// took, how long each scan took from its last keystroke to the frame that
// shows the verdict, and how long frames took.
struct Timing {
  int64_t first_frame_ns = 0;  // wall clock when the first frame was shown
  std::vector<double> scan_to_verdict_ms;
  // From the capture of the camera frame that first showed a code to the
  // frame on screen with its verdict.
  std::vector<double> camera_to_verdict_ms;
  std::vector<double> frame_work_ms;
  std::vector<double> frame_interval_ms;
  Uint64 last_enter = 0;  // performance counter at the last scripted Enter

  void Write(const std::string& path) const {
    std::ofstream out(path);
    out << "first_frame_ns " << first_frame_ns << "\n";
    // Peak and current memory, split into the process's own (anonymous)
    // pages and the pages of shared libraries it maps (file).
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
      for (const char* key : {"VmHWM:", "RssAnon:", "RssFile:"}) {
        if (line.rfind(key, 0) == 0) {
          out << key << " " << std::atol(line.c_str() + strlen(key)) << "\n";
        }
      }
    }
    for (double ms : scan_to_verdict_ms)
      out << "scan_to_verdict_ms " << ms << "\n";
    for (double ms : camera_to_verdict_ms)
      out << "camera_to_verdict_ms " << ms << "\n";
    for (double ms : frame_work_ms) out << "frame_work_ms " << ms << "\n";
    for (double ms : frame_interval_ms)
      out << "frame_interval_ms " << ms << "\n";
  }
};

double Millis(Uint64 from, Uint64 to) {
  return static_cast<double>(to - from) * 1000.0 /
         static_cast<double>(SDL_GetPerformanceFrequency());
}

void PrintUsage() {
  std::cout
      << "Usage: entree-kiosk [--config FILE] [--db PATH] [--kiosk ID]\n"
         "         [--role door|registration|both] [--exit] [--lang nl|en]\n"
         "         [--pin-hash HASH] [--secret-key PATH] [--printer QUEUE]\n"
         "         [--print-server HOST|SOCKET] [--badge-layout NAME|FILE]\n"
         "         [--camera DEVICE] [--camera-frames PATH] [--server "
         "CONNINFO]\n"
         "         [--export-dir DIR] [--idle-timeout SECONDS] [--windowed]\n"
         "         [--scanner DEVICE]\n"
         "         [--size WxH] [--script FILE] [--timing FILE]\n"
         "         [--verdict-log FILE]\n"
         "Settings come from --config (default /etc/entree/kiosk.conf when "
         "it exists), then the flags.\n";
}

std::optional<ShellOptions> ParseOptions(int argc, char** argv) {
  ShellOptions options;
  std::string config_path;
  std::ostringstream overrides;  // flags become settings lines
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--config" && (v = value())) {
      config_path = *v;
    } else if (arg == "--db" && (v = value())) {
      overrides << "database = " << *v << "\n";
    } else if (arg == "--kiosk" && (v = value())) {
      overrides << "kiosk_id = " << *v << "\n";
    } else if (arg == "--role" && (v = value())) {
      overrides << "role = " << *v << "\n";
    } else if (arg == "--exit") {
      overrides << "direction = exit\n";
    } else if (arg == "--lang" && (v = value())) {
      overrides << "language = " << *v << "\n";
    } else if (arg == "--pin-hash" && (v = value())) {
      overrides << "staff_pin_hash = " << *v << "\n";
    } else if (arg == "--secret-key" && (v = value())) {
      overrides << "secret_key = " << *v << "\n";
    } else if (arg == "--printer" && (v = value())) {
      overrides << "printer = " << *v << "\n";
    } else if (arg == "--print-server" && (v = value())) {
      overrides << "print_server = " << *v << "\n";
    } else if (arg == "--badge-layout" && (v = value())) {
      overrides << "badge_layout = " << *v << "\n";
    } else if (arg == "--server" && (v = value())) {
      overrides << "server = " << *v << "\n";
    } else if (arg == "--scanner" && (v = value())) {
      overrides << "scanner = " << *v << "\n";
    } else if (arg == "--verdict-log" && (v = value())) {
      options.verdict_log = *v;
    } else if (arg == "--export-dir" && (v = value())) {
      overrides << "export_dir = " << *v << "\n";
    } else if (arg == "--camera" && (v = value())) {
      overrides << "camera = " << *v << "\n";
    } else if (arg == "--camera-frames" && (v = value())) {
      overrides << "camera_frames = " << *v << "\n";
    } else if (arg == "--idle-timeout" && (v = value())) {
      overrides << "idle_timeout = " << *v << "\n";
    } else if (arg == "--windowed") {
      options.windowed = true;
    } else if (arg == "--size" && (v = value())) {
      if (std::sscanf(v->c_str(), "%dx%d", &options.width, &options.height) !=
          2) {
        return std::nullopt;
      }
    } else if (arg == "--script" && (v = value())) {
      options.script = *v;
    } else if (arg == "--timing" && (v = value())) {
      options.timing = *v;
    } else {
      return std::nullopt;
    }
  }
  if (config_path.empty()) {
    std::ifstream probe("/etc/entree/kiosk.conf");
    if (probe) config_path = "/etc/entree/kiosk.conf";
  }
  KioskConfig config;
  if (const char* db = std::getenv("ENTREE_DB")) config.database = db;
  if (!config_path.empty()) {
    std::ifstream in(config_path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      std::cerr << "entree-kiosk: cannot read " << config_path << "\n";
      return std::nullopt;
    }
    auto parsed = ParseKioskConfig(text.str(), config);
    if (!parsed.ok()) {
      std::cerr << "entree-kiosk: " << config_path << ": "
                << parsed.status().message() << "\n";
      return std::nullopt;
    }
    config = *parsed;
  }
  auto with_flags = ParseKioskConfig(overrides.str(), config);
  if (!with_flags.ok()) {
    std::cerr << "entree-kiosk: " << with_flags.status().message() << "\n";
    return std::nullopt;
  }
  options.config = *with_flags;
  if (options.config.database.empty()) return std::nullopt;
  return options;
}

// The one place that knows SDL's events. Window-manager requests to close,
// Alt+F4, Ctrl+Q and the like translate to nothing: only staff mode quits.
// `fingers` holds the fingers on the screen now: only the first one taps,
// so a palm or a multi-finger gesture presses nothing.
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

int Run(const ShellOptions& options, Timing& timing) {
  std::vector<ScriptStep> script;
  if (!options.script.empty()) {
    std::ifstream in(options.script);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseScript(text.str());
    if (!in || !parsed.ok()) {
      std::cerr << "entree-kiosk: bad script " << options.script << "\n";
      return 2;
    }
    script = *parsed;
  }

  SystemClock clock;
  // A serial scanner's code ends the wait for events at once.
  static const Uint32 wake_event = SDL_RegisterEvents(1);
  KioskApp app(options.config, clock, [] {
    SDL_Event wake{};
    wake.type = wake_event;
    SDL_PushEvent(&wake);
  });
  int verdict_log = -1;
  if (!options.verdict_log.empty()) {
    verdict_log = ::open(options.verdict_log.c_str(),
                         O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  }

  // Headless there is no GPU: SDL would otherwise load a software OpenGL
  // stack (Mesa's llvmpipe, ~100 MB) just to copy pixels around.
  if (SDL_strcmp(SDL_GetCurrentVideoDriver(), "offscreen") == 0) {
    SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0",
                            SDL_HINT_DEFAULT);
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software",
                            SDL_HINT_DEFAULT);
  }

  Uint32 flags =
      options.windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
  SDL_Window* window = SDL_CreateWindow(
      "Entree", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
      options.height, flags | SDL_WINDOW_ALLOW_HIGHDPI);
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

  int exit_code = 0;
  {
    Renderer renderer(sdl_renderer);
    Audio audio;
    Uint32 started = SDL_GetTicks();
    size_t next_step = 0;
    Scene scene;
    uint64_t verdicts_seen = app.verdicts_shown();
    Uint64 last_present = 0;
    std::set<SDL_FingerID> fingers;  // on the touchscreen now
    while (!g_stop && !app.quit_requested()) {
      SDL_Event event;
      // Wait for input at most until the next frame is due (60 Hz); input
      // is drawn at once.
      double since_present =
          last_present == 0 ? 0
                            : Millis(last_present, SDL_GetPerformanceCounter());
      int wait_ms = std::max(0, static_cast<int>(16.0 - since_present));
      if (SDL_WaitEventTimeout(&event, wait_ms)) {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(sdl_renderer, &w, &h);
        do {
          if (auto input = Translate(event, w, h, fingers)) {
            app.Handle(*input);
          }
        } while (SDL_PollEvent(&event));
      }
      Uint32 now = SDL_GetTicks();
      app.Step(now);
      audio.Play(app.TakeCue());

      int w = 0, h = 0;
      SDL_GetRendererOutputSize(sdl_renderer, &w, &h);
      Uint64 frame_start = SDL_GetPerformanceCounter();
      scene = app.Compose(Layout(w, h));
      renderer.Draw(scene);
      // Script steps run on the script's clock, which waits for the kiosk:
      // a step that comes late shifts every later step by as much, and an
      // input step ends the round so that its event is handled before the
      // next step looks at the screen.
      while (next_step < script.size() &&
             now - started >= script[next_step].at_ms) {
        const ScriptStep& step = script[next_step++];
        bool input = false;
        if (step.kind == ScriptStep::Kind::kShot) {
          if (!renderer.SaveScreenshot(step.text)) exit_code = 1;
        } else if (step.kind == ScriptStep::Kind::kExpect &&
                   app.ScreenName() != step.text) {
          std::cerr << "entree-kiosk: script expected screen " << step.text
                    << ", showing " << app.ScreenName() << "\n";
          exit_code = 3;
        } else if (step.kind == ScriptStep::Kind::kQuit) {
          g_stop = 1;
        } else if (step.kind != ScriptStep::Kind::kExpect) {
          PushScriptInput(step, scene, w, h);
          input = step.kind != ScriptStep::Kind::kChar;
          if (step.kind == ScriptStep::Kind::kKey && step.text == "enter") {
            timing.last_enter = SDL_GetPerformanceCounter();
          }
        }
        if (step.kind != ScriptStep::Kind::kChar) {
          started += now - started - step.at_ms;  // catch up with the kiosk
        }
        if (input) break;
      }
      renderer.Present();
      Uint64 presented = SDL_GetPerformanceCounter();
      if (!options.timing.empty()) {
        if (timing.first_frame_ns == 0) {
          timespec now_ts{};
          clock_gettime(CLOCK_REALTIME, &now_ts);
          timing.first_frame_ns =
              static_cast<int64_t>(now_ts.tv_sec) * 1000000000 + now_ts.tv_nsec;
        }
        timing.frame_work_ms.push_back(Millis(frame_start, presented));
        if (last_present != 0) {
          timing.frame_interval_ms.push_back(Millis(last_present, presented));
        }
        if (app.verdicts_shown() != verdicts_seen && timing.last_enter != 0) {
          timing.scan_to_verdict_ms.push_back(
              Millis(timing.last_enter, presented));
          timing.last_enter = 0;
        }
        if (app.verdicts_shown() != verdicts_seen) {
          if (auto captured = app.TakeCameraCapture()) {
            timing.camera_to_verdict_ms.push_back(
                std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - *captured)
                    .count());
          }
        }
      }
      if (verdict_log >= 0 && app.verdicts_shown() != verdicts_seen &&
          app.last_verdict()) {
        // Written once the verdict is on screen; the kernel keeps it if the
        // kiosk dies the next moment.
        const ScanOutcome& shown = *app.last_verdict();
        std::string line =
            (shown.recorded ? ToString(shown.checkin_id) : std::string("-")) +
            " " + std::string(ToString(shown.verdict)) + "\n";
        (void)::write(verdict_log, line.data(), line.size());
      }
      verdicts_seen = app.verdicts_shown();
      last_present = presented;
    }
  }
  if (verdict_log >= 0) ::close(verdict_log);
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
  // SDL would turn SIGINT and SIGTERM into a quit request that a guest's
  // Alt+F4 also makes; the kiosk keeps those apart.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  std::signal(SIGTERM, entree::kiosk::OnStopSignal);
  std::signal(SIGINT, entree::kiosk::OnStopSignal);
  if (SDL_Init(SDL_INIT_VIDEO) != 0 || TTF_Init() != 0) {
    std::cerr << "entree-kiosk: cannot start SDL: " << SDL_GetError() << "\n";
    return 1;
  }
  entree::kiosk::Timing timing;
  int code = entree::kiosk::Run(*options, timing);
  if (!options->timing.empty()) timing.Write(options->timing);
  TTF_Quit();
  SDL_Quit();
  return code;
}
