// Scripted input for tests and demos: real SDL events pushed at set times,
// so the run goes through the same translation as a keyboard, a scanner or
// a touchscreen.
//
// One step per line:
//   type TEXT       characters 150 ms apart, as a person types
//   scan TEXT       characters 2 ms apart, then Enter: a wedge scanner
//   key NAME        enter, backspace, escape, tab, f4+alt, q+ctrl,
//                   backspace+ctrl+alt, super (+alt, +ctrl, +super combine)
//   tap X Y         a touch at pixel (X, Y)
//   touch X Y MS    a finger down at (X, Y), lifted after MS (a long press)
//   swipe X1 Y1 X2 Y2 N   N fingers side by side moving from (X1, Y1) to
//                   (X2, Y2) (a three-finger swipe with N = 3)
//   close           the window manager closing the window (Alt+F4)
//   press ID        a touch in the middle of the button ID on screen now
//   wait MS         nothing for MS milliseconds
//   shot FILE       a screenshot (BMP) of what is on screen
//   expect NAME     fail (exit 3) unless screen NAME is shown
//   quit            end the run
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "entree/base/status.h"

namespace entree::kiosk {

struct ScriptStep {
  enum class Kind {
    kChar,
    kKey,
    kTap,
    kPress,
    kTouch,
    kClose,
    kShot,
    kExpect,
    kQuit
  };
  Kind kind = Kind::kChar;
  uint32_t at_ms = 0;  // since the script started
  std::string text;    // the character, key name, id, file or screen;
                       // kTouch: "down", "move" or "up"
  int x = 0, y = 0;
  int fingers = 1;  // kTouch: fingers side by side, 40 pixels apart
  // Part of a `scan`: its characters and Enter go to the kiosk together
  // once the first is due, as a scanner sends them within milliseconds
  // however late the kiosk's frames come.
  bool burst = false;
};

// Parses a script; kInvalidArgument names a bad line.
Result<std::vector<ScriptStep>> ParseScript(const std::string& text);

}  // namespace entree::kiosk
