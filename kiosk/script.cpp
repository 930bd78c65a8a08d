// Parsing input scripts into timed steps.
#include "script.h"

#include <sstream>

namespace entree::kiosk {
namespace {

constexpr uint32_t kPersonGapMs = 150;
constexpr uint32_t kScannerGapMs = 2;

// Splits UTF-8 text into characters.
std::vector<std::string> Characters(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xF0)
      length = 4;
    else if (lead >= 0xE0)
      length = 3;
    else if (lead >= 0xC0)
      length = 2;
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

Result<std::vector<ScriptStep>> ParseScript(const std::string& text) {
  std::vector<ScriptStep> steps;
  std::istringstream lines(text);
  std::string line;
  uint32_t t = 0;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.find(' ');
    std::string verb = line.substr(0, space);
    std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    auto bad = [&] {
      return Status::InvalidArgument("script line " + std::to_string(number) +
                                     ": " + line);
    };
    if (verb == "type" || verb == "scan") {
      uint32_t gap = verb == "type" ? kPersonGapMs : kScannerGapMs;
      for (const std::string& c : Characters(rest)) {
        t += gap;
        steps.push_back({ScriptStep::Kind::kChar, t, c});
        steps.back().burst = verb == "scan";
      }
      if (verb == "scan") {
        t += gap;
        steps.push_back({ScriptStep::Kind::kKey, t, "enter"});
        steps.back().burst = true;
      }
    } else if (verb == "key") {
      if (rest.empty()) return bad();
      t += kPersonGapMs;
      steps.push_back({ScriptStep::Kind::kKey, t, rest});
    } else if (verb == "tap") {
      std::istringstream xy(rest);
      ScriptStep step{ScriptStep::Kind::kTap, t += kPersonGapMs, ""};
      if (!(xy >> step.x >> step.y)) return bad();
      steps.push_back(step);
    } else if (verb == "touch") {
      std::istringstream args(rest);
      ScriptStep step{ScriptStep::Kind::kTouch, t += kPersonGapMs, "down"};
      uint32_t hold = 0;
      if (!(args >> step.x >> step.y >> hold)) return bad();
      steps.push_back(step);
      step.text = "up";
      step.at_ms = t += hold;
      steps.push_back(step);
    } else if (verb == "swipe") {
      std::istringstream args(rest);
      int x2 = 0, y2 = 0;
      ScriptStep step{ScriptStep::Kind::kTouch, t += kPersonGapMs, "down"};
      if (!(args >> step.x >> step.y >> x2 >> y2 >> step.fingers) ||
          step.fingers < 1 || step.fingers > 5) {
        return bad();
      }
      steps.push_back(step);
      int x1 = step.x, y1 = step.y;
      constexpr int kMoves = 8;
      step.text = "move";
      for (int i = 1; i <= kMoves; ++i) {
        step.x = x1 + (x2 - x1) * i / kMoves;
        step.y = y1 + (y2 - y1) * i / kMoves;
        step.at_ms = t += 16;
        steps.push_back(step);
      }
      step.text = "up";
      step.at_ms = t += 16;
      steps.push_back(step);
    } else if (verb == "close") {
      steps.push_back({ScriptStep::Kind::kClose, t += kPersonGapMs, ""});
    } else if (verb == "press") {
      if (rest.empty()) return bad();
      steps.push_back({ScriptStep::Kind::kPress, t += kPersonGapMs, rest});
    } else if (verb == "wait") {
      try {
        t += static_cast<uint32_t>(std::stoul(rest));
      } catch (...) {
        return bad();
      }
    } else if (verb == "shot") {
      if (rest.empty()) return bad();
      steps.push_back({ScriptStep::Kind::kShot, t += 50, rest});
    } else if (verb == "expect") {
      if (rest.empty()) return bad();
      steps.push_back({ScriptStep::Kind::kExpect, t += 50, rest});
    } else if (verb == "quit") {
      steps.push_back({ScriptStep::Kind::kQuit, t += 50, ""});
    } else {
      return bad();
    }
  }
  return steps;
}

}  // namespace entree::kiosk
