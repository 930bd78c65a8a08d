// The event's zone and times through the sync server (sync_event_clock.h).
#include "sync_event_clock.h"

#include <optional>

#include "entree/base/time_zone.h"

namespace entree {
namespace {

std::string MillisText(const std::optional<Instant>& t) {
  return t ? std::to_string(ToMillis(*t)) : std::string();
}

std::optional<Instant> InstantOf(PGresult* rows, int column) {
  if (PQgetisnull(rows, 0, column)) return std::nullopt;
  auto ms = DecodeNumber(PQgetvalue(rows, 0, column));
  if (!ms) return std::nullopt;
  return FromMillis(*ms);
}

}  // namespace

Status PublishEventClock(PgServer& server, Store& store,
                         const std::string& event_id) {
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  return server.Exec(
      "UPDATE events SET time_zone = $2, "
      "starts_at = NULLIF($3, '')::bigint, ends_at = NULLIF($4, '')::bigint, "
      "doors_open_at = NULLIF($5, '')::bigint WHERE event_id = $1 AND "
      "(time_zone, starts_at, ends_at, doors_open_at) IS DISTINCT FROM "
      "($2, NULLIF($3, '')::bigint, NULLIF($4, '')::bigint, "
      "NULLIF($5, '')::bigint)",
      {event_id, EventZone(event).name(), MillisText(event.starts_at),
       MillisText(event.ends_at), MillisText(event.doors_open_at)});
}

Status TakeEventClock(PgServer& server, Store& store) {
  ENTREE_ASSIGN_OR_RETURN(
      auto rows, server.Run("SELECT time_zone, starts_at::text, ends_at::text, "
                            "doors_open_at::text FROM events"));
  if (PQntuples(rows.get()) != 1) return Status::Ok();
  std::string zone = Text(rows.get(), 0, 0);
  if (zone.empty()) return Status::Ok();
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  Event shared = event;
  shared.time_zone = zone;
  shared.starts_at = InstantOf(rows.get(), 1);
  shared.ends_at = InstantOf(rows.get(), 2);
  shared.doors_open_at = InstantOf(rows.get(), 3);
  if (shared.time_zone == event.time_zone &&
      shared.starts_at == event.starts_at && shared.ends_at == event.ends_at &&
      shared.doors_open_at == event.doors_open_at) {
    return Status::Ok();
  }
  if (!TimeZone::Named(zone).ok()) return TimeZone::Named(zone).status();
  return store.UpdateEvent(shared);
}

}  // namespace entree
