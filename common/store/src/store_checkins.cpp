// Store: badges, the append-only check-in log, attendance and numbers.
#include <algorithm>

#include "entree/base/uuid.h"
#include "entree/store/store.h"

namespace entree {
namespace {

constexpr std::string_view kCheckinColumns =
    "id, attendee_id, badge_serial, kiosk_id, direction, at, verdict, undoes";

// Reads the columns of kCheckinColumns.
CheckinRecord ReadCheckin(const Statement& s) {
  CheckinRecord record{
      ParseUuid(s.ColumnText(0)).value_or(Uuid{}),
      ParseUuid(s.ColumnText(1)).value_or(Uuid{}),
      static_cast<uint32_t>(s.ColumnInt(2)),
      s.ColumnText(3),
      ParseDirection(s.ColumnText(4)).value_or(Direction::kEntry),
      FromMillis(s.ColumnInt(5)),
      ParseVerdict(s.ColumnText(6)).value_or(Verdict::kInvalid),
      std::nullopt};
  if (!s.ColumnIsNull(7)) record.undoes = ParseUuid(s.ColumnText(7));
  return record;
}

bool IsEntryAdmission(Direction direction, Verdict verdict) {
  return direction == Direction::kEntry && Admits(verdict);
}

}  // namespace

Result<Badge> Store::IssueBadge(const Uuid& attendee_id,
                                std::string_view kiosk_id, Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto current, CurrentBadge(attendee_id));
  Badge badge{attendee_id, current ? current->serial + 1 : 1, now,
              std::string(kiosk_id)};
  auto stmt = Cached(
      "INSERT INTO badge (attendee_id, serial, issued_at, kiosk_id) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!stmt.ok()) return stmt.status();
  Status status = (*stmt)
                      ->Bind(1, ToString(attendee_id))
                      .Bind(2, int64_t{badge.serial})
                      .Bind(3, ToMillis(now))
                      .Bind(4, kiosk_id)
                      .Run();
  if (!status.ok()) return status;
  return badge;
}

Status Store::MergeBadge(const Badge& badge) {
  auto stmt = Cached(
      "INSERT OR IGNORE INTO badge (attendee_id, serial, issued_at, kiosk_id) "
      "VALUES (?1, ?2, ?3, ?4)");
  if (!stmt.ok()) return stmt.status();
  return (*stmt)
      ->Bind(1, ToString(badge.attendee_id))
      .Bind(2, int64_t{badge.serial})
      .Bind(3, ToMillis(badge.issued_at))
      .Bind(4, badge.kiosk_id)
      .Run();
}

Result<Badge> Store::GetBadge(const Uuid& attendee_id, uint32_t serial) {
  auto stmt = Cached(
      "SELECT issued_at, kiosk_id FROM badge WHERE attendee_id = ?1 AND "
      "serial = ?2");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id)).Bind(2, int64_t{serial});
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return Status::NotFound("no badge " + std::to_string(serial));
  Badge badge{attendee_id, serial, FromMillis((*stmt)->ColumnInt(0)),
              (*stmt)->ColumnText(1)};
  (*stmt)->Reset();
  return badge;
}

