// Store: the print log, what was printed when and how it ended.
#include "entree/base/uuid.h"
#include "entree/store/store.h"

namespace entree {
namespace {

constexpr std::string_view kPrintColumns =
    "id, attendee_id, badge_serial, kiosk_id, printer, layout, asked, "
    "requested_at, cups_job, outcome, detail, finished_at";

PrintRecord ReadPrint(const Statement& s) {
  PrintRecord record;
  record.id = ParseUuid(s.ColumnText(0)).value_or(Uuid{});
  record.attendee_id = ParseUuid(s.ColumnText(1)).value_or(Uuid{});
  record.badge_serial = static_cast<uint32_t>(s.ColumnInt(2));
  record.kiosk_id = s.ColumnText(3);
  record.printer = s.ColumnText(4);
  record.layout = s.ColumnText(5);
  record.asked = s.ColumnInt(6) != 0;
  record.requested_at = FromMillis(s.ColumnInt(7));
  record.cups_job = static_cast<int>(s.ColumnInt(8));
  record.outcome = s.ColumnText(9);
  record.detail = s.ColumnText(10);
  if (!s.ColumnIsNull(11)) record.finished_at = FromMillis(s.ColumnInt(11));
  return record;
}

}  // namespace

Status Store::RecordPrintRequest(const PrintRecord& record) {
  auto stmt = Cached(
      "INSERT INTO print_job (id, attendee_id, badge_serial, kiosk_id, "
      "printer, layout, asked, requested_at, cups_job, outcome, detail) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!stmt.ok()) return stmt.status();
  return (*stmt)
      ->Bind(1, ToString(record.id))
      .Bind(2, ToString(record.attendee_id))
      .Bind(3, int64_t{record.badge_serial})
      .Bind(4, record.kiosk_id)
      .Bind(5, record.printer)
      .Bind(6, record.layout)
      .Bind(7, int64_t{record.asked ? 1 : 0})
      .Bind(8, ToMillis(record.requested_at))
      .Bind(9, int64_t{record.cups_job})
      .Bind(10, record.outcome)
      .Bind(11, record.detail)
      .Run();
}

Status Store::RecordPrintOutcome(const Uuid& id, int cups_job,
                                 std::string_view outcome,
                                 std::string_view detail, Instant at) {
  auto stmt = Cached(
      "UPDATE print_job SET cups_job = ?2, outcome = ?3, detail = ?4, "
      "finished_at = ?5 WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  Status status = (*stmt)
                      ->Bind(1, ToString(id))
                      .Bind(2, int64_t{cups_job})
                      .Bind(3, outcome)
                      .Bind(4, detail)
                      .Bind(5, ToMillis(at))
                      .Run();
  if (!status.ok()) return status;
  if (db_.Changes() == 0)
    return Status::NotFound("no print job " + ToString(id));
  return Status::Ok();
}

Result<PrintRecord> Store::GetPrintJob(const Uuid& id) {
  auto stmt = Cached("SELECT " + std::string(kPrintColumns) +
                     " FROM print_job WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(id));
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return Status::NotFound("no print job " + ToString(id));
  PrintRecord record = ReadPrint(**stmt);
  (*stmt)->Reset();
  return record;
}

Result<bool> Store::BadgeSentToPrinter(const Uuid& attendee_id,
                                       uint32_t serial) {
  auto stmt = Cached(
      "SELECT EXISTS (SELECT 1 FROM print_job WHERE attendee_id = ?1 AND "
      "badge_serial = ?2)");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id)).Bind(2, int64_t{serial});
  ENTREE_RETURN_IF_ERROR((*stmt)->Step().status());
  bool sent = (*stmt)->ColumnInt(0) != 0;
  (*stmt)->Reset();
  return sent;
}

Result<std::vector<PrintRecord>> Store::PrintLog(int limit) {
  auto stmt = Cached("SELECT " + std::string(kPrintColumns) +
                     " FROM print_job ORDER BY requested_at DESC, rowid DESC "
                     "LIMIT ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, int64_t{limit});
  return CollectRows<PrintRecord>(**stmt, ReadPrint);
}

Result<std::vector<PrintRecord>> Store::PrintJobsOf(const Uuid& attendee_id) {
  auto stmt = Cached("SELECT " + std::string(kPrintColumns) +
                     " FROM print_job WHERE attendee_id = ?1 "
                     "ORDER BY requested_at, rowid");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  return CollectRows<PrintRecord>(**stmt, ReadPrint);
}

}  // namespace entree
