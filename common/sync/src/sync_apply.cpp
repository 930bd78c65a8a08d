// Merging a pull into the event file (sync_apply.h).
#include "sync_apply.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "entree/base/uuid.h"
#include "entree/codes/checkin_rules.h"

namespace entree {
namespace {

// A reissue adds one to the serial; a pulled badge far beyond the serial
// this file knows would revoke every badge of its holder at once.
constexpr uint32_t kMaxSerialStep = 100;

// What a pulled record is judged by: this file, this kiosk's clock, and
// the earliest honest check-in of the event (EarliestCheckinFor).
struct Judge {
  Store& store;
  Instant now;
  Instant earliest_checkin;
};

// Whether a pulled record may be merged; the reason when not. Only what
// cannot be true of an honest kiosk's record is refused here: a check-in
// dated ahead of this kiosk's clock, a badge serial out of all proportion.
Result<std::optional<std::string>> Distrust(const Judge& judge,
                                            const CheckinRecord& c) {
  if (c.at > judge.now + kClockTolerance) {
    return std::optional<std::string>("dated " + FormatIsoUtc(c.at) +
                                      ", ahead of this kiosk's clock");
  }
  if (c.at < judge.earliest_checkin) {
    return std::optional<std::string>("dated " + FormatIsoUtc(c.at) +
                                      ", long before the event");
  }
  return std::optional<std::string>();
}

Result<std::optional<std::string>> Distrust(const Judge& judge,
                                            const Badge& b) {
  ENTREE_ASSIGN_OR_RETURN(auto current,
                          judge.store.CurrentBadge(b.attendee_id));
  uint32_t known = current ? current->serial : 0;
  if (b.serial > known + kMaxSerialStep) {
    return std::optional<std::string>("serial " + std::to_string(b.serial) +
                                      " far beyond " + std::to_string(known));
  }
  return std::optional<std::string>();
}

// A told time ahead of this kiosk's clock is no kiosk's honest record.
Result<std::optional<std::string>> Distrust(const Judge& judge,
                                            const Seat& seat) {
  if (seat.told_at && *seat.told_at > judge.now + kClockTolerance) {
    return std::optional<std::string>("told " + FormatIsoUtc(*seat.told_at) +
                                      ", ahead of this kiosk's clock");
  }
  return std::optional<std::string>();
}

template <typename Record>
Result<std::optional<std::string>> Distrust(const Judge&, const Record&) {
  return std::optional<std::string>();
}

std::string IdOf(const Rounds&) { return "rounds"; }
std::string IdOf(const SeatingTable& t) { return t.name; }
std::string IdOf(const Seat& s) {
  return ToString(s.attendee_id) + " " + std::to_string(s.round);
}
std::string IdOf(const Attendee& a) { return ToString(a.id); }
std::string IdOf(const Badge& b) {
  return ToString(b.attendee_id) + " " + std::to_string(b.serial);
}
std::string IdOf(const CheckinRecord& c) { return ToString(c.id); }

// Merges one record inside a savepoint. A record this file cannot take (it
// is refused by Distrust, out of bounds, or clashes with ours, such as one
// guest added at two kiosks under one external id) is rolled back alone and
// set aside for staff: the rest of the pull goes on. Counts it in
// `set_aside`. Fails only when the store itself fails.
template <typename Record, typename Merge>
Status MergeOrSetAside(const Judge& judge, const Record& record,
                       const char* kind, Merge merge, int& set_aside) {
  Store& store = judge.store;
  ENTREE_ASSIGN_OR_RETURN(auto distrust, Distrust(judge, record));
  std::optional<std::string> reason = distrust;
  if (!reason) {
    Status merged;
    ENTREE_RETURN_IF_ERROR(
        store.TryInSavepoint([&] { return merge(record); }, merged));
    if (merged.ok()) return merged;
    if (merged.code() != StatusCode::kInvalidArgument &&
        merged.code() != StatusCode::kDatabase) {
      return merged;
    }
    reason = merged.message();
  }
  ++set_aside;
  return store.SetAside(kind, IdOf(record), *reason, judge.now);
}

}  // namespace

Result<int> Apply(Store& store, const Pulled& pulled, Instant now) {
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  const Judge judge{store, now, EarliestCheckinFor(event)};
  int set_aside = 0;
  std::vector<std::function<Status()>> merges;
  auto add = [&](const auto& records, const char* kind, auto merge) {
    for (const auto& record : records) {
      merges.push_back([&judge, &record, kind, merge, &set_aside] {
        return MergeOrSetAside(judge, record, kind, merge, set_aside);
      });
    }
  };
  add(pulled.attendees, "attendee",
      [&](const Attendee& r) { return store.MergeAttendee(r); });
  add(pulled.badges, "badge",
      [&](const Badge& r) { return store.MergeBadge(r); });
  add(pulled.checkins, "checkin",
      [&](const CheckinRecord& r) { return store.MergeCheckin(r, now); });
  add(pulled.rounds, "rounds",
      [&](const Rounds& n) { return store.MergeRounds(n.count); });
  add(pulled.tables, "table",
      [&](const SeatingTable& r) { return store.MergeTable(r); });
  add(pulled.seats, "seat", [&](const Seat& r) -> Status {
    // A guest told two tables: kept as told here, and set aside for
    // staff.
    ENTREE_ASSIGN_OR_RETURN(auto clash, store.MergeSeat(r));
    return clash ? Status::InvalidArgument(*clash) : Status::Ok();
  });
  for (const Refused& refused : pulled.refused) {
    merges.push_back([&] {
      ++set_aside;
      return store.SetAside(refused.kind, refused.record_id, refused.reason,
                            now);
    });
  }
  size_t done = 0;
  do {
    ENTREE_ASSIGN_OR_RETURN(auto transaction, store.BeginStep());
    auto started = std::chrono::steady_clock::now();
    Status status = store.BeginApplying();
    const size_t first = done;
    const size_t end = std::min(merges.size(), done + kStepRecords);
    while (status.ok() && done < end &&
           (done == first ||
            (std::chrono::steady_clock::now() - started < kStepTime &&
             !store.SomeoneWaits()))) {
      status = merges[done++]();
    }
    if (status.ok() && done == merges.size()) {
      status = store.SetSyncCursor(pulled.cursor, now);
    }
    if (status.ok()) status = store.EndApplying();
    if (status.ok()) status = transaction.Commit();
    if (!status.ok()) return status;
  } while (done < merges.size());
  return set_aside;
}

}  // namespace entree
