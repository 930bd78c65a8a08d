// The import's writes, made on a thread of their own while the file is
// still being read.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "entree/base/status.h"
#include "entree/store/store.h"

namespace entree {

// Writes attendees to the store in the order they are handed over. From
// construction to Finish() the store is the writer's: the caller must not
// use it. An attendee handed over must stay alive and unchanged until
// Finish() returns; a later change is a new Attendee handed to Update().
class ImportWriter {
 public:
  explicit ImportWriter(Store& store);
  ImportWriter(const ImportWriter&) = delete;
  ImportWriter& operator=(const ImportWriter&) = delete;
  // Finishes when Finish() was not called. The writes are the caller's
  // transaction's to commit or roll back either way.
  ~ImportWriter();

  // Queues the insert of a new attendee, working out their keys on the
  // caller's thread; the World Café table it names is made when it does
  // not exist.
  void Insert(const Attendee* attendee);
  // Queues an update of an attendee that is stored or queued for insert.
  void Update(const Attendee* attendee);
  // Writes what is queued and stops the thread: the first failure, if any.
  // After a failure nothing further is written.
  Status Finish();

 private:
  // An insert carries the keys; an update works them out when written.
  struct Op {
    bool insert = true;
    const Attendee* attendee = nullptr;
    std::optional<AttendeeKeys> keys;
  };

  void Queue(Op op);
  void Hand(std::vector<Op> ops);
  void Run();
  Status Write(std::vector<Op>& ops);
  Status EnsureTableOf(const Attendee& attendee);

  std::vector<KeyedAttendee> inserts_;  // the thread's scratch

  Store& store_;
  std::vector<Op> gathering_;  // the caller's, until handed over
  // The tables made or found so far; the thread's.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_set<std::string, TextHash, std::equal_to<>> known_tables_;

  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::vector<Op>> handed_;  // guarded by mutex_
  bool finishing_ = false;               // guarded by mutex_
  Status status_;                        // the thread's; read after join
  std::thread thread_;
};

}  // namespace entree
