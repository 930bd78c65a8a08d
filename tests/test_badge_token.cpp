// Tests of badge codes: signing, every kind of refusal, QR fit, key files.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <random>

#include "entree/badges/qr.h"
#include "entree/base/base32.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"
#include "support.h"

using namespace entree;
using entree::testing::TempDir;

namespace {

struct Fixture {
  KeyPair keys = GenerateKeyPair();
  BadgeClaim claim{NewEventId(), NewUuid(), 7};
  std::string code = SignBadgeCode(claim, keys.secret_key);
  TokenVerification Verify(std::string_view text) const {
    return VerifyBadgeCode(text, claim.event_id, keys.public_key);
  }
};

}  // namespace

TEST_CASE("a signed code verifies and gives back its claim", "[token]") {
  Fixture f;
  CHECK(f.code.size() == kBadgeCodeLength);
  CHECK(f.code.substr(0, 2) == "E1");
  auto result = f.Verify(f.code);
  REQUIRE(result.check == TokenCheck::kValid);
  CHECK(result.claim.event_id == f.claim.event_id);
  CHECK(result.claim.attendee_id == f.claim.attendee_id);
  CHECK(result.claim.serial == 7);
}

TEST_CASE("codes use only QR alphanumeric characters and fit version 6-M",
          "[token]") {
  Fixture f;
  for (char c : f.code) {
    bool upper_or_digit = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    CHECK(upper_or_digit);
  }
  auto symbol = EncodeQr(f.code);
  REQUIRE(symbol.ok());
  CHECK(symbol->version <= 6);
}

TEST_CASE("a keyboard wedge's lower case and line ends are accepted",
          "[token]") {
  Fixture f;
  std::string lower = f.code;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  CHECK(f.Verify(lower).check == TokenCheck::kValid);
  CHECK(f.Verify(" " + f.code + "\r\n").check == TokenCheck::kValid);
}

TEST_CASE("changing any character of a code is refused", "[token]") {
  Fixture f;
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  for (size_t i = 0; i < f.code.size(); ++i) {
    std::string changed = f.code;
    size_t at = kAlphabet.find(changed[i]);
    changed[i] = kAlphabet[(at + 1) % kAlphabet.size()];
    INFO("character " << i);
    CHECK(f.Verify(changed).check != TokenCheck::kValid);
  }
}

TEST_CASE("flipping any bit of the signed bytes is refused", "[token]") {
  Fixture f;
  auto payload = Base32Decode(f.code.substr(2));
  REQUIRE(payload.has_value());
  REQUIRE(payload->size() == 92);
  for (size_t byte = 0; byte < payload->size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<uint8_t> changed = *payload;
      changed[byte] ^= static_cast<uint8_t>(1 << bit);
      auto verdict = f.Verify("E1" + Base32Encode(changed)).check;
      INFO("byte " << byte << " bit " << bit);
      // Bytes 0..7 are the event id: another event's badge, not forged.
      CHECK(verdict ==
            (byte < 8 ? TokenCheck::kWrongEvent : TokenCheck::kBadSignature));
    }
  }
}

TEST_CASE("each kind of bad code has its own verdict", "[token]") {
  Fixture f;
  CHECK(f.Verify("").check == TokenCheck::kUnknownVersion);
  CHECK(f.Verify("E2" + f.code.substr(2)).check == TokenCheck::kUnknownVersion);
  CHECK(f.Verify("HELLO").check == TokenCheck::kUnknownVersion);
  CHECK(f.Verify(f.code.substr(0, 149)).check == TokenCheck::kBadLength);
  CHECK(f.Verify(f.code + "A").check == TokenCheck::kBadLength);
  std::string bad_char = f.code;
  bad_char[40] = '1';
  CHECK(f.Verify(bad_char).check == TokenCheck::kBadBase32);

  Fixture other_event;
  CHECK(f.Verify(other_event.code).check == TokenCheck::kWrongEvent);

  // Same event, signed with another key: a forgery.
  KeyPair forger = GenerateKeyPair();
  std::string forged = SignBadgeCode(f.claim, forger.secret_key);
  CHECK(f.Verify(forged).check == TokenCheck::kBadSignature);
}

TEST_CASE("a random well-formed code is invalid, not another event's",
          "[token]") {
  Fixture f;
  // Codes of the right prefix, length and alphabet whose bytes are random:
  // nobody signed them, so the door must not send the holder to "their"
  // event. A genuine code of another event still says so.
  std::mt19937 random(20261012);
  int wrong_event = 0;
  constexpr int kCodes = 2000;
  for (int i = 0; i < kCodes; ++i) {
    std::vector<uint8_t> payload(92);
    for (uint8_t& byte : payload) byte = static_cast<uint8_t>(random());
    if (f.Verify("E1" + Base32Encode(payload)).check ==
        TokenCheck::kWrongEvent) {
      ++wrong_event;
    }
  }
  // About one in 256 random signatures has a signer's shape.
  CHECK(wrong_event < kCodes / 100);
  for (int i = 0; i < 20; ++i) {
    Fixture other_event;
    CHECK(f.Verify(other_event.code).check == TokenCheck::kWrongEvent);
  }
}

TEST_CASE("the code carries no personal data", "[token]") {
  Fixture f;
  auto payload = Base32Decode(f.code.substr(2));
  REQUIRE(payload.has_value());
  // 8 bytes event id, 16 bytes UUID, 4 bytes serial, 64 bytes signature.
  CHECK(payload->size() == 8 + 16 + 4 + 64);
  CHECK(std::equal(f.claim.attendee_id.begin(), f.claim.attendee_id.end(),
                   payload->begin() + 8));
}

TEST_CASE("the secret key file is private and belongs to one event",
          "[token]") {
  TempDir dir;
  Fixture f;
  std::string path = dir.File("event.key");
  REQUIRE(WriteSecretKeyFile(path, f.claim.event_id, f.keys.secret_key).ok());
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  auto read = ReadSecretKeyFile(path, f.claim.event_id, f.keys.public_key);
  REQUIRE(read.ok());
  CHECK(*read == f.keys.secret_key);

  CHECK(WriteSecretKeyFile(path, f.claim.event_id, f.keys.secret_key).code() ==
        StatusCode::kAlreadyExists);
  CHECK(ReadSecretKeyFile(path, NewEventId(), f.keys.public_key)
            .status()
            .code() == StatusCode::kKey);
  // The key of this event from before `keygen --replace`: its badges
  // would be refused at every door, so it mints none.
  KeyPair replaced = GenerateKeyPair();
  auto old = ReadSecretKeyFile(path, f.claim.event_id, replaced.public_key);
  CHECK(old.status().code() == StatusCode::kKey);
  CHECK(old.status().message().find("replaced") != std::string::npos);
  CHECK(
      ReadSecretKeyFile(path, f.claim.event_id, std::nullopt).status().code() ==
      StatusCode::kKey);
  ::chmod(path.c_str(), 0644);
  CHECK(ReadSecretKeyFile(path, f.claim.event_id, f.keys.public_key)
            .status()
            .code() == StatusCode::kKey);
  CHECK(ReadSecretKeyFile(dir.File("missing.key"), f.claim.event_id,
                          f.keys.public_key)
            .status()
            .code() == StatusCode::kKey);
}
