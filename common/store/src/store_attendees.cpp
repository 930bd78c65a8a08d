// Store: attendees, their lookup and the accent-insensitive name search.
#include <algorithm>

#include "entree/base/text.h"
#include "entree/base/uuid.h"
#include "entree/store/store.h"

namespace entree {
namespace {

constexpr std::string_view kAttendeeColumns =
    "id, external_id, given_name, family_name, organisation, sector, email, "
    "role, coalesce(table_name, ''), source, consent, created_at, updated_at, "
    "ticket, shop_code";
constexpr int kAttendeeColumnCount = 15;

std::string SelectAttendees(std::string_view where_and_order) {
  return "SELECT " + std::string(kAttendeeColumns) + " FROM attendee " +
         std::string(where_and_order);
}

// Reads the columns of kAttendeeColumns, starting at `first`.
Attendee ReadAttendee(const Statement& s, int first = 0) {
  Attendee a;
  a.id = ParseUuid(s.ColumnText(first)).value_or(Uuid{});
  a.external_id = s.ColumnText(first + 1);
  a.given_name = s.ColumnText(first + 2);
  a.family_name = s.ColumnText(first + 3);
  a.organisation = s.ColumnText(first + 4);
  a.sector = ParseSector(s.ColumnText(first + 5)).value_or(Sector::kOther);
  a.email = s.ColumnText(first + 6);
  a.role = ParseRole(s.ColumnText(first + 7)).value_or(Role::kGuest);
  a.table = s.ColumnText(first + 8);
  a.source = ParseSource(s.ColumnText(first + 9)).value_or(Source::kInvited);
  a.consent = s.ColumnInt(first + 10) != 0;
  a.created_at = FromMillis(s.ColumnInt(first + 11));
  a.updated_at = FromMillis(s.ColumnInt(first + 12));
  a.ticket =
      ParseTicketState(s.ColumnText(first + 13)).value_or(TicketState::kValid);
  a.shop_code = s.ColumnText(first + 14);
  return a;
}

std::string SearchKey(const Attendee& a) {
  return FoldForSearch(a.given_name + " " + a.family_name + " " +
                       a.organisation);
}

// Dutch order: "de Gelder" sorts under G. Queries order by the key, then
// by id.
std::string SortKey(const Attendee& a) {
  return FoldForSearch(FamilyNameCore(a.family_name)) + '\x01' +
         FoldForSearch(a.given_name);
}

}  // namespace

AttendeeKeys::AttendeeKeys(const Attendee& a)
    : id(ToString(a.id)), search_key(SearchKey(a)), sort_key(SortKey(a)) {}

namespace {

// Binds every stored field of `a` to parameters first..first + 16 in
// kAttendeeInsertColumns order, without copies: `a` and `keys` must
// outlive the statement's run.
void BindAttendee(Statement& s, const Attendee& a, const AttendeeKeys& keys,
                  int first = 1) {
  s.BindUncopied(first, keys.id)
      .BindUncopied(first + 1, a.external_id)
      .BindUncopied(first + 2, a.given_name)
      .BindUncopied(first + 3, a.family_name)
      .BindUncopied(first + 4, a.organisation)
      .BindUncopied(first + 5, ToString(a.sector))
      .BindUncopied(first + 6, a.email)
      .BindUncopied(first + 7, ToString(a.role))
      .BindUncopied(first + 9, ToString(a.source))
      .Bind(first + 10, int64_t{a.consent ? 1 : 0})
      .BindUncopied(first + 11, keys.search_key)
      .BindUncopied(first + 12, keys.sort_key)
      .Bind(first + 13, ToMillis(a.created_at))
      .Bind(first + 14, ToMillis(a.updated_at))
      .BindUncopied(first + 15, ToString(a.ticket))
      .BindUncopied(first + 16, a.shop_code);
  if (a.table.empty()) {
    s.BindNull(first + 8);
  } else {
    s.BindUncopied(first + 8, a.table);
  }
}

constexpr std::string_view kAttendeeInsertColumns =
    "INSERT INTO attendee (id, external_id, given_name, family_name, "
    "organisation, sector, email, role, table_name, source, consent, "
    "search_key, sort_key, created_at, updated_at, ticket, shop_code) VALUES ";
constexpr int kAttendeeInsertParameters = 17;

// An INSERT of `rows` attendees, 17 parameters per row. The parameters
// are anonymous ("?"): SQLite numbers them in order, and unlike "?NNN" it
// keeps no list of their names to search while it binds thousands.
std::string InsertAttendeesSql(int rows) {
  std::string sql(kAttendeeInsertColumns);
  for (int row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (int column = 0; column < kAttendeeInsertParameters; ++column) {
      sql += column == 0 ? "?" : ", ?";
    }
    sql += ")";
  }
  return sql;
}

// Collects all rows of a stepped attendee query.
Result<std::vector<Attendee>> ReadAll(Statement& s) {
  std::vector<Attendee> out;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
    if (!row) return out;
    out.push_back(ReadAttendee(s));
  }
}

Result<std::optional<Attendee>> ReadOne(Statement& s) {
  ENTREE_ASSIGN_OR_RETURN(auto all, ReadAll(s));
  if (all.empty()) return std::optional<Attendee>();
  return std::optional<Attendee>(std::move(all.front()));
}

}  // namespace

