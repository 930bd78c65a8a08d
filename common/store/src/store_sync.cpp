// Store: the outbox, the sync cursor, and merging records of other kiosks.
#include "entree/base/uuid.h"
#include "entree/store/schema.h"
#include "entree/store/store.h"

namespace entree {

Result<bool> Store::SyncEnabled() {
  ENTREE_ASSIGN_OR_RETURN(auto enabled,
                          Cached("SELECT enabled FROM sync_state"));
  auto row = enabled->Step();
  if (!row.ok()) return row.status();
  bool on = *row && enabled->ColumnInt(0) != 0;
  enabled->Reset();
  return on;
}

Status Store::EnableOutbox() {
  ENTREE_ASSIGN_OR_RETURN(auto already, SyncEnabled());
  if (already) return Status::Ok();
  auto transaction = Transaction::Begin(db_);
  if (!transaction.ok()) return transaction.status();
  for (const char* sql : {
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'attendee', id FROM attendee ORDER BY created_at",
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'badge', attendee_id || ' ' || serial FROM badge "
           "ORDER BY issued_at",
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'checkin', id FROM checkin ORDER BY rowid",
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'table', name FROM seating_table",
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'rounds', '' FROM event WHERE rounds > 0",
           "INSERT INTO outbox (kind, record_id) "
           "SELECT 'seat', attendee_id || ' ' || round FROM seat",
           "UPDATE sync_state SET enabled = 1",
       }) {
    Status status = db_.Exec(sql);
    if (!status.ok()) return status;
  }
  ENTREE_RETURN_IF_ERROR(db_.Exec(OutboxTriggers()));
  return transaction->Commit();
}

Status Store::RestoreOutboxTriggers() {
  ENTREE_ASSIGN_OR_RETURN(auto syncing, SyncEnabled());
  return syncing ? db_.Exec(OutboxTriggers()) : Status::Ok();
}

Result<std::vector<OutboxEntry>> Store::Outbox(int limit) {
  auto stmt =
      Cached("SELECT seq, kind, record_id FROM outbox ORDER BY seq LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, int64_t{limit});
  std::vector<OutboxEntry> entries;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
    if (!row) break;
    entries.push_back({(*stmt)->ColumnInt(0), (*stmt)->ColumnText(1),
                       (*stmt)->ColumnText(2)});
  }
  return entries;
}

Result<int64_t> Store::Number(std::string_view sql) {
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  int64_t number = *row ? stmt->ColumnInt(0) : 0;
  stmt->Reset();
  return number;
}

Result<int64_t> Store::OutboxSize() {
  return Number("SELECT count(*) FROM outbox");
}

Status Store::DropOutboxThrough(int64_t seq) {
  ENTREE_ASSIGN_OR_RETURN(auto stmt,
                          Cached("DELETE FROM outbox WHERE seq <= ?1"));
  return stmt->Bind(1, seq).Run();
}

Result<int64_t> Store::SyncCursor() {
  return Number("SELECT cursor FROM sync_state");
}

Status Store::SetSyncCursor(int64_t cursor, Instant now) {
  ENTREE_ASSIGN_OR_RETURN(
      auto stmt,
      Cached("UPDATE sync_state SET cursor = ?1, last_sync_at = ?2"));
  return stmt->Bind(1, cursor).Bind(2, ToMillis(now)).Run();
}

Result<int64_t> Store::ServerPurgeApplied() {
  return Number("SELECT purge_applied FROM sync_state");
}

Status Store::NoteServerPurgeApplied(int64_t purge) {
  ENTREE_ASSIGN_OR_RETURN(auto stmt,
                          Cached("UPDATE sync_state SET purge_applied = ?1"));
  return stmt->Bind(1, purge).Run();
}

Status Store::MarkRefusedCopy() {
  return db_.Exec("UPDATE sync_state SET refused_copy = 1");
}

Result<bool> Store::IsRefusedCopy() {
  auto state = Number(
      "SELECT CASE WHEN EXISTS (SELECT 1 FROM sync_state WHERE "
      "refused_copy <> 0) THEN 1 ELSE 0 END");
  if (!state.ok()) return state.status();
  return *state != 0;
}

Status Store::BeginApplying() {
  return db_.Exec("UPDATE sync_state SET applying = 1");
}

Status Store::EndApplying() {
  return db_.Exec("UPDATE sync_state SET applying = 0");
}

Status Store::MergeAttendee(const Attendee& attendee) {
  ENTREE_RETURN_IF_ERROR(CheckFieldBounds(attendee));
  auto ours = GetAttendee(attendee.id);
  if (!ours.ok() && !ours.status().IsNotFound()) return ours.status();
  if (!attendee.table.empty()) {
    Status table = EnsureTable(attendee.table);
    if (!table.ok()) return table;
  }
  if (!ours.ok()) return InsertAttendee(attendee);
  auto pending =
      Cached("SELECT 1 FROM outbox WHERE kind = 'attendee' AND record_id = ?1");
  if (!pending.ok()) return pending.status();
  (*pending)->Bind(1, ToString(attendee.id));
  ENTREE_ASSIGN_OR_RETURN(auto waiting, (*pending)->Step());
  (*pending)->Reset();
  if (waiting) return Status::Ok();
  return UpdateAttendee(attendee);
}

Result<std::string> Store::DeviceId() {
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached("SELECT device FROM sync_state"));
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  std::string device = *row ? stmt->ColumnText(0) : std::string();
  stmt->Reset();
  if (!device.empty()) return device;
  device = ToString(NewUuid());
  auto set = Cached("UPDATE sync_state SET device = ?1 WHERE device = ''");
  if (!set.ok()) return set.status();
  ENTREE_RETURN_IF_ERROR((*set)->Bind(1, device).Run());
  return DeviceId();  // another program may have been first
}

Status Store::SetAside(std::string_view kind, std::string_view record_id,
                       std::string_view reason, Instant now) {
  auto stmt = Cached(
      "INSERT INTO sync_set_aside (kind, record_id, reason, at) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!stmt.ok()) return stmt.status();
  return (*stmt)
      ->Bind(1, kind)
      .Bind(2, record_id.substr(0, 200))
      .Bind(3, reason.substr(0, 500))
      .Bind(4, ToMillis(now))
      .Run();
}

Result<int64_t> Store::SetAsideCount() {
  return Number("SELECT count(*) FROM sync_set_aside");
}

}  // namespace entree
