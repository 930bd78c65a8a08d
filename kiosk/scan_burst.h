// Tells a keyboard-wedge scanner from a person typing.
//
// A wedge scanner "types" a whole code within milliseconds and ends it with
// Enter. Keystrokes are held back for a moment; a run of at least
// kMinCodeLength characters, each within kMaxGapMs of the last, that ends
// in Enter is a scan. Anything slower is released as typing, at most
// kMaxGapMs late, so a scan never lands in a text field and a person is
// never taken for a scanner.
//
// Timing alone fails on a loaded machine, where keystrokes reach the kiosk
// late and far apart. So a line ended by Enter (since the last Enter or
// other key) that the code check calls a code (a signed badge code of the
// event, a guest's shop barcode: nobody types those by hand) is a scan
// whatever its timing; what of it was released as typing stays typed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace entree::kiosk {

class ScanBurst {
 public:
  static constexpr uint32_t kMaxGapMs = 35;
  static constexpr size_t kMinCodeLength = 8;
  // The most a burst keeps: far above any code (a badge is 150 characters,
  // a shop's barcode less).
  static constexpr size_t kMaxHeldBytes = 4096;

  // What the keystrokes turned out to be.
  struct Output {
    enum class Kind { kTyped, kEnter, kScan };
    Kind kind = Kind::kTyped;
    std::string text;  // kTyped: the characters; kScan: the code
  };

  // A character (UTF-8, one key) at time `ms`.
  std::vector<Output> OnText(const std::string& text, uint32_t ms);
  // Enter at time `ms`.
  std::vector<Output> OnEnter(uint32_t ms);
  // A key other than Enter: ends the line and any burst (released as
  // typing).
  std::vector<Output> OnOtherKey();
  // Time passing: releases held characters that are no longer part of a
  // burst.
  std::vector<Output> Step(uint32_t ms);

  // Whether a line is a code the door knows; none by default.
  void set_code_check(std::function<bool(std::string_view)> is_code) {
    is_code_ = std::move(is_code);
  }

 private:
  void Release(std::vector<Output>& out);
  std::string held_;
  size_t held_keys_ = 0;
  uint32_t last_ms_ = 0;
  // Every character since the last Enter or other key; cleared when it
  // outgrows kMaxHeldBytes (no code is that long).
  std::string line_;
  bool line_overlong_ = false;
  std::function<bool(std::string_view)> is_code_;
};

}  // namespace entree::kiosk
