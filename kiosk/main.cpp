// entree-kiosk: the full-screen registration and door program. This file
// is the shell around KioskApp: the window, the frame loop and the signals.
// The command line is in shell_options.h, SDL's input in sdl_input.h, the
// test-script driver in script_driver.h and the measurements in
// instruments.h, the window in window.h.
#include <SDL.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "audio.h"
#include "instruments.h"
#include "kiosk_app.h"
#include "render.h"
#include "screen.h"
#include "script_driver.h"
#include "sdl_input.h"
#include "shell_options.h"
#include "window.h"

namespace entree::kiosk {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnStopSignal(int) { g_stop = 1; }

// The steps of --script, or nothing when it cannot be read or parsed.
std::optional<std::vector<ScriptStep>> LoadScript(const std::string& path) {
  if (path.empty()) return std::vector<ScriptStep>{};
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseScript(text.str());
  if (!in || !parsed.ok()) return std::nullopt;
  return *parsed;
}

// A verdict is new with every scan and holds the largest texts a guest
// sees: their fonts are made ready before the first frame, so that no scan
// waits for them.
void WarmVerdictFonts(KioskApp& app, Renderer& renderer, const Layout& layout) {
  ScanOutcome sample;
  sample.verdict = Verdict::kWelcome;
  Attendee guest;
  guest.given_name = "Marjolein";
  guest.family_name = "de Gelder";
  sample.attendee = guest;
  for (int round = 1; round <= 3; ++round) {
    sample.seats.push_back(
        {round, "Human Capital", "Human Capital", {"Robin Burghard"}, false});
  }
  renderer.Warm(MakeVerdictScreen(app, sample)->Compose(layout));
}

// Draws frames until a stop signal, staff's quit or the script's end.
int RunFrames(const ShellOptions& options, KioskApp& app,
              SDL_Renderer* sdl_renderer, double inches,
              std::vector<ScriptStep> script, Timing& timing) {
  Renderer renderer(sdl_renderer);
  Audio audio;
  VerdictLog verdict_log(options.verdict_log);
  ScriptDriver driver(std::move(script), SDL_GetTicks());
  uint64_t verdicts_seen = app.verdicts_shown();
  uint64_t seats_seen = app.seats_shown();
  Uint64 last_present = 0;
  std::set<SDL_FingerID> fingers;  // on the touchscreen now
  {
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(sdl_renderer, &w, &h);
    Layout layout(w, h, inches);
    layout.set_metrics(&renderer.fonts());
    WarmVerdictFonts(app, renderer, layout);
  }
  while (!g_stop && !driver.quit() && !app.quit_requested()) {
    // Wait for input at most until the next frame is due (60 Hz); input is
    // drawn at once.
    double since_present =
        last_present == 0 ? 0
                          : Millis(last_present, SDL_GetPerformanceCounter());
    int w = 0, h = 0;
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, std::max(0, int(16.0 - since_present)))) {
      SDL_GetRendererOutputSize(sdl_renderer, &w, &h);
      do {
        if (auto input = Translate(event, w, h, fingers)) app.Handle(*input);
      } while (SDL_PollEvent(&event));
    }
    Uint32 now = SDL_GetTicks();
    app.Step(now);
    audio.Play(app.TakeCue());

    SDL_GetRendererOutputSize(sdl_renderer, &w, &h);
    Uint64 frame_start = SDL_GetPerformanceCounter();
    Layout layout(w, h, inches);
    layout.set_metrics(&renderer.fonts());
    Scene scene = app.Compose(layout);
    renderer.Draw(scene);
    driver.RunDue(now, app, renderer, scene, w, h, timing);
    renderer.Present();
    Uint64 presented = SDL_GetPerformanceCounter();
    bool new_verdict = app.verdicts_shown() != verdicts_seen;
    bool new_seats = app.seats_shown() != seats_seen;
    if (!options.timing.empty()) {
      timing.CountFrame(frame_start, presented, last_present, new_verdict,
                        new_seats, app);
    }
    if (new_verdict && app.last_verdict()) {
      verdict_log.Append(*app.last_verdict());
    }
    verdicts_seen = app.verdicts_shown();
    seats_seen = app.seats_shown();
    last_present = presented;
  }
  return driver.exit_code();
}

int Run(const ShellOptions& options, Timing& timing) {
  auto script = LoadScript(options.script);
  if (!script) {
    std::cerr << "entree-kiosk: bad script " << options.script << "\n";
    return 2;
  }
  SystemClock clock;
  // A serial scanner's code ends the wait for events at once.
  static const Uint32 wake_event = SDL_RegisterEvents(1);
  KioskApp app(options.config, clock, [] {
    SDL_Event wake{};
    wake.type = wake_event;
    SDL_PushEvent(&wake);
  });

  auto window =
      KioskWindow::Open(options.windowed, options.width, options.height);
  if (!window) return 1;
  // The organiser's word for the panel's size beats the driver's, which is
  // often a made-up 96 dpi.
  double inches = options.config.screen_inches.value_or(window->PanelInches());
  return RunFrames(options, app, window->renderer(), inches, std::move(*script),
                   timing);
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
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    std::cerr << "entree-kiosk: cannot start SDL: " << SDL_GetError() << "\n";
    return 1;
  }
  entree::kiosk::Timing timing;
  int code = entree::kiosk::Run(*options, timing);
  if (!options->timing.empty()) timing.Write(options->timing);
  SDL_Quit();
  return code;
}