Result<std::optional<Badge>> Store::CurrentBadge(const Uuid& attendee_id) {
  auto stmt = Cached(
      "SELECT serial, issued_at, kiosk_id FROM badge WHERE attendee_id = ?1 "
      "ORDER BY serial DESC LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, ToString(attendee_id));
  ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
  if (!row) return std::optional<Badge>();
  Badge badge{attendee_id, static_cast<uint32_t>(s.ColumnInt(0)),
              FromMillis(s.ColumnInt(1)), s.ColumnText(2)};
  s.Reset();
  return std::optional<Badge>(std::move(badge));
}

namespace {

// Binds `record` to an INSERT of all kCheckinColumns and received_at.
void BindCheckin(Statement& stmt, const CheckinRecord& record,
                 Instant received_at) {
  stmt.Bind(1, ToString(record.id))
      .Bind(2, ToString(record.attendee_id))
      .Bind(3, int64_t{record.badge_serial})
      .Bind(4, record.kiosk_id)
      .Bind(5, ToString(record.direction))
      .Bind(6, ToMillis(record.at))
      .Bind(7, ToString(record.verdict));
  if (record.undoes) {
    stmt.Bind(8, ToString(*record.undoes));
  } else {
    stmt.BindNull(8);
  }
  stmt.Bind(9, ToMillis(received_at));
}

}  // namespace

Status Store::AppendCheckin(const CheckinRecord& record,
                            std::optional<Instant> received_at) {
  auto stmt = Cached("INSERT INTO checkin (" + std::string(kCheckinColumns) +
                     ", received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "?9)");
  if (!stmt.ok()) return stmt.status();
  // Outside a transaction the insert commits on its own, and with
  // synchronous=FULL the row is on disk when Run() returns.
  BindCheckin(**stmt, record, received_at.value_or(record.at));
  return (*stmt)->Run();
}

Status Store::MergeCheckin(const CheckinRecord& record, Instant received_at) {
  if (record.undoes) {
    // Only the device that let a guest in may take that back.
    auto undone = GetCheckin(*record.undoes);
    if (undone.ok() && undone->kiosk_id != record.kiosk_id) {
      return Status::InvalidArgument("an undo by " + record.kiosk_id +
                                     " of a check-in at " + undone->kiosk_id);
    }
    if (!undone.ok() && !undone.status().IsNotFound()) return undone.status();
  }
  auto stmt =
      Cached("INSERT OR IGNORE INTO checkin (" + std::string(kCheckinColumns) +
             ", received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt.ok()) return stmt.status();
  BindCheckin(**stmt, record, received_at);
  return (*stmt)->Run();
}

Result<CheckinRecord> Store::GetCheckin(const Uuid& id) {
  auto stmt = Cached("SELECT " + std::string(kCheckinColumns) +
                     " FROM checkin WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(id));
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return Status::NotFound("no check-in " + ToString(id));
  CheckinRecord record = ReadCheckin(**stmt);
  (*stmt)->Reset();
  return record;
}

Result<std::vector<Conflict>> Store::Conflicts() {
  auto stmt =
      Cached("SELECT " + std::string(kCheckinColumns) +
             " FROM checkin_in_force WHERE verdict IN ('welcome', "
             "'welcome_back', 'goodbye') ORDER BY attendee_id, order_at, seq");
  if (!stmt.ok()) return stmt.status();
  std::vector<Conflict> conflicts;
  std::optional<CheckinRecord> inside;  // the entry the guest is inside by
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
    if (!row) break;
    CheckinRecord record = ReadCheckin(**stmt);
    if (inside && inside->attendee_id != record.attendee_id) inside.reset();
    if (record.direction == Direction::kExit) {
      inside.reset();
    } else if (inside) {
      // Two admissions without an exit between, whatever the doors' names:
      // two boxes under one name (a copied device file) are no excuse.
      conflicts.push_back({*inside, record});
    } else if (!inside) {
      inside = record;
    }
  }
  std::sort(conflicts.begin(), conflicts.end(),
            [](auto& a, auto& b) { return a.second.at < b.second.at; });
  return conflicts;
}

Result<PassHistory> Store::History(const Uuid& attendee_id,
                                   uint32_t badge_serial,
                                   std::string_view kiosk_id, Instant now) {
  auto stmt = Cached(
      "SELECT at, direction, verdict, kiosk_id, badge_serial "
      "FROM checkin_in_force WHERE attendee_id = ?1 AND at <= ?2 "
      "ORDER BY order_at, seq");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, ToString(attendee_id)).Bind(2, ToMillis(now + kClockTolerance));
  PassHistory history;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
    if (!row) break;
    PassRecord pass{FromMillis(s.ColumnInt(0)),
                    ParseDirection(s.ColumnText(1)).value_or(Direction::kEntry),
                    ParseVerdict(s.ColumnText(2)).value_or(Verdict::kInvalid),
                    s.ColumnText(3)};
    if (pass.kiosk_id == kiosk_id && s.ColumnInt(4) == badge_serial) {
      history.last_scan_here = pass;
    }
    if (!Admits(pass.verdict)) continue;
    if (pass.direction == Direction::kEntry && !history.first_entry) {
      history.first_entry = pass.at;
    }
    if (pass.direction == Direction::kExit) history.last_exit = pass.at;
    history.last_pass = pass;
  }
  return history;
}

