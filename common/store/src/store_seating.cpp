// Store: the World Café seating plan, a table per guest per round.
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
  ENTREE_RETURN_IF_ERROR(
      db_.Exec(forget_told ? "DELETE FROM seat"
                           : "DELETE FROM seat WHERE told_at IS NULL"));
  auto insert = Cached(
      "INSERT INTO seat (attendee_id, round, table_name) VALUES (?1, ?2, ?3)");
  if (!insert.ok()) return insert.status();
  for (const Seat& seat : untold) {
    ENTREE_RETURN_IF_ERROR((*insert)
                               ->Bind(1, ToString(seat.attendee_id))
                               .Bind(2, int64_t{seat.round})
                               .Bind(3, seat.table)
                               .Run());
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

}  // namespace entree
