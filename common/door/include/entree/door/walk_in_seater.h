// Seats walk-ins beside a kiosk's screen: a thread with its own connection
// to the event database that plans each walk-in's tables (TellSeats), so
// the door's verdict never waits on the planner.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/model.h"
#include "entree/seating/seating_event.h"

namespace entree {

class WalkInSeater {
 public:
  // What seating one walk-in came to.
  struct Seated {
    Uuid attendee_id{};
    std::vector<SeatLine> seats;  // empty when the tables are full
    Status status;                // why they could not be seated
  };

  // Seats walk-ins of the database at `db_path`. `wake`, when given, is
  // called on the worker's thread after each walk-in is done, so that the
  // screen's loop collects the result at once.
  explicit WalkInSeater(std::string db_path,
                        std::function<void()> wake = nullptr);
  // Finishes the walk-in being seated; those still queued are not seated
  // (their next scan shows them as inside; a new plan seats them).
  ~WalkInSeater();
  WalkInSeater(const WalkInSeater&) = delete;
  WalkInSeater& operator=(const WalkInSeater&) = delete;

  // Queues `attendee` (let in at `now`) for seating; returns at once.
  void Seat(const Attendee& attendee, Instant now);
  // The walk-ins seated since the last call, in the order they came.
  std::vector<Seated> TakeSeated();
  // Walk-ins queued or being seated.
  size_t busy() const;

 private:
  void Work();

  std::string db_path_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::condition_variable wake_worker_;
  std::deque<std::pair<Attendee, Instant>> queue_;
  std::vector<Seated> done_;
  size_t busy_ = 0;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace entree
