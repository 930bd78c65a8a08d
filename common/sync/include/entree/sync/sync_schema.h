// The sync server's tables: made, or migrated forward, by any kiosk.
#pragma once

#include <string>

#include "entree/base/status.h"

namespace entree {

// Creates the server's schema, or migrates it forward; safe to run again
// and from several kiosks at once. `conninfo` is a libpq connection string
// ("host=server dbname=entree user=entree"). Fails with kIo when no server
// answers, kDatabase when it refuses.
Status InitSyncServer(const std::string& conninfo);

}  // namespace entree
