// Keyboard-wedge burst detection.
#include "scan_burst.h"

#include <utility>

namespace entree::kiosk {

void ScanBurst::Release(std::vector<Output>& out) {
  if (held_.empty()) return;
  out.push_back({Output::Kind::kTyped, std::move(held_)});
  held_.clear();
  held_keys_ = 0;
}

std::vector<ScanBurst::Output> ScanBurst::OnText(const std::string& text,
                                                 uint32_t ms) {
  std::vector<Output> out;
  if (!held_.empty() && ms - last_ms_ > kMaxGapMs) Release(out);
  // Nothing a scanner sends is longer; a stuck key or a pasted file is cut
  // here rather than held without end.
  if (held_.size() + text.size() <= kMaxHeldBytes) held_ += text;
  ++held_keys_;
  last_ms_ = ms;
  if (line_.size() + text.size() <= kMaxHeldBytes) {
    line_ += text;
  } else {
    line_.clear();
    line_overlong_ = true;
  }
  return out;
}

std::vector<ScanBurst::Output> ScanBurst::OnEnter(uint32_t ms) {
  std::vector<Output> out;
  std::string line = std::exchange(line_, {});
  bool known = !std::exchange(line_overlong_, false) &&
               line.size() >= kMinCodeLength && is_code_ && is_code_(line);
  bool burst = held_keys_ >= kMinCodeLength && ms - last_ms_ <= kMaxGapMs;
  if (burst || known) {
    // The whole line when the door knows it: a burst may be only the end
    // of a code whose first keys came late.
    out.push_back({Output::Kind::kScan, known ? line : std::move(held_)});
    held_.clear();
    held_keys_ = 0;
    return out;
  }
  Release(out);
  out.push_back({Output::Kind::kEnter, {}});
  return out;
}

std::vector<ScanBurst::Output> ScanBurst::OnOtherKey() {
  std::vector<Output> out;
  Release(out);
  line_.clear();
  line_overlong_ = false;
  return out;
}

std::vector<ScanBurst::Output> ScanBurst::Step(uint32_t ms) {
  std::vector<Output> out;
  if (!held_.empty() && ms - last_ms_ > kMaxGapMs) Release(out);
  return out;
}

}  // namespace entree::kiosk
