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
  // Gives `key` the number `value` unless it has one or is empty. All keys
  // together are less than 4 GiB long.
  void Add(std::string_view key, uint32_t value);
  size_t size() const { return size_; }

 private:
  // Sixteen bytes, so that four share a cache line. A length of 0 marks a
  // free entry: empty keys are not indexed.
  struct Entry {
    uint32_t hash = 0;    // the low half of the key's hash
    uint32_t offset = 0;  // of the key in keys_
    uint32_t length = 0;
    uint32_t value = 0;
  };

  // The entry holding `key`, or the free entry where it would go.
  size_t Probe(std::string_view key, uint32_t hash) const;
  void Grow();

  std::vector<Entry> entries_;  // a power of two in size
  std::string keys_;
  size_t size_ = 0;
};

}  // namespace entree
