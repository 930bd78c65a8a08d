// Records as the sync server hands them back: the text fields of one row.
// Decoding checks every field, so a damaged or hostile row is refused whole
// and never merged half-read.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "entree/base/model.h"
#include "entree/store/store.h"

namespace entree {

// id, external_id, given_name, family_name, organisation, sector, email,
// role, table_name, source, consent ("t"/"f"), created_at, updated_at
// (milliseconds), ticket ("valid", "cancelled", "unpaid"), shop_code.
// nullopt unless there are exactly 15 fields, the id is a UUID, the names
// of sector, role, source and ticket are known, the times are whole
// numbers and the text is UTF-8; control characters and direction
// overrides are taken out of the text.
std::optional<Attendee> DecodeAttendeeFields(
    std::span<const std::string_view> fields);

// attendee_id, serial (1 to 2^32-1), issued_at, kiosk_id.
std::optional<Badge> DecodeBadgeFields(
    std::span<const std::string_view> fields);

// id, attendee_id, badge_serial, kiosk_id, direction, at, verdict, undoes
// ("" when the row undoes nothing, else a UUID).
std::optional<CheckinRecord> DecodeCheckinFields(
    std::span<const std::string_view> fields);

// attendee_id, round (1 to 12), table_name ("" for a seat taken away),
// told_at ("" when not told, else milliseconds).
std::optional<Seat> DecodeSeatFields(std::span<const std::string_view> fields);
// name, capacity (0 to 10000), theme.
std::optional<SeatingTable> DecodeTableFields(
    std::span<const std::string_view> fields);

// A whole decimal number in `text` (an optional minus sign, then digits);
// nullopt for anything else, or one that does not fit.
std::optional<int64_t> DecodeNumber(std::string_view text);

}  // namespace entree
