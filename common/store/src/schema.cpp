// The schema of an event database, one forward migration per version.
#include "entree/store/schema.h"

namespace entree {

const std::vector<std::string_view>& SchemaMigrations() {
  static const std::vector<std::string_view> migrations = {
      // 0 -> 1: the first schema.
      R"sql(
CREATE TABLE event (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '',
  starts_at INTEGER,
  ends_at INTEGER,
  doors_open_at INTEGER,
  locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale = 'nl' OR locale = 'en'),
  public_key BLOB
);
CREATE TABLE seating_table (
  name TEXT PRIMARY KEY,
  capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0)
);
CREATE TABLE attendee (
  id TEXT PRIMARY KEY,
  external_id TEXT NOT NULL DEFAULT '',
  given_name TEXT NOT NULL DEFAULT '',
  family_name TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  -- CHECKs are OR chains, not IN lists: SQLite builds a temporary table for
  -- every IN list of three or more on each insert.
  sector TEXT NOT NULL CHECK (sector = 'business' OR sector = 'government'
                              OR sector = 'education' OR sector = 'other'),
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role = 'guest' OR role = 'host' OR role = 'staff'
                            OR role = 'press' OR role = 'speaker'),
  table_name TEXT REFERENCES seating_table(name) ON UPDATE CASCADE,
  source TEXT NOT NULL CHECK (source = 'invited' OR source = 'walk_in'),
  consent INTEGER NOT NULL DEFAULT 0,
  search_key TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX attendee_by_external_id ON attendee(external_id)
  WHERE external_id <> '';
-- No index on email: imports match emails in memory, and a lookup by
-- email (the CLI's) reads 100,000 rows in a few tens of milliseconds.
CREATE TABLE badge (
  attendee_id TEXT NOT NULL REFERENCES attendee(id),
  serial INTEGER NOT NULL CHECK (serial > 0),
  issued_at INTEGER NOT NULL,
  kiosk_id TEXT NOT NULL,
  PRIMARY KEY (attendee_id, serial)
) WITHOUT ROWID;
-- No foreign key to attendee: a door may admit a validly signed badge of a
-- guest registered elsewhere before that registration reaches it.
CREATE TABLE checkin (
  id TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL,
  badge_serial INTEGER NOT NULL,
  kiosk_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction = 'entry' OR direction = 'exit'),
  at INTEGER NOT NULL,
  verdict TEXT NOT NULL
);
CREATE INDEX checkin_by_attendee ON checkin(attendee_id, at);
CREATE TRIGGER checkin_is_append_only_update BEFORE UPDATE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER checkin_is_append_only_delete BEFORE DELETE ON checkin
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
)sql",
      // 1 -> 2: undo. An undo is a row of its own that names the row it
      // takes back; the view holds the rows still in force.
      R"sql(
ALTER TABLE checkin ADD COLUMN undoes TEXT REFERENCES checkin(id);
CREATE INDEX checkin_by_undone ON checkin(undoes) WHERE undoes IS NOT NULL;
-- The welcome screen names the table's host: found without a scan.
CREATE INDEX attendee_hosts ON attendee(table_name) WHERE role = 'host';
CREATE VIEW checkin_in_force AS
  SELECT c.rowid AS seq, c.* FROM checkin AS c
  WHERE c.undoes IS NULL
    AND NOT EXISTS (SELECT 1 FROM checkin AS u WHERE u.undoes = c.id);
)sql",
      // 2 -> 3: the print log. A row is written when a badge is sent to a
      // printer and completed with the outcome when the job ends.
      R"sql(
CREATE TABLE print_job (
  id TEXT PRIMARY KEY,
  attendee_id TEXT NOT NULL,
  badge_serial INTEGER NOT NULL,
  kiosk_id TEXT NOT NULL,
  printer TEXT NOT NULL,
  layout TEXT NOT NULL,
  asked INTEGER NOT NULL DEFAULT 0 CHECK (asked = 0 OR asked = 1),
  requested_at INTEGER NOT NULL,
  cups_job INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT 'sent',
  detail TEXT NOT NULL DEFAULT '',
  finished_at INTEGER
);
CREATE INDEX print_job_by_badge ON print_job(attendee_id, badge_serial);
)sql",
      // 3 -> 4: sync. Once a kiosk syncs (sync_state.enabled), every local
      // write of an attendee, badge or check-in leaves a line in the outbox
      // until the server has it; what is pulled from the server is written
      // with sync_state.applying set and leaves none.
      R"sql(
CREATE TABLE sync_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  enabled INTEGER NOT NULL DEFAULT 0,
  applying INTEGER NOT NULL DEFAULT 0,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_sync_at INTEGER
);
INSERT INTO sync_state (singleton) VALUES (1);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind = 'attendee' OR kind = 'badge'
                            OR kind = 'checkin'),
  record_id TEXT NOT NULL
);
CREATE TRIGGER outbox_attendee_insert AFTER INSERT ON attendee
  WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('attendee', NEW.id); END;
