// Store: opening, migrations, the event and its tables.
#include "entree/store/store.h"

#include <cassert>

#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/store/schema.h"

namespace entree {

namespace {

// The event's mark for the file's header: 31 bits of its id, never 0.
uint32_t MarkOf(const EventId& id) {
  uint32_t mark = uint32_t{id[0]} << 24 | uint32_t{id[1]} << 16 |
                  uint32_t{id[2]} << 8 | uint32_t{id[3]};
  return (mark & 0x7fffffff) | 1;
}

}  // namespace

Result<Store> Store::Open(const std::string& path) {
  ENTREE_ASSIGN_OR_RETURN(auto db, Database::Open(path));
  Store store(std::move(db));
  ENTREE_RETURN_IF_ERROR(store.Migrate());
  ENTREE_RETURN_IF_ERROR(store.KeepMark());
  ENTREE_RETURN_IF_ERROR(store.GiveZone());
  return store;
}

Status Store::GiveZone() {
  auto event = GetEvent();
  if (!event.ok() || !event->time_zone.empty()) return Status::Ok();
  std::string zone = TimeZone::MachineZoneName();
  auto stmt = Cached("UPDATE event SET time_zone = ?1 WHERE time_zone = ''");
  if (!stmt.ok()) return Status::Ok();
  // A file that cannot be written reads in this machine's zone all the
  // same (EventZone).
  if ((*stmt)->Bind(1, zone).Run().ok() && db_.Changes() > 0) {
    zone_given_ = zone;
  }
  return Status::Ok();
}

Status Store::KeepMark() {
  ENTREE_ASSIGN_OR_RETURN(int64_t mark, Number("PRAGMA application_id"));
  if (mark == 0) {
    // A file from before the mark gets it now, when it can be written.
    auto event = GetEvent();
    if (!event.ok()) return Status::Ok();
    mark = MarkOf(event->id);
    if (!db_.Exec("PRAGMA application_id = " + std::to_string(mark)).ok()) {
      return Status::Ok();
    }
  }
  db_.ExpectMark(static_cast<uint32_t>(mark));
  return Status::Ok();
}

Store::Store(Database db) : db_(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() {
  cache_.clear();  // statements are finalised before the connection closes
}

Result<Transaction> Store::Begin() { return Transaction::Begin(db_); }

Result<Transaction> Store::BeginStep() {
  return Transaction::Begin(db_, Writer::kBackground);
}

bool Store::SomeoneWaits() const { return db_.SomeoneWaits(); }

Status Store::TryInSavepoint(const std::function<Status()>& work,
                             Status& outcome) {
  ENTREE_RETURN_IF_ERROR(db_.Exec("SAVEPOINT store_attempt"));
  outcome = work();
  if (outcome.ok()) return db_.Exec("RELEASE store_attempt");
  return db_.Exec("ROLLBACK TO store_attempt; RELEASE store_attempt");
}

Status Store::ProbeWrite() { return db_.ProbeWrite(); }

Status Store::SaveIntoOpenFile() { return db_.SaveIntoOpenFile(); }

Status Store::Checkpoint() { return db_.Checkpoint(); }

Status Store::Migrate() {
  const auto& migrations = SchemaMigrations();
  assert(static_cast<int>(migrations.size()) == kSchemaVersion);
  ENTREE_ASSIGN_OR_RETURN(auto version, db_.UserVersion());
  if (version > kSchemaVersion) {
    return Status::Localized(
        StatusCode::kDatabase, "error.newer_schema",
        {db_.path(), std::to_string(version), std::to_string(kSchemaVersion)});
  }
  if (version == 0) {
    // A new file must be empty; anything else is some other program's data.
    auto tables = db_.Prepare("SELECT count(*) FROM sqlite_schema");
    if (!tables.ok()) return tables.status();
    auto row = tables->Step();
    if (!row.ok()) return row.status();
    if (tables->ColumnInt(0) != 0) {
      return Status::Localized(StatusCode::kDatabase, "error.not_entree_db",
                               {db_.path()});
    }
  }
  for (int v = version; v < kSchemaVersion; ++v) {
    auto tx = Transaction::Begin(db_);
    if (!tx.ok()) return tx.status();
    ENTREE_RETURN_IF_ERROR(db_.Exec(migrations[v]));
    if (v + 1 == kOutboxTriggersOnlyWhenSyncing || v + 1 == kSeatingSyncs) {
      ENTREE_RETURN_IF_ERROR(RestoreOutboxTriggers());
    }
    ENTREE_RETURN_IF_ERROR(
        db_.Exec("PRAGMA user_version = " + std::to_string(v + 1)));
    ENTREE_RETURN_IF_ERROR(tx->Commit());
  }
  return Status::Ok();
}

Result<Statement*> Store::Cached(std::string_view sql) {
  auto found = cache_.find(sql);
  if (found != cache_.end()) {
    found->second->Reset();
    return found->second.get();
  }
  ENTREE_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
  auto owned = std::make_unique<Statement>(std::move(stmt));
  Statement* raw = owned.get();
  cache_.emplace(std::string(sql), std::move(owned));
  return raw;
}

namespace {

std::optional<int64_t> OptionalMillis(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return ToMillis(*t);
}

std::optional<Instant> OptionalInstant(const std::optional<int64_t>& ms) {
  if (!ms) return std::nullopt;
  return FromMillis(*ms);
}

Statement& BindEventFields(Statement& stmt, const Event& event) {
  stmt.Bind(1, ToString(event.id))
      .Bind(2, event.name)
      .Bind(3, event.venue)
      .Bind(4, OptionalMillis(event.starts_at))
      .Bind(5, OptionalMillis(event.ends_at))
      .Bind(6, OptionalMillis(event.doors_open_at))
      .Bind(7, event.locale);
  if (event.public_key) {
    stmt.Bind(8, std::span<const uint8_t>(*event.public_key));
  } else {
    stmt.BindNull(8);
  }
  stmt.Bind(9, event.data_keeper)
      .Bind(10, int64_t{event.keep_days})
      .Bind(11, event.accent ? ColourToString(*event.accent) : std::string())
      .Bind(12, event.time_zone);
  return stmt;
}

}  // namespace

Result<Event> Store::GetEvent() {
  auto stmt = Cached(
      "SELECT id, name, venue, starts_at, ends_at, doors_open_at, locale, "
      "public_key, data_keeper, keep_days, accent, time_zone FROM event");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
  if (!row) {
    return Status::Localized(StatusCode::kNotFound, "error.no_event",
                             {db_.path()});
  }
  Event event;
  auto id = ParseEventId(s.ColumnText(0));
  if (!id) return Status::Database("damaged event id in " + db_.path());
  event.id = *id;
  event.name = s.ColumnText(1);
  event.venue = s.ColumnText(2);
  event.starts_at = OptionalInstant(s.ColumnOptionalInt(3));
  event.ends_at = OptionalInstant(s.ColumnOptionalInt(4));
  event.doors_open_at = OptionalInstant(s.ColumnOptionalInt(5));
  event.locale = s.ColumnText(6);
  std::vector<uint8_t> key = s.ColumnBlob(7);
  if (key.size() == 32) {
    event.public_key.emplace();
    std::copy(key.begin(), key.end(), event.public_key->begin());
  }
  event.data_keeper = s.ColumnText(8);
  event.keep_days = static_cast<int>(s.ColumnInt(9));
  event.accent = ParseColour(s.ColumnText(10));
  event.time_zone = s.ColumnText(11);
  s.Reset();
  return event;
}

Result<std::string> Store::GetEventLogo() {
  auto stmt = Cached("SELECT logo FROM event");
  if (!stmt.ok()) return stmt.status();
  Statement& s = **stmt;
  ENTREE_ASSIGN_OR_RETURN(auto row, s.Step());
  if (!row) {
    return Status::Localized(StatusCode::kNotFound, "error.no_event",
                             {db_.path()});
  }
  std::vector<uint8_t> bytes = s.ColumnBlob(0);
  s.Reset();
  return std::string(bytes.begin(), bytes.end());
}

Status Store::SetEventLogo(std::string_view logo) {
  auto stmt = Cached("UPDATE event SET logo = ?1");
  if (!stmt.ok()) return stmt.status();
  if (logo.empty()) {
    (*stmt)->BindNull(1);
  } else {
    (*stmt)->Bind(
        1, std::span<const uint8_t>(
               reinterpret_cast<const uint8_t*>(logo.data()), logo.size()));
  }
  ENTREE_RETURN_IF_ERROR((*stmt)->Run());
  if (db_.Changes() == 0) return Status::NotFound("no event to update");
  return Status::Ok();
}

Status Store::CreateEvent(const Event& event) {
  auto existing = GetEvent();
  if (existing.ok()) {
    return Status::Localized(StatusCode::kAlreadyExists, "error.event_exists",
                             {db_.path(), existing->name});
  }
  if (!existing.status().IsNotFound()) return existing.status();
  auto stmt = Cached(
      "INSERT INTO event (singleton, id, name, venue, starts_at, ends_at, "
      "doors_open_at, locale, public_key, data_keeper, keep_days, accent, "
      "time_zone) "
      "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!stmt.ok()) return stmt.status();
  ENTREE_RETURN_IF_ERROR(BindEventFields(**stmt, event).Run());
  uint32_t mark = MarkOf(event.id);
  ENTREE_RETURN_IF_ERROR(
      db_.Exec("PRAGMA application_id = " + std::to_string(mark)));
  db_.ExpectMark(mark);
  return Status::Ok();
}

Status Store::UpdateEvent(const Event& event) {
  auto stmt = Cached(
      "UPDATE event SET id = ?1, name = ?2, venue = ?3, starts_at = ?4, "
      "ends_at = ?5, doors_open_at = ?6, locale = ?7, public_key = ?8, "
      "data_keeper = ?9, keep_days = ?10, accent = ?11, time_zone = ?12");
  if (!stmt.ok()) return stmt.status();
  ENTREE_RETURN_IF_ERROR(BindEventFields(**stmt, event).Run());
  if (db_.Changes() == 0) return Status::NotFound("no event to update");
  return Status::Ok();
}

Status Store::UpsertTable(const SeatingTable& table) {
  auto stmt = Cached(
      "INSERT INTO seating_table (name, capacity, theme) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (name) DO UPDATE SET capacity = excluded.capacity, "
      "theme = excluded.theme");
  if (!stmt.ok()) return stmt.status();
  return (*stmt)
      ->Bind(1, table.name)
      .Bind(2, int64_t{table.capacity})
      .Bind(3, table.theme)
      .Run();
}

Status Store::EnsureTable(std::string_view name) {
  auto stmt = Cached(
      "INSERT INTO seating_table (name) VALUES (?1) ON CONFLICT DO NOTHING");
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Bind(1, name).Run();
}

Result<std::vector<SeatingTable>> Store::ListTables() {
  auto stmt =
      Cached("SELECT name, capacity, theme FROM seating_table ORDER BY name");
  if (!stmt.ok()) return stmt.status();
  std::vector<SeatingTable> tables;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
    if (!row) break;
    tables.push_back({(*stmt)->ColumnText(0),
                      static_cast<int>((*stmt)->ColumnInt(1)),
                      (*stmt)->ColumnText(2)});
  }
  return tables;
}

Result<std::vector<std::string>> Store::TableHosts(std::string_view table) {
  auto stmt = Cached(
      "SELECT given_name, family_name FROM attendee WHERE table_name = ?1 "
      "AND role = 'host' ORDER BY sort_key, id");
  if (!stmt.ok()) return stmt.status();
  (*stmt)->Bind(1, table);
  std::vector<std::string> hosts;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto row, (*stmt)->Step());
    if (!row) break;
    Attendee host;
    host.given_name = (*stmt)->ColumnText(0);
    host.family_name = (*stmt)->ColumnText(1);
    hosts.push_back(host.FullName());
  }
  return hosts;
}

}  // namespace entree
