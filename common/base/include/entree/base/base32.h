// RFC 4648 base32 without padding: the alphabet of badge codes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace entree {

// Upper-case A-Z and 2-7, no padding.
std::string Base32Encode(std::span<const uint8_t> bytes);
// Accepts either case. nullopt on a character outside the alphabet, on
// padding, or on trailing bits that are not zero (so every text has exactly
// one decoding).
std::optional<std::vector<uint8_t>> Base32Decode(std::string_view text);

}  // namespace entree
