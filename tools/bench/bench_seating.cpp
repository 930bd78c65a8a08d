// Benchmark: World Café seating plans against a random plan and the lower
// bound on repeat pairs, for a small and a large café.
//
//   entree-bench-seating [--runs N]   N plans per size (different seeds)
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "bench_support.h"
#include "entree/seating/seating.h"

namespace entree::bench {
namespace {

using Stopwatch = std::chrono::steady_clock;

// `guests` guests (half business, a quarter government, a fifth education,
// the rest other) and `tables` tables with one host each, room for an even
// share of the guests plus one.
SeatingProblem MakeCafe(int guests, int tables, int rounds, uint64_t seed) {
  std::mt19937_64 random(seed);
  SeatingProblem problem;
  problem.rounds = rounds;
  const Sector mix[] = {Sector::kBusiness, Sector::kGovernment,
                        Sector::kEducation, Sector::kOther};
  std::discrete_distribution<int> sector_of({50, 25, 20, 5});
  for (int t = 0; t < tables; ++t) {
    SeatingProblem::Table table;
    table.capacity = (guests + tables - 1) / tables + 1 + 1;
    table.hosts[static_cast<int>(mix[sector_of(random)])] = 1;
    problem.tables.push_back(table);
  }
  for (int g = 0; g < guests; ++g) {
    SeatingProblem::Guest guest;
    guest.sector = mix[sector_of(random)];
    problem.guests.push_back(guest);
  }
  return problem;
}

struct SizeFigures {
  double repeat_pairs = 0;
  double random_pairs = 0;
  double lower_bound = 0;
  double max_deviation = 0;
  double random_max_deviation = 0;
  double mean_deviation = 0;
  std::vector<double> millis;
  int revisits = 0;
  bool capacities_hold = true;
};

SizeFigures Measure(int guests, int tables, int rounds, int runs) {
  SizeFigures figures;
  for (int run = 0; run < runs; ++run) {
    uint64_t seed = static_cast<uint64_t>(run) + 1;
    SeatingProblem problem = MakeCafe(guests, tables, rounds, seed);
    auto start = Stopwatch::now();
    SeatingPlan plan = PlanSeating(problem, {seed});
    figures.millis.push_back(MillisSince(start));
    SeatingQuality ours = MeasureSeating(problem, plan);
    SeatingQuality random =
        MeasureSeating(problem, RandomSeating(problem, seed));
    figures.repeat_pairs += static_cast<double>(ours.repeat_pairs) / runs;
    figures.random_pairs += static_cast<double>(random.repeat_pairs) / runs;
    figures.lower_bound +=
        static_cast<double>(RepeatPairLowerBound(problem, guests)) / runs;
    figures.max_deviation =
        std::max(figures.max_deviation, ours.max_sector_deviation);
    figures.random_max_deviation =
        std::max(figures.random_max_deviation, random.max_sector_deviation);
    figures.mean_deviation += ours.mean_sector_deviation / runs;
    figures.revisits += ours.revisits;
    figures.capacities_hold = figures.capacities_hold && ours.capacities_hold;
    if (ours.unseated != 0) Die("a guest was left without a seat");
  }
  return figures;
}

}  // namespace
}  // namespace entree::bench

int main(int argc, char** argv) {
  using namespace entree::bench;
  int runs = FlagValue(argc, argv, "--runs", 5);
  struct Size {
    int guests, tables, rounds;
  };
  const Size sizes[] = {{60, 3, 3}, {600, 30, 4}};
  std::printf("seating: %d random events per size (mean; deviation: worst)\n\n",
              runs);
  std::printf("%-22s %9s %9s %9s %9s %9s %9s %9s\n", "guests/tables/rounds",
              "repeats", "random", "bound", "max dev", "rand dev", "mean dev",
              "p50 ms");
  for (const Size& size : sizes) {
    SizeFigures f = Measure(size.guests, size.tables, size.rounds, runs);
    std::string name = std::to_string(size.guests) + "/" +
                       std::to_string(size.tables) + "/" +
                       std::to_string(size.rounds);
    double p50 = Percentile(f.millis, 0.5);
    std::printf("%-22s %9.1f %9.1f %9.1f %9.2f %9.2f %9.2f %9.1f\n",
                name.c_str(), f.repeat_pairs, f.random_pairs, f.lower_bound,
                f.max_deviation, f.random_max_deviation, f.mean_deviation, p50);
    if (f.revisits != 0 || !f.capacities_hold) {
      Die("a plan broke a rule (revisit or capacity)");
    }
    std::string people = name + " guests/tables/rounds";
    TableRow("seating repeat pairs, " + people,
             Fixed(f.repeat_pairs, 1, "") + " (random " +
                 Fixed(f.random_pairs, 1, "") + ")",
             "lower bound " + Fixed(f.lower_bound, 1, "") + ", within 10%");
    TableRow("seating largest sector deviation, " + people,
             Fixed(f.max_deviation, 2, "people"),
             "random " + Fixed(f.random_max_deviation, 2, "people"));
    TableRow("seating plan time, " + people, Fixed(p50, 1, "ms"),
             "under 1000 ms for 600 guests");
  }
  return 0;
}
