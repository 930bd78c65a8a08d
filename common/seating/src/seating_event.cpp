// The event's seating plan: the store's guests and tables as a seating
// problem, the plan saved back, and what a guest is told at the door.
#include "entree/seating/seating_event.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "entree/base/uuid.h"

namespace entree {
namespace {

// The event as a seating problem: problem.tables[i] is tables[i] and
// problem.guests[i] is guests[i].
struct EventProblem {
  SeatingProblem problem;
  std::vector<SeatingTable> tables;
  std::vector<Attendee> guests;
  int told = 0;            // guests told
  int64_t told_seats = 0;  // told seat rows in the file when it was read
  // held[i]: guests[i] keeps the seats planned before though not told.
  std::vector<bool> held;
};

struct BuildRequest {
  int rounds = 0;
  bool present_only = false;
  bool reset = false;
  std::optional<Uuid> arriving;  // counts as arrived already
  // Leaves out guests without a seat who have not arrived: a plan made at
  // the door keeps to whom the organiser's plan seated.
  bool keep_to_plan = false;
  // Every guest with a seat each round keeps them, told or not: the
  // plan only places those without, so no guest told meanwhile can have
  // been moved by it.
  bool hold_planned = false;
};

Result<EventProblem> BuildProblem(Store& store, const BuildRequest& request) {
  EventProblem out;
  auto tables = store.ListTables();
  if (!tables.ok()) return tables.status();
  if (tables->empty()) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.seating_no_tables", {});
  }
  out.tables = std::move(tables).value();
  std::map<std::string, int, std::less<>> table_index;
  for (const SeatingTable& table : out.tables) {
    table_index[table.name] = static_cast<int>(out.problem.tables.size());
    out.problem.tables.push_back({table.capacity, {}});
  }
  out.problem.rounds = request.rounds;

  std::map<std::string, std::vector<Seat>> told;
  std::map<std::string, std::vector<Seat>> untold;
  std::set<std::string> planned;
  ENTREE_ASSIGN_OR_RETURN(auto seats, store.ListSeats());
  for (Seat& seat : seats) {
    std::string id = ToString(seat.attendee_id);
    planned.insert(id);
    if (seat.told_at) ++out.told_seats;
    if (seat.told_at && !request.reset) told[id].push_back(seat);
    if (!seat.told_at && request.hold_planned) untold[id].push_back(seat);
  }
  std::set<std::string> held;
  for (auto& [id, kept] : untold) {
    bool whole = static_cast<int>(kept.size()) == request.rounds &&
                 std::ranges::all_of(kept, [&](const Seat& seat) {
                   return table_index.contains(seat.table);
                 });
    if (told.contains(id) || !whole) continue;  // placed afresh
    told[id] = std::move(kept);
    held.insert(id);
  }
  auto attendance = store.Attendance();
  if (!attendance.ok()) return attendance.status();
  for (const AttendanceRow& row : *attendance) {
    const Attendee& a = row.attendee;
    auto table = table_index.find(a.table);
    if (a.role == Role::kHost && table != table_index.end()) {
      ++out.problem.tables[table->second].hosts[static_cast<int>(a.sector)];
      continue;
    }
    if (a.role != Role::kGuest) continue;
    SeatingProblem::Guest guest;
    guest.sector = a.sector;
    guest.arrived = row.first_entry.has_value() || a.id == request.arriving;
    auto known = told.find(ToString(a.id));
    if (known != told.end()) {
      if (static_cast<int>(known->second.size()) != request.rounds) {
        return Status::Localized(StatusCode::kInvalidArgument,
                                 "error.seating_told_rounds",
                                 {std::to_string(known->second.size()),
                                  std::to_string(request.rounds)});
      }
      for (const Seat& seat : known->second) {
        guest.told.push_back(table_index.at(seat.table));
      }
      if (!held.contains(known->first)) ++out.told;
    } else if (!guest.arrived &&
               (request.present_only ||
                (request.keep_to_plan && !planned.contains(ToString(a.id))))) {
      continue;
    }
    out.held.push_back(held.contains(ToString(a.id)));
    out.problem.guests.push_back(std::move(guest));
    out.guests.push_back(a);
  }
  return out;
}

Result<PlanSummary> Plan(Store& store, const PlanRequest& request,
                         std::optional<Uuid> arriving = std::nullopt) {
  if (request.rounds < 1 || request.rounds > kMaxRounds) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.seating_rounds",
                             {std::to_string(kMaxRounds)});
  }
  // A guest told while the plan was made (at this door, or another
  // process on the file) may not be moved by it: made again then. A
  // guest arriving meanwhile is, after kFreshAttempts, placed in the seats
  // left, holding everyone planned where they are: such a plan cannot
  // go stale, so a door telling guests without pause still seats them.
  constexpr int kFreshAttempts = 3;
  constexpr int kAttempts = 5;
  for (int attempt = 1;; ++attempt) {
    bool hold = arriving.has_value() && attempt > kFreshAttempts;
    auto event = BuildProblem(
        store, {request.rounds, request.present_only, request.reset, arriving,
                arriving.has_value(), hold});
    if (!event.ok()) return event.status();
    const SeatingProblem& problem = event->problem;
    SeatingPlan plan =
        PlanSeating(problem, {request.seed, request.steps_per_seat});

    PlanSummary summary;
    summary.rounds = request.rounds;
    summary.tables = static_cast<int>(problem.tables.size());
    summary.guests = static_cast<int>(problem.guests.size());
    summary.told = event->told;
    summary.quality = MeasureSeating(problem, plan);
    summary.lower_bound = RepeatPairLowerBound(
        problem, summary.guests - summary.quality.unseated);

    // Held guests are written as they were, so that nothing of theirs is
    // taken away; told ones are left out and kept by the store.
    std::vector<Seat> seats;
    for (size_t g = 0; g < problem.guests.size(); ++g) {
      if (!problem.guests[g].told.empty() && !event->held[g]) continue;
      for (int r = 0; r < request.rounds; ++r) {
        int t = plan.table[g][r];
        if (t == kUnseated) break;
        seats.push_back(
            {event->guests[g].id, r + 1, event->tables[t].name, {}});
      }
    }
    std::optional<int64_t> told_seen;
    if (!request.reset && !hold) told_seen = event->told_seats;
    ENTREE_ASSIGN_OR_RETURN(
        bool saved,
        store.SaveSeatingPlan(request.rounds, seats, request.reset, told_seen));
    if (saved) return summary;
    if (attempt == kAttempts) {
      return Status::Database(
          "guests were told their seats faster than a plan could be made");
    }
  }
}

