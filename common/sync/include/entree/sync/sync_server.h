// The sync module: several kiosks sharing one event through PostgreSQL
// (libpq).
//
// Each kiosk writes locally first. A sync (SyncOnce, or a SyncSession kept
// open) pushes its outbox to the server and pulls what the other kiosks
// wrote, merging it or setting it aside when it cannot be trusted. The
// server's tables are made by sync_schema.h; sync_records.h turns records
// into the server's rows and back; sync_worker.h runs syncs on a thread of
// the kiosk.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/store/store.h"

namespace entree {

// What one sync did.
struct SyncReport {
  int pushed = 0;       // outbox lines the server took
  int pulled = 0;       // records of other kiosks merged here
  int64_t cursor = 0;   // where the next pull starts
  int64_t waiting = 0;  // outbox lines still here afterwards
  // Pulled rows set aside (Store::SetAside) instead of merged: damaged,
  // out of bounds, dated ahead, or clashing with this file's records.
  int refused = 0;
};

// When a kiosk last synced, as the server saw it.
struct KioskSeen {
  std::string kiosk_id;
  Instant last_sync_at{};
  int64_t waiting = 0;  // outbox lines it still had then
};

class SyncConnection;  // the libpq connection, in sync_server.cpp

// A kiosk's connection to the sync server, kept open between rounds and
// listening for the other kiosks' pushes. Use from one thread.
class SyncSession {
 public:
  // Connects and listens. Fails with kIo when no server answers.
  static Result<SyncSession> Open(const std::string& conninfo,
                                  const EventId& event);
  SyncSession(SyncSession&&) noexcept;
  SyncSession& operator=(SyncSession&&) noexcept;
  ~SyncSession();

  // One round, as SyncOnce describes; after a push the other kiosks are
  // told at once (NOTIFY). kIo when the connection broke: open a new
  // session.
  Result<SyncReport> Sync(Store& store, std::string_view kiosk_id, Instant now);
  // Waits up to `timeout` for another kiosk's push; true when one came.
  // kIo when the connection broke.
  Result<bool> WaitForOthers(std::chrono::milliseconds timeout);
  // The last sync of every kiosk of the event, by kiosk id.
  Result<std::vector<KioskSeen>> Kiosks();

 private:
  explicit SyncSession(std::unique_ptr<SyncConnection> connection);
  std::unique_ptr<SyncConnection> connection_;
};

// One round: pushes the outbox (every line at most once on the server,
// however often it is sent: check-ins and badges are kept once by their
// keys, an attendee only when newer), then pulls what was written since
// the cursor and merges it. Fails with kIo when the server cannot be
// reached, and then changes nothing here; a push the server took but whose
// answer was lost is simply sent again next time.
Result<SyncReport> SyncOnce(Store& store, const std::string& conninfo,
                            std::string_view kiosk_id, Instant now);

}  // namespace entree
