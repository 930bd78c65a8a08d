// Signing and verifying badge codes with Ed25519 (libsodium).
#include "entree/codes/badge_token.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <span>
#include <sstream>

#include "entree/base/base32.h"
#include "entree/base/sodium_ready.h"
#include "entree/base/uuid.h"

namespace entree {
namespace {

constexpr size_t kClaimBytes = 8 + 16 + 4;
constexpr size_t kSignatureBytes = crypto_sign_BYTES;
constexpr size_t kPayloadBytes = kClaimBytes + kSignatureBytes;
constexpr std::string_view kKeyFileHeader = "entree secret key v1";

static_assert(kBadgeCodeLength ==
              kBadgeCodePrefix.size() + (kPayloadBytes * 8 + 4) / 5);

using ClaimBytes = std::array<uint8_t, kClaimBytes>;

ClaimBytes PackClaim(const BadgeClaim& claim) {
  ClaimBytes bytes{};
  std::copy(claim.event_id.begin(), claim.event_id.end(), bytes.begin());
  std::copy(claim.attendee_id.begin(), claim.attendee_id.end(),
            bytes.begin() + 8);
  for (int i = 0; i < 4; ++i) {
    bytes[24 + i] = static_cast<uint8_t>(claim.serial >> (24 - 8 * i));
  }
  return bytes;
}

BadgeClaim UnpackClaim(std::span<const uint8_t> bytes) {
  BadgeClaim claim;
  std::copy_n(bytes.begin(), 8, claim.event_id.begin());
  std::copy_n(bytes.begin() + 8, 16, claim.attendee_id.begin());
  for (int i = 0; i < 4; ++i) {
    claim.serial = (claim.serial << 8) | bytes[24 + i];
  }
  return claim;
}

// The signed message: the version prefix, then the claim, so a signature
// can never be replayed under another code version.
using SignedBytes = std::array<uint8_t, 2 + kClaimBytes>;
static_assert(kBadgeCodePrefix.size() == 2);

SignedBytes SignedMessage(std::span<const uint8_t> claim) {
  SignedBytes message{};
  message[0] = static_cast<uint8_t>(kBadgeCodePrefix[0]);
  message[1] = static_cast<uint8_t>(kBadgeCodePrefix[1]);
  std::copy_n(claim.begin(), kClaimBytes, message.begin() + 2);
  return message;
}

std::string UpperTrimmed(std::string_view code) {
  size_t start = 0, end = code.size();
  while (start < end && std::isspace(static_cast<unsigned char>(code[start])))
    ++start;
  while (end > start && std::isspace(static_cast<unsigned char>(code[end - 1])))
    --end;
  std::string out(code.substr(start, end - start));
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string_view ToString(TokenCheck check) {
  switch (check) {
    case TokenCheck::kValid:
      return "valid";
    case TokenCheck::kUnknownVersion:
      return "unknown_version";
    case TokenCheck::kBadLength:
      return "bad_length";
    case TokenCheck::kBadBase32:
      return "bad_base32";
    case TokenCheck::kWrongEvent:
      return "wrong_event";
    case TokenCheck::kBadSignature:
      return "bad_signature";
  }
  return "invalid";
}

KeyPair GenerateKeyPair() {
  EnsureSodiumReady();
  KeyPair pair;
  crypto_sign_keypair(pair.public_key.data(), pair.secret_key.data());
  return pair;
}

std::string SignBadgeCode(const BadgeClaim& claim, const SecretKey& key) {
  EnsureSodiumReady();
  ClaimBytes claim_bytes = PackClaim(claim);
  SignedBytes message = SignedMessage(claim_bytes);
  std::array<uint8_t, kPayloadBytes> payload{};
  std::copy(claim_bytes.begin(), claim_bytes.end(), payload.begin());
  crypto_sign_detached(payload.data() + kClaimBytes, nullptr, message.data(),
                       message.size(), key.data());
  return std::string(kBadgeCodePrefix) + Base32Encode(payload);
}

namespace {

// Whether a 64-byte Ed25519 signature R || S could have come from a signer:
// R a point of the main subgroup and S below the group order L. About one
// random string in 256 passes.
bool SignatureWellFormed(std::span<const uint8_t, 64> signature) {
  // L = 2^252 + 27742317777372353535851937790883648493, little-endian.
  static constexpr std::array<uint8_t, 32> kOrder = {
      0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
      0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};
  if (crypto_core_ed25519_is_valid_point(signature.data()) != 1) return false;
  const uint8_t* s = signature.data() + 32;
  for (int i = 31; i >= 0; --i) {
    if (s[i] != kOrder[i]) return s[i] < kOrder[i];
  }
  return false;  // S == L
}

}  // namespace

TokenVerification VerifyBadgeCode(std::string_view code,
                                  const EventId& event_id,
                                  const PublicKey& key) {
  EnsureSodiumReady();
  std::string text = UpperTrimmed(code);
  if (text.size() < kBadgeCodePrefix.size() ||
      std::string_view(text).substr(0, kBadgeCodePrefix.size()) !=
          kBadgeCodePrefix) {
    return {TokenCheck::kUnknownVersion, {}};
  }
  if (text.size() != kBadgeCodeLength) return {TokenCheck::kBadLength, {}};
  auto payload = Base32Decode(std::string_view(text).substr(2));
  if (!payload || payload->size() != kPayloadBytes) {
    return {TokenCheck::kBadBase32, {}};
  }
  BadgeClaim claim = UnpackClaim(*payload);
  if (sodium_memcmp(claim.event_id.data(), event_id.data(), 8) != 0) {
    // Another event's signature cannot be checked here, but its shape can:
    // a code that could not have been signed by anyone is invalid, not a
    // guest who came to the wrong event.
    if (!SignatureWellFormed(
            std::span<const uint8_t, 64>(payload->data() + kClaimBytes, 64))) {
      return {TokenCheck::kBadSignature, {}};
    }
    return {TokenCheck::kWrongEvent, claim};
  }
  SignedBytes message = SignedMessage(std::span(payload->data(), kClaimBytes));
  if (crypto_sign_verify_detached(payload->data() + kClaimBytes, message.data(),
                                  message.size(), key.data()) != 0) {
    return {TokenCheck::kBadSignature, {}};
  }
  return {TokenCheck::kValid, claim};
}

Status WriteSecretKeyFile(const std::string& path, const EventId& event_id,
                          const SecretKey& key) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::Localized(StatusCode::kAlreadyExists,
                               "error.key_file_exists", {path});
    }
    return Status::Localized(StatusCode::kKey, "error.cannot_write_key",
                             {path, std::strerror(errno)});
  }
  std::string text = std::string(kKeyFileHeader) + "\nevent " +
                     ToString(event_id) + "\n" + Base32Encode(key) + "\n";
  ssize_t written = ::write(fd, text.data(), text.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()) || !synced) {
    ::unlink(path.c_str());
    return Status::Localized(StatusCode::kKey, "error.cannot_write_key",
                             {path, "write failed"});
  }
  return Status::Ok();
}

