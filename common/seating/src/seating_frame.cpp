// Who is seated and how large each table is in each round.
#include "seating_frame.h"

#include <algorithm>
#include <cassert>
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

  for (const auto& table : problem.tables) {
    frame.guest_room.push_back(GuestRoom(table));
  }
  auto told = [&](size_t g) {
    return static_cast<int>(problem.guests[g].told.size()) == frame.rounds;
  };
  // Told guests keep their seats, even at a table whose capacity was
  // lowered since; the others get what room is left in every round.
  frame.size.assign(static_cast<size_t>(frame.rounds),
                    std::vector<int>(static_cast<size_t>(frame.tables), 0));
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    if (!told(g)) continue;
    frame.is_seated[g] = true;
    frame.seated.push_back(static_cast<int>(g));
    for (int r = 0; r < frame.rounds; ++r) {
      ++frame.size[r][problem.guests[g].told[r]];
    }
  }
  int64_t free_room = kNoLimit;
  for (int r = 0; r < frame.rounds; ++r) {
    int64_t left = 0;
    for (int t = 0; t < frame.tables; ++t) {
      left += std::max(0, frame.guest_room[t] - frame.size[r][t]);
    }
    free_room = std::min(free_room, left);
  }
  int free_guests = 0;
  auto take = [&](size_t g) {
    if (frame.is_seated[g] || free_guests >= free_room) return;
    frame.is_seated[g] = true;
    frame.seated.push_back(static_cast<int>(g));
    ++free_guests;
  };
  for (size_t g = 0; g < problem.guests.size(); ++g) {
    if (problem.guests[g].arrived) take(g);
  }
  for (size_t g = 0; g < problem.guests.size(); ++g) take(g);

  // The others go one by one to the table with the fewest guests that still
  // has room: the fewest pairs meet again then, whatever the hosts. Ties go
  // to a different table each round, so that the tables that take one guest
  // more take turns: a guest who visits every table once needs each table's
  // sizes over the rounds to add up to the number of guests.
  for (int r = 0; r < frame.rounds; ++r) {
    for (int placed = 0; placed < free_guests; ++placed) {
      int best = -1;
      for (int k = 0; k < frame.tables; ++k) {
        int t = (k + r) % frame.tables;
        if (frame.size[r][t] >= frame.guest_room[t]) continue;
        if (best < 0 || frame.size[r][t] < frame.size[r][best]) best = t;
      }
      assert(best >= 0);  // free_guests fit the room left in every round
      ++frame.size[r][best];
    }
  }
  return frame;
}

}  // namespace seating_internal
}  // namespace entree
