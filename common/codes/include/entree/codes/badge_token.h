// The codes module: what a badge says and whether the door lets it in, as
// pure rules with no storage.
//
// - badge_token.h (here): signing and verifying badge codes.
// - checkin_rules.h: the door's decision from a code's check and a guest's
//   history (DecideScan), the verdicts and their exit codes.
// - staff_pin.h: the staff PIN's hash and the lockout after wrong tries.
//
// Badge codes: what a QR badge holds, how it is signed and verified.
//
// A code is "E1" followed by the base32 of 92 bytes:
//   event id (8) | attendee UUID (16) | badge serial (4, big-endian) |
//   Ed25519 signature (64) over "E1" and the 28 bytes before it.
// 150 characters of A-Z and 2-7: QR alphanumeric mode, version 6 at level M.
// No personal data: a found badge tells the finder nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/model.h"
#include "entree/base/status.h"

namespace entree {

inline constexpr std::string_view kBadgeCodePrefix = "E1";
inline constexpr size_t kBadgeCodeLength = 150;

using PublicKey = std::array<uint8_t, 32>;
using SecretKey = std::array<uint8_t, 64>;

// What a badge code says once its signature holds.
struct BadgeClaim {
  EventId event_id{};
  Uuid attendee_id{};
  uint32_t serial = 0;
};

// Why a code was or was not accepted. Each failure is distinct so staff and
// logs can tell a torn label from a forgery.
enum class TokenCheck {
  kValid,
  kUnknownVersion,  // does not start with a known prefix
  kBadLength,       // prefix right, length wrong
  kBadBase32,       // a character outside the alphabet
  kWrongEvent,      // well-formed, but for another event
  kBadSignature,    // well-formed, right event, signature does not hold
};
std::string_view ToString(TokenCheck check);

struct TokenVerification {
  TokenCheck check = TokenCheck::kBadLength;
  BadgeClaim claim;  // meaningful only when check is kValid
};

// A signing key pair for one event.
struct KeyPair {
  PublicKey public_key{};
  SecretKey secret_key{};
};

// Makes a fresh key pair. Never fails once libsodium is initialised.
KeyPair GenerateKeyPair();

// Signs a claim into its code text.
std::string SignBadgeCode(const BadgeClaim& claim, const SecretKey& key);

// Checks a scanned code against the event it is scanned at. Case-insensitive
// (keyboard wedges may send lower case under Caps Lock); surrounding white
// space is ignored. Runs in time independent of where a signature differs.
TokenVerification VerifyBadgeCode(std::string_view code,
                                  const EventId& event_id,
                                  const PublicKey& key);

// Writes the secret key for `event_id` to `path` with mode 0600, refusing to
// overwrite an existing file.
Status WriteSecretKeyFile(const std::string& path, const EventId& event_id,
                          const SecretKey& key);
// Reads a secret key file. Fails with kKey when the file is missing, not a
// key, for another event, readable by group or others, or not the pair of
// `public_key` (the event's current one: a key file left from before
// `keygen --replace` would mint badges every door refuses); also when the
// event has no public key.
Result<SecretKey> ReadSecretKeyFile(const std::string& path,
                                    const EventId& event_id,
                                    const std::optional<PublicKey>& public_key);

}  // namespace entree
