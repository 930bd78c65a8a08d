// Who is seated and how large each table is in each round.
#include "seating_frame.h"

#include <algorithm>
#include <numeric>

namespace entree {

int SeatingProblem::Table::HostCount() const {
  return std::accumulate(hosts.begin(), hosts.end(), 0);
}

namespace seating_internal {

int SectorIndex(Sector sector) { return static_cast<int>(sector); }

int GuestRoom(const SeatingProblem::Table& table) {
  if (table.capacity <= 0) return kNoLimit;
  return std::max(0, table.capacity - table.HostCount());
}

void PlaceTold(const SeatingProblem& problem, SeatingPlan& plan) {
  plan.table.assign(
      problem.guests.size(),
      std::vector<int>(static_cast<size_t>(problem.rounds), kUnseated));
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    const auto& told = problem.guests[g].told;
    if (static_cast<int>(told.size()) == problem.rounds) plan.table[g] = told;
  }
}

SeatingFrame MakeFrame(const SeatingProblem& problem) {
  SeatingFrame frame;
  frame.rounds = problem.rounds;
  frame.tables = static_cast<int>(problem.tables.size());
  frame.is_seated.assign(problem.guests.size(), false);
  if (frame.rounds <= 0 || frame.tables == 0) return frame;
  frame.allowed_visits = (frame.rounds + frame.tables - 1) / frame.tables;

  int64_t room = 0;
  for (const auto& table : problem.tables) {
    frame.guest_room.push_back(GuestRoom(table));
    room += frame.guest_room.back();
  }
  auto take = [&](size_t g) {
    if (frame.is_seated[g]) return;
    frame.is_seated[g] = true;
    frame.seated.push_back(static_cast<int>(g));
  };
  auto told = [&](size_t g) {
    return static_cast<int>(problem.guests[g].told.size()) == frame.rounds;
  };
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    if (told(g)) take(g);
  }
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    if (static_cast<int64_t>(frame.seated.size()) >= room) break;
    if (problem.guests[g].arrived) take(g);
  }
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    if (static_cast<int64_t>(frame.seated.size()) >= room) break;
    take(g);
  }

  // Told seats stay; the others go one by one to the table with the fewest
  // people that still has room.
  frame.size.assign(static_cast<size_t>(frame.rounds),
                    std::vector<int>(static_cast<size_t>(frame.tables), 0));
  int free_guests = 0;
  for (int g : frame.seated) {
    if (!told(static_cast<size_t>(g))) {
      ++free_guests;
      continue;
    }
    for (int r = 0; r < frame.rounds; ++r) {
      ++frame.size[r][problem.guests[g].told[r]];
    }
  }
  // Ties go to a different table each round, so that the tables that take
  // one guest more take turns: a guest who visits every table once needs
  // each table's sizes over the rounds to add up to the number of guests.
  for (int r = 0; r < frame.rounds; ++r) {
    for (int placed = 0; placed < free_guests; ++placed) {
      int best = -1;
      for (int k = 0; k < frame.tables; ++k) {
        int t = (k + r) % frame.tables;
        if (frame.size[r][t] >= frame.guest_room[t]) continue;
        // Guests are spread evenly whatever the hosts: the fewest pairs meet
        // again then, and when every guest visits every table once each
        // table's sizes must add up to all guests.
        auto people = [&](int table) { return frame.size[r][table]; };
        if (best < 0 || people(t) < people(best)) best = t;
      }
      if (best < 0) break;  // cannot happen: seated never exceeds room
      ++frame.size[r][best];
    }
  }
  return frame;
}

}  // namespace seating_internal
}  // namespace entree
