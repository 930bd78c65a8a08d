// A device's standing with the sync server, checked at each sync: its
// event, whether it was removed, the purges it must carry out, and whether
// this file is the one copy that holds its login. Internal to libentree.
#pragma once

#include <string>

#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/store/store.h"
#include "sync_connection.h"

namespace entree {

// A device's standing. Every copy of the file carries out each purge of
// the server it has not, revoked or not; only the copy that holds the
// login confirms it. Then kKey when the device was revoked (its records
// stay here and are not sent), when the login is not a device of `event`,
// or when another copy of the file holds the login (error.device_copied,
// remembered in `store`).
Status CheckDevice(PgServer& server, Store& store, const std::string& event,
                   Instant now);

}  // namespace entree