CREATE TRIGGER outbox_attendee_update AFTER UPDATE ON attendee
  WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('attendee', NEW.id); END;
CREATE TRIGGER outbox_badge AFTER INSERT ON badge
  WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN
  INSERT INTO outbox (kind, record_id)
  VALUES ('badge', NEW.attendee_id || ' ' || NEW.serial);
END;
CREATE TRIGGER outbox_checkin AFTER INSERT ON checkin
  WHEN (SELECT enabled AND NOT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('checkin', NEW.id); END;
)sql",
      // 4 -> 5: World Café rounds. A seat is a guest's table in one round;
      // told_at is set once the guest has seen it (welcome screen, badge),
      // after which no new plan moves them. Hosts stay at their own table
      // and have no seat rows.
      R"sql(
ALTER TABLE seating_table ADD COLUMN theme TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN rounds INTEGER NOT NULL DEFAULT 0
  CHECK (rounds >= 0);
CREATE TABLE seat (
  attendee_id TEXT NOT NULL REFERENCES attendee(id),
  round INTEGER NOT NULL CHECK (round >= 1),
  table_name TEXT NOT NULL REFERENCES seating_table(name) ON UPDATE CASCADE,
  told_at INTEGER,
  PRIMARY KEY (attendee_id, round)
) WITHOUT ROWID;
)sql",
      // 5 -> 6: the outbox triggers exist only on a kiosk that syncs, so
      // that one that does not pays nothing for them on each write (a bulk
      // import of 100,000 rows took 0.85 s with them, 0.66 s without).
      // OutboxTriggers() puts them back when sync is on. The sort key loses
      // its id suffix ("family\x01given\x01id"): queries order by key,
      // then id.
      R"sql(
DROP TRIGGER outbox_attendee_insert;
DROP TRIGGER outbox_attendee_update;
DROP TRIGGER outbox_badge;
DROP TRIGGER outbox_checkin;
UPDATE attendee SET sort_key = substr(sort_key, 1, length(sort_key) - 37)
  WHERE instr(substr(sort_key, instr(sort_key, char(1)) + 1), char(1)) > 0;
)sql",
      // 6 -> 7: sync hardening. `device` is this file's own random id, by
      // which the server tells two kiosks that were given one kiosk id
      // apart; `sync_set_aside` keeps pulled rows that could not be merged
      // (damaged, out of bounds, dated ahead, clashing), for staff.
      R"sql(
ALTER TABLE sync_state ADD COLUMN device TEXT NOT NULL DEFAULT '';
CREATE TABLE sync_set_aside (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL
);
)sql",
      // 7 -> 8: ticket-shop lists. `ticket` is the ticket's standing in the
      // shop (only 'valid' lets its guest in); `shop_code` the barcode on
      // the shop's ticket, which the door looks up by its index.
      R"sql(
ALTER TABLE attendee ADD COLUMN ticket TEXT NOT NULL DEFAULT 'valid'
  CHECK (ticket = 'valid' OR ticket = 'cancelled' OR ticket = 'unpaid');
ALTER TABLE attendee ADD COLUMN shop_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX attendee_by_shop_code ON attendee(shop_code)
  WHERE shop_code <> '';
)sql",
      // 8 -> 9: the event as guests see it. Who keeps the guests' data and
      // for how many days after the event (the walk-in's privacy notice),
      // the organiser's accent colour ('#RRGGBB' or '') and logo (a PNG or
      // SVG file's bytes).
      R"sql(
ALTER TABLE event ADD COLUMN data_keeper TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN keep_days INTEGER NOT NULL DEFAULT 0
  CHECK (keep_days >= 0 AND keep_days <= 3650);
ALTER TABLE event ADD COLUMN accent TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN logo BLOB;
)sql",
      // 9 -> 10: the World Café plan travels through sync. The outbox
      // takes three more kinds (its triggers are made again by
      // OutboxTriggers() when the file syncs, with those for the plan); a
      // file that syncs already sends its tables, rounds and seats once.
      R"sql(
DROP TRIGGER IF EXISTS outbox_attendee_insert;
DROP TRIGGER IF EXISTS outbox_attendee_update;
DROP TRIGGER IF EXISTS outbox_badge;
DROP TRIGGER IF EXISTS outbox_checkin;
DROP TRIGGER IF EXISTS outbox_table_insert;
DROP TRIGGER IF EXISTS outbox_table_update;
DROP TRIGGER IF EXISTS outbox_rounds;
DROP TRIGGER IF EXISTS outbox_seat_insert;
DROP TRIGGER IF EXISTS outbox_seat_update;
DROP TRIGGER IF EXISTS outbox_seat_delete;
CREATE TABLE outbox_kinds (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind = 'attendee' OR kind = 'badge'
                            OR kind = 'checkin' OR kind = 'table'
                            OR kind = 'rounds' OR kind = 'seat'),
  record_id TEXT NOT NULL
);
INSERT INTO outbox_kinds SELECT seq, kind, record_id FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_kinds RENAME TO outbox;
INSERT INTO outbox (kind, record_id)
  SELECT 'table', name FROM seating_table WHERE (SELECT enabled FROM sync_state);
