// Whose turn it is to write one event file, among the connections of this
// process: a writer someone waits on (a guest at the door) goes before a
// background step (sync), which never starts while such a writer waits.
//
// SQLite grants its write lock to whichever connection asks first after
// it is let go. A background loop of short transactions would win that
// race again and again against a door that polls for the lock; here the
// loop waits at the start of each step instead, so the door waits for at
// most the one step already under way. Between processes, which share no
// memory, the busy handler's fine polling and the pause after each
// background step (Transaction::Commit) give the door its turn.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>

namespace entree {

class WriteTurns {
 public:
  // The turns of the file with this device and inode, shared by every
  // connection of the process that has it open.
  static std::shared_ptr<WriteTurns> Of(uint64_t device, uint64_t inode);

  // A writer someone waits on is about to ask SQLite for the lock: no
  // background step starts until Granted(). Waits (up to its budget) for
  // a background step of this process under way to end.
  void Waiting(int budget_ms);
  // That writer has the lock, or gave up.
  void Granted();

  // A background step may begin: waits while a writer someone waits on
  // is waiting (for at most a second, so that doors scanning without
  // pause cannot hold sync off for ever). Each StepBegins is followed by
  // one StepEnded.
  void StepBegins();
  void StepEnded();
  // Whether a writer someone waits on is waiting now: a background step
  // ends at once.
  bool SomeoneWaits();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int waiting_ = 0;   // writers someone waits on, not yet granted
  int stepping_ = 0;  // background steps under way
};

}  // namespace entree
