// Store: the World Café seating plan, a table per guest per round.
#include <algorithm>
#include <map>
#include <utility>

#include "entree/base/uuid.h"
#include "entree/store/store.h"

namespace entree {
namespace {

Seat ReadSeat(const Statement& s) {
  Seat seat;
  seat.attendee_id = ParseUuid(s.ColumnText(0)).value_or(Uuid{});
  seat.round = static_cast<int>(s.ColumnInt(1));
  seat.table = s.ColumnText(2);
  if (!s.ColumnIsNull(3)) seat.told_at = FromMillis(s.ColumnInt(3));
  return seat;
}

}  // namespace

Result<int> Store::SeatingRounds() {
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached("SELECT rounds FROM event"));
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  int rounds = *row ? static_cast<int>(stmt->ColumnInt(0)) : 0;
  stmt->Reset();
  return rounds;
}

Result<std::vector<Seat>> Store::ListSeats() {
  auto stmt = Cached(
      "SELECT attendee_id, round, table_name, told_at FROM seat "
      "ORDER BY attendee_id, round");
  if (!stmt.ok()) return stmt.status();
  return CollectRows<Seat>(**stmt, ReadSeat);
}

Result<std::vector<Seat>> Store::SeatsOf(const Uuid& attendee_id) {
  auto stmt = Cached(
      "SELECT attendee_id, round, table_name, told_at FROM seat "
      "WHERE attendee_id = ?1 ORDER BY round");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  return CollectRows<Seat>(**stmt, ReadSeat);
}

Result<bool> Store::SaveSeatingPlan(int rounds, const std::vector<Seat>& untold,
                                    bool forget_told,
                                    std::optional<int64_t> told_seen) {
  ENTREE_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(db_));
  if (told_seen) {
    auto count = Cached("SELECT count(*) FROM seat WHERE told_at IS NOT NULL");
    if (!count.ok()) return count.status();
    auto row = (*count)->Step();
    if (!row.ok()) return row.status();
    int64_t told = (*count)->ColumnInt(0);
    (*count)->Reset();
    if (told != *told_seen) return false;
  }
  auto set_rounds = Cached("UPDATE event SET rounds = ?1");
  if (!set_rounds.ok()) return set_rounds.status();
  ENTREE_RETURN_IF_ERROR((*set_rounds)->Bind(1, int64_t{rounds}).Run());
  if (forget_told) ENTREE_RETURN_IF_ERROR(db_.Exec("DELETE FROM seat"));
  // Only what changed is written, so that a kiosk that syncs sends the
  // seats that moved, not the whole plan again.
  std::map<std::pair<std::string, int64_t>, Seat> before;
  {
    ENTREE_ASSIGN_OR_RETURN(auto all, ListSeats());
    for (Seat& seat : all) {
      before[{ToString(seat.attendee_id), seat.round}] = std::move(seat);
    }
  }
  auto insert = Cached(
      "INSERT INTO seat (attendee_id, round, table_name) VALUES (?1, ?2, ?3)");
  if (!insert.ok()) return insert.status();
  auto move = Cached(
      "UPDATE seat SET table_name = ?3 WHERE attendee_id = ?1 AND round = ?2");
  if (!move.ok()) return move.status();
  for (const Seat& seat : untold) {
    auto known = before.find({ToString(seat.attendee_id), seat.round});
    Statement* write = *insert;
    if (known != before.end()) {
      bool told = known->second.told_at.has_value();
      bool same = known->second.table == seat.table;
      before.erase(known);
      if (same) continue;  // told or not, nothing moves
      if (told) return Status::Database("the plan moves a guest who was told");
      write = *move;
    }
    ENTREE_RETURN_IF_ERROR(write->Bind(1, ToString(seat.attendee_id))
                               .Bind(2, int64_t{seat.round})
                               .Bind(3, seat.table)
                               .Run());
  }
  // Seats the new plan no longer gives (a guest left out), told ones kept.
  auto drop = Cached(
      "DELETE FROM seat WHERE attendee_id = ?1 AND round = ?2 "
      "AND told_at IS NULL");
  if (!drop.ok()) return drop.status();
  for (const auto& [key, seat] : before) {
    if (seat.told_at) continue;
    ENTREE_RETURN_IF_ERROR(
        (*drop)->Bind(1, key.first).Bind(2, key.second).Run());
  }
  ENTREE_RETURN_IF_ERROR(transaction.Commit());
  return true;
}

