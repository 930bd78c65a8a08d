// Keyboard-wedge burst detection.
#include "scan_burst.h"

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
  return out;
}

std::vector<ScanBurst::Output> ScanBurst::OnEnter(uint32_t ms) {
  std::vector<Output> out;
  bool burst = held_keys_ >= kMinCodeLength && ms - last_ms_ <= kMaxGapMs;
  if (burst) {
    out.push_back({Output::Kind::kScan, std::move(held_)});
    held_.clear();
    held_keys_ = 0;
    return out;
  }
  Release(out);
  out.push_back({Output::Kind::kEnter, {}});
  return out;
}

std::vector<ScanBurst::Output> ScanBurst::Step(uint32_t ms) {
  std::vector<Output> out;
  if (!held_.empty() && ms - last_ms_ > kMaxGapMs) Release(out);
  return out;
}

}  // namespace entree::kiosk
