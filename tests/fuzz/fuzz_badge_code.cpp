// Fuzz target: the badge code parser and verifier. Whatever is scanned,
// the verdict is one of the known checks, and a code that verifies says
// exactly what was signed.
#include <sodium.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "entree/codes/badge_token.h"
#include "fuzz_keys.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const entree::KeyPair keys = entree::fuzz::FixedKeyPair();
  std::string_view code(reinterpret_cast<const char*>(data), size);
  entree::TokenVerification result =
      entree::VerifyBadgeCode(code, entree::fuzz::kEventId, keys.public_key);
  if (result.check != entree::TokenCheck::kValid) return 0;
  // A valid code was signed by the key: signing its claim again gives a
  // code that verifies to the same claim.
  std::string again = entree::SignBadgeCode(result.claim, keys.secret_key);
  entree::TokenVerification second =
      entree::VerifyBadgeCode(again, entree::fuzz::kEventId, keys.public_key);
  if (second.check != entree::TokenCheck::kValid ||
      second.claim.attendee_id != result.claim.attendee_id ||
      second.claim.serial != result.claim.serial) {
    std::abort();
  }
  return 0;
}
