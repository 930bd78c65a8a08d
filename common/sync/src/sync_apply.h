// What a pull brought, and merging it into the event file in short steps
// (docs/design/023-sync-in-short-steps.md). Internal to libentree.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/store/store.h"

namespace entree {

// The most a sync writes to the event file in one transaction (a step,
// Store::BeginStep): so many records, or what it wrote in so much time,
// whichever comes first; and no more once a door of this process waits
// (docs/design/023-sync-in-short-steps.md).
inline constexpr size_t kStepRecords = 250;
inline constexpr std::chrono::microseconds kStepTime{4000};

// A pulled row that is not merged, and why.
struct Refused {
  std::string kind;  // "attendee", "badge", "checkin"
  std::string record_id;
  std::string reason;
};

// The organiser's number of rounds, as pulled.
struct Rounds {
  int count = 0;
};

struct Pulled {
  std::vector<Attendee> attendees;
  std::vector<Badge> badges;
  std::vector<CheckinRecord> checkins;
  std::vector<Rounds> rounds;
  std::vector<SeatingTable> tables;
  std::vector<Seat> seats;
  int64_t cursor = 0;
  std::vector<Refused> refused;  // rows that did not decode or are too large
  bool more = false;             // cut short: the next page follows
};

// Merges what was pulled, outbox untouched, in background steps
// (Store::BeginStep) of at most kStepRecords records, each ended early once
// it has taken kStepTime or a door of this process waits: a door waits for
// the file at most one step, and in this process one record. The cursor
// moves in the last, so a crash part way pulls again and merging again
// changes nothing. A record that cannot be true of an honest kiosk, or
// that clashes with this file's, is set aside for staff. Returns how many
// records were set aside.
Result<int> Apply(Store& store, const Pulled& pulled, Instant now);

}  // namespace entree
