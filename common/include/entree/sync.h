// Several kiosks: each writes locally first, and a sync pushes its outbox
// to a PostgreSQL server and pulls what the other kiosks wrote (libpq).
#pragma once

#include <string>
#include <string_view>

#include "entree/clock.h"
#include "entree/status.h"
#include "entree/store.h"

namespace entree {

// What one sync did.
struct SyncReport {
  int pushed = 0;       // outbox lines the server took
  int pulled = 0;       // records of other kiosks merged here
  int64_t cursor = 0;   // where the next pull starts
  int64_t waiting = 0;  // outbox lines still here afterwards
};

// Creates the server's schema, or migrates it forward; safe to run again
// and from several kiosks at once. `conninfo` is a libpq connection string
// ("host=server dbname=entree user=entree"). Fails with kIo when no server
// answers, kDatabase when it refuses.
Status InitSyncServer(const std::string& conninfo);

// One round: pushes the outbox (every line at most once on the server,
// however often it is sent: check-ins and badges are kept once by their
// keys, an attendee only when newer), then pulls what was written since
// the cursor and merges it. Fails with kIo when the server cannot be
// reached, and then changes nothing here; a push the server took but whose
// answer was lost is simply sent again next time.
Result<SyncReport> SyncOnce(Store& store, const std::string& conninfo,
                            std::string_view kiosk_id, Instant now);

}  // namespace entree
