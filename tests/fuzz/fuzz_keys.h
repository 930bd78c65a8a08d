// The fixed event and key pair of the badge code fuzz target, so that its
// committed seed codes verify.
#pragma once

#include <sodium.h>

#include "entree/codes/badge_token.h"

namespace entree::fuzz {

inline constexpr EventId kEventId = {0x57, 0x43, 0x49, 0x51,
                                     0x42, 0x4C, 0x56, 0x44};

inline KeyPair FixedKeyPair() {
  if (sodium_init() < 0) std::abort();
  unsigned char seed[crypto_sign_SEEDBYTES] = {};
  for (unsigned i = 0; i < sizeof seed; ++i)
    seed[i] = static_cast<unsigned char>(i * 7 + 1);
  KeyPair keys;
  crypto_sign_seed_keypair(keys.public_key.data(), keys.secret_key.data(),
                           seed);
  return keys;
}

}  // namespace entree::fuzz
