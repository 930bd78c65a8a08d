// The staff PIN: stored only as a slow hash, and guarded against guessing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"
#include "entree/base/status.h"

namespace entree {

// An Argon2id hash of `pin` in libsodium's string form ("$argon2id$...").
// Fails with kInvalidArgument for a PIN that is not 4 to 12 digits.
Result<std::string> HashStaffPin(std::string_view pin);
// True when `pin` matches `hash`; false for any malformed hash.
bool VerifyStaffPin(std::string_view hash, std::string_view pin);

// Rate-limits PIN attempts: after 5 wrong PINs in a row, each further
// attempt must wait, 30 s at first and twice as long after every further
// wrong PIN (at most 15 minutes). A right PIN resets it.
class PinGuard {
 public:
  static constexpr int kFreeAttempts = 5;

  // The moment the next attempt is allowed, when it is not allowed now.
  std::optional<Instant> LockedUntil(Instant now) const;
  // Records an attempt's outcome. Attempts while locked are not counted
  // (the kiosk does not even check them).
  void Record(bool right, Instant now);

 private:
  int wrong_in_a_row_ = 0;
  Instant locked_until_{};
};

}  // namespace entree