Result<Attendee> Store::GetAttendee(const Uuid& id) {
  static const std::string sql = SelectAttendees("WHERE id = ?1");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  auto found = ReadOne(stmt->Bind(1, ToString(id)));
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::Localized(StatusCode::kNotFound, "error.no_attendee",
                             {ToString(id)});
  }
  return std::move(**found);
}

Result<std::optional<Attendee>> Store::FindByExternalId(std::string_view id) {
  static const std::string sql =
      SelectAttendees("WHERE external_id = ?1 AND external_id <> ''");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  return ReadOne(stmt->Bind(1, id));
}

Result<std::optional<Attendee>> Store::FindByEmail(std::string_view email) {
  static const std::string sql = SelectAttendees(
      "WHERE email = ?1 COLLATE NOCASE AND email <> '' ORDER BY created_at "
      "LIMIT 1");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  return ReadOne(stmt->Bind(1, email));
}

Result<std::optional<Attendee>> Store::FindByShopCode(std::string_view code) {
  static const std::string sql =
      SelectAttendees("WHERE shop_code = ?1 AND shop_code <> ''");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  return ReadOne(stmt->Bind(1, code));
}

Status Store::InsertAttendee(const Attendee& attendee) {
  ENTREE_RETURN_IF_ERROR(CheckFieldBounds(attendee));
  static const std::string sql = InsertAttendeesSql(1);
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  AttendeeKeys keys(attendee);
  BindAttendee(*stmt, attendee, keys);
  return stmt->Run();
}

Status Store::InsertAttendees(std::span<const KeyedAttendee> attendees) {
  // SQLite's work per statement (start, savepoint, end) is paid once per
  // batch instead of once per attendee.
  constexpr int kBatch = 256;
  static const std::string batch_sql = InsertAttendeesSql(kBatch);
  static const std::string single_sql = InsertAttendeesSql(1);
  for (const KeyedAttendee& keyed : attendees) {
    ENTREE_RETURN_IF_ERROR(CheckFieldBounds(*keyed.attendee));
  }
  for (size_t done = 0; done < attendees.size();) {
    bool whole_batch = done + kBatch <= attendees.size();
    int rows = whole_batch ? kBatch : 1;
    ENTREE_ASSIGN_OR_RETURN(auto stmt,
                            Cached(whole_batch ? batch_sql : single_sql));
    for (int row = 0; row < rows; ++row) {
      const KeyedAttendee& keyed = attendees[done + row];
      BindAttendee(*stmt, *keyed.attendee, keyed.keys,
                   row * kAttendeeInsertParameters + 1);
    }
    ENTREE_RETURN_IF_ERROR(stmt->Run());
    done += rows;
  }
  return Status::Ok();
}

