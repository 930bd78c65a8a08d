// Random UUIDs and event ids from libsodium's CSPRNG.
#include "entree/uuid.h"

#include "sodium_ready.h"

namespace entree {
namespace {

constexpr char kHex[] = "0123456789abcdef";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendHex(std::string& out, uint8_t byte) {
  out.push_back(kHex[byte >> 4]);
  out.push_back(kHex[byte & 0xf]);
}

}  // namespace

Uuid NewUuid() {
  EnsureSodiumReady();
  Uuid id;
  randombytes_buf(id.data(), id.size());
  id[6] = static_cast<uint8_t>((id[6] & 0x0f) | 0x40);  // version 4
  id[8] = static_cast<uint8_t>((id[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return id;
}

std::string ToString(const Uuid& id) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    AppendHex(out, id[i]);
  }
  return out;
}

std::optional<Uuid> ParseUuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid id;
  size_t pos = 0;
  for (size_t i = 0; i < id.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      if (text[pos++] != '-') return std::nullopt;
    }
    int hi = HexValue(text[pos]);
    int lo = HexValue(text[pos + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id[i] = static_cast<uint8_t>(hi << 4 | lo);
    pos += 2;
  }
  return id;
}

EventId NewEventId() {
  EnsureSodiumReady();
  EventId id;
  randombytes_buf(id.data(), id.size());
  return id;
}

std::string ToString(const EventId& id) {
  std::string out;
  for (uint8_t byte : id) AppendHex(out, byte);
  return out;
}

std::optional<EventId> ParseEventId(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  EventId id;
  for (size_t i = 0; i < id.size(); ++i) {
    int hi = HexValue(text[2 * i]);
    int lo = HexValue(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return id;
}

}  // namespace entree
