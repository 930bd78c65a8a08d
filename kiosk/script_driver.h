// Runs a test script (script.h) against the live kiosk: each step's SDL
// events are pushed at its time on the script's clock, screenshots are
// taken of the frame just drawn, and expectations checked against the
// screen shown.
#pragma once

#include <SDL.h>

#include <string>
#include <vector>

#include "instruments.h"
#include "kiosk_app.h"
#include "render.h"
#include "script.h"
#include "ui.h"

namespace entree::kiosk {

class ScriptDriver {
 public:
  // `steps` run on a clock that starts at `start_ms` (SDL ticks).
  ScriptDriver(std::vector<ScriptStep> steps, Uint32 start_ms);

  // Runs the steps due at `now_ms`, after `scene` (of `width` x `height`)
  // was drawn and before it is presented. The script's clock waits for the
  // kiosk: a step that comes late shifts every later step by as much, and
  // an input step ends the round so that its event is handled before the
  // next step looks at the screen. A scripted Enter is noted in `timing`.
  void RunDue(Uint32 now_ms, const KioskApp& app, Renderer& renderer,
              const Scene& scene, int width, int height, Timing& timing);

  // Whether a `quit` step has run.
  bool quit() const { return quit_; }
  // 0, or 1 when a screenshot failed, 3 when an expectation did not hold.
  int exit_code() const { return exit_code_; }

 private:
  std::vector<ScriptStep> steps_;
  size_t next_ = 0;
  Uint32 started_;
  bool quit_ = false;
  int exit_code_ = 0;
};

}  // namespace entree::kiosk
