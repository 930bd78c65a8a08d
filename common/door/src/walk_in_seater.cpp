// The walk-in seating thread: a queue of guests let in, planned one by one
// on a store of its own.
#include "entree/door/walk_in_seater.h"

#include <optional>

#include "entree/store/store.h"

namespace entree {

WalkInSeater::WalkInSeater(std::string db_path, std::function<void()> wake)
    : db_path_(std::move(db_path)),
      wake_(std::move(wake)),
      worker_([this] { Work(); }) {}

WalkInSeater::~WalkInSeater() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_worker_.notify_all();
  worker_.join();
}

void WalkInSeater::Seat(const Attendee& attendee, Instant now) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(attendee, now);
    ++busy_;
  }
  wake_worker_.notify_all();
}

std::vector<WalkInSeater::Seated> WalkInSeater::TakeSeated() {
  std::lock_guard lock(mutex_);
  return std::exchange(done_, {});
}

size_t WalkInSeater::busy() const {
  std::lock_guard lock(mutex_);
  return busy_;
}

void WalkInSeater::Work() {
  // Opened on first use, so a kiosk without walk-ins holds no second
  // connection; opened again after a failure (the file put back).
  std::optional<Result<Store>> store;
  while (true) {
    std::pair<Attendee, Instant> next;
    {
      std::unique_lock lock(mutex_);
      wake_worker_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    if (!store || !store->ok()) store.emplace(Store::Open(db_path_));
    Seated seated{next.first.id, {}, Status::Ok()};
    if (store->ok()) {
      auto seats = TellSeats(**store, next.first, next.second);
      if (seats.ok()) {
        seated.seats = std::move(seats).value();
      } else {
        seated.status = seats.status();
      }
    } else {
      seated.status = store->status();
    }
    {
      std::lock_guard lock(mutex_);
      done_.push_back(std::move(seated));
      --busy_;
    }
    if (wake_) wake_();
  }
}

}  // namespace entree
