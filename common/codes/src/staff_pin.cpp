// Staff PIN hashing (Argon2id) and attempt limiting.
#include "entree/codes/staff_pin.h"

#include <algorithm>

#include "entree/base/sodium_ready.h"

namespace entree {
namespace {

// Interactive cost, a quarter of libsodium's interactive memory (16 MiB):
// a check takes tens of milliseconds on a small kiosk box.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE / 4;

bool IsPinShaped(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 12) return false;
  return std::all_of(pin.begin(), pin.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<std::string> HashStaffPin(std::string_view pin) {
  EnsureSodiumReady();
  if (!IsPinShaped(pin)) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.pin_shape",
                             {});
  }
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, pin.data(), pin.size(), kOpsLimit, kMemLimit) !=
      0) {
    return Status::Io("out of memory while hashing the PIN");
  }
  return std::string(hash);
}

bool VerifyStaffPin(std::string_view hash, std::string_view pin) {
  EnsureSodiumReady();
  if (!IsPinShaped(pin) || hash.empty() ||
      hash.size() >= crypto_pwhash_STRBYTES) {
    return false;
  }
  std::string owned(hash);
  return crypto_pwhash_str_verify(owned.c_str(), pin.data(), pin.size()) == 0;
}

std::optional<Instant> PinGuard::LockedUntil(Instant now) const {
  if (wrong_in_a_row_ < kFreeAttempts || now >= locked_until_) {
    return std::nullopt;
  }
  return locked_until_;
}

void PinGuard::Record(bool right, Instant now) {
  if (right) {
    wrong_in_a_row_ = 0;
    return;
  }
  ++wrong_in_a_row_;
  if (wrong_in_a_row_ < kFreeAttempts) return;
  int doublings = std::min(wrong_in_a_row_ - kFreeAttempts, 5);
  auto wait = std::chrono::seconds(30) * (1 << doublings);
  locked_until_ =
      now + std::min<std::chrono::milliseconds>(wait, std::chrono::minutes(15));
}

}  // namespace entree