Result<std::vector<CheckinRecord>> Store::ListCheckins() {
  auto stmt = Cached("SELECT " + std::string(kCheckinColumns) +
                     " FROM checkin ORDER BY at, rowid");
  if (!stmt.ok()) return stmt.status();
  return CollectRows<CheckinRecord>(**stmt, ReadCheckin);
}

Result<std::vector<CheckinRecord>> Store::CheckinsOf(const Uuid& attendee_id) {
  auto stmt = Cached("SELECT " + std::string(kCheckinColumns) +
                     " FROM checkin WHERE attendee_id = ?1 ORDER BY at, rowid");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  return CollectRows<CheckinRecord>(**stmt, ReadCheckin);
}

Result<std::vector<Badge>> Store::BadgesOf(const Uuid& attendee_id) {
  auto stmt = Cached(
      "SELECT serial, issued_at, kiosk_id FROM badge WHERE attendee_id = ?1 "
      "ORDER BY serial");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  return CollectRows<Badge>(**stmt, [&](const Statement& s) {
    return Badge{attendee_id, static_cast<uint32_t>(s.ColumnInt(0)),
                 FromMillis(s.ColumnInt(1)), s.ColumnText(2)};
  });
}

Result<std::optional<CheckinRecord>> Store::LastAdmissionAt(
    std::string_view kiosk_id) {
  auto stmt = Cached("SELECT " + std::string(kCheckinColumns) +
                     " FROM checkin_in_force WHERE kiosk_id = ?1 AND verdict "
                     "IN ('welcome', 'welcome_back', 'goodbye') "
                     "ORDER BY order_at DESC, seq DESC LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, kiosk_id);
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return std::optional<CheckinRecord>();
  CheckinRecord record = ReadCheckin(**stmt);
  (*stmt)->Reset();
  return std::optional<CheckinRecord>(std::move(record));
}

Status Store::UndoCheckin(const CheckinRecord& record,
                          std::string_view kiosk_id, Instant now) {
  ENTREE_ASSIGN_OR_RETURN(
      auto in_force,
      Cached("SELECT count(*) FROM checkin_in_force WHERE id = ?1"));
  in_force->Bind(1, ToString(record.id));
  auto row = in_force->Step();
  if (!row.ok()) return row.status();
  bool found = in_force->ColumnInt(0) > 0;
  in_force->Reset();
  if (!found) {
    return Status::Localized(StatusCode::kNotFound, "error.no_checkin",
                             {ToString(record.id)});
  }
  if (record.kiosk_id != kiosk_id) {
    return Status::InvalidArgument("a check-in at " + record.kiosk_id +
                                   " is undone only there, not at " +
                                   std::string(kiosk_id));
  }
  CheckinRecord undo = record;
  undo.id = NewUuid();
  undo.kiosk_id = std::string(kiosk_id);
  undo.at = now;
  undo.undoes = record.id;
  return AppendCheckin(undo);
}

Result<std::vector<AttendanceRow>> Store::Attendance() {
  ENTREE_ASSIGN_OR_RETURN(auto attendees, ListAttendees());
  std::map<std::string, AttendanceRow*> by_id;
  std::vector<AttendanceRow> rows;
  rows.reserve(attendees.size());
  for (Attendee& a : attendees) {
    rows.push_back({std::move(a), {}, {}, false, std::nullopt});
  }
  for (AttendanceRow& row : rows) by_id[ToString(row.attendee.id)] = &row;

  // One pass over the admissions in time order fills every row.
  auto stmt = Cached(
      "SELECT attendee_id, direction, verdict, at FROM checkin_in_force "
      "ORDER BY order_at, seq");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  while (true) {
    auto step = s.Step();
    if (!step.ok()) return step.status();
    if (!*step) break;
    auto found = by_id.find(s.ColumnText(0));
    if (found == by_id.end()) continue;
    Direction direction =
        ParseDirection(s.ColumnText(1)).value_or(Direction::kEntry);
    Verdict verdict = ParseVerdict(s.ColumnText(2)).value_or(Verdict::kInvalid);
    if (!Admits(verdict)) continue;
    AttendanceRow& row = *found->second;
    Instant at = FromMillis(s.ColumnInt(3));
    if (IsEntryAdmission(direction, verdict) && !row.first_entry) {
      row.first_entry = at;
    }
    if (direction == Direction::kExit) row.last_exit = at;
    row.inside = direction == Direction::kEntry;
  }
  ENTREE_ASSIGN_OR_RETURN(auto invites, ListInvites());
  for (const InviteRecord& invite : invites) {
    auto found = by_id.find(ToString(invite.attendee_id));
    if (found != by_id.end()) found->second->invite = invite.state;
  }
  return rows;
}

Result<std::pair<int64_t, int64_t>> Store::ChangeMark() {
  ENTREE_ASSIGN_OR_RETURN(
      auto last_checkin, Cached("SELECT coalesce(max(rowid), 0) FROM checkin"));
  auto row = last_checkin->Step();
  if (!row.ok()) return row.status();
  int64_t checkins = last_checkin->ColumnInt(0);
  last_checkin->Reset();
  auto version = Cached("PRAGMA data_version");
  if (!version.ok()) return version.status();
  row = (*version)->Step();
  if (!row.ok()) return row.status();
  int64_t others = (*version)->ColumnInt(0);
  (*version)->Reset();
  return std::pair{checkins, others};
}

Result<Statistics> Store::Stats() {
  // Counted in SQL, grouped by sector and table, so that the numbers of a
  // large event come without loading every attendee. A guest whose ticket
  // was cancelled or is unpaid is not expected.
  auto stmt = Cached(R"sql(
WITH admitted AS (
  SELECT attendee_id, direction, order_at, seq FROM checkin_in_force
  WHERE verdict = 'welcome' OR verdict = 'welcome_back' OR verdict = 'goodbye'
), arrived AS (
  SELECT DISTINCT attendee_id FROM admitted WHERE direction = 'entry'
), latest AS (
  SELECT attendee_id, direction FROM (
    SELECT attendee_id, direction, row_number() OVER (
      PARTITION BY attendee_id ORDER BY order_at DESC, seq DESC) AS newest
    FROM admitted)
  WHERE newest = 1
)
SELECT a.sector, coalesce(a.table_name, ''), sum(a.ticket = 'valid'),
       count(arrived.attendee_id),
       coalesce(sum(latest.direction = 'entry'), 0),
       coalesce(sum(a.source = 'walk_in'), 0)
FROM attendee AS a
LEFT JOIN arrived ON arrived.attendee_id = a.id
LEFT JOIN latest ON latest.attendee_id = a.id
GROUP BY 1, 2
)sql");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  Statistics stats;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
    if (!row) break;
    Tally group{static_cast<int>(s.ColumnInt(2)),
                static_cast<int>(s.ColumnInt(3)),
                static_cast<int>(s.ColumnInt(4))};
    for (Tally* tally : {&stats.total, &stats.by_sector[s.ColumnText(0)],
                         &stats.by_table[s.ColumnText(1)]}) {
      tally->expected += group.expected;
      tally->arrived += group.arrived;
      tally->inside += group.inside;
    }
    stats.walk_ins += static_cast<int>(s.ColumnInt(5));
  }
  return stats;
}

Status Store::CheckDoorTables() {
  for (const char* sql :
       {"PRAGMA integrity_check(checkin)", "PRAGMA integrity_check(badge)"}) {
    ENTREE_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
    auto row = stmt.Step();
    if (!row.ok()) {
      return Status::Localized(StatusCode::kDatabase, "error.db_damaged",
                               {db_.path(), row.status().message()});
    }
    if (*row && stmt.ColumnText(0) != "ok") {
      return Status::Localized(StatusCode::kDatabase, "error.db_damaged",
                               {db_.path(), stmt.ColumnText(0)});
    }
  }
  return Status::Ok();
}

}  // namespace entree