// Table titles and hosts, looked up once per table.
class TableFacts {
 public:
  explicit TableFacts(Store& store) : store_(store) {}

  Result<SeatLine> Line(int round, const std::string& name) {
    auto known = lines_.find(name);
    if (known == lines_.end()) {
      SeatLine line;
      line.table = name;
      line.title = name;
      ENTREE_ASSIGN_OR_RETURN(auto tables, store_.ListTables());
      for (const SeatingTable& table : tables) {
        if (table.name == name) line.title = table.Title();
      }
      auto hosts = store_.TableHosts(name);
      if (!hosts.ok()) return hosts.status();
      line.hosts = std::move(hosts).value();
      known = lines_.emplace(name, std::move(line)).first;
    }
    SeatLine line = known->second;
    line.round = round;
    return line;
  }

 private:
  Store& store_;
  std::map<std::string, SeatLine> lines_;
};

}  // namespace

Result<PlanSummary> PlanEventSeating(Store& store, const PlanRequest& request) {
  return Plan(store, request, std::nullopt);
}

std::string JoinHosts(const std::vector<std::string>& hosts) {
  std::string joined;
  for (const std::string& host : hosts) {
    joined += (joined.empty() ? "" : " & ") + host;
  }
  return joined;
}

std::string SeatText(const SeatLine& seat, const Catalog& catalog) {
  if (seat.hosting) return catalog.Format("kiosk.seat_you_host", {seat.title});
  std::string round = std::to_string(seat.round);
  if (seat.hosts.empty()) {
    return catalog.Format("kiosk.seat_round_no_host", {round, seat.title});
  }
  return catalog.Format("kiosk.seat_round",
                        {round, seat.title, JoinHosts(seat.hosts)});
}

