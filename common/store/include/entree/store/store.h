// The store module: the event's SQLite file, and the only way into it.
//
// Store (here) opens and migrates the file (schema.h) and offers every
// read and write the other modules need: the event, attendees, badges,
// check-ins, prints, seating, the sync outbox and privacy. Transactions
// come from Store::Begin, savepoints from Store::TryInSavepoint, and a
// bulk write of attendees from BulkLoad (bulk_load.h). database.h is the
// thin RAII layer over SQLite the store is built on; no other module
// includes sqlite3.h.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/model.h"
#include "entree/base/status.h"
#include "entree/codes/checkin_rules.h"
#include "entree/store/database.h"

namespace entree {

// One row of the append-only check-in log: every scan of a known attendee,
// admitted or not.
struct CheckinRecord {
  Uuid id{};
  Uuid attendee_id{};
  uint32_t badge_serial = 0;
  std::string kiosk_id;
  Direction direction = Direction::kEntry;
  Instant at{};
  Verdict verdict = Verdict::kWelcome;
  // Set on an undo row: the check-in it takes back. An undo row repeats
  // that check-in's attendee, serial, direction and verdict.
  std::optional<Uuid> undoes;
};

// One row of the print log: a badge sent to a printer, and how it ended.
struct PrintRecord {
  Uuid id{};
  Uuid attendee_id{};
  uint32_t badge_serial = 0;
  std::string kiosk_id;
  std::string printer;  // the CUPS queue
  std::string layout;   // the badge layout's id
  bool asked = false;   // by staff or the CLI, not printed by itself
  Instant requested_at{};
  int cups_job = 0;              // 0 until CUPS accepted it
  std::string outcome = "sent";  // ToString(PrintOutcome)
  std::string detail;            // the printer's own words
  std::optional<Instant> finished_at;
};

// Where one guest's invitation by email stands.
enum class InviteState {
  kQueued,   // taken up by a run, not handed to the mail server yet
  kSending,  // being handed over; after a run that died: kUnknown
  kSent,     // the server took it
  kFailed,   // refused (for good when `permanent`) or undeliverable
  kUnknown,  // a run died while handing it over: it may have gone out
};
// "queued", "sending", "sent", "failed", "unknown".
std::string_view ToString(InviteState state);
std::optional<InviteState> ParseInviteState(std::string_view text);

struct InviteRecord {
  Uuid attendee_id{};
  InviteState state = InviteState::kQueued;
  std::string address;        // where it went (or was to go)
  uint32_t badge_serial = 0;  // the badge whose code it holds
  int attempts = 0;           // times handed to the server
  // The server's reply when sent; why it failed; "" while queued.
  std::string detail;
  bool permanent = false;  // failed: the server refused for good
  Instant updated_at{};
  std::optional<Instant> sent_at;
};

// One line of the outbox: a record written here that the sync server does
// not have yet.
struct OutboxEntry {
  int64_t seq = 0;
  std::string kind;       // "attendee", "badge" or "checkin"
  std::string record_id;  // the UUID; "ATTENDEE SERIAL" for a badge
};

// A badge let in at two doors that could not know of each other (offline):
// two admitted entries of one guest at different kiosks with no exit
// between. Both rows stay; staff look into it.
struct Conflict {
  CheckinRecord first;
  CheckinRecord second;
};

// Admission history of one attendee: what the door rule needs.
struct PassHistory {
  std::optional<Instant> first_entry;
  std::optional<Instant> last_exit;
  std::optional<PassRecord> last_pass;  // latest admitted entry or exit
  // Latest scan of one badge (attendee and serial) at one kiosk.
  std::optional<PassRecord> last_scan_here;
};

// One attendee with their admissions, for attendance lists and numbers.
struct AttendanceRow {
  Attendee attendee;
  std::optional<Instant> first_entry;
  std::optional<Instant> last_exit;
  bool inside = false;  // latest admission was an entry
  // Where their invitation by email stands; nullopt when none was sent.
  std::optional<InviteState> invite;
};

// Counts for one group (a sector, a table, or everyone).
struct Tally {
  int expected = 0;  // attendees on the list
  int arrived = 0;   // entered at least once
  int inside = 0;    // entered and not left since
};

struct Statistics {
  Tally total;
  int walk_ins = 0;
  std::map<std::string, Tally> by_sector;  // keyed by ToString(Sector)
  std::map<std::string, Tally> by_table;   // "" for guests without a table
};

// The text an attendee's row holds besides their fields: the id as text and
// the folded keys that name search and sorting use. Bulk writers work it
// out ahead, on another thread than the one writing.
struct AttendeeKeys {
  explicit AttendeeKeys(const Attendee& a);
  std::string id;
  std::string search_key;  // "anouk de vries org 0"
  std::string sort_key;    // family name without particles, then given name
};

// An attendee to insert and their keys; the attendee must outlive it.
struct KeyedAttendee {
  const Attendee* attendee;
  AttendeeKeys keys;
};

// Owns the database of one event. Not thread-safe: one Store per thread.
// Whether a purge's cleared records are queued for the sync server.
enum class PurgeReach { kEverywhere, kThisFileOnly };

class Store {
 public:
  // The schema version this build writes; older files are migrated forward
  // on open, newer ones are refused.
  static constexpr int kSchemaVersion = 13;

