// Decoding the rows the sync server sends back, field by field.
#include "entree/sync/sync_records.h"

#include <charconv>
#include <limits>

#include "entree/base/text.h"
#include "entree/base/uuid.h"

namespace entree {

std::optional<int64_t> DecodeNumber(std::string_view text) {
  int64_t value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<Attendee> DecodeAttendeeFields(
    std::span<const std::string_view> f) {
  if (f.size() != 15) return std::nullopt;
  auto id = ParseUuid(f[0]);
  auto sector = ParseSector(f[5]);
  auto role = ParseRole(f[7]);
  auto source = ParseSource(f[9]);
  auto created = DecodeNumber(f[11]);
  auto updated = DecodeNumber(f[12]);
  bool consent_known = f[10] == "t" || f[10] == "f";
  // Only the stable name: a server's row is never read as a shop's word.
  std::optional<TicketState> ticket;
  for (TicketState state :
       {TicketState::kValid, TicketState::kCancelled, TicketState::kUnpaid}) {
    if (f[13] == ToString(state)) ticket = state;
  }
  if (!id || !sector || !role || !source || !created || !updated ||
      !consent_known || !ticket) {
    return std::nullopt;
  }
  Attendee a;
  a.id = *id;
  a.external_id = f[1];
  a.given_name = f[2];
  a.family_name = f[3];
  a.organisation = f[4];
  a.sector = *sector;
  a.email = f[6];
  a.role = *role;
  a.table = f[8];
  a.source = *source;
  a.consent = f[10] == "t";
  a.created_at = FromMillis(*created);
  a.updated_at = FromMillis(*updated);
  a.ticket = *ticket;
  a.shop_code = f[14];
  // Text as the import leaves it: whole UTF-8, without control characters
  // or direction overrides, whatever the server sends.
  for (std::string* text :
       {&a.external_id, &a.given_name, &a.family_name, &a.organisation,
        &a.email, &a.table, &a.shop_code}) {
    if (!IsValidUtf8(*text)) return std::nullopt;
    StripControlCharacters(*text);
  }
  return a;
}

std::optional<Badge> DecodeBadgeFields(std::span<const std::string_view> f) {
  if (f.size() != 4) return std::nullopt;
  auto attendee = ParseUuid(f[0]);
  auto serial = DecodeNumber(f[1]);
  auto issued = DecodeNumber(f[2]);
  if (!attendee || !serial || !issued || *serial < 1 ||
      *serial > std::numeric_limits<uint32_t>::max() ||
      !IsPlausibleKioskId(f[3])) {
    return std::nullopt;
  }
  return Badge{*attendee, static_cast<uint32_t>(*serial), FromMillis(*issued),
               std::string(f[3])};
}

std::optional<CheckinRecord> DecodeCheckinFields(
    std::span<const std::string_view> f) {
  if (f.size() != 8) return std::nullopt;
  auto id = ParseUuid(f[0]);
  auto attendee = ParseUuid(f[1]);
  auto serial = DecodeNumber(f[2]);
  auto direction = ParseDirection(f[4]);
  auto at = DecodeNumber(f[5]);
  auto verdict = ParseVerdict(f[6]);
  std::optional<Uuid> undoes;
  if (!f[7].empty() && !(undoes = ParseUuid(f[7]))) return std::nullopt;
  if (!id || !attendee || !serial || !direction || !at || !verdict ||
      *serial < 0 || *serial > std::numeric_limits<uint32_t>::max() ||
      !IsPlausibleKioskId(f[3])) {
    return std::nullopt;
  }
  CheckinRecord c;
  c.id = *id;
  c.attendee_id = *attendee;
  c.badge_serial = static_cast<uint32_t>(*serial);
  c.kiosk_id = f[3];
  c.direction = *direction;
  c.at = FromMillis(*at);
  c.verdict = *verdict;
  c.undoes = undoes;
  return c;
}

std::optional<Seat> DecodeSeatFields(std::span<const std::string_view> f) {
  if (f.size() != 4) return std::nullopt;
  auto attendee = ParseUuid(f[0]);
  auto round = DecodeNumber(f[1]);
  std::optional<int64_t> told;
  if (!f[3].empty() && !(told = DecodeNumber(f[3]))) return std::nullopt;
  if (!attendee || !round || *round < 1 || *round > 12 ||
      f[2].size() > kMaxTableBytes || !IsValidUtf8(f[2])) {
    return std::nullopt;
  }
  Seat seat;
  seat.attendee_id = *attendee;
  seat.round = static_cast<int>(*round);
  seat.table = f[2];
  StripControlCharacters(seat.table);
  if (told) seat.told_at = FromMillis(*told);
  return seat;
}

std::optional<SeatingTable> DecodeTableFields(
    std::span<const std::string_view> f) {
  if (f.size() != 3) return std::nullopt;
  auto capacity = DecodeNumber(f[1]);
  if (!capacity || *capacity < 0 || *capacity > 10000 || f[0].empty() ||
      f[0].size() > kMaxTableBytes || f[2].size() > kMaxOrganisationBytes ||
      !IsValidUtf8(f[0]) || !IsValidUtf8(f[2])) {
    return std::nullopt;
  }
  SeatingTable table{std::string(f[0]), static_cast<int>(*capacity),
                     std::string(f[2])};
  StripControlCharacters(table.name);
  StripControlCharacters(table.theme);
  if (table.name.empty()) return std::nullopt;
  return table;
}

}  // namespace entree
