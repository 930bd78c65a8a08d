// The turns of the writers of one event file within this process.
#include "write_turns.h"

#include <chrono>
#include <map>
#include <utility>

namespace entree {

std::shared_ptr<WriteTurns> WriteTurns::Of(uint64_t device, uint64_t inode) {
  static std::mutex registry_mutex;
  static std::map<std::pair<uint64_t, uint64_t>, std::weak_ptr<WriteTurns>>
      registry;
  std::lock_guard lock(registry_mutex);
  std::weak_ptr<WriteTurns>& entry = registry[{device, inode}];
  std::shared_ptr<WriteTurns> turns = entry.lock();
  if (!turns) {
    // Files closed since leave expired entries; they are few and small,
    // and swept whenever a new one is made.
    std::erase_if(registry, [](const auto& e) { return e.second.expired(); });
    turns = std::make_shared<WriteTurns>();
    registry[{device, inode}] = turns;
  }
  return turns;
}

void WriteTurns::Waiting(int budget_ms) {
  std::unique_lock lock(mutex_);
  ++waiting_;
  changed_.wait_for(lock, std::chrono::milliseconds(budget_ms),
                    [this] { return stepping_ == 0; });
}

void WriteTurns::Granted() {
  {
    std::lock_guard lock(mutex_);
    --waiting_;
  }
  changed_.notify_all();
}

void WriteTurns::StepBegins() {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(1),
                    [this] { return waiting_ == 0; });
  ++stepping_;
}

bool WriteTurns::SomeoneWaits() {
  std::lock_guard lock(mutex_);
  return waiting_ > 0;
}

void WriteTurns::StepEnded() {
  {
    std::lock_guard lock(mutex_);
    --stepping_;
  }
  changed_.notify_all();
}

}  // namespace entree
