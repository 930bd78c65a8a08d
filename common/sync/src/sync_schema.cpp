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
      // 3 -> 4: devices. Each kiosk box logs in as its own PostgreSQL role,
      // made by `entree device add` with a one-time setup code as its first
      // password; row-level security lets it see only its own event, and
      // write check-ins (and, registering, guests and badges) only under
      // its own name. A door's role cannot read emails or external ids.
      R"sql(
CREATE TABLE events (
  event_id text PRIMARY KEY,
  name text NOT NULL,
  venue text NOT NULL,
  starts_at bigint,
  ends_at bigint,
  doors_open_at bigint,
  locale text NOT NULL,
  public_key text NOT NULL,
  data_keeper text NOT NULL,
  keep_days integer NOT NULL,
  accent text NOT NULL,
  logo text NOT NULL,
  purged_at timestamptz
);
CREATE TABLE devices (
  event_id text NOT NULL REFERENCES events,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('door', 'registration', 'both')),
  login text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  sealed_key text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  joined_at timestamptz,
  revoked_at timestamptz,
  last_contact timestamptz,
  waiting integer NOT NULL DEFAULT 0,
  purge_confirmed_at timestamptz,
  PRIMARY KEY (event_id, name)
);
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'entree_device') THEN
    CREATE ROLE entree_device NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles
                 WHERE rolname = 'entree_registration') THEN
    CREATE ROLE entree_registration NOLOGIN IN ROLE entree_device;
  END IF;
END $$;

-- The device logged in (session_user: these run as their owner), while it
-- is not revoked. Tables are named with their schema and pg_temp comes
-- last, so that a temporary table a login makes cannot stand in for them.
CREATE FUNCTION entree_device_event() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT event_id FROM public.devices
  WHERE login = session_user AND revoked_at IS NULL $$;
CREATE FUNCTION entree_device_name() RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT name FROM public.devices
  WHERE login = session_user AND revoked_at IS NULL $$;
-- What a device may always ask, revoked or not: who it is and whether it
-- is shut out or its event purged.
CREATE FUNCTION entree_device_state(OUT event_id text, OUT name text,
    OUT role text, OUT revoked boolean, OUT purged boolean,
    OUT purge_confirmed boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.event_id, d.name, d.role, d.revoked_at IS NOT NULL,
         e.purged_at IS NOT NULL, d.purge_confirmed_at IS NOT NULL
  FROM public.devices d JOIN public.events e USING (event_id)
  WHERE d.login = session_user $$;
-- The setup code is spent: the device's password becomes its own.
CREATE FUNCTION entree_join(secret text) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  joining public.devices;
BEGIN
  SELECT * INTO joining FROM public.devices WHERE login = session_user FOR UPDATE;
  IF NOT FOUND OR joining.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'entree:device_revoked';
  END IF;
  IF joining.joined_at IS NOT NULL THEN
    RAISE EXCEPTION 'entree:setup_code_used';
  END IF;
  IF joining.expires_at < now() THEN
    RAISE EXCEPTION 'entree:setup_code_expired';
  END IF;
  UPDATE public.devices SET joined_at = now(), last_contact = now()
  WHERE login = session_user;
  EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', session_user,
                 secret, 'infinity');
  RETURN joining.sealed_key;
END $$;
CREATE FUNCTION entree_contact(waiting integer) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE public.devices SET last_contact = now(), waiting = entree_contact.waiting
  WHERE login = session_user AND revoked_at IS NULL $$;
CREATE FUNCTION entree_confirm_purge() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE public.devices SET purge_confirmed_at = now(), last_contact = now()
  WHERE login = session_user $$;
REVOKE ALL ON FUNCTION entree_device_event(), entree_device_name(),
  entree_device_state(), entree_join(text), entree_contact(integer),
  entree_confirm_purge() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION entree_device_event(), entree_device_name(),
  entree_device_state(), entree_join(text), entree_contact(integer),
  entree_confirm_purge() TO entree_device;

-- Change numbers are the server's: whatever a login writes into seq, a
-- pull's cursor follows only the server's sequence.
CREATE FUNCTION entree_number_change() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  NEW.seq := nextval('public.entree_change_seq');
  RETURN NEW;
END $$;
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON attendees
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON badges
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON checkins
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();