INSERT INTO outbox (kind, record_id)
  SELECT 'rounds', '' FROM event
  WHERE rounds > 0 AND (SELECT enabled FROM sync_state);
INSERT INTO outbox (kind, record_id)
  SELECT 'seat', attendee_id || ' ' || round FROM seat
  WHERE (SELECT enabled FROM sync_state);
)sql",
      // 10 -> 11: invitations by email. A guest's language (from the
      // guest list; '' for the event's), and one row per guest an
      // invitation run took up: its state, the address and badge it went
      // out with, and what the mail server said. Neither syncs: invitations
      // are the organiser's, sent from one file.
      R"sql(
ALTER TABLE attendee ADD COLUMN language TEXT NOT NULL DEFAULT '';
CREATE TABLE invitation (
  attendee_id TEXT PRIMARY KEY REFERENCES attendee(id),
  state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sending'
                             OR state = 'sent' OR state = 'failed'
                             OR state = 'unknown'),
  address TEXT NOT NULL DEFAULT '',
  badge_serial INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '',
  permanent INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  sent_at INTEGER
) WITHOUT ROWID;
)sql",
      // 11 -> 12: when this file learned of each check-in. A row dated
      // ahead of that (a door whose clock runs fast, a time typed ahead)
      // is ordered as if it happened then, so a future exit stands for one
      // re-entry and not for every entry until its time comes. And which
      // purge of the sync server this file carried out.
      R"sql(
ALTER TABLE checkin ADD COLUMN received_at INTEGER;
-- The sync server's purge this file carried out (its number; 0 for none).
ALTER TABLE sync_state ADD COLUMN purge_applied INTEGER NOT NULL DEFAULT 0;
-- Set when the server refused this file as a copy of a device's: no door
-- runs on it again, with or without the server.
ALTER TABLE sync_state ADD COLUMN refused_copy INTEGER NOT NULL DEFAULT 0;
DROP VIEW checkin_in_force;
CREATE VIEW checkin_in_force AS
  SELECT c.rowid AS seq, min(c.at, coalesce(c.received_at, c.at)) AS order_at,
         c.*
  FROM checkin AS c
  WHERE c.undoes IS NULL
    AND NOT EXISTS (SELECT 1 FROM checkin AS u WHERE u.undoes = c.id);
)sql",
      // 12 -> 13: the venue's time zone. A file from before it is given
      // the zone of the machine that opens it first (Store::Open).
      R"sql(
ALTER TABLE event ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
)sql",
  };
  return migrations;
}

std::string_view OutboxTriggers() {
  return R"sql(
CREATE TRIGGER IF NOT EXISTS outbox_attendee_insert AFTER INSERT ON attendee
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('attendee', NEW.id); END;
CREATE TRIGGER IF NOT EXISTS outbox_attendee_update AFTER UPDATE ON attendee
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('attendee', NEW.id); END;
CREATE TRIGGER IF NOT EXISTS outbox_badge AFTER INSERT ON badge
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN
  INSERT INTO outbox (kind, record_id)
  VALUES ('badge', NEW.attendee_id || ' ' || NEW.serial);
END;
CREATE TRIGGER IF NOT EXISTS outbox_checkin AFTER INSERT ON checkin
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('checkin', NEW.id); END;
CREATE TRIGGER IF NOT EXISTS outbox_table_insert AFTER INSERT ON seating_table
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('table', NEW.name); END;
CREATE TRIGGER IF NOT EXISTS outbox_table_update AFTER UPDATE ON seating_table
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('table', NEW.name); END;
CREATE TRIGGER IF NOT EXISTS outbox_rounds AFTER UPDATE OF rounds ON event
  WHEN NOT (SELECT applying FROM sync_state) AND NEW.rounds <> OLD.rounds
BEGIN INSERT INTO outbox (kind, record_id) VALUES ('rounds', ''); END;
CREATE TRIGGER IF NOT EXISTS outbox_seat_insert AFTER INSERT ON seat
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN
  INSERT INTO outbox (kind, record_id)
  VALUES ('seat', NEW.attendee_id || ' ' || NEW.round);
END;
CREATE TRIGGER IF NOT EXISTS outbox_seat_update AFTER UPDATE ON seat
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN
  INSERT INTO outbox (kind, record_id)
  VALUES ('seat', NEW.attendee_id || ' ' || NEW.round);
END;
CREATE TRIGGER IF NOT EXISTS outbox_seat_delete AFTER DELETE ON seat
  WHEN NOT (SELECT applying FROM sync_state)
BEGIN
  INSERT INTO outbox (kind, record_id)
  VALUES ('seat', OLD.attendee_id || ' ' || OLD.round);
END;
)sql";
}

}  // namespace entree
