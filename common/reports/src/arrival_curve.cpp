// Arrivals per interval of the clock, from the attendance rows.
#include "entree/reports/arrival_curve.h"

#include <algorithm>

namespace entree {
namespace {

constexpr std::chrono::hours kFineSpan{3};
constexpr std::chrono::minutes kFine{5};
constexpr std::chrono::minutes kCoarse{15};
// A live chart runs on to now, but not for days after the last arrival.
constexpr std::chrono::hours kLongestTail{12};

Instant FloorTo(Instant t, std::chrono::minutes interval) {
  auto step = std::chrono::duration_cast<std::chrono::milliseconds>(interval);
  auto since = t.time_since_epoch();
  auto floored = since - (since % step + step) % step;
  return Instant(floored);
}

}  // namespace

int ArrivalCurve::ArrivedBy(size_t i) const {
  int sum = 0;
  for (size_t k = 0; k <= i && k < arrivals.size(); ++k) sum += arrivals[k];
  return sum;
}

ArrivalCurve ArrivalCurveOf(const std::vector<AttendanceRow>& rows,
                            std::chrono::minutes interval,
                            std::optional<Instant> until) {
  ArrivalCurve curve;
  curve.expected = static_cast<int>(rows.size());
  std::vector<Instant> firsts;
  for (const AttendanceRow& row : rows) {
    if (row.first_entry) firsts.push_back(*row.first_entry);
  }
  if (firsts.empty()) {
    curve.interval = interval.count() > 0 ? interval : kFine;
    curve.start = FloorTo(until.value_or(Instant{}), curve.interval);
    return curve;
  }
  auto [first, last] = std::minmax_element(firsts.begin(), firsts.end());
  // value_or, not a test then a read: the optimiser may read an empty
  // optional's storage before the test, which valgrind rightly flags.
  Instant live_end = until.value_or(*last);
  Instant end = *last;
  if (live_end > *last && live_end - *last <= kLongestTail) end = live_end;
  if (interval.count() <= 0) {
    interval = end - *first <= kFineSpan ? kFine : kCoarse;
  }
  curve.interval = interval;
  curve.start = FloorTo(*first, interval);
  size_t count = static_cast<size_t>((end - curve.start) / interval) + 1;
  curve.arrivals.assign(count, 0);
  for (Instant t : firsts) {
    ++curve.arrivals[static_cast<size_t>((t - curve.start) / interval)];
  }
  return curve;
}

}  // namespace entree