Result<bool> Store::MarkSeatsTold(const Uuid& attendee_id, Instant now) {
  auto stmt = Cached(
      "UPDATE seat SET told_at = ?2 WHERE attendee_id = ?1 "
      "AND told_at IS NULL");
  if (!stmt.ok()) return stmt.status();
  ENTREE_RETURN_IF_ERROR(
      (*stmt)->Bind(1, ToString(attendee_id)).Bind(2, ToMillis(now)).Run());
  return db_.Changes() > 0;
}

Result<std::optional<Seat>> Store::GetSeat(const Uuid& attendee_id, int round) {
  ENTREE_ASSIGN_OR_RETURN(auto seats, SeatsOf(attendee_id));
  for (Seat& seat : seats) {
    if (seat.round == round) return std::optional<Seat>(std::move(seat));
  }
  return std::optional<Seat>();
}

Status Store::MergeRounds(int rounds) {
  if (rounds < 0 || rounds > 12) {
    return Status::InvalidArgument("rounds out of bounds");
  }
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached("UPDATE event SET rounds = ?1"));
  return stmt->Bind(1, int64_t{rounds}).Run();
}

Status Store::MergeTable(const SeatingTable& table) {
  if (table.name.empty() || table.name.size() > kMaxTableBytes ||
      table.theme.size() > kMaxOrganisationBytes || table.capacity < 0 ||
      table.capacity > 10000) {
    return Status::InvalidArgument("table out of bounds");
  }
  return UpsertTable(table);
}

Result<std::optional<std::string>> Store::MergeSeat(const Seat& seat) {
  ENTREE_ASSIGN_OR_RETURN(int rounds, SeatingRounds());
  if (seat.round < 1 || seat.round > std::max(rounds, 1) ||
      seat.table.size() > kMaxTableBytes) {
    return Status::InvalidArgument("seat out of bounds");
  }
  // Seats are for guests; hosts stay at their own table.
  auto guest = GetAttendee(seat.attendee_id);
  if (!guest.ok()) {
    return guest.status().IsNotFound()
               ? Status::InvalidArgument("a seat for an unknown guest")
               : guest.status();
  }
  if (guest->role != Role::kGuest) {
    return Status::InvalidArgument("a seat for someone who is not a guest");
  }
  ENTREE_ASSIGN_OR_RETURN(auto ours, GetSeat(seat.attendee_id, seat.round));
  if (ours && ours->told_at) {
    // Told here: it stays, whatever the other kiosk planned.
    if (seat.told_at && !seat.table.empty() && seat.table != ours->table) {
      return std::optional<std::string>("told table " + ours->table +
                                        " here and " + seat.table +
                                        " at another door");
    }
    return std::optional<std::string>();
  }
  std::string id = ToString(seat.attendee_id);
  if (seat.table.empty()) {
    auto drop =
        Cached("DELETE FROM seat WHERE attendee_id = ?1 AND round = ?2");
    if (!drop.ok()) return drop.status();
    ENTREE_RETURN_IF_ERROR(
        (*drop)->Bind(1, id).Bind(2, int64_t{seat.round}).Run());
    return std::optional<std::string>();
  }
  // At one of the organiser's tables (they came first): a seat names no
  // table into being.
  auto put = Cached(
      "INSERT INTO seat (attendee_id, round, table_name, told_at) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (attendee_id, round) DO UPDATE SET "
      "table_name = excluded.table_name, told_at = excluded.told_at");
  if (!put.ok()) return put.status();
  (*put)->Bind(1, id).Bind(2, int64_t{seat.round}).Bind(3, seat.table);
  if (seat.told_at) {
    (*put)->Bind(4, ToMillis(*seat.told_at));
  } else {
    (*put)->BindNull(4);
  }
  ENTREE_RETURN_IF_ERROR((*put)->Run());
  return std::optional<std::string>();
}

Result<std::vector<Store::Overfull>> Store::OverfullTables() {
  auto stmt = Cached(
      "SELECT s.table_name, s.round, count(*) + (SELECT count(*) FROM "
      "attendee h WHERE h.role = 'host' AND h.table_name = s.table_name), "
      "t.capacity FROM seat s JOIN seating_table t ON t.name = s.table_name "
      "WHERE t.capacity > 0 GROUP BY s.table_name, s.round "
      "HAVING count(*) + (SELECT count(*) FROM attendee h WHERE h.role = "
      "'host' AND h.table_name = s.table_name) > t.capacity "
      "ORDER BY s.round, s.table_name");
  if (!stmt.ok()) return stmt.status();
  return CollectRows<Overfull>(**stmt, [](const Statement& s) {
    return Overfull{s.ColumnText(0), static_cast<int>(s.ColumnInt(1)),
                    static_cast<int>(s.ColumnInt(2)),
                    static_cast<int>(s.ColumnInt(3))};
  });
}

}  // namespace entree
