// Tests of RFC 4648 base32 without padding.
#include <catch2/catch.hpp>

#include "entree/base/base32.h"

using namespace entree;

TEST_CASE("base32 matches the RFC 4648 test vectors without padding",
          "[base32]") {
  auto encode = [](std::string_view text) {
    return Base32Encode(
        std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  };
  CHECK(encode("") == "");
  CHECK(encode("f") == "MY");
  CHECK(encode("fo") == "MZXQ");
  CHECK(encode("foo") == "MZXW6");
  CHECK(encode("foob") == "MZXW6YQ");
  CHECK(encode("fooba") == "MZXW6YTB");
  CHECK(encode("foobar") == "MZXW6YTBOI");
}

TEST_CASE("base32 decodes what it encodes, in either case", "[base32]") {
  std::vector<uint8_t> bytes;
  for (int n = 0; n < 40; ++n) {
    auto encoded = Base32Encode(bytes);
    auto decoded = Base32Decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == bytes);
    std::string lower = encoded;
    for (char& c : lower) c = static_cast<char>(std::tolower(c));
    CHECK(Base32Decode(lower) == decoded);
    bytes.push_back(static_cast<uint8_t>(n * 37 + 11));
  }
}

TEST_CASE("base32 refuses text that is not exactly one encoding", "[base32]") {
  CHECK_FALSE(Base32Decode("MZXW6YT1").has_value());  // 1 is not in it
  CHECK_FALSE(Base32Decode("MZXW6===").has_value());  // no padding
  CHECK_FALSE(Base32Decode("M").has_value());         // impossible length
  CHECK_FALSE(Base32Decode("MZ ").has_value());
  CHECK(Base32Decode("MY").has_value());
  CHECK_FALSE(Base32Decode("MZ").has_value());  // trailing bits not zero
}
