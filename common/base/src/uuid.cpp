// Random UUIDs and event ids from libsodium's CSPRNG.
#include "entree/base/uuid.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>

#include "entree/base/sodium_ready.h"

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
  // Version 7: 48 bits of Unix milliseconds, then random bits. Ids made
  // one after another sort one after another, so SQLite appends to its
  // indexes instead of inserting at random pages.
  // Random bytes are drawn 4 KiB at a time: one system call per 256 ids.
  thread_local std::array<uint8_t, 4096> pool;
  thread_local size_t used = pool.size();
  if (used + 16 > pool.size()) {
    randombytes_buf(pool.data(), pool.size());
    used = 0;
  }
  Uuid id;
  std::copy_n(pool.begin() + static_cast<std::ptrdiff_t>(used), 16, id.begin());
  sodium_memzero(pool.data() + used, 16);
  used += 16;
  uint64_t ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  for (int i = 0; i < 6; ++i) {
    id[i] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  }
  id[6] = static_cast<uint8_t>((id[6] & 0x0f) | 0x70);  // version 7
  id[8] = static_cast<uint8_t>((id[8] & 0x3f) | 0x80);  // RFC 9562 variant
  return id;
}

Uuid NewUuidAfter(const Uuid& previous) {
  Uuid id = NewUuid();
  if (id > previous) return id;
  // Adds one to the bits after the version and variant bits of byte 6 and
  // byte 8; a carry out of the random bits moves on into the time.
  id = previous;
  for (size_t i = id.size(); i-- > 0;) {
    uint8_t fixed = i == 6 ? 0xf0 : i == 8 ? 0xc0 : 0x00;
    uint8_t free_bits = static_cast<uint8_t>(~fixed);
    uint8_t value = static_cast<uint8_t>(id[i] & free_bits);
    if (value != free_bits) {
      id[i] = static_cast<uint8_t>((id[i] & fixed) | (value + 1));
      return id;
    }
    id[i] = static_cast<uint8_t>(id[i] & fixed);
  }
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
