// Devices on the organiser's side: publishing the event, adding a device
// with its setup code, listing and revoking devices.
#include "entree/sync/devices.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "device_codes.h"
#include "entree/base/base32.h"
#include "entree/base/sodium_ready.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "sync_connection.h"

namespace entree {
namespace {

std::string OptionalMillis(const std::optional<Instant>& at) {
  return at ? std::to_string(ToMillis(*at)) : std::string();
}

// Puts the event's settings, public key and logo on the server, for the
// devices that join it.
Status PublishEvent(PgServer& server, Store& store) {
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  if (!event.public_key) {
    return Status::Localized(StatusCode::kKey, "error.device_event_unsigned",
                             {});
  }
  ENTREE_ASSIGN_OR_RETURN(std::string logo, store.GetEventLogo());
  return server.Exec(
      "INSERT INTO events (event_id, name, venue, starts_at, ends_at, "
      "doors_open_at, locale, public_key, data_keeper, keep_days, accent, "
      "logo, time_zone) VALUES ($1, $2, $3, NULLIF($4, '')::bigint, "
      "NULLIF($5, '')::bigint, NULLIF($6, '')::bigint, $7, $8, $9, "
      "$10::integer, $11, $12, $13) ON CONFLICT (event_id) DO UPDATE SET "
      "name = EXCLUDED.name, venue = EXCLUDED.venue, "
      "starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, "
      "doors_open_at = EXCLUDED.doors_open_at, locale = EXCLUDED.locale, "
      "public_key = EXCLUDED.public_key, "
      "data_keeper = EXCLUDED.data_keeper, keep_days = EXCLUDED.keep_days, "
      "accent = EXCLUDED.accent, logo = EXCLUDED.logo, "
      "time_zone = EXCLUDED.time_zone",
      {ToString(event.id), event.name, event.venue,
       OptionalMillis(event.starts_at), OptionalMillis(event.ends_at),
       OptionalMillis(event.doors_open_at), event.locale,
       HexOf(*event.public_key), event.data_keeper,
       std::to_string(event.keep_days),
       event.accent ? ColourToString(*event.accent) : std::string(),
       Base64Of(logo), EventZone(event).name()});
}

bool GoodDeviceName(std::string_view name) {
  return !name.empty() && name.size() <= 40 &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                  c == '_' || c == '.';
         });
}

std::optional<Instant> OptionalInstant(PGresult* rows, int row, int column) {
  if (PQgetisnull(rows, row, column)) return std::nullopt;
  return FromMillis(Number(rows, row, column));
}

}  // namespace

std::string_view ToString(DeviceRole role) {
  switch (role) {
    case DeviceRole::kDoor:
      return "door";
    case DeviceRole::kRegistration:
      return "registration";
    case DeviceRole::kBoth:
      return "both";
  }
  return "door";
}

std::optional<DeviceRole> ParseDeviceRole(std::string_view text) {
  for (DeviceRole role :
       {DeviceRole::kDoor, DeviceRole::kRegistration, DeviceRole::kBoth}) {
    if (text == ToString(role)) return role;
  }
  return std::nullopt;
}

Result<SetupCode> AddDevice(Store& store, const std::string& admin,
                            const DeviceRequest& request, Instant now) {
  if (!GoodDeviceName(request.name)) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.device_name",
                             {request.name});
  }
  if (request.valid_for < std::chrono::minutes(1) ||
      request.valid_for > std::chrono::days(30)) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.device_valid_for", {});
  }
  bool makes_badges = request.role != DeviceRole::kDoor;
  if (makes_badges && !request.secret_key) {
    return Status::Localized(StatusCode::kKey, "error.device_needs_key", {});
  }
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  SetupCode setup;
  if (request.address.empty()) {
    ENTREE_ASSIGN_OR_RETURN(setup.address, AddressOf(admin));
  } else {
    setup.address = request.address;
  }
  DeviceSecret secret = NewDeviceSecret();
  setup.code = secret.code;
  setup.qr_text = "ENTREE-SETUP " + setup.code + " " + setup.address;
  setup.expires_at = now + request.valid_for;
  std::string sealed =
      makes_badges ? SealKey(*request.secret_key, secret.password) : "";

  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(admin));
  Status status = server.Exec("BEGIN");
  if (status.ok()) status = PublishEvent(server, store);
  if (status.ok()) {
    auto taken =
        server.Run("SELECT 1 FROM devices WHERE event_id = $1 AND name = $2",
                   {ToString(event.id), request.name});
    if (!taken.ok()) {
      status = taken.status();
    } else if (PQntuples(taken->get()) > 0) {
      status = Status::Localized(StatusCode::kAlreadyExists,
                                 "error.device_exists", {request.name});
    }
  }
  std::string expires = FormatIsoUtc(setup.expires_at);
  if (status.ok()) {
    // The login, its first password and its group, quoted by the server.
    auto statement = server.Run(
        "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L "
        "IN ROLE %I', $1::text, $2::text, $3::text, $4::text)",
        {secret.login, secret.password, expires,
         makes_badges ? "entree_registration" : "entree_device"});
    status = statement.ok() ? server.Exec(PQgetvalue(statement->get(), 0, 0))
                            : statement.status();
  }
  if (status.ok()) {
    status = server.Exec(
        "INSERT INTO devices (event_id, name, role, login, expires_at, "
        "sealed_key) VALUES ($1, $2, $3, $4, $5::timestamptz, $6)",
        {ToString(event.id), request.name, std::string(ToString(request.role)),
         secret.login, expires, sealed});
  }
  if (status.ok()) status = server.Exec("COMMIT");
  if (!status.ok()) {
    (void)server.Exec("ROLLBACK");
    return status;
  }
  return setup;
}

