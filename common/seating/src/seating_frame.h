// What every seating plan of one problem shares: who gets a seat, how many
// guests each table takes in each round, and how often a guest may visit
// one table. Internal to the seating code.
#pragma once

#include <random>
#include <vector>

#include "entree/seating/seating.h"

namespace entree::seating_internal {

// A table without a capacity limit takes this many guests.
constexpr int kNoLimit = 1 << 28;

struct SeatingFrame {
  int rounds = 0;
  int tables = 0;
  std::vector<int> seated;             // guest indices, told ones first
  std::vector<bool> is_seated;         // by guest index
  std::vector<int> guest_room;         // guests a table takes, by table
  std::vector<std::vector<int>> size;  // [round][table]: guests seated
  int allowed_visits = 1;              // per guest per table
};

// Guests a table takes besides its hosts.
int GuestRoom(const SeatingProblem::Table& table);

// Told guests first, then arrived ones, then the rest in their order, as
// many as the tables take; table sizes as even as the told seats and the
// capacities allow.
SeatingFrame MakeFrame(const SeatingProblem& problem);

int SectorIndex(Sector sector);

// Fills `plan` with the told seats and marks every guest unseated.
void PlaceTold(const SeatingProblem& problem, SeatingPlan& plan);

using Random = std::mt19937_64;

}  // namespace entree::seating_internal