Result<std::vector<SeatLine>> SeatLinesOf(Store& store,
                                          const Attendee& attendee) {
  ENTREE_ASSIGN_OR_RETURN(auto rounds, store.SeatingRounds());
  std::vector<SeatLine> lines;
  if (rounds == 0) return lines;
  TableFacts facts(store);
  if (attendee.role == Role::kHost && !attendee.table.empty()) {
    for (int r = 1; r <= rounds; ++r) {
      auto line = facts.Line(r, attendee.table);
      if (!line.ok()) return line.status();
      line->hosting = true;
      lines.push_back(std::move(line).value());
    }
    return lines;
  }
  if (attendee.role != Role::kGuest) return lines;
  auto seats = store.SeatsOf(attendee.id);
  if (!seats.ok()) return seats.status();
  if (static_cast<int>(seats->size()) != rounds) return lines;
  for (const Seat& seat : *seats) {
    auto line = facts.Line(seat.round, seat.table);
    if (!line.ok()) return line.status();
    lines.push_back(std::move(line).value());
  }
  return lines;
}

Result<bool> NeedsSeatPlanning(Store& store, const Attendee& attendee) {
  if (attendee.role != Role::kGuest) return false;
  ENTREE_ASSIGN_OR_RETURN(int rounds, store.SeatingRounds());
  if (rounds == 0) return false;
  ENTREE_ASSIGN_OR_RETURN(auto seats, store.SeatsOf(attendee.id));
  return static_cast<int>(seats.size()) != rounds;
}

Result<std::vector<SeatLine>> TellSeats(Store& store, const Attendee& attendee,
                                        Instant now) {
  auto rounds = store.SeatingRounds();
  if (!rounds.ok()) return rounds.status();
  if (*rounds == 0 || attendee.role != Role::kGuest) {
    return SeatLinesOf(store, attendee);
  }
  ENTREE_ASSIGN_OR_RETURN(auto seats, store.SeatsOf(attendee.id));
  if (static_cast<int>(seats.size()) != *rounds) {
    PlanRequest request;
    request.rounds = *rounds;
    auto planned = Plan(store, request, attendee.id);
    if (!planned.ok()) return planned.status();
  }
  auto told = store.MarkSeatsTold(attendee.id, now);
  if (!told.ok()) return told.status();
  return SeatLinesOf(store, attendee);
}

Result<SeatingOverview> GatherSeating(Store& store) {
  SeatingOverview overview;
  auto event = store.GetEvent();
  if (!event.ok()) return event.status();
  overview.event = std::move(event).value();
  auto rounds = store.SeatingRounds();
  if (!rounds.ok()) return rounds.status();
  overview.rounds = *rounds;
  auto tables = store.ListTables();
  if (!tables.ok()) return tables.status();
  overview.tables = std::move(tables).value();
  ENTREE_ASSIGN_OR_RETURN(auto people, store.ListAttendees());
  auto seats = store.ListSeats();
  if (!seats.ok()) return seats.status();

  std::map<std::string, const Attendee*> by_id;
  for (const Attendee& a : people) by_id[ToString(a.id)] = &a;
  std::map<std::pair<std::string, int>, std::vector<const Attendee*>> seated;
  std::map<std::string, int> seat_count;
  for (const Seat& seat : *seats) {
    auto person = by_id.find(ToString(seat.attendee_id));
    if (person == by_id.end() || person->second->role != Role::kGuest) {
      continue;
    }
    seated[{seat.table, seat.round}].push_back(person->second);
    ++seat_count[person->first];
  }
  for (const Attendee& a : people) {
    if (a.role == Role::kGuest && overview.rounds > 0 &&
        seat_count[ToString(a.id)] != overview.rounds) {
      ++overview.unseated;
    }
  }
  // ListAttendees' order, kept by seating each table's list in that order.
  std::map<const Attendee*, size_t> order;
  for (size_t i = 0; i < people.size(); ++i) order[&(people)[i]] = i;
  for (const SeatingTable& table : overview.tables) {
    auto hosts = store.TableHosts(table.name);
    if (!hosts.ok()) return hosts.status();
    for (int r = 1; r <= overview.rounds; ++r) {
      TableRound cell{r, table, *hosts, {}};
      auto& guests = seated[{table.name, r}];
      std::sort(guests.begin(), guests.end(),
                [&](auto* x, auto* y) { return order[x] < order[y]; });
      for (const Attendee* guest : guests) cell.guests.push_back(*guest);
      overview.cells.push_back(std::move(cell));
    }
  }
  return overview;
}

}  // namespace entree
