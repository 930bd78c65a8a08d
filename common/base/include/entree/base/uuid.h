// UUIDs (time-ordered, version 7) and their canonical text form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entree/base/model.h"

namespace entree {

// A new UUID version 7 (RFC 9562): the current time in milliseconds, then
// 74 bits from the system's CSPRNG.
Uuid NewUuid();
// A new UUID version 7 that sorts after `previous`: NewUuid(), or when that
// does not sort after it (the same millisecond), `previous` plus one in
// its random bits. Ids made this way ascend in the order they were made.
Uuid NewUuidAfter(const Uuid& previous);
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower case.
std::string ToString(const Uuid& id);
// Reads the canonical form (either case). nullopt otherwise.
std::optional<Uuid> ParseUuid(std::string_view text);

// A new random event id.
EventId NewEventId();
// 16 lower-case hex digits.
std::string ToString(const EventId& id);
std::optional<EventId> ParseEventId(std::string_view text);

}  // namespace entree
