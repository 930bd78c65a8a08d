// The bulk import's text-to-number index: open addressing, linear probes.
#include "key_index.h"

#include <functional>

namespace entree {
namespace {

uint32_t HashOf(std::string_view key) {
  return static_cast<uint32_t>(std::hash<std::string_view>{}(key));
}

size_t PowerOfTwoAtLeast(size_t n) {
  size_t size = 16;
  while (size < n) size *= 2;
  return size;
}

}  // namespace

KeyIndex::KeyIndex(size_t expected)
    : entries_(PowerOfTwoAtLeast(expected * 2)) {}

size_t KeyIndex::Probe(std::string_view key, uint32_t hash) const {
  size_t mask = entries_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Entry& entry = entries_[i];
    if (entry.length == 0) return i;
    if (entry.hash == hash && entry.length == key.size() &&
        std::string_view(keys_).substr(entry.offset, entry.length) == key) {
      return i;
    }
  }
}

std::optional<uint32_t> KeyIndex::Find(std::string_view key) const {
  if (key.empty()) return std::nullopt;
  const Entry& entry = entries_[Probe(key, HashOf(key))];
  if (entry.length == 0) return std::nullopt;
  return entry.value;
}

void KeyIndex::Add(std::string_view key, uint32_t value) {
  if (key.empty()) return;
  if ((size_ + 1) * 2 > entries_.size()) Grow();
  uint32_t hash = HashOf(key);
  Entry& entry = entries_[Probe(key, hash)];
  if (entry.length != 0) return;
  entry = {hash, static_cast<uint32_t>(keys_.size()),
           static_cast<uint32_t>(key.size()), value};
  keys_.append(key);
  ++size_;
}

void KeyIndex::Grow() {
  std::vector<Entry> old = std::move(entries_);
  entries_.assign(old.size() * 2, Entry{});
  size_t mask = entries_.size() - 1;
  for (const Entry& entry : old) {
    if (entry.length == 0) continue;
    size_t i = entry.hash & mask;
    while (entries_[i].length != 0) i = (i + 1) & mask;
    entries_[i] = entry;
  }
}

}  // namespace entree