Result<SecretKey> ReadSecretKeyFile(
    const std::string& path, const EventId& event_id,
    const std::optional<PublicKey>& public_key) {
  if (!public_key) {
    return Status::Localized(StatusCode::kKey, "error.no_public_key", {});
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::Localized(StatusCode::kKey, "error.no_secret_key", {path});
  }
  if ((info.st_mode & 077) != 0) {
    return Status::Localized(StatusCode::kKey, "error.key_too_open", {path});
  }
  std::ifstream in(path);
  std::string header, event_line, key_line;
  std::getline(in, header);
  std::getline(in, event_line);
  std::getline(in, key_line);
  if (header != kKeyFileHeader || event_line.rfind("event ", 0) != 0) {
    return Status::Localized(StatusCode::kKey, "error.not_a_key", {path});
  }
  auto file_event = ParseEventId(event_line.substr(6));
  if (!file_event || *file_event != event_id) {
    return Status::Localized(StatusCode::kKey, "error.key_other_event", {path});
  }
  auto bytes = Base32Decode(key_line);
  if (!bytes || bytes->size() != SecretKey().size()) {
    return Status::Localized(StatusCode::kKey, "error.key_damaged", {path});
  }
  SecretKey key;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  sodium_memzero(bytes->data(), bytes->size());
  PublicKey derived{};
  crypto_sign_ed25519_sk_to_pk(derived.data(), key.data());
  if (sodium_memcmp(derived.data(), public_key->data(), derived.size()) != 0) {
    sodium_memzero(key.data(), key.size());
    return Status::Localized(StatusCode::kKey, "error.key_not_current", {path});
  }
  return key;
}

}  // namespace entree
