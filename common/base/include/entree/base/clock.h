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
// "2026-10-12 18:00:00" in the process's local time zone (TZ), as Excel
// reads it.
std::string FormatLocal(Instant t);
// The calendar date and time of `t` (whole seconds) in the local time zone.
std::tm LocalCalendar(Instant t);
// Why a local time cannot name one instant: the clocks skip it (spring
// forward) or show it twice (fall back).
enum class LocalTimeGap { kNone, kSkipped, kTwice };

// Parses ISO 8601 "YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM|-HH:MM]"; a space may
// stand for the T. Without a zone the time is local (TZ); a local time that
// does not exist or exists twice that day is refused, and `gap` (when
// given) says which. Returns nullopt for anything else.
std::optional<Instant> ParseIsoTime(std::string_view text,
                                    LocalTimeGap* gap = nullptr);

}  // namespace entree
