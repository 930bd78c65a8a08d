// Time as Entree sees it: UTC instants in milliseconds, and an injectable
// clock.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace entree {

// A point in time, milliseconds since the Unix epoch, UTC.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// Milliseconds since the epoch, as stored in the database.
inline int64_t ToMillis(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromMillis(int64_t ms) {
  return Instant(std::chrono::milliseconds(ms));
}

// The source of "now". Rules take an Instant; services take a Clock so tests
// can set the time explicitly.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  Instant Now() const override;
};

// A clock that says what it is told; for tests and replays.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant now) : now_(now) {}
  Instant Now() const override { return now_; }
  void Set(Instant now) { now_ = now; }
  void Advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  Instant now_;
};

// "2026-10-12T16:00:00Z" (UTC, seconds precision).
std::string FormatIsoUtc(Instant t);

}  // namespace entree
