// The wall clock, and instants written in UTC.
#include "entree/base/clock.h"

#include <ctime>

namespace entree {
namespace {

std::string FormatTm(const std::tm& tm, const char* format) {
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, format, &tm);
  return std::string(buffer, n);
}

}  // namespace

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
}

std::string FormatIsoUtc(Instant t) {
  std::time_t seconds = static_cast<std::time_t>(
      std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return FormatTm(tm, "%Y-%m-%dT%H:%M:%SZ");
}

}  // namespace entree
