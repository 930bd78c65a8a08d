// A compact text-to-number index for bulk work: the import's lookups of
// external ids and emails among 100,000 rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entree {

// Maps text keys to numbers; the first number given for a key stays. Keys
// live in one buffer and entries in one open-addressed array, so a lookup
// touches two places in memory instead of a node per key.
class KeyIndex {
 public:
  // Sized for about `expected` keys; it grows past that when needed.
  explicit KeyIndex(size_t expected = 0);

  // The number first given for `key`.
  std::optional<uint32_t> Find(std::string_view key) const;
  // Gives `key` the number `value` unless it has one. Keys are at most
  // 4 GiB long.
  void Add(std::string_view key, uint32_t value);
  size_t size() const { return size_; }

 private:
  struct Entry {
    uint64_t hash = 0;
    size_t offset = 0;  // of the key in keys_
    uint32_t length = 0;
    uint32_t value = 0;
    bool used = false;
  };

  // The entry holding `key`, or the free entry where it would go.
  size_t Probe(std::string_view key, uint64_t hash) const;
  void Grow();

  std::vector<Entry> entries_;  // a power of two in size
  std::string keys_;
  size_t size_ = 0;
};

}  // namespace entree
