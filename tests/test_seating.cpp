// The World Café planner on random events: its rules hold, it beats a
// random plan, and on events small enough to try every plan it finds the
// best one and never goes below its lower bound.
#include <catch2/catch.hpp>
#include <functional>
#include <random>

#include "entree/seating/seating.h"

namespace entree {
namespace {

const Sector kSectors[] = {Sector::kBusiness, Sector::kGovernment,
                           Sector::kEducation, Sector::kOther};

struct EventShape {
  int guests;
  int tables;
  int rounds;
  bool tight = false;  // capacities just large enough, or smaller
};

// A random event of `shape`: sectors mixed unevenly, zero to two hosts per
// table, and with `tight` capacities near the guests per table.
SeatingProblem RandomEvent(const EventShape& shape, std::mt19937_64& random) {
  SeatingProblem problem;
  problem.rounds = shape.rounds;
  std::discrete_distribution<int> sector_of({45, 25, 22, 8});
  for (int t = 0; t < shape.tables; ++t) {
    SeatingProblem::Table table;
    int hosts = static_cast<int>(random() % 3);
    for (int h = 0; h < hosts; ++h) ++table.hosts[sector_of(random)];
    if (shape.tight) {
      table.capacity = hosts + shape.guests / shape.tables +
                       static_cast<int>(random() % 3) - 1;
      table.capacity = std::max(table.capacity, hosts);
    }
    problem.tables.push_back(table);
  }
  for (int g = 0; g < shape.guests; ++g) {
    SeatingProblem::Guest guest;
    guest.sector = kSectors[sector_of(random)];
    guest.arrived = random() % 2 == 0;
    problem.guests.push_back(guest);
  }
  return problem;
}

int GuestRoom(const SeatingProblem& problem) {
  int room = 0;
  for (const auto& table : problem.tables) {
    if (table.capacity == 0) return 1 << 30;
    room += std::max(0, table.capacity - table.HostCount());
  }
  return room;
}

// Checks every rule of the plan directly, without MeasureSeating.
void CheckRules(const SeatingProblem& problem, const SeatingPlan& plan) {
  REQUIRE(plan.table.size() == problem.guests.size());
  int seated = 0;
  for (size_t g = 0; g < plan.table.size(); ++g) {
    const auto& row = plan.table[g];
    REQUIRE(static_cast<int>(row.size()) == problem.rounds);
    bool any = std::any_of(row.begin(), row.end(),
                           [](int t) { return t != kUnseated; });
    bool all = std::all_of(row.begin(), row.end(),
                           [](int t) { return t != kUnseated; });
    CHECK(any == all);  // a seat in every round or in none
    if (all) ++seated;
    if (!problem.guests[g].told.empty()) CHECK(row == problem.guests[g].told);
    for (int t : row) {
      CHECK(t >= kUnseated);
      CHECK(t < static_cast<int>(problem.tables.size()));
    }
  }
  // As many seated as there is room for; every arrived guest first.
  int wanted = std::min<int>(static_cast<int>(problem.guests.size()),
                             GuestRoom(problem));
  CHECK(seated == wanted);
  if (seated < static_cast<int>(problem.guests.size())) {
    for (size_t g = 0; g < plan.table.size(); ++g) {
      if (problem.guests[g].arrived) CHECK(plan.table[g][0] != kUnseated);
    }
  }
  for (int r = 0; r < problem.rounds; ++r) {
    std::vector<int> people(problem.tables.size(), 0);
    for (size_t t = 0; t < problem.tables.size(); ++t) {
      people[t] = problem.tables[t].HostCount();
    }
    for (const auto& row : plan.table) {
      if (row[r] != kUnseated) ++people[row[r]];
    }
    for (size_t t = 0; t < problem.tables.size(); ++t) {
      int capacity = problem.tables[t].capacity;
      if (capacity > 0)
        CHECK(people[t] <= std::max(capacity, problem.tables[t].HostCount()));
    }
  }
}

TEST_CASE("plans of random events keep every rule and beat a random plan") {
  std::mt19937_64 random(20261128);
  const EventShape shapes[] = {
      {60, 3, 3},        {61, 3, 3},   {57, 4, 3},       {200, 10, 4},
      {35, 5, 5},        {12, 2, 4},   {90, 6, 3, true}, {45, 3, 2, true},
      {150, 8, 4, true}, {7, 3, 2},    {1, 2, 2},        {0, 3, 3},
      {80, 4, 1},        {120, 12, 6}, {30, 2, 2, true}};
  for (const EventShape& shape : shapes) {
    for (int run = 0; run < 3; ++run) {
      SeatingProblem problem = RandomEvent(shape, random);
      uint64_t seed = random();
      SeatingPlan plan = PlanSeating(problem, {seed});
      INFO(shape.guests << " guests, " << shape.tables << " tables, "
                        << shape.rounds << " rounds, run " << run);
      CheckRules(problem, plan);
      SeatingQuality ours = MeasureSeating(problem, plan);
      SeatingQuality shuffled =
          MeasureSeating(problem, RandomSeating(problem, seed));
      CHECK(ours.capacities_hold);
      // Tight tables can force a guest back to a table when every guest
      // must visit each table once; otherwise nobody sits anywhere twice.
      bool guests_move = shape.rounds <= shape.tables;
      if (guests_move && !shape.tight) CHECK(ours.revisits == 0);
      int seated = static_cast<int>(problem.guests.size()) - ours.unseated;
      if (!guests_move || ours.revisits == 0) {
        CHECK(ours.repeat_pairs >= RepeatPairLowerBound(problem, seated));
      }
      // The plan weighs the sector mix against meeting again, so it may let
      // a few more pairs meet than a shuffle that ignores sectors.
      CHECK(ours.mean_sector_deviation <=
            shuffled.mean_sector_deviation + 1e-9);
      CHECK(static_cast<double>(ours.repeat_pairs) <=
            1.1 * static_cast<double>(shuffled.repeat_pairs));
      // The same problem and seed give the same plan.
      if (run == 0) CHECK(PlanSeating(problem, {seed}).table == plan.table);
    }
  }
}

TEST_CASE("each table's sector mix stays within one person of the room's") {
  std::mt19937_64 random(7);
  for (int run = 0; run < 2; ++run) {
    SeatingProblem problem = RandomEvent({600, 30, 4}, random);
    SeatingQuality quality = MeasureSeating(problem, PlanSeating(problem));
    CHECK(quality.max_sector_deviation <= 1.0);
    // Only co-hosts of one table, who stay together, meet again.
    CHECK(quality.repeat_pairs == RepeatPairLowerBound(problem, 600));
  }
}

TEST_CASE("told guests stay where they were told; the rest are planned") {
  std::mt19937_64 random(11);
  SeatingProblem problem = RandomEvent({60, 3, 3}, random);
  SeatingPlan first = PlanSeating(problem, {1});
  // A third are told; walk-ins join; the plan is made again.
  for (size_t g = 0; g < problem.guests.size(); g += 3) {
    problem.guests[g].told = first.table[g];
  }
  for (int walk_in = 0; walk_in < 8; ++walk_in) {
    SeatingProblem::Guest guest;
    guest.sector = kSectors[walk_in % 4];
    guest.arrived = true;
    problem.guests.push_back(guest);
  }
  SeatingPlan again = PlanSeating(problem, {2});
  CheckRules(problem, again);
  for (size_t g = 0; g < 60; g += 3) CHECK(again.table[g] == first.table[g]);
  SeatingQuality quality = MeasureSeating(problem, again);
  CHECK(quality.unseated == 0);
  CHECK(quality.revisits == 0);
}

TEST_CASE("full tables seat the arrived before the others") {
  SeatingProblem problem;
  problem.rounds = 2;
  problem.tables = {{4, {1, 0, 0, 0}}, {4, {0, 1, 0, 0}}};  // 3 guests each
  for (int g = 0; g < 10; ++g) {
    SeatingProblem::Guest guest;
    guest.arrived = g >= 6;  // the last four have arrived
    problem.guests.push_back(guest);
  }
  SeatingPlan plan = PlanSeating(problem);
  CheckRules(problem, plan);
  for (int g = 6; g < 10; ++g) CHECK(plan.table[g][0] != kUnseated);
  CHECK(MeasureSeating(problem, plan).unseated == 4);
}

TEST_CASE("told guests keep their seats when a table was made smaller") {
  SeatingProblem problem;
  problem.rounds = 2;
  problem.tables = {{4, {1, 0, 0, 0}}, {4, {0, 1, 0, 0}}};  // 3 guests each
  for (int g = 0; g < 10; ++g) {
    SeatingProblem::Guest guest;
    if (g < 4) guest.told = {0, 1};  // told before the capacity went down
    problem.guests.push_back(guest);
  }
  SeatingPlan plan = PlanSeating(problem);
  for (int g = 0; g < 4; ++g) CHECK(plan.table[g] == std::vector<int>{0, 1});
  // Three places are left in each round: at the other table.
  CHECK(MeasureSeating(problem, plan).unseated == 3);
  for (int g = 4; g < 10; ++g) {
    if (plan.table[g][0] != kUnseated) {
      CHECK(plan.table[g] == std::vector<int>{1, 0});
    }
  }
}

// Every plan in which each guest visits distinct tables and tables have
// the frame's sizes, by brute force: the fewest repeat pairs there are.
int64_t BestByTrying(const SeatingProblem& problem) {
  const int tables = static_cast<int>(problem.tables.size());
  std::vector<std::vector<int>> orders;  // a guest's tables, one per round
  std::vector<int> order(static_cast<size_t>(problem.rounds));
  std::function<void(int)> orders_from = [&](int r) {
    if (r == problem.rounds) {
      orders.push_back(order);
      return;
    }
    for (int t = 0; t < tables; ++t) {
      if (std::find(order.begin(), order.begin() + r, t) != order.begin() + r)
        continue;
      order[r] = t;
      orders_from(r + 1);
    }
  };
  orders_from(0);
  int64_t best = -1;
  SeatingPlan plan;
  plan.table.resize(problem.guests.size());
  std::function<void(size_t)> choose = [&](size_t g) {
    if (g == problem.guests.size()) {
      SeatingQuality q = MeasureSeating(problem, plan);
      if (q.capacities_hold && (best < 0 || q.repeat_pairs < best)) {
        best = q.repeat_pairs;
      }
      return;
    }
    for (const auto& o : orders) {
      plan.table[g] = o;
      choose(g + 1);
    }
  };
  choose(0);
  return best;
}

TEST_CASE(
    "on small events the plan is the best there is, and the bound holds") {
  std::mt19937_64 random(3);
  const EventShape shapes[] = {{6, 2, 2}, {7, 3, 2}, {6, 3, 3}, {5, 3, 3}};
  for (const EventShape& shape : shapes) {
    SeatingProblem problem = RandomEvent(shape, random);
    for (auto& table : problem.tables) {
      table.capacity =
          table.HostCount() + (shape.guests + shape.tables - 1) / shape.tables;
    }
    int64_t best = BestByTrying(problem);
    SeatingPlan plan = PlanSeating(problem);
    INFO(shape.guests << " guests, " << shape.tables << " tables, "
                      << shape.rounds << " rounds");
    CHECK(MeasureSeating(problem, plan).repeat_pairs == best);
    CHECK(RepeatPairLowerBound(problem, shape.guests) <= best);
  }
}

TEST_CASE("no tables or no rounds seat nobody") {
  SeatingProblem problem;
  problem.rounds = 3;
  problem.guests.resize(4);
  SeatingPlan plan = PlanSeating(problem);
  CHECK(MeasureSeating(problem, plan).unseated == 4);
  problem.tables.resize(2);
  problem.rounds = 0;
  CHECK(PlanSeating(problem).table.size() == 4);
  CHECK(RepeatPairLowerBound(problem, 4) == 0);
}

}  // namespace
}  // namespace entree