Status Store::UpdateAttendee(const Attendee& attendee) {
  ENTREE_RETURN_IF_ERROR(CheckFieldBounds(attendee));
  auto stmt = Cached(
      "UPDATE attendee SET external_id = ?2, given_name = ?3, "
      "family_name = ?4, organisation = ?5, sector = ?6, email = ?7, "
      "role = ?8, table_name = ?9, source = ?10, consent = ?11, "
      "search_key = ?12, sort_key = ?13, created_at = ?14, updated_at = ?15, "
      "ticket = ?16, shop_code = ?17 WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  AttendeeKeys keys(attendee);
  BindAttendee(**stmt, attendee, keys);
  ENTREE_RETURN_IF_ERROR((*stmt)->Run());
  if (db_.Changes() == 0) {
    return Status::Localized(StatusCode::kNotFound, "error.no_attendee",
                             {ToString(attendee.id)});
  }
  return Status::Ok();
}

Result<std::vector<Attendee>> Store::ListAttendees() {
  static const std::string sql = SelectAttendees("ORDER BY sort_key, id");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  return ReadAll(*stmt);
}

Result<std::vector<Attendee>> Store::ListAttendeesByCreation() {
  static const std::string sql = SelectAttendees("ORDER BY created_at, id");
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  return ReadAll(*stmt);
}

Result<std::vector<Attendee>> Store::SearchAttendees(std::string_view query,
                                                     int limit) {
  std::string folded = FoldForSearch(query);
  std::vector<std::string> words;
  for (size_t pos = 0; pos < folded.size();) {
    size_t space = folded.find(' ', pos);
    if (space == std::string::npos) space = folded.size();
    words.push_back(folded.substr(pos, space - pos));
    pos = space + 1;
  }
  std::vector<Attendee> matches;
  if (words.empty() || limit <= 0) return matches;
  // SQLite narrows by the longest word; the others are checked here.
  std::sort(words.begin(), words.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  static const std::string sql =
      "SELECT " + std::string(kAttendeeColumns) +
      ", search_key FROM attendee WHERE instr(search_key, ?1) > 0 "
      "ORDER BY sort_key, id";
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Cached(sql));
  Statement& s = *stmt;
  s.Bind(1, words.front());
  while (static_cast<int>(matches.size()) < limit) {
    auto row = s.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string key = s.ColumnText(kAttendeeColumnCount);
    bool all = std::all_of(words.begin() + 1, words.end(), [&](const auto& w) {
      return key.find(w) != std::string::npos;
    });
    if (all) matches.push_back(ReadAttendee(s));
  }
  s.Reset();
  return matches;
}

Result<Attendee> Store::ResolveAttendee(std::string_view reference) {
  std::string_view ref = Trim(reference);
  if (ref.empty())
    return Status::Localized(StatusCode::kNotFound, "error.no_attendee", {""});
  if (auto uuid = ParseUuid(ref)) return GetAttendee(*uuid);
  ENTREE_ASSIGN_OR_RETURN(auto by_external, FindByExternalId(ref));
  if (by_external) return std::move(*by_external);
  if (ref.find('@') != std::string_view::npos) {
    // Colleagues booked by one buyer may share an address: then it names
    // nobody in particular.
    auto sharing = Cached(
        "SELECT count(*) FROM attendee WHERE email = ?1 COLLATE NOCASE AND "
        "email <> ''");
    if (!sharing.ok()) return sharing.status();
    (*sharing)->Bind(1, ref);
    auto counted = (*sharing)->Step();
    if (!counted.ok()) return counted.status();
    int64_t holders = (*sharing)->ColumnInt(0);
    (*sharing)->Reset();
    if (holders > 1) {
      return Status::Localized(StatusCode::kNotFound, "error.shared_email",
                               {std::string(ref)});
    }
    auto by_email = FindByEmail(ref);
    if (!by_email.ok()) return by_email.status();
    if (*by_email) return std::move(**by_email);
    return Status::Localized(StatusCode::kNotFound, "error.no_attendee",
                             {std::string(ref)});
  }
  auto found = SearchAttendees(ref, 2);
  if (!found.ok()) return found.status();
  if (found->empty()) {
    return Status::Localized(StatusCode::kNotFound, "error.no_attendee",
                             {std::string(ref)});
  }
  if (found->size() > 1) {
    return Status::Localized(StatusCode::kNotFound, "error.ambiguous_attendee",
                             {std::string(ref)});
  }
  return std::move(found->front());
}

}  // namespace entree
