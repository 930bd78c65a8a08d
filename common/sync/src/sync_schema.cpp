// The sync server's schema: created or migrated by `entree server init`.
#include "entree/sync/sync_schema.h"

#include <vector>

#include "sync_connection.h"

namespace entree {
namespace {

// The server's schema, one forward migration per version.
const std::vector<const char*>& ServerMigrations() {
  static const std::vector<const char*> migrations = {
      R"sql(
CREATE SEQUENCE entree_change_seq;
CREATE TABLE attendees (
  event_id text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  external_id text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  organisation text NOT NULL,
  sector text NOT NULL,
  email text NOT NULL,
  role text NOT NULL,
  table_name text NOT NULL,
  source text NOT NULL,
  consent boolean NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (event_id, id)
);
CREATE INDEX attendees_by_seq ON attendees (event_id, seq);
CREATE TABLE badges (
  event_id text NOT NULL,
  attendee_id text NOT NULL,
  serial integer NOT NULL,
  issued_at bigint NOT NULL,
  kiosk_id text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (event_id, attendee_id, serial)
);
CREATE INDEX badges_by_seq ON badges (event_id, seq);
CREATE TABLE checkins (
  event_id text NOT NULL,
  id text NOT NULL,
  attendee_id text NOT NULL,
  badge_serial integer NOT NULL,
  kiosk_id text NOT NULL,
  direction text NOT NULL,
  at bigint NOT NULL,
  verdict text NOT NULL,
  undoes text,
  seq bigint NOT NULL,
  PRIMARY KEY (event_id, id)
);
CREATE INDEX checkins_by_seq ON checkins (event_id, seq);
CREATE TABLE kiosks (
  event_id text NOT NULL,
  kiosk_id text NOT NULL,
  last_sync_at timestamptz NOT NULL,
  waiting integer NOT NULL,
  PRIMARY KEY (event_id, kiosk_id)
);
)sql",
      // 1 -> 2: badge serials as 64-bit numbers end to end, and the device
      // that holds each kiosk id.
      R"sql(
ALTER TABLE badges ALTER COLUMN serial TYPE bigint;
ALTER TABLE checkins ALTER COLUMN badge_serial TYPE bigint;
ALTER TABLE kiosks ADD COLUMN device text NOT NULL DEFAULT '';
)sql",
      // 2 -> 3: a guest's ticket state and the barcode of their shop
      // ticket travel to every door.
      R"sql(
ALTER TABLE attendees ADD COLUMN ticket text NOT NULL DEFAULT 'valid';
ALTER TABLE attendees ADD COLUMN shop_code text NOT NULL DEFAULT '';
)sql",
  };
  return migrations;
}

}  // namespace

Status InitSyncServer(const std::string& conninfo) {
  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(conninfo));
  Status status = server.Exec("BEGIN");
  if (status.ok()) {
    status = server.Exec("SELECT pg_advisory_xact_lock(hashtext('entree'))");
  }
  if (status.ok()) {
    status = server.Exec(
        "CREATE TABLE IF NOT EXISTS entree_schema (version integer NOT NULL)");
  }
  int version = 0;
  if (status.ok()) {
    auto rows =
        server.Run("SELECT coalesce(max(version), 0) FROM entree_schema");
    if (!rows.ok()) return rows.status();
    version = static_cast<int>(Number(rows->get(), 0, 0));
  }
  const auto& migrations = ServerMigrations();
  if (status.ok() && version > static_cast<int>(migrations.size())) {
    status = Status::Database("the sync server was set up by a newer Entree");
  }
  for (int v = version; status.ok() && v < static_cast<int>(migrations.size());
       ++v) {
    status = server.Script(migrations[v]);
  }
  if (status.ok()) status = server.Exec("DELETE FROM entree_schema");
  if (status.ok()) {
    status = server.Exec("INSERT INTO entree_schema VALUES ($1)",
                         {std::to_string(migrations.size())});
  }
  if (status.ok()) return server.Exec("COMMIT");
  (void)server.Exec("ROLLBACK");
  return status;
}

}  // namespace entree
