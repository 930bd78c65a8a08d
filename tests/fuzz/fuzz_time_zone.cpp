// Fuzzes the time zone reader (a TZif file's bytes, its POSIX rule) and the
// reading of typed times on its clocks: no input may crash, hang or read
// out of bounds, and every offset found stays within a day.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "entree/base/time_zone.h"

using entree::Instant;
using entree::TimeZone;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.empty()) return 0;
  std::string_view rest = input.substr(1);
  if (input[0] % 2 == 0) {
    // A typed time on Amsterdam's clocks.
    static const TimeZone amsterdam = [] {
      auto zone = TimeZone::Named("Europe/Amsterdam");
      return zone.ok() ? *zone : TimeZone::Utc();
    }();
    entree::LocalTimeProblem problem;
    (void)entree::ParseIsoTime(rest, amsterdam, &problem);
    return 0;
  }
  auto zone = TimeZone::FromTzif("fuzz", rest);
  if (!zone.ok()) return 0;
  for (int64_t t : {int64_t{-4102444800}, int64_t{0}, int64_t{1792000000},
                    int64_t{4102444800}, int64_t{253402300799}}) {
    Instant at{std::chrono::seconds(t)};
    int offset = zone->OffsetAt(at).seconds;
    if (std::abs(offset) > 7 * 86400) std::abort();
    (void)zone->Calendar(at);
    (void)entree::FormatReading(at, *zone);
  }
  (void)zone->Resolve({2026, 3, 29, 2, 30, 0});
  return 0;
}
