// A small streaming JSON writer for the CLI's --json output and exports.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace entree {

// Writes one JSON value. Calls must nest correctly (asserted): Key() only
// directly inside an object, values only after a Key() there.
class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);  // value must be UTF-8
  JsonWriter& Int(int64_t value);
  // A finite number with `decimals` decimals: 1.33.
  JsonWriter& Fixed(double value, int decimals);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Shorthands for Key(key) followed by the value.
  JsonWriter& Field(std::string_view key, std::string_view value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, const char* value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, int64_t value) {
    return Key(key).Int(value);
  }
  JsonWriter& Field(std::string_view key, int value) {
    return Key(key).Int(value);
  }
  JsonWriter& Field(std::string_view key, bool value) {
    return Key(key).Bool(value);
  }

  // The text written so far.
  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  std::string out_;
  std::vector<bool> first_in_scope_;
  bool after_key_ = false;
};

// `value` as a JSON string literal, quotes included.
std::string JsonQuote(std::string_view value);

}  // namespace entree