  // Opens (creating if needed) and migrates the file at `path`. Fails with
  // kDatabase for a file that is not an Entree database or is from a newer
  // Entree.
  static Result<Store> Open(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // --- transactions -------------------------------------------------------
  // Begins a write (BEGIN IMMEDIATE) on this store's file; see Transaction.
  // Store calls made while it is open are part of it. Bulk writes of
  // attendees have their own (BulkLoad, bulk_load.h).
  Result<Transaction> Begin();
  // Begins one background step of a longer job (sync), which must end it
  // within a few milliseconds: it waits while a door of this process waits
  // for the file (Writer::kBackground), and should end as soon as
  // SomeoneWaits().
  Result<Transaction> BeginStep();
  // Whether a door (a writer someone waits on) of this process waits for
  // the file now.
  bool SomeoneWaits() const;
  // Runs `work` inside a savepoint of the open transaction: when it fails,
  // what it wrote is undone and the rest of the transaction goes on. The
  // returned Status fails when the store cannot make or undo the
  // savepoint; `outcome` is `work`'s.
  Status TryInSavepoint(const std::function<Status()>& work, Status& outcome);
  // Whether a write could begin now, without waiting for it; see
  // Database::ProbeWrite.
  Status ProbeWrite();
  // Whether the file is still where it was opened, saving what was written
  // into it when it is not; see Database::SaveIntoOpenFile.
  Status SaveIntoOpenFile();
  // Moves the write-ahead log's rows into the file; see
  // Database::Checkpoint.
  Status Checkpoint();
  // The path the store was opened with.
  const std::string& path() const { return db_.path(); }

  // --- event --------------------------------------------------------------
  // The event; kNotFound when `entree init` has not run.
  Result<Event> GetEvent();
  // Creates the event; kAlreadyExists when there is one.
  Status CreateEvent(const Event& event);
  // Replaces the event's fields (not its id).
  Status UpdateEvent(const Event& event);
  // The organiser's logo as its file's bytes (PNG or SVG); empty when
  // none. Kept apart from GetEvent, which is read often.
  Result<std::string> GetEventLogo();
  // Sets the logo (the bytes of a PNG or SVG file), or removes it when
  // `logo` is empty.
  Status SetEventLogo(std::string_view logo);

  // --- tables ----------------------------------------------------------
  // Adds the table, or updates its capacity and theme when it exists.
  Status UpsertTable(const SeatingTable& table);
  // Adds a table with no capacity limit unless one of that name exists.
  Status EnsureTable(std::string_view name);
  Result<std::vector<SeatingTable>> ListTables();
  // Names of the hosts (role host) seated at each table, sorted.
  Result<std::vector<std::string>> TableHosts(std::string_view table);

  // --- World Café rounds (store_seating.cpp) ------------------------------
  // The number of rounds of the seating plan; 0 when there is none.
  Result<int> SeatingRounds();
  // Every seat, by attendee and round.
  Result<std::vector<Seat>> ListSeats();
  // The attendee's seats by round; empty when they have none.
  Result<std::vector<Seat>> SeatsOf(const Uuid& attendee_id);
  // In one transaction: sets the number of rounds, forgets every seat not
  // yet told (with `forget_told`, every seat) and writes `untold`, which
  // may repeat a kept told seat as it is but must not move one: that fails
  // with kDatabase and changes nothing. With `told_seen`, the plan was made
  // when the file held that many told seats: if it holds another number now (a
  // guest was told meanwhile, by another thread or process), nothing is written
  // and the result is false, so the plan can be made again.
  Result<bool> SaveSeatingPlan(int rounds, const std::vector<Seat>& untold,
                               bool forget_told,
                               std::optional<int64_t> told_seen = {});
  // Marks the attendee's seats as told at `now`; seats told earlier keep
  // their time. Returns whether any seat was newly told.
  Result<bool> MarkSeatsTold(const Uuid& attendee_id, Instant now);
  // One seat; nullopt when the attendee has none in that round.
  Result<std::optional<Seat>> GetSeat(const Uuid& attendee_id, int round);

  // --- the plan from other kiosks (store_seating.cpp) -------------------
  // The organiser's number of rounds and tables, as pulled.
  Status MergeRounds(int rounds);
  Status MergeTable(const SeatingTable& table);
  // A seat of another kiosk. A seat told here is never moved: a pulled one
  // at another table is not merged, and its reason is returned (the guest
  // was told two tables). An empty table removes a seat not yet told.
  Result<std::optional<std::string>> MergeSeat(const Seat& seat);
  // A table fuller than its capacity in a round (hosts included), as seats
  // made at two doors that could not see each other can leave it.
  struct Overfull {
    std::string table;
    int round = 0;
    int people = 0;
    int capacity = 0;
  };
  Result<std::vector<Overfull>> OverfullTables();

  // --- attendees --------------------------------------------------------
  // kNotFound when no attendee has that id.
  Result<Attendee> GetAttendee(const Uuid& id);
  // Matches external id exactly, email case-insensitively; nullopt when no
  // attendee matches.
  Result<std::optional<Attendee>> FindByExternalId(std::string_view id);
  Result<std::optional<Attendee>> FindByEmail(std::string_view email);
  // The attendee whose shop ticket carries `code` (exactly, by its index);
  // nullopt when none does or `code` is empty.
  Result<std::optional<Attendee>> FindByShopCode(std::string_view code);
  // Inserts a new attendee. Their table, if any, must exist (EnsureTable);
  // otherwise the foreign key fails with kDatabase.
  Status InsertAttendee(const Attendee& attendee);
  // Inserts new attendees as InsertAttendee does, in the order given (for
  // bulk loads: fastest in id order), with their keys worked out ahead.
  Status InsertAttendees(std::span<const KeyedAttendee> attendees);
  // Rewrites every field of an existing attendee (kNotFound otherwise);
  // the table must exist as for InsertAttendee.
  Status UpdateAttendee(const Attendee& attendee);
  // Everyone, sorted the Dutch way: by family name without particles, then
  // given name.
  Result<std::vector<Attendee>> ListAttendees();
  // Everyone, the first added first (ties by id).
  Result<std::vector<Attendee>> ListAttendeesByCreation();
  // Attendees whose name or organisation contains every word of `query`,
  // accent- and case-insensitively; at most `limit`, sorted as above.
  Result<std::vector<Attendee>> SearchAttendees(std::string_view query,
                                                int limit);
  // Finds one attendee by UUID, external id, email, or a name search with
  // exactly one match. kNotFound when none or ambiguous (the message says).
  Result<Attendee> ResolveAttendee(std::string_view reference);

  // --- badges -----------------------------------------------------------
  // Issues the next serial for the attendee; all older serials are revoked.
  Result<Badge> IssueBadge(const Uuid& attendee_id, std::string_view kiosk_id,
                           Instant now);
  // The attendee's badge with the highest serial; nullopt before the first.
  Result<std::optional<Badge>> CurrentBadge(const Uuid& attendee_id);
  // Every badge issued to the attendee, oldest first.
  Result<std::vector<Badge>> BadgesOf(const Uuid& attendee_id);

  // --- print log --------------------------------------------------------
  // Records a badge being sent to a printer (durable on return).
  Status RecordPrintRequest(const PrintRecord& record);
  // Fills in how the job `id` ended: CUPS's job id, the outcome and the
  // printer's words. kNotFound for an unknown id.
  Status RecordPrintOutcome(const Uuid& id, int cups_job,
                            std::string_view outcome, std::string_view detail,
                            Instant at);
  // kNotFound for an unknown id.
  Result<PrintRecord> GetPrintJob(const Uuid& id);
  // Whether the badge `serial` of the attendee was ever sent to a printer.
  Result<bool> BadgeSentToPrinter(const Uuid& attendee_id, uint32_t serial);
  // The print log, newest first; at most `limit` rows.
  Result<std::vector<PrintRecord>> PrintLog(int limit);
  // The attendee's print jobs, oldest first.
  Result<std::vector<PrintRecord>> PrintJobsOf(const Uuid& attendee_id);

  // --- invitations (store_invitations.cpp) -------------------------------
  // The guest's language for messages ("nl", "en", "de"; "" for the
  // event's). kNotFound for an unknown attendee.
  Result<std::string> AttendeeLanguage(const Uuid& attendee_id);
  Status SetAttendeeLanguage(const Uuid& attendee_id,
                             std::string_view language);
  // nullopt when no run took the guest up.
  Result<std::optional<InviteRecord>> GetInvite(const Uuid& attendee_id);
  // Every guest's invitation row, in no particular order.
  Result<std::vector<InviteRecord>> ListInvites();
  // Writes the guest's row (inserting or replacing it).
  Status PutInvite(const InviteRecord& record);
  // Turns every kSending row into kUnknown (the run that was handing them
  // over died); returns how many.
  Result<int> MarkInterruptedInvites(Instant now);

  // --- sync (store_sync.cpp) ---------------------------------------------
  // Starts the outbox, queueing every attendee, badge and check-in already
  // here once; nothing when it was started before.
  Status EnableOutbox();
  // The oldest `limit` lines of the outbox, and how many there are.
  Result<std::vector<OutboxEntry>> Outbox(int limit);
  Result<int64_t> OutboxSize();
  // Forgets the outbox lines up to `seq`: the server has them.
  Status DropOutboxThrough(int64_t seq);
  // Where the last pull from the server ended (0 before the first).
  Result<int64_t> SyncCursor();
  // The number of the sync server's purge this file carried out; 0 for
  // none. A purge the server names that this file has not carried out is
  // carried out at the next contact, by every copy of the file.
  Result<int64_t> ServerPurgeApplied();
  Status NoteServerPurgeApplied(int64_t purge);
  // Whether the sync server refused this file as a copy of a device's
  // (error.device_copied): then no door runs on it, with or without the
  // server, until the box is paired again into a new file.
  Status MarkRefusedCopy();
  Result<bool> IsRefusedCopy();
  // Records a pull that ended at `cursor` at `now`.
  Status SetSyncCursor(int64_t cursor, Instant now);
  // Between these two (inside one transaction) writes are records from
  // other kiosks and leave no outbox lines.
  Status BeginApplying();
  Status EndApplying();
  // Merging records from other kiosks, in the server's order: an attendee
  // replaces ours unless ours has an edit still waiting in the outbox
  // (which reaches the server later and so wins there); device clocks
  // decide nothing. A badge or check-in we have already is ignored.
  Status MergeAttendee(const Attendee& attendee);
  Status MergeBadge(const Badge& badge);
  // A check-in is ordered as of `received_at` when dated after it (see
  // AppendCheckin); an undo of another device's check-in is refused
  // (kInvalidArgument), so it is set aside.
  Status MergeCheckin(const CheckinRecord& record, Instant received_at);
  // This file's own random device id (made on first use), by which the
  // server tells kiosks that share a kiosk id apart.
  Result<std::string> DeviceId();
  // Keeps a pulled record that could not be merged, for staff: its kind
  // ("attendee", "badge", "checkin"), id and why.
  Status SetAside(std::string_view kind, std::string_view record_id,
                  std::string_view reason, Instant now);
  // How many pulled records were set aside so far.
  Result<int64_t> SetAsideCount();
  // kNotFound for an unknown badge or check-in.
  Result<Badge> GetBadge(const Uuid& attendee_id, uint32_t serial);
  Result<CheckinRecord> GetCheckin(const Uuid& id);

  // --- check-ins --------------------------------------------------------
  // Appends one row and makes it durable before returning (synchronous=FULL
  // commit). Rows are never changed or deleted afterwards. `received_at`
  // is when this file learned of the row (default: record.at); a row dated
  // later than that is ordered as of then, so an exit dated ahead lets the
  // guest in again once, not until its time has come.
  Status AppendCheckin(const CheckinRecord& record,
                       std::optional<Instant> received_at = std::nullopt);
  // The attendee's admissions up to `now`, and the latest scan of their
  // badge `badge_serial` at `kiosk_id`. Rows dated more than
  // kClockTolerance after `now` (a device whose clock ran ahead, a forged
  // row) are left out: a row from the future never decides today's verdict.
  Result<PassHistory> History(const Uuid& attendee_id, uint32_t badge_serial,
                              std::string_view kiosk_id, Instant now);
  // All rows in time order, undo rows and undone rows included.
  Result<std::vector<CheckinRecord>> ListCheckins();
  // The attendee's rows in time order, undo rows included.
  Result<std::vector<CheckinRecord>> CheckinsOf(const Uuid& attendee_id);
  // The latest admitted check-in or exit recorded at `kiosk_id` that is
  // still in force; nullopt when there is none.
  Result<std::optional<CheckinRecord>> LastAdmissionAt(
      std::string_view kiosk_id);
  // Takes `record` back by appending an undo row for it (durable on
  // return). kNotFound when it is not in force; kInvalidArgument when it
  // was recorded at another kiosk than `kiosk_id`.
  Status UndoCheckin(const CheckinRecord& record, std::string_view kiosk_id,
                     Instant now);

  // Checks what the door decides by, the check-in and badge tables and
  // their indexes, with SQLite's integrity check: a damaged index would
  // hide a guest's entry and let them in again. kDatabase
  // (error.db_damaged) naming SQLite's first finding. Takes milliseconds
  // for tens of thousands of check-ins: for a door's start, not each scan.
  Status CheckDoorTables();

  // Every admission that happened while the guest was already inside by an
  // earlier record, at another door or under the same door's name (two
  // boxes sharing one device file), oldest first.
  Result<std::vector<Conflict>> Conflicts();

  // --- privacy (store_privacy.cpp) ----------------------------------------
  // Removes every attendee's names, organisation, email and external id,
  // and the addresses and replies of the invitations' send log, keeping
  // what counts need (sector, table, role, source, consent, badges,
  // check-ins), then rewrites the file so that no removed text is left in
  // it or in its write-ahead log. Returns how many attendees were cleared.
  // When the kiosk syncs, the cleared records go to the server as edits,
  // unless `reach` is kThisFileOnly (a device purging after the server
  // was purged). Fails with kDatabase, leaving the data as it was.
  Result<int> PurgePersonalData(Instant now,
                                PurgeReach reach = PurgeReach::kEverywhere);

  // --- numbers ----------------------------------------------------------
  // Everyone with their first entry and last exit, sorted like
  // ListAttendees().
  Result<std::vector<AttendanceRow>> Attendance();
  Result<Statistics> Stats();
  // A value that changes whenever check-ins are added through this Store
  // or anything is written to the file by another connection; cheap, so a
  // screen can ask often and recount only when it changed.
  Result<std::pair<int64_t, int64_t>> ChangeMark();

  // Reuses one compiled statement per SQL text for the Store's lifetime.
  Result<Statement*> Cached(std::string_view sql);
  // The first column of the first row of `sql` (taking no parameters) as
  // a number; 0 when there is no row.
  Result<int64_t> Number(std::string_view sql);
  // The zone this Store gave the event on opening, because the file had
  // none (it keeps it, so this is said once); empty otherwise.
  const std::string& zone_given() const { return zone_given_; }

 private:
  // From this schema version on, the outbox triggers exist only while the
  // kiosk syncs.
  static constexpr int kOutboxTriggersOnlyWhenSyncing = 6;
  static constexpr int kSeatingSyncs = 10;

  explicit Store(Database db);
  Status Migrate();
  // Has the database check the event's mark in the file's header from now
  // on (Database::ExpectMark), giving a file from before the mark its
  // mark when it can be written.
  Status KeepMark();
  // Gives an event without a time zone (a file from before zones) this
  // machine's, when the file can be written; remembered in zone_given_.
  Status GiveZone();
  // Whether sync_state.enabled is set (store_sync.cpp).
  Result<bool> SyncEnabled();
  // Creates the outbox triggers when sync is enabled (store_sync.cpp).
  Status RestoreOutboxTriggers();

  // Bulk writes run on this store's connection.
  friend class BulkLoad;
  // A test's or benchmark's look at the file underneath (defined only in
  // tests/ and tools/bench/).
  friend class StoreInspector;

  Database db_;
  std::string zone_given_;
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace entree
