// The pieces of a setup code and of the secrets around it: internal to
// the devices of the sync module.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entree/base/status.h"
#include "entree/codes/badge_token.h"

namespace entree {

// A device's login and first password, and the code that carries both.
struct DeviceSecret {
  std::string code;      // 24 base32 characters in groups of four
  std::string login;     // "entree_" and the code's first 8, lower case
  std::string password;  // the code's last 16 (80 random bits)
};
DeviceSecret NewDeviceSecret();
// The code as typed: any case, dashes and spaces anywhere. nullopt unless
// it is 24 base32 characters.
std::optional<DeviceSecret> DeviceSecretOf(std::string_view typed);
// 32 random bytes as base32: the password a device sets when it joins.
std::string NewDevicePassword();

// The event's secret key sealed (XSalsa20-Poly1305) with a key derived
// from `password`, as hex; and opened again (nullopt when it does not
// open: another password, or a damaged text).
std::string SealKey(const SecretKey& key, std::string_view password);
std::optional<SecretKey> OpenSealedKey(std::string_view sealed,
                                       std::string_view password);

std::string HexOf(std::string_view bytes);
template <size_t N>
std::string HexOf(const std::array<uint8_t, N>& bytes) {
  return HexOf(std::string_view(reinterpret_cast<const char*>(bytes.data()),
                                bytes.size()));
}
std::optional<std::string> FromHex(std::string_view hex);
std::string Base64Of(std::string_view bytes);
std::optional<std::string> FromBase64(std::string_view text);

// A libpq connection string without its user, password and password file:
// the server's address to hand to devices. kInvalidArgument when it does
// not parse.
Result<std::string> AddressOf(const std::string& conninfo);
// A connection string with one more keyword, its value quoted.
std::string WithKeyword(const std::string& conninfo, std::string_view keyword,
                        std::string_view value);

}  // namespace entree
