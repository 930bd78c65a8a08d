// Arrivals counted per interval of the clock, from the attendance rows.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/time_zone.h"
#include "entree/store/store.h"

namespace entree {

// First arrivals counted per interval of the clock.
struct ArrivalCurve {
  Instant start{};  // start of the first interval, on a whole interval
  std::chrono::minutes interval{5};
  std::vector<int> arrivals;        // guests who first entered in each interval
  int expected = 0;                 // guests on the list
  TimeZone zone = TimeZone::Utc();  // the clocks its time labels read

  // Guests arrived by the end of interval `i` (all of them past the end).
  int ArrivedBy(size_t i) const;
  Instant IntervalStart(size_t i) const { return start + interval * i; }
};

// The curve of the rows' first entries, from the interval of the first
// arrival to that of the last, or to `until` when that is later by at most
// twelve hours (a live chart runs to now). `interval` 0 picks 5 minutes when
// that span is three hours or less, else 15. No arrivals: an empty curve
// starting at `until` (or the epoch).
ArrivalCurve ArrivalCurveOf(const std::vector<AttendanceRow>& rows,
                            std::chrono::minutes interval,
                            std::optional<Instant> until);

}  // namespace entree