Result<std::vector<DeviceSeen>> ListDevices(const std::string& admin,
                                            const EventId& event) {
  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(admin));
  auto ms = [](const char* column) {
    return std::string("(extract(epoch FROM ") + column + ") * 1000)::bigint";
  };
  std::string sql =
      "SELECT d.name, d.role, " + ms("d.added_at") + ", " + ms("d.expires_at") +
      ", " + ms("d.joined_at") + ", " + ms("d.revoked_at") + ", " +
      ms("d.last_contact") + ", d.waiting, " +
      // A confirmation counts only for the purge it answered.
      ms("CASE WHEN d.purge_confirmed_at >= e.purged_at THEN "
         "d.purge_confirmed_at END") +
      ", e.purged_at IS NOT NULL FROM devices d JOIN events e USING "
      "(event_id) WHERE d.event_id = $1 ORDER BY d.name";
  ENTREE_ASSIGN_OR_RETURN(auto rows,
                          server.Run(sql.c_str(), {ToString(event)}));
  std::vector<DeviceSeen> devices;
  PGresult* r = rows.get();
  for (int i = 0; i < PQntuples(r); ++i) {
    DeviceSeen seen;
    seen.name = Text(r, i, 0);
    seen.role = ParseDeviceRole(Text(r, i, 1)).value_or(DeviceRole::kDoor);
    seen.added_at = FromMillis(Number(r, i, 2));
    seen.expires_at = FromMillis(Number(r, i, 3));
    seen.joined_at = OptionalInstant(r, i, 4);
    seen.revoked_at = OptionalInstant(r, i, 5);
    seen.last_contact = OptionalInstant(r, i, 6);
    seen.waiting = Number(r, i, 7);
    seen.purge_confirmed_at = OptionalInstant(r, i, 8);
    seen.event_purged = Text(r, i, 9) == "t";
    devices.push_back(std::move(seen));
  }
  return devices;
}

Status RevokeDevice(const std::string& admin, const EventId& event,
                    std::string_view name) {
  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(admin));
  ENTREE_ASSIGN_OR_RETURN(
      auto rows,
      server.Run("UPDATE devices SET revoked_at = coalesce(revoked_at, now()) "
                 "WHERE event_id = $1 AND name = $2 RETURNING login",
                 {ToString(event), std::string(name)}));
  if (PQntuples(rows.get()) == 0) {
    return Status::Localized(StatusCode::kNotFound, "error.device_unknown",
                             {std::string(name)});
  }
  // Its sessions end now; a new one sees nothing of the event (the
  // policies ask entree_device_event(), which a revoked login fails). It
  // may still log in, one session at a time, to hear that it was removed.
  std::string login = Text(rows.get(), 0, 0);
  auto limit = server.Run(
      "SELECT format('ALTER ROLE %I CONNECTION LIMIT 1', $1::text)", {login});
  if (!limit.ok()) return limit.status();
  ENTREE_RETURN_IF_ERROR(server.Exec(PQgetvalue(limit->get(), 0, 0)));
  return server.Exec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
      "WHERE usename = $1",
      {login});
}

Result<int> PurgeServer(const std::string& admin, const EventId& event,
                        Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(admin));
  std::string id = ToString(event);
  Status status = server.Exec("BEGIN");
  if (status.ok()) {
    status = server.Exec("SELECT pg_advisory_xact_lock(hashtext($1))", {id});
  }
  int blanked = 0;
  if (status.ok()) {
    // New change numbers too: every kiosk pulls the blanked rows.
    auto rows = server.Run(
        "UPDATE attendees SET external_id = '', given_name = '', "
        "family_name = '', organisation = '', email = '', shop_code = '', "
        "updated_at = $2::bigint WHERE event_id = $1",
        {id, std::to_string(ToMillis(now))});
    if (rows.ok()) {
      blanked = std::atoi(PQcmdTuples(rows->get()));
    } else {
      status = rows.status();
    }
  }
  if (status.ok()) {
    status = server.Exec(
        // Each purge is a new one that every device must carry out.
        "UPDATE events SET purged_at = now() WHERE event_id = $1", {id});
  }
  if (status.ok()) status = server.Exec("COMMIT");
  if (!status.ok()) {
    (void)server.Exec("ROLLBACK");
    return status;
  }
  // The table is written anew, so that the rows' earlier versions leave
  // its files, and its statistics (which keep common values) are made
  // again from the blanked rows.
  ENTREE_RETURN_IF_ERROR(server.Exec("VACUUM (FULL, ANALYZE) attendees"));
  // The old pages leave the server's own log at the next checkpoint; one
  // now, where the login may (a superuser or pg_checkpoint). What the
  // write-ahead log archive and backups keep is docs/sync.md's matter.
  Status checkpoint = server.Exec("CHECKPOINT");
  if (!checkpoint.ok() &&
      checkpoint.message().find("permission") == std::string::npos &&
      checkpoint.message().find("must be") == std::string::npos) {
    return checkpoint;
  }
  return blanked;
}

}  // namespace entree