REVOKE ALL ON attendees, badges, checkins, kiosks, events, devices,
  entree_schema FROM PUBLIC;
GRANT USAGE ON SEQUENCE entree_change_seq TO entree_device;
GRANT SELECT (event_id, id, seq, given_name, family_name, organisation,
  sector, role, table_name, source, consent, created_at, updated_at, ticket,
  shop_code) ON attendees TO entree_device;
GRANT SELECT, INSERT, UPDATE ON attendees TO entree_registration;
GRANT SELECT ON badges TO entree_device;
GRANT INSERT ON badges TO entree_registration;
GRANT SELECT, INSERT ON checkins TO entree_device;
GRANT SELECT, INSERT, UPDATE ON kiosks TO entree_device;
GRANT SELECT ON events TO entree_device;

-- The functions in policies are wrapped in SELECT: evaluated once per
-- statement, not once per row.
ALTER TABLE attendees ENABLE ROW LEVEL SECURITY;
ALTER TABLE badges ENABLE ROW LEVEL SECURITY;
ALTER TABLE checkins ENABLE ROW LEVEL SECURITY;
ALTER TABLE kiosks ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_event ON attendees FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY registering ON attendees FOR INSERT TO entree_registration
  WITH CHECK (event_id = (SELECT entree_device_event()));
CREATE POLICY correcting ON attendees FOR UPDATE TO entree_registration
  USING (event_id = (SELECT entree_device_event()))
  WITH CHECK (event_id = (SELECT entree_device_event()));
CREATE POLICY own_event ON badges FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY issuing ON badges FOR INSERT TO entree_registration
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name()));
CREATE POLICY own_event ON checkins FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY admitting ON checkins FOR INSERT TO entree_device
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name()));
CREATE POLICY own_event ON kiosks FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY own_name ON kiosks FOR INSERT TO entree_device
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name()));
CREATE POLICY own_row ON kiosks FOR UPDATE TO entree_device
  USING (event_id = (SELECT entree_device_event()) AND kiosk_id = (SELECT entree_device_name()))
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name()));
CREATE POLICY own_event ON events FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
)sql",
      // 4 -> 5: the World Café plan travels like check-ins. The organiser's
      // rounds and tables; seats by guest and round, told or not. A told
      // seat is never changed (the first door that told it wins); devices
      // write seats (a walk-in seated at the door moves guests not yet told)
      // through entree_put_seats, and neither rounds nor tables.
      R"sql(
CREATE TABLE plans (
  event_id text PRIMARY KEY,
  rounds integer NOT NULL,
  seq bigint NOT NULL
);
CREATE TABLE seating_tables (
  event_id text NOT NULL,
  name text NOT NULL,
  capacity integer NOT NULL,
  theme text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (event_id, name)
);
CREATE INDEX seating_tables_by_seq ON seating_tables (event_id, seq);
CREATE TABLE seats (
  event_id text NOT NULL,
  attendee_id text NOT NULL,
  round integer NOT NULL,
  table_name text NOT NULL,
  told_at bigint,
  kiosk_id text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (event_id, attendee_id, round)
);
CREATE INDEX seats_by_seq ON seats (event_id, seq);
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON plans
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON seating_tables
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();
CREATE TRIGGER numbered BEFORE INSERT OR UPDATE ON seats
  FOR EACH ROW EXECUTE FUNCTION entree_number_change();
