// Internal: libsodium must be initialised once before any other call.
#pragma once

#include <sodium.h>

#include <cstdlib>

namespace entree {

// Initialises libsodium on first use; thread-safe. Aborts when the system
// has no usable random source, since then no key or id can be trusted.
inline void EnsureSodiumReady() {
  static const bool ready = [] {
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)ready;
}

}  // namespace entree
