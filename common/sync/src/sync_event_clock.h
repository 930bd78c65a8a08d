// The event's clock shared through the sync server: its time zone and the
// times that are read on it (starts, ends, doors open). Internal to
// libentree.
#pragma once

#include <string>

#include "entree/base/status.h"
#include "entree/store/store.h"
#include "sync_connection.h"

namespace entree {

// The organiser's file (a login that is no device) writes its event's zone
// and times to the server's event row, when the server has one (devices
// were added); nothing else is changed there.
Status PublishEventClock(PgServer& server, Store& store,
                         const std::string& event);
// A device takes the zone and times of the server's event row when they
// differ from its own; a zone this machine's tzdata lacks is left aside
// (the event keeps its own) and said in the result's message.
Status TakeEventClock(PgServer& server, Store& store);

}  // namespace entree