REVOKE ALL ON plans, seating_tables, seats FROM PUBLIC;
GRANT SELECT ON plans, seating_tables, seats TO entree_device;
-- Seats are written through this function alone, which keeps the rules a
-- login could otherwise break: the device's own event and name, seats of
-- guests only, in a round of the plan, at one of its tables; a told seat
-- stays as the first door told it, and a told time ahead of the server's
-- clock is taken as now. Each row gets a new change number all the same,
-- so that a door that pushed another seat learns the told one.
CREATE FUNCTION entree_put_seats(event text, kiosk text, guests text[],
    rounds text[], tables text[], told text[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ms bigint := (extract(epoch FROM now()) * 1000)::bigint;
BEGIN
  IF NOT has_table_privilege(session_user, 'public.devices', 'SELECT') AND
     (event IS DISTINCT FROM public.entree_device_event() OR
      kiosk IS DISTINCT FROM public.entree_device_name()) THEN
    RAISE EXCEPTION 'entree:not_this_device';
  END IF;
  INSERT INTO public.seats AS s (event_id, attendee_id, round, table_name,
                                 told_at, kiosk_id, seq)
  SELECT event, u.a, u.r::integer, u.t,
         least(NULLIF(u.k, '')::bigint, now_ms), kiosk, 0
  FROM unnest(guests, rounds, tables, told) AS u(a, r, t, k)
  WHERE EXISTS (SELECT 1 FROM public.attendees g WHERE g.event_id = event
                AND g.id = u.a AND g.role = 'guest')
    AND u.r::integer BETWEEN 1 AND coalesce(
        (SELECT p.rounds FROM public.plans p WHERE p.event_id = event), 12)
    AND (u.t = '' OR EXISTS (SELECT 1 FROM public.seating_tables st
                             WHERE st.event_id = event AND st.name = u.t))
  ON CONFLICT (event_id, attendee_id, round) DO UPDATE SET
    table_name = CASE WHEN s.told_at IS NULL THEN EXCLUDED.table_name
                 ELSE s.table_name END,
    told_at = coalesce(s.told_at, EXCLUDED.told_at),
    kiosk_id = CASE WHEN s.told_at IS NULL THEN EXCLUDED.kiosk_id
               ELSE s.kiosk_id END;
END $$;
REVOKE ALL ON FUNCTION entree_put_seats(text, text, text[], text[], text[],
  text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION entree_put_seats(text, text, text[], text[],
  text[], text[]) TO entree_device;
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE seating_tables ENABLE ROW LEVEL SECURITY;
ALTER TABLE seats ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_event ON plans FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY own_event ON seating_tables FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
CREATE POLICY own_event ON seats FOR SELECT TO entree_device
  USING (event_id = (SELECT entree_device_event()));
)sql",
      // 5 -> 6: each device does its own role's work and no more.
      // - An undo takes back a check-in of the same device only.
      // - A registration device changes only the guests it registered, and
      //   issues a guest's next badge, never a serial far ahead.
      // - Every text a device writes is bounded as the kiosks bound it, so
      //   no row can make every other box's pull slow.
      // - A device's file is bound to the box that joined with it: the
      //   first instance to sync claims the login, another one is refused.
      // - A purge is confirmed by naming it, and only while it is pending.
      R"sql(
-- Which device's login sent each check-in ('' for the organiser's): a
-- check-in under a device's name from another file is not that device's.
ALTER TABLE checkins ADD COLUMN sent_by text NOT NULL DEFAULT '';
CREATE FUNCTION entree_sent_by() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  NEW.sent_by := coalesce(public.entree_device_name(), '');
  RETURN NEW;
END $$;
CREATE TRIGGER sent_by BEFORE INSERT ON checkins
  FOR EACH ROW EXECUTE FUNCTION entree_sent_by();
-- The device that sent a check-in of the device's own event (read as the
-- owner: a policy on checkins may not read checkins itself).
CREATE FUNCTION entree_checkin_sender(event text, checkin text) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT sent_by FROM public.checkins WHERE event_id = event AND id = checkin
    AND event = public.entree_device_event() $$;
REVOKE ALL ON FUNCTION entree_checkin_sender(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION entree_checkin_sender(text, text) TO entree_device;
DROP POLICY admitting ON checkins;
CREATE POLICY admitting ON checkins FOR INSERT TO entree_device
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name())
              AND (undoes IS NULL OR
                   entree_checkin_sender(event_id, undoes) = kiosk_id));

ALTER TABLE attendees ADD COLUMN registered_by text NOT NULL DEFAULT '';
CREATE FUNCTION entree_registered_by() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  -- A device registers walk-ins: no external id or shop barcode (those
  -- are the organiser's list's), a walk-in's source, and a guest keeps the
  -- id it was registered with.
  IF public.entree_device_name() IS NOT NULL THEN
    IF NEW.external_id <> '' OR NEW.shop_code <> ''
       OR NEW.source <> 'walk_in' THEN
      RAISE EXCEPTION 'entree:device_not_a_walk_in';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.id <> OLD.id OR NEW.event_id <> OLD.event_id)
    THEN
      RAISE EXCEPTION 'entree:device_moves_guest';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    NEW.registered_by := coalesce(public.entree_device_name(), '');
  ELSE
    NEW.registered_by := OLD.registered_by;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER registered_by BEFORE INSERT OR UPDATE ON attendees
  FOR EACH ROW EXECUTE FUNCTION entree_registered_by();
