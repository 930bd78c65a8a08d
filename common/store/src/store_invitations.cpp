// Store: the guests' languages and the invitations' send log.
#include "entree/base/uuid.h"
#include "entree/store/store.h"

namespace entree {
namespace {

constexpr std::string_view kInviteColumns =
    "attendee_id, state, address, badge_serial, attempts, detail, permanent, "
    "updated_at, sent_at";

InviteRecord ReadInvite(const Statement& s) {
  InviteRecord record;
  record.attendee_id = ParseUuid(s.ColumnText(0)).value_or(Uuid{});
  record.state =
      ParseInviteState(s.ColumnText(1)).value_or(InviteState::kUnknown);
  record.address = s.ColumnText(2);
  record.badge_serial = static_cast<uint32_t>(s.ColumnInt(3));
  record.attempts = static_cast<int>(s.ColumnInt(4));
  record.detail = s.ColumnText(5);
  record.permanent = s.ColumnInt(6) != 0;
  record.updated_at = FromMillis(s.ColumnInt(7));
  if (!s.ColumnIsNull(8)) record.sent_at = FromMillis(s.ColumnInt(8));
  return record;
}

}  // namespace

std::string_view ToString(InviteState state) {
  switch (state) {
    case InviteState::kQueued:
      return "queued";
    case InviteState::kSending:
      return "sending";
    case InviteState::kSent:
      return "sent";
    case InviteState::kFailed:
      return "failed";
    case InviteState::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<InviteState> ParseInviteState(std::string_view text) {
  for (InviteState state :
       {InviteState::kQueued, InviteState::kSending, InviteState::kSent,
        InviteState::kFailed, InviteState::kUnknown}) {
    if (text == ToString(state)) return state;
  }
  return std::nullopt;
}

Result<std::string> Store::AttendeeLanguage(const Uuid& attendee_id) {
  auto stmt = Cached("SELECT language FROM attendee WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return Status::NotFound("no attendee " + ToString(attendee_id));
  std::string language = (*stmt)->ColumnText(0);
  (*stmt)->Reset();
  return language;
}

Status Store::SetAttendeeLanguage(const Uuid& attendee_id,
                                  std::string_view language) {
  auto stmt = Cached("UPDATE attendee SET language = ?2 WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  ENTREE_RETURN_IF_ERROR(
      (*stmt)->Bind(1, ToString(attendee_id)).Bind(2, language).Run());
  if (db_.Changes() == 0) {
    return Status::NotFound("no attendee " + ToString(attendee_id));
  }
  return Status::Ok();
}

Result<std::optional<InviteRecord>> Store::GetInvite(const Uuid& attendee_id) {
  auto stmt = Cached("SELECT " + std::string(kInviteColumns) +
                     " FROM invitation WHERE attendee_id = ?1");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, ToString(attendee_id));
  ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
  if (!row) return std::optional<InviteRecord>();
  InviteRecord record = ReadInvite(**stmt);
  (*stmt)->Reset();
  return std::optional<InviteRecord>(std::move(record));
}

Result<std::vector<InviteRecord>> Store::ListInvites() {
  auto stmt =
      Cached("SELECT " + std::string(kInviteColumns) + " FROM invitation");
  if (!stmt.ok()) return stmt.status();
  std::vector<InviteRecord> records;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
    if (!row) break;
    records.push_back(ReadInvite(**stmt));
  }
  return records;
}

Status Store::PutInvite(const InviteRecord& record) {
  auto stmt = Cached("INSERT OR REPLACE INTO invitation (" +
                     std::string(kInviteColumns) +
                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  s.Bind(1, ToString(record.attendee_id))
      .Bind(2, ToString(record.state))
      .Bind(3, record.address)
      .Bind(4, int64_t{record.badge_serial})
      .Bind(5, int64_t{record.attempts})
      .Bind(6, record.detail)
      .Bind(7, int64_t{record.permanent ? 1 : 0})
      .Bind(8, ToMillis(record.updated_at));
  if (record.sent_at) {
    s.Bind(9, ToMillis(*record.sent_at));
  } else {
    s.BindNull(9);
  }
  return s.Run();
}

Result<int> Store::MarkInterruptedInvites(Instant now) {
  auto stmt = Cached(
      "UPDATE invitation SET state = 'unknown', updated_at = ?1, "
      "detail = 'the run stopped while handing it to the mail server' "
      "WHERE state = 'sending'");
  if (!stmt.ok()) return stmt.status();
  ENTREE_RETURN_IF_ERROR((*stmt)->Bind(1, ToMillis(now)).Run());
  return db_.Changes();
}

}  // namespace entree
