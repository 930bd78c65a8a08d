// The kiosk's background sync: a thread with its own connection to the
// event database that keeps it in sync with the server, backing off while
// the server is away. The screen only reads its status.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "entree/base/clock.h"
#include "entree/sync/sync_server.h"

namespace entree {

// kRevoked: the organiser removed this device (entree device revoke); it
// works on offline and sends nothing more.
enum class SyncState { kStarting, kOnline, kOffline, kRevoked };
std::string_view ToString(SyncState state);

struct SyncStatus {
  SyncState state = SyncState::kStarting;
  int64_t waiting = 0;               // outbox lines not yet on the server
  std::optional<Instant> last_sync;  // the last round that reached it
  std::string detail;                // why it is offline
  // The server refused this file as a copy of a device's: the box must be
  // paired again, and lets nobody in until then.
  bool copied = false;
  std::vector<KioskSeen> kiosks;  // every kiosk's last sync
  uint64_t rounds = 0;            // rounds that reached the server
  int64_t set_aside = 0;  // pulled records set aside here (Store::SetAside)
};

class SyncWorker {
 public:
  // How long a round waits for other kiosks' news before syncing anyway.
  static constexpr std::chrono::milliseconds kPollEvery{2000};
  // The longest wait before trying an absent server again.
  static constexpr std::chrono::milliseconds kMaxBackoff{15000};

  // Starts syncing the database at `db_path` with the server `conninfo` as
  // `kiosk_id`. `clock` must outlive the worker.
  SyncWorker(std::string db_path, std::string conninfo, std::string kiosk_id,
             const Clock& clock);
  // Stops the thread; a round under way finishes or fails first.
  ~SyncWorker();
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  // Something was written here: push it now rather than at the next poll.
  void Nudge();
  SyncStatus status() const;

 private:
  void Work();
  // Sleeps up to `time`, or less when nudged or stopped; true if nudged.
  bool Rest(std::chrono::milliseconds time);

  std::string db_path_;
  std::string conninfo_;
  std::string kiosk_id_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool nudged_ = false;
  SyncStatus status_;
  std::thread worker_;
};

}  // namespace entree