DROP POLICY correcting ON attendees;
CREATE POLICY correcting ON attendees FOR UPDATE TO entree_registration
  USING (event_id = (SELECT entree_device_event())
         AND registered_by = (SELECT entree_device_name()))
  WITH CHECK (event_id = (SELECT entree_device_event()));
-- A guest's highest badge serial so far in the device's own event, 0 for
-- none (read as the owner, as above).
CREATE FUNCTION entree_last_serial(event text, attendee text) RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(max(serial), 0) FROM public.badges
  WHERE event_id = event AND attendee_id = attendee
    AND event = public.entree_device_event() $$;
REVOKE ALL ON FUNCTION entree_last_serial(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION entree_last_serial(text, text) TO entree_device;
DROP POLICY issuing ON badges;
CREATE POLICY issuing ON badges FOR INSERT TO entree_registration
  WITH CHECK (event_id = (SELECT entree_device_event())
              AND kiosk_id = (SELECT entree_device_name())
              AND serial >= 1
              AND serial <= 1 + entree_last_serial(event_id, attendee_id));

ALTER TABLE attendees ADD CONSTRAINT bounded CHECK (
  octet_length(id) <= 64 AND octet_length(external_id) <= 200
  AND octet_length(given_name) <= 200 AND octet_length(family_name) <= 200
  AND octet_length(organisation) <= 300 AND octet_length(sector) <= 32
  AND octet_length(email) <= 254 AND octet_length(role) <= 32
  AND octet_length(table_name) <= 200 AND octet_length(source) <= 32
  AND octet_length(ticket) <= 32 AND octet_length(shop_code) <= 200
  AND octet_length(registered_by) <= 64) NOT VALID;
ALTER TABLE badges ADD CONSTRAINT bounded CHECK (
  octet_length(attendee_id) <= 64 AND octet_length(kiosk_id) <= 64)
  NOT VALID;
ALTER TABLE checkins ADD CONSTRAINT bounded CHECK (
  octet_length(id) <= 64 AND octet_length(attendee_id) <= 64
  AND octet_length(kiosk_id) <= 64 AND octet_length(direction) <= 16
  AND octet_length(verdict) <= 32 AND octet_length(undoes) <= 64) NOT VALID;
ALTER TABLE kiosks ADD CONSTRAINT bounded CHECK (
  octet_length(kiosk_id) <= 64 AND octet_length(device) <= 64) NOT VALID;
ALTER TABLE seats ADD CONSTRAINT bounded CHECK (
  octet_length(attendee_id) <= 64 AND octet_length(table_name) <= 200
  AND octet_length(kiosk_id) <= 64) NOT VALID;

ALTER TABLE devices ADD COLUMN instance text NOT NULL DEFAULT '';
-- Whether this box is the one the device's login belongs to: the first
-- instance to ask claims it.
CREATE FUNCTION entree_claim_instance(instance text) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  held text;
BEGIN
  IF octet_length(instance) NOT BETWEEN 1 AND 128 THEN
    RETURN false;
  END IF;
  UPDATE public.devices SET instance = entree_claim_instance.instance
  WHERE login = session_user AND devices.instance = '';
  SELECT devices.instance INTO held FROM public.devices
  WHERE login = session_user;
  RETURN held IS NOT DISTINCT FROM instance;
END $$;

DROP FUNCTION entree_device_state();
CREATE FUNCTION entree_device_state(OUT event_id text, OUT name text,
    OUT role text, OUT revoked boolean, OUT purged boolean,
    OUT purge_confirmed boolean, OUT purged_at bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT d.event_id, d.name, d.role, d.revoked_at IS NOT NULL,
         e.purged_at IS NOT NULL,
         coalesce(d.purge_confirmed_at >= e.purged_at, false),
         (extract(epoch FROM e.purged_at) * 1000000)::bigint
  FROM public.devices d JOIN public.events e USING (event_id)
  WHERE d.login = session_user $$;
DROP FUNCTION entree_confirm_purge();
-- The purge named by its time, as entree_device_state() told it: a
-- confirmation of anything else, or before any purge, changes nothing.
CREATE FUNCTION entree_confirm_purge(purge bigint) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE public.devices d SET purge_confirmed_at = now(), last_contact = now()
  FROM public.events e
  WHERE d.login = session_user AND e.event_id = d.event_id
    AND e.purged_at IS NOT NULL
    AND (extract(epoch FROM e.purged_at) * 1000000)::bigint = purge;
  RETURN FOUND;
END $$;
UPDATE devices d SET purge_confirmed_at = NULL FROM events e
WHERE e.event_id = d.event_id
  AND (e.purged_at IS NULL OR d.purge_confirmed_at < e.purged_at);
-- A seat sent as not told stays not told (least() passes over a NULL, so
-- the first version made every seat told at the moment it was pushed); a
-- seat is told only to a guest the telling door let in.
CREATE OR REPLACE FUNCTION entree_put_seats(event text, kiosk text, guests text[],
    rounds text[], tables text[], told text[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  now_ms bigint := (extract(epoch FROM now()) * 1000)::bigint;
  owner boolean := has_table_privilege(session_user, 'public.devices',
                                       'SELECT');
BEGIN
  IF NOT owner AND
     (event IS DISTINCT FROM public.entree_device_event() OR
      kiosk IS DISTINCT FROM public.entree_device_name()) THEN
    RAISE EXCEPTION 'entree:not_this_device';
  END IF;
  INSERT INTO public.seats AS s (event_id, attendee_id, round, table_name,
                                 told_at, kiosk_id, seq)
  SELECT event, u.a, u.r::integer, u.t,
         CASE WHEN u.k = '' THEN NULL
              ELSE least(u.k::bigint, now_ms) END, kiosk, 0
  FROM unnest(guests, rounds, tables, told) AS u(a, r, t, k)
  WHERE EXISTS (SELECT 1 FROM public.attendees g WHERE g.event_id = event
                AND g.id = u.a AND g.role = 'guest')
    -- A seat is told to a guest the telling door let in.
    AND (u.k = '' OR owner OR EXISTS (SELECT 1 FROM public.checkins c
                             WHERE c.event_id = event AND c.attendee_id = u.a
                               AND c.sent_by = kiosk
                               AND c.direction = 'entry'
                               AND c.verdict IN ('welcome', 'welcome_back')
                               AND c.undoes IS NULL
                               AND NOT EXISTS (
                                 SELECT 1 FROM public.checkins x
                                 WHERE x.event_id = event
                                   AND x.undoes = c.id)))
    AND u.r::integer BETWEEN 1 AND coalesce(
        (SELECT p.rounds FROM public.plans p WHERE p.event_id = event), 12)
    AND (u.t = '' OR EXISTS (SELECT 1 FROM public.seating_tables st
                             WHERE st.event_id = event AND st.name = u.t))
  ON CONFLICT (event_id, attendee_id, round) DO UPDATE SET
    table_name = CASE WHEN s.told_at IS NULL THEN EXCLUDED.table_name
                 ELSE s.table_name END,
    told_at = coalesce(s.told_at, EXCLUDED.told_at),
    kiosk_id = CASE WHEN s.told_at IS NULL THEN EXCLUDED.kiosk_id
               ELSE s.kiosk_id END;
END $$;
-- What a device says it has waiting is a count, not any number.
CREATE OR REPLACE FUNCTION entree_contact(waiting integer) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE public.devices
  SET last_contact = now(),
      waiting = least(greatest(entree_contact.waiting, 0), 100000000)
  WHERE login = session_user AND revoked_at IS NULL $$;
REVOKE ALL ON FUNCTION entree_claim_instance(text), entree_device_state(),
  entree_confirm_purge(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION entree_claim_instance(text), entree_device_state(),
  entree_confirm_purge(bigint) TO entree_device;
)sql",
      // The venue's time zone (an IANA name), carried to every device.
      R"sql(
ALTER TABLE events ADD COLUMN time_zone text NOT NULL DEFAULT ''
  CHECK (length(time_zone) <= 64);
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
