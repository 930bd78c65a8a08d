// Setup codes, sealed keys and connection strings of devices.
#include "device_codes.h"

#include <libpq-fe.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "entree/base/base32.h"
#include "entree/base/sodium_ready.h"

namespace entree {
namespace {

constexpr size_t kCodeChars = 24;
constexpr size_t kLoginChars = 8;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(c));
  return text;
}

DeviceSecret SecretOf(const std::string& chars) {
  DeviceSecret secret;
  for (size_t i = 0; i < chars.size(); i += 4) {
    secret.code += (i > 0 ? "-" : "") + chars.substr(i, 4);
  }
  secret.login = "entree_" + Lower(chars.substr(0, kLoginChars));
  secret.password = chars.substr(kLoginChars);
  return secret;
}

std::array<uint8_t, crypto_secretbox_KEYBYTES> KeyFrom(
    std::string_view password) {
  std::array<uint8_t, crypto_secretbox_KEYBYTES> key{};
  crypto_generichash(key.data(), key.size(),
                     reinterpret_cast<const uint8_t*>(password.data()),
                     password.size(), nullptr, 0);
  return key;
}

}  // namespace

DeviceSecret NewDeviceSecret() {
  EnsureSodiumReady();
  std::array<uint8_t, kCodeChars * 5 / 8> random{};
  randombytes_buf(random.data(), random.size());
  return SecretOf(Base32Encode(random));
}

std::optional<DeviceSecret> DeviceSecretOf(std::string_view typed) {
  std::string chars;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (chars.size() > kCodeChars) return std::nullopt;
    chars += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (chars.size() != kCodeChars || !Base32Decode(chars)) return std::nullopt;
  return SecretOf(chars);
}

std::string NewDevicePassword() {
  EnsureSodiumReady();
  std::array<uint8_t, 32> random{};
  randombytes_buf(random.data(), random.size());
  return Base32Encode(random);
}

std::string SealKey(const SecretKey& key, std::string_view password) {
  EnsureSodiumReady();
  std::vector<uint8_t> sealed(crypto_secretbox_NONCEBYTES +
                              crypto_secretbox_MACBYTES + key.size());
  randombytes_buf(sealed.data(), crypto_secretbox_NONCEBYTES);
  auto box = KeyFrom(password);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES, key.data(),
                        key.size(), sealed.data(), box.data());
  sodium_memzero(box.data(), box.size());
  return HexOf(std::string_view(reinterpret_cast<const char*>(sealed.data()),
                                sealed.size()));
}

std::optional<SecretKey> OpenSealedKey(std::string_view sealed,
                                       std::string_view password) {
  EnsureSodiumReady();
  auto bytes = FromHex(sealed);
  SecretKey key{};
  if (!bytes || bytes->size() != crypto_secretbox_NONCEBYTES +
                                     crypto_secretbox_MACBYTES + key.size()) {
    return std::nullopt;
  }
  auto box = KeyFrom(password);
  const auto* data = reinterpret_cast<const uint8_t*>(bytes->data());
  int opened = crypto_secretbox_open_easy(
      key.data(), data + crypto_secretbox_NONCEBYTES,
      bytes->size() - crypto_secretbox_NONCEBYTES, data, box.data());
  sodium_memzero(box.data(), box.size());
  if (opened != 0) return std::nullopt;
  return key;
}

std::string HexOf(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(),
                 reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  hex.pop_back();
  return hex;
}

std::optional<std::string> FromHex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size(),
                     hex.data(), hex.size(), nullptr, &length, &end) != 0 ||
      end != hex.data() + hex.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string Base64Of(std::string_view bytes) {
  EnsureSodiumReady();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  std::string text(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(),
                    reinterpret_cast<const uint8_t*>(bytes.data()),
                    bytes.size(), kVariant);
  text.resize(text.size() - 1);
  return text;
}

std::optional<std::string> FromBase64(std::string_view text) {
  EnsureSodiumReady();
  std::string bytes(text.size(), '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<uint8_t*>(bytes.data()), bytes.size(),
                        text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string WithKeyword(const std::string& conninfo, std::string_view keyword,
                        std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return conninfo + (conninfo.empty() ? "" : " ") + std::string(keyword) + "=" +
         quoted + "'";
}

Result<std::string> AddressOf(const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "out of memory";
    PQfreemem(error);
    return Status::InvalidArgument("the server's connection string: " + why);
  }
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> owned(
      options, PQconninfoFree);
  std::string address;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    std::string_view keyword = o->keyword;
    if (!o->val || keyword == "user" || keyword == "password" ||
        keyword == "passfile") {
      continue;
    }
    address = WithKeyword(address, keyword, o->val);
  }
  return address;
}

}  // namespace entree
