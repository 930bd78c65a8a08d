// World Café seating as a pure problem: guests, hosted tables and rounds in,
// a table per guest per round out. No store, no clock; the event's side is
// in seating_event.h.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "entree/base/model.h"

namespace entree {

// Sectors as indices 0..3 (business, government, education, other).
constexpr int kSectorCount = 4;
using SectorCounts = std::array<int, kSectorCount>;

struct SeatingProblem {
  struct Table {
    int capacity = 0;      // people at the table, hosts included; 0: no limit
    SectorCounts hosts{};  // the hosts who stay at this table every round
    int HostCount() const;
  };
  struct Guest {
    Sector sector = Sector::kOther;
    // The table per round (0-based indices into `tables`) of a guest who has
    // been told where to sit; empty for a guest the plan may place freely.
    std::vector<int> told;
    // Seated even when the tables are full for the others (has arrived).
    bool arrived = false;
  };
  int rounds = 0;
  std::vector<Table> tables;
  std::vector<Guest> guests;
};

// kUnseated in a guest's row: no seat for them in this plan (the tables are
// full; they are seated when they arrive and a place is free).
constexpr int kUnseated = -1;

// table[guest][round]: a table index or kUnseated. A guest is seated in
// every round or in none.
struct SeatingPlan {
  std::vector<std::vector<int>> table;
};

struct PlanOptions {
  uint64_t seed = 1;
  // Improvement steps per guest per round; the default plans 600 guests at
  // 30 tables over 4 rounds well inside a second.
  int steps_per_seat = 800;
};

// The plan that keeps every told guest where they were told and every host
// at their own table, and never seats more people at a table than its
// capacity. Within that it keeps a guest from visiting a table twice (when
// there are at least as many tables as rounds), then makes each table's
// sector mix as close to the room's as it can and lets as few pairs of
// people share a table again as it can. Guests are left unseated only when
// the tables are full: told and arrived guests first, then the others in
// their order. The same problem and seed always give the same plan.
SeatingPlan PlanSeating(const SeatingProblem& problem,
                        const PlanOptions& options = {});

// A plan as an organiser shuffling cards would make it: everyone placed at
// random within the same capacities, hosts and told seats, visiting a table
// twice only when no other table has room. The baseline for PlanSeating.
SeatingPlan RandomSeating(const SeatingProblem& problem, uint64_t seed);

// How good a plan is.
struct SeatingQuality {
  // Pairs of people (hosts included) who share a table in more than one
  // round, each counted once per extra round together.
  int64_t repeat_pairs = 0;
  // Largest and mean distance, in people, between a table's count of a
  // sector in a round and that table's share of the room's sector mix.
  double max_sector_deviation = 0;
  double mean_sector_deviation = 0;
  int revisits = 0;  // a guest at a table they sat at in an earlier round
  int unseated = 0;  // guests without a seat
  bool capacities_hold = true;
};
SeatingQuality MeasureSeating(const SeatingProblem& problem,
                              const SeatingPlan& plan);

// No plan that seats `seated` guests (hosts stay, guests move to another
// table each round while there are at least as many tables as rounds) has
// fewer repeat pairs than this.
int64_t RepeatPairLowerBound(const SeatingProblem& problem, int seated);

}  // namespace entree
