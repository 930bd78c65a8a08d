// Sync with PostgreSQL: pushing the outbox, pulling by cursor, and the
// kiosk's session that listens for other kiosks' pushes.
#include "entree/sync/sync_server.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <vector>

#include "entree/base/uuid.h"
#include "entree/sync/sync_records.h"
#include "sync_apply.h"
#include "sync_connection.h"
#include "sync_device_check.h"
#include "sync_event_clock.h"
#include "sync_pages.h"

namespace entree {
namespace {

// One lock number per event: pushes take it alone, pulls share it, so a
// pull never passes a push that has taken sequence numbers but not yet
// committed them.
constexpr const char* kLockEvent = "SELECT pg_advisory_xact_lock(hashtext($1))";
constexpr const char* kShareEvent =
    "SELECT pg_advisory_xact_lock_shared(hashtext($1))";

// --- push ------------------------------------------------------------------

// A PostgreSQL array literal of text: {"a","b\"c"}.
std::string ArrayOf(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// One batch of outbox records as columns, each kind sent in one statement
// (unnest over arrays) instead of one round trip per record.
class Batch {
 public:
  void Add(const Attendee& a) {
    if (!attendee_ids_.insert(ToString(a.id)).second) return;  // once each
    Append(attendees_,
           {ToString(a.id), a.external_id, a.given_name, a.family_name,
            a.organisation, std::string(ToString(a.sector)), a.email,
            std::string(ToString(a.role)), a.table,
            std::string(ToString(a.source)), a.consent ? "true" : "false",
            std::to_string(ToMillis(a.created_at)),
            std::to_string(ToMillis(a.updated_at)),
            std::string(ToString(a.ticket)), a.shop_code});
  }
  void Add(const Badge& b) {
    Append(badges_, {ToString(b.attendee_id), std::to_string(b.serial),
                     std::to_string(ToMillis(b.issued_at)), b.kiosk_id});
  }
  void Add(const CheckinRecord& c) {
    Append(checkins_,
           {ToString(c.id), ToString(c.attendee_id),
            std::to_string(c.badge_serial), c.kiosk_id,
            std::string(ToString(c.direction)), std::to_string(ToMillis(c.at)),
            std::string(ToString(c.verdict)),
            c.undoes ? ToString(*c.undoes) : std::string()});
  }

  void Add(const SeatingTable& t) {
    if (!table_names_.insert(t.name).second) return;
    Append(tables_, {t.name, std::to_string(t.capacity), t.theme});
  }
  void SetRounds(int rounds) { rounds_ = rounds; }
  // A seat, or with an empty table one taken away by a new plan.
  void Add(const Seat& seat) {
    std::string key =
        ToString(seat.attendee_id) + " " + std::to_string(seat.round);
    if (!seat_keys_.insert(key).second) return;
    Append(seats_,
           {ToString(seat.attendee_id), std::to_string(seat.round), seat.table,
            seat.told_at ? std::to_string(ToMillis(*seat.told_at))
                         : std::string()});
  }

  Status Send(PgServer& server, const std::string& event,
              const std::string& kiosk) const {
    if (!attendees_.empty()) {
      Status status = server.Exec(
          "INSERT INTO attendees (event_id, id, seq, external_id, given_name, "
          "family_name, organisation, sector, email, role, table_name, "
          "source, consent, created_at, updated_at, ticket, shop_code) "
          "SELECT $1, u.id, nextval('entree_change_seq'), u.external_id, "
          "u.given_name, u.family_name, u.organisation, u.sector, u.email, "
          "u.role, u.table_name, u.source, u.consent::boolean, "
          "u.created_at::bigint, u.updated_at::bigint, u.ticket, u.shop_code "
          "FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], "
          "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], "
          "$11::text[], $12::text[], $13::text[], $14::text[], $15::text[], "
          "$16::text[]) AS u(id, external_id, given_name, family_name, "
          "organisation, sector, email, role, table_name, source, consent, "
          "created_at, updated_at, ticket, shop_code) "
          "ON CONFLICT (event_id, id) DO UPDATE SET "
          "external_id = EXCLUDED.external_id, "
          "given_name = EXCLUDED.given_name, "
          "family_name = EXCLUDED.family_name, "
          "organisation = EXCLUDED.organisation, sector = EXCLUDED.sector, "
          "email = EXCLUDED.email, role = EXCLUDED.role, "
          "table_name = EXCLUDED.table_name, source = EXCLUDED.source, "
          "consent = EXCLUDED.consent, updated_at = EXCLUDED.updated_at, "
          "ticket = EXCLUDED.ticket, shop_code = EXCLUDED.shop_code, "
          "seq = nextval('entree_change_seq')",
          Params(event, attendees_));
      if (!status.ok()) return status;
    }
    // A device's badges for one guest in serial order, one statement per
    // step: the server takes a guest's next serial only (sync_schema.cpp),
    // and a statement does not see its own rows.
    for (const Columns& step : BadgeSteps()) {
      Status status = server.Exec(
          "INSERT INTO badges (event_id, attendee_id, serial, issued_at, "
          "kiosk_id, seq) SELECT $1, u.a, u.s::bigint, u.i::bigint, u.k, "
          "nextval('entree_change_seq') FROM unnest($2::text[], $3::text[], "
          "$4::text[], $5::text[]) AS u(a, s, i, k) ON CONFLICT DO NOTHING",
          Params(event, step));
      if (!status.ok()) return status;
    }
    if (!checkins_.empty()) {
      Status status = server.Exec(
          "INSERT INTO checkins (event_id, id, attendee_id, badge_serial, "
          "kiosk_id, direction, at, verdict, undoes, seq) SELECT $1, u.id, "
          "u.a, u.s::bigint, u.k, u.d, u.t::bigint, u.v, NULLIF(u.u, ''), "
          "nextval('entree_change_seq') FROM unnest($2::text[], $3::text[], "
          "$4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
          "$9::text[]) AS u(id, a, s, k, d, t, v, u) ON CONFLICT DO NOTHING",
          Params(event, checkins_));
      if (!status.ok()) return status;
    }
    if (rounds_) {
      Status status = server.Exec(
          "INSERT INTO plans (event_id, rounds, seq) VALUES ($1, "
          "$2::integer, 0) ON CONFLICT (event_id) DO UPDATE SET "
          "rounds = EXCLUDED.rounds",
          {event, std::to_string(*rounds_)});
      if (!status.ok()) return status;
    }
    if (!tables_.empty()) {
      Status status = server.Exec(
          "INSERT INTO seating_tables (event_id, name, capacity, theme, seq) "
          "SELECT $1, u.n, u.c::integer, u.t, 0 FROM unnest($2::text[], "
          "$3::text[], $4::text[]) AS u(n, c, t) ON CONFLICT (event_id, name) "
          "DO UPDATE SET capacity = EXCLUDED.capacity, theme = EXCLUDED.theme",
          Params(event, tables_));
      if (!status.ok()) return status;
    }
    if (!seats_.empty()) {
      // Through the server's function, which keeps a told seat as the
      // first door told it (sync_schema.cpp).
      std::vector<std::string> params = {event, kiosk};
      for (const auto& column : seats_) params.push_back(ArrayOf(column));
      Status status = server.Exec(
          "SELECT entree_put_seats($1, $2, $3::text[], $4::text[], "
          "$5::text[], $6::text[])",
          params);
      if (!status.ok()) return status;
    }
    return Status::Ok();
  }

 private:
  using Columns = std::vector<std::vector<std::string>>;
  static void Append(Columns& columns, std::vector<std::string> row) {
    columns.resize(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      columns[i].push_back(std::move(row[i]));
    }
  }
  // The badges split so that the k-th step holds each guest's k-th
  // badge, in serial order.
  std::vector<Columns> BadgeSteps() const {
    if (badges_.empty()) return {};
    std::vector<size_t> order(badges_[0].size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto serial = [&](size_t i) { return std::stoull(badges_[1][i]); };
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return serial(a) < serial(b); });
    std::vector<Columns> steps;
    std::map<std::string, size_t> seen;  // badges of each guest so far
    for (size_t i : order) {
      size_t step = seen[badges_[0][i]]++;
      if (steps.size() <= step) steps.resize(step + 1);
      std::vector<std::string> row;
      for (const auto& column : badges_) row.push_back(column[i]);
      Append(steps[step], std::move(row));
    }
    return steps;
  }
  static std::vector<std::string> Params(const std::string& event,
                                         const Columns& columns) {
    std::vector<std::string> params = {event};
    for (const auto& column : columns) params.push_back(ArrayOf(column));
    return params;
  }
  std::set<std::string> attendee_ids_, table_names_, seat_keys_;
  Columns attendees_, badges_, checkins_, tables_, seats_;
  std::optional<int> rounds_;
};

// Adds one outbox line's record to `batch`; a record gone here is skipped.
Status Load(Store& store, const OutboxEntry& entry, Batch& batch) {
  if (entry.kind == "rounds") {
    ENTREE_ASSIGN_OR_RETURN(int rounds, store.SeatingRounds());
    batch.SetRounds(rounds);
    return Status::Ok();
  }
  if (entry.kind == "table") {
    ENTREE_ASSIGN_OR_RETURN(auto tables, store.ListTables());
    for (const SeatingTable& table : tables) {
      if (table.name == entry.record_id) batch.Add(table);
    }
    return Status::Ok();
  }
  if (entry.kind == "seat") {
    size_t space = entry.record_id.rfind(' ');
    auto id = ParseUuid(entry.record_id.substr(0, space));
    auto round = space == std::string::npos
                     ? std::nullopt
                     : DecodeNumber(entry.record_id.substr(space + 1));
    if (!id || !round) return Status::Ok();
    ENTREE_ASSIGN_OR_RETURN(auto seat,
                            store.GetSeat(*id, static_cast<int>(*round)));
    // Gone here: taken away by a new plan, which the others learn too.
    batch.Add(seat ? *seat : Seat{*id, static_cast<int>(*round), "", {}});
    return Status::Ok();
  }
  if (entry.kind == "attendee") {
    auto id = ParseUuid(entry.record_id);
    auto attendee = id ? store.GetAttendee(*id) : Status::NotFound("");
    if (attendee.ok()) batch.Add(*attendee);
    return attendee.ok() || attendee.status().IsNotFound() ? Status::Ok()
                                                           : attendee.status();
  }
  if (entry.kind == "badge") {
    size_t space = entry.record_id.find(' ');
    auto id = ParseUuid(entry.record_id.substr(0, space));
    if (!id || space == std::string::npos) return Status::Ok();
    auto badge = store.GetBadge(
        *id, static_cast<uint32_t>(std::stoul(entry.record_id.substr(space))));
    if (badge.ok()) batch.Add(*badge);
    return badge.ok() || badge.status().IsNotFound() ? Status::Ok()
                                                     : badge.status();
  }
  auto id = ParseUuid(entry.record_id);
  auto checkin = id ? store.GetCheckin(*id) : Status::NotFound("");
  if (checkin.ok()) batch.Add(*checkin);
  return checkin.ok() || checkin.status().IsNotFound() ? Status::Ok()
                                                       : checkin.status();
}

// What the login may do on the server: a device's own login (DeviceLogin)
// or the owner's, who may do everything.
struct Rights {
  bool device = false;       // a device's login: entree_device_state() knows it
  bool registers = true;     // may write guests and badges
  bool emails = true;        // may read emails and external ids
  bool event_clock = false;  // the server's event row has a time zone
};

Result<int> Push(PgServer& server, Store& store, const std::string& event,
                 const std::string& kiosk, const Rights& rights) {
  constexpr int kBatch = 2000;
  int pushed = 0;
  while (true) {
    ENTREE_ASSIGN_OR_RETURN(auto entries, store.Outbox(kBatch));
    if (entries.empty()) return pushed;
    Batch batch;
    for (const OutboxEntry& entry : entries) {
      // A door neither registers guests nor makes badges, and no device
      // changes the organiser's tables or rounds: such a change here (none
      // is expected) is not the device's to send.
      bool organisers = entry.kind == "table" || entry.kind == "rounds";
      bool registering = entry.kind == "attendee" || entry.kind == "badge";
      if ((rights.device && organisers) || (!rights.registers && registering)) {
        continue;
      }
      Status loaded = Load(store, entry, batch);
      if (!loaded.ok()) return loaded;
    }
    Status status = server.Exec("BEGIN");
    if (status.ok()) status = server.Exec(kLockEvent, {event});
    if (status.ok()) status = batch.Send(server, event, kiosk);
    if (status.ok()) status = server.Exec("COMMIT");
    if (!status.ok()) {
      (void)server.Exec("ROLLBACK");
      return status;
    }
    // The server has them; a crash before they are dropped sends them
    // again, which the server ignores.
    for (size_t next = 0; next < entries.size(); next += kStepRecords) {
      size_t last = std::min(entries.size(), next + kStepRecords) - 1;
      ENTREE_ASSIGN_OR_RETURN(auto step, store.BeginStep());
      status = store.DropOutboxThrough(entries[last].seq);
      if (status.ok()) status = step.Commit();
      if (!status.ok()) return status;
    }
    pushed += static_cast<int>(entries.size());
  }
}

// --- pull ------------------------------------------------------------------

Result<Pulled> Pull(PgServer& server, const std::string& event, int64_t cursor,
                    const Rights& rights) {
  Pulled pulled;
  pulled.cursor = cursor;
  std::string after = std::to_string(cursor);
  Status status = server.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
  if (status.ok()) status = server.Exec(kShareEvent, {event});
  // Whatever fails below, the transaction is not left open on the
  // connection.
  struct RollBackUnlessDone {
    PgServer& server;
    bool done = false;
    ~RollBackUnlessDone() {
      if (!done) server.Exec("ROLLBACK").ok();
    }
  } open_transaction{server};
  if (!status.ok()) return status;
  // A door's login may not read emails and external ids: it asks for
  // empty ones, and its file never holds them.
  const PulledTable tables[] = {
      {"attendee",
       rights.emails
           ? "seq, id, external_id, given_name, family_name, organisation, "
             "sector, email, role, table_name, source, consent, created_at, "
             "updated_at, ticket, shop_code"
           : "seq, id, '' AS external_id, given_name, family_name, "
             "organisation, sector, '' AS email, role, table_name, source, "
             "consent, created_at, updated_at, ticket, shop_code",
       "attendees"},
      {"badge", "seq, attendee_id, serial, issued_at, kiosk_id", "badges"},
      {"checkin",
       "seq, id, attendee_id, badge_serial, kiosk_id, direction, at, "
       "verdict, coalesce(undoes, '') AS undoes",
       "checkins"},
      {"rounds", "seq, rounds", "plans"},
      {"table", "seq, name, capacity, theme", "seating_tables"},
      {"seat",
       "seq, attendee_id, round, table_name, coalesce(told_at::text, '') AS "
       "told_at",
       "seats"},
  };
  std::vector<Page> pages;
  std::optional<int64_t> bound;  // the pull reaches this far when cut
  for (const PulledTable& t : tables) {
    ENTREE_ASSIGN_OR_RETURN(Page page, PageOf(server, t, event, after));
    if (page.cut_at)
      bound = std::min(bound.value_or(*page.cut_at), *page.cut_at);
    pages.push_back(std::move(page));
  }
  std::vector<Rows> fetched;
  for (size_t i = 0; i < pages.size(); ++i) {
    std::vector<std::string> wanted;
    for (const std::string& seq : pages[i].fetch) {
      if (!bound || std::stoll(seq) <= *bound) wanted.push_back(seq);
    }
    for (int64_t seq : pages[i].too_large) {
      if (bound && seq > *bound) continue;
      pulled.refused.push_back(
          {tables[i].kind, "change " + std::to_string(seq),
           "over " + std::to_string(kMaxPulledRowBytes) + " bytes"});
      pulled.cursor = std::max(pulled.cursor, seq);
    }
    std::string sql = std::string("SELECT ") + tables[i].columns + " FROM " +
                      tables[i].table +
                      " WHERE event_id = $1 AND seq = ANY($2::bigint[]) "
                      "ORDER BY seq";
    ENTREE_ASSIGN_OR_RETURN(auto rows,
                            server.Run(sql.c_str(), {event, ArrayOf(wanted)}));
    fetched.push_back(std::move(rows));
  }
  if (bound) {
    pulled.cursor = std::max(pulled.cursor, *bound);
    pulled.more = true;
  }
  status = server.Exec("COMMIT");
  if (!status.ok()) return status;
  open_transaction.done = true;

  // Each row decoded whole or refused; the cursor passes refused rows too,
  // so one damaged row is not fetched again and again.
  auto decode = [&pulled](PGresult* rows, auto decoder, auto& into,
                          const char* kind) {
    std::vector<std::string_view> fields(
        static_cast<size_t>(std::max(0, PQnfields(rows) - 1)));
    for (int i = 0; i < PQntuples(rows); ++i) {
      for (size_t k = 0; k < fields.size(); ++k) {
        fields[k] = PQgetvalue(rows, i, static_cast<int>(k) + 1);
      }
      auto record = decoder(fields);
      if (record) {
        into.push_back(std::move(*record));
      } else {
        pulled.refused.push_back(
            {kind, std::string(fields.empty() ? "" : fields[0].substr(0, 80)),
             "does not decode"});
      }
      if (auto seq = DecodeNumber(PQgetvalue(rows, i, 0))) {
        pulled.cursor = std::max(pulled.cursor, *seq);
      }
    }
  };
  decode(fetched[0].get(), DecodeAttendeeFields, pulled.attendees, "attendee");
  decode(fetched[1].get(), DecodeBadgeFields, pulled.badges, "badge");
  decode(fetched[2].get(), DecodeCheckinFields, pulled.checkins, "checkin");
  auto decode_rounds = [](std::span<const std::string_view> f) {
    auto count = f.size() == 1 ? DecodeNumber(f[0]) : std::nullopt;
    return count && *count >= 0 && *count <= 12
               ? std::optional<Rounds>(Rounds{static_cast<int>(*count)})
               : std::nullopt;
  };
  decode(fetched[3].get(), decode_rounds, pulled.rounds, "rounds");
  decode(fetched[4].get(), DecodeTableFields, pulled.tables, "table");
  decode(fetched[5].get(), DecodeSeatFields, pulled.seats, "seat");
  return pulled;
}

}  // namespace

// The session's connection: a PgServer and the event it syncs.
class SyncConnection {
 public:
  SyncConnection(PgServer connected, std::string event_id, Rights granted)
      : server(std::move(connected)),
        event(std::move(event_id)),
        rights(granted) {}
  PgServer server;
  std::string event;
  Rights rights;
};

namespace {

// What the login may do, asked of the server (a server set up before
// devices knows only its owner's login).
Result<Rights> RightsOf(PgServer& server) {
  ENTREE_ASSIGN_OR_RETURN(
      auto rows,
      server.Run("SELECT CASE WHEN to_regclass('devices') IS NULL THEN false "
                 "ELSE NOT has_table_privilege('devices', 'SELECT') END, "
                 "has_table_privilege('attendees', 'INSERT'), "
                 "has_column_privilege('attendees', 'email', 'SELECT'), "
                 "to_regclass('seats') IS NOT NULL, "
                 "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = "
                 "to_regclass('events') AND attname = 'time_zone' AND "
                 "NOT attisdropped)"));
  Rights rights;
  if (Text(rows.get(), 0, 3) != "t") {
    return Status::Localized(StatusCode::kDatabase, "error.server_outdated",
                             {});
  }
  rights.device = Text(rows.get(), 0, 0) == "t";
  rights.registers = Text(rows.get(), 0, 1) == "t";
  rights.emails = Text(rows.get(), 0, 2) == "t";
  rights.event_clock = Text(rows.get(), 0, 4) == "t";
  return rights;
}

}  // namespace

Result<SyncSession> SyncSession::Open(const std::string& conninfo,
                                      const EventId& event) {
  ENTREE_ASSIGN_OR_RETURN(auto server, PgServer::Connect(conninfo));
  // One channel per event: the id of another event is not in any notice
  // a kiosk can hear.
  Status listening =
      server.Exec(("LISTEN \"" + ChannelName(ToString(event)) + "\"").c_str());
  if (!listening.ok()) return listening;
  ENTREE_ASSIGN_OR_RETURN(Rights rights, RightsOf(server));
  return SyncSession(std::make_unique<SyncConnection>(std::move(server),
                                                      ToString(event), rights));
}

SyncSession::SyncSession(std::unique_ptr<SyncConnection> connection)
    : connection_(std::move(connection)) {}
SyncSession::SyncSession(SyncSession&&) noexcept = default;
SyncSession& SyncSession::operator=(SyncSession&&) noexcept = default;
SyncSession::~SyncSession() = default;

Result<SyncReport> SyncSession::Sync(Store& store, std::string_view kiosk_id,
                                     Instant now) {
  PgServer& server = connection_->server;
  const std::string& event_id = connection_->event;
  const Rights& rights = connection_->rights;
  Status enabled = store.EnableOutbox();
  if (!enabled.ok()) return enabled;
  if (rights.device) {
    // Its own login: the server knows its name, and lets it write under
    // no other.
    ENTREE_RETURN_IF_ERROR(CheckDevice(server, store, event_id, now));
  } else {
    // A kiosk id is one kiosk's: the first file to sync under it keeps it,
    // so two boxes given one name (a cloned host name) cannot hide each
    // other's admissions. A device's name is that device's alone.
    auto named = server.Run(
        "SELECT count(*) FROM devices WHERE event_id = $1 AND name = $2",
        {event_id, std::string(kiosk_id)});
    if (!named.ok()) return named.status();
    if (Number(named->get(), 0, 0) > 0) {
      return Status::Localized(StatusCode::kAlreadyExists,
                               "error.kiosk_id_taken", {std::string(kiosk_id)});
    }
    auto device = store.DeviceId();
    if (!device.ok()) return device.status();
    auto claimed = server.Run(
        "INSERT INTO kiosks (event_id, kiosk_id, last_sync_at, waiting, "
        "device) VALUES ($1, $2, now(), 0, $3) ON CONFLICT (event_id, "
        "kiosk_id) DO UPDATE SET device = CASE WHEN kiosks.device = '' THEN "
        "EXCLUDED.device ELSE kiosks.device END RETURNING device",
        {event_id, std::string(kiosk_id), *device});
    if (!claimed.ok()) return claimed.status();
    if (Text(claimed->get(), 0, 0) != *device) {
      return Status::Localized(StatusCode::kAlreadyExists,
                               "error.kiosk_id_taken", {std::string(kiosk_id)});
    }
  }
  SyncReport report;
  Result<int> pushed =
      Push(server, store, event_id, std::string(kiosk_id), rights);
  if (!pushed.ok()) return pushed.status();
  report.pushed = *pushed;
  if (report.pushed > 0) {
    Status told = server.Exec("SELECT pg_notify($1, $2)",
                              {ChannelName(event_id), std::string(kiosk_id)});
    if (!told.ok()) return told;
  }
  // Page after page until the pull is no longer cut short.
  bool more = true;
  while (more) {
    Result<int64_t> cursor = store.SyncCursor();
    if (!cursor.ok()) return cursor.status();
    Result<Pulled> pulled = Pull(server, event_id, *cursor, rights);
    if (!pulled.ok()) return pulled.status();
    Result<int> set_aside = Apply(store, *pulled, now);
    if (!set_aside.ok()) return set_aside.status();
    report.refused += *set_aside;
    report.pulled +=
        static_cast<int>(pulled->attendees.size() + pulled->badges.size() +
                         pulled->checkins.size() + pulled->rounds.size() +
                         pulled->tables.size() + pulled->seats.size() +
                         pulled->refused.size()) -
        *set_aside;
    report.cursor = pulled->cursor;
    more = pulled->more;
  }
  if (rights.event_clock) {
    // The organiser's zone and times reach every device; a device whose
    // tzdata lacks the zone keeps its own and syncs on.
    if (rights.device) {
      Status taken = TakeEventClock(server, store);
      if (!taken.ok() && taken.code() != StatusCode::kInvalidArgument) {
        return taken;
      }
    } else {
      ENTREE_RETURN_IF_ERROR(PublishEventClock(server, store, event_id));
    }
  }
  Result<int64_t> waiting = store.OutboxSize();
  if (!waiting.ok()) return waiting.status();
  report.waiting = *waiting;
  Status seen = server.Exec(
      "INSERT INTO kiosks (event_id, kiosk_id, last_sync_at, waiting) "
      "VALUES ($1, $2, now(), $3) ON CONFLICT (event_id, kiosk_id) DO UPDATE "
      "SET last_sync_at = now(), waiting = EXCLUDED.waiting",
      {event_id, std::string(kiosk_id), std::to_string(report.waiting)});
  if (!seen.ok()) return seen;
  if (rights.device) {
    // For the organiser's list of devices.
    ENTREE_RETURN_IF_ERROR(server.Exec("SELECT entree_contact($1::integer)",
                                       {std::to_string(report.waiting)}));
  }
  return report;
}

Result<bool> SyncSession::WaitForOthers(std::chrono::milliseconds timeout) {
  return connection_->server.AwaitNotice(ChannelName(connection_->event),
                                         timeout);
}

Result<std::vector<KioskSeen>> SyncSession::Kiosks() {
  auto rows = connection_->server.Run(
      "SELECT kiosk_id, (extract(epoch FROM last_sync_at) * 1000)::bigint, "
      "waiting FROM kiosks WHERE event_id = $1 ORDER BY kiosk_id",
      {connection_->event});
  if (!rows.ok()) return rows.status();
  std::vector<KioskSeen> kiosks;
  for (int i = 0; i < PQntuples(rows->get()); ++i) {
    kiosks.push_back({Text(rows->get(), i, 0),
                      FromMillis(Number(rows->get(), i, 1)),
                      Number(rows->get(), i, 2)});
  }
  return kiosks;
}

Result<SyncReport> SyncOnce(Store& store, const std::string& conninfo,
                            std::string_view kiosk_id, Instant now) {
  Result<Event> event = store.GetEvent();
  if (!event.ok()) return event.status();
  // Queued before connecting, so an offline kiosk counts what waits.
  Status enabled = store.EnableOutbox();
  if (!enabled.ok()) return enabled;
  ENTREE_ASSIGN_OR_RETURN(auto session, SyncSession::Open(conninfo, event->id));
  return session.Sync(store, kiosk_id, now);
}

}  // namespace entree
