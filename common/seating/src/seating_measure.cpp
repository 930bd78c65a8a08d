// How good a seating plan is, and how good any plan could be.
#include <algorithm>
#include <cmath>

#include "entree/seating/seating.h"
#include "seating_frame.h"

namespace entree {
namespace {

using seating_internal::GuestRoom;
using seating_internal::SectorIndex;

int64_t Pairs(int64_t n) { return n * (n - 1) / 2; }

// The fewest pairs that stay together when `n` people spread over `parts`
// tables: as evenly as possible.
int64_t PairsLeftTogether(int64_t n, int64_t parts) {
  if (parts <= 0) return Pairs(n);
  int64_t each = n / parts;
  int64_t larger = n % parts;
  return larger * Pairs(each + 1) + (parts - larger) * Pairs(each);
}

}  // namespace

SeatingQuality MeasureSeating(const SeatingProblem& problem,
                              const SeatingPlan& plan) {
  SeatingQuality quality;
  const int rounds = problem.rounds;
  const int tables = static_cast<int>(problem.tables.size());
  std::vector<int> seated;
  for (size_t g = 0; g < plan.table.size(); ++g) {
    bool has_seat = std::all_of(plan.table[g].begin(), plan.table[g].end(),
                                [](int t) { return t != kUnseated; });
    if (has_seat && rounds > 0) {
      seated.push_back(static_cast<int>(g));
    } else {
      ++quality.unseated;
    }
  }
  const size_t n = seated.size();

  std::vector<uint8_t> meets(n * n, 0);
  std::vector<int> visits(n * static_cast<size_t>(tables), 0);
  for (int r = 0; r < rounds; ++r) {
    std::vector<std::vector<size_t>> at(static_cast<size_t>(tables));
    for (size_t i = 0; i < n; ++i) {
      int t = plan.table[seated[i]][r];
      for (size_t x : at[t]) ++meets[i * n + x];
      at[t].push_back(i);
      ++visits[i * tables + t];
    }
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t x = 0; x < i; ++x) {
      quality.repeat_pairs += std::max(0, meets[i * n + x] - 1);
    }
    for (int t = 0; t < tables; ++t) {
      int extra = std::max(0, visits[i * tables + t] - 1);
      quality.revisits += extra;
      quality.repeat_pairs +=
          static_cast<int64_t>(extra) * problem.tables[t].HostCount();
    }
  }
  for (const auto& table : problem.tables) {
    quality.repeat_pairs += Pairs(table.HostCount()) * std::max(0, rounds - 1);
  }

  // Sector mix: each table against its share of the room.
  std::array<double, kSectorCount> room{};
  double people = 0;
  for (int g : seated) room[SectorIndex(problem.guests[g].sector)] += 1;
  people += static_cast<double>(n);
  for (const auto& table : problem.tables) {
    for (int s = 0; s < kSectorCount; ++s) room[s] += table.hosts[s];
    people += table.HostCount();
  }
  double deviation_sum = 0;
  int deviation_count = 0;
  for (int r = 0; r < rounds; ++r) {
    std::vector<SectorCounts> counts(static_cast<size_t>(tables));
    for (int t = 0; t < tables; ++t) counts[t] = problem.tables[t].hosts;
    for (int g : seated) {
      ++counts[plan.table[g][r]][SectorIndex(problem.guests[g].sector)];
    }
    for (int t = 0; t < tables; ++t) {
      int size = 0;
      for (int c : counts[t]) size += c;
      const auto& table = problem.tables[t];
      if (table.capacity > 0 && size > table.capacity) {
        quality.capacities_hold = false;
      }
      if (size == 0 || people == 0) continue;
      for (int s = 0; s < kSectorCount; ++s) {
        double deviation = std::abs(counts[t][s] - size * room[s] / people);
        quality.max_sector_deviation =
            std::max(quality.max_sector_deviation, deviation);
        deviation_sum += deviation;
        ++deviation_count;
      }
    }
  }
  if (deviation_count > 0) {
    quality.mean_sector_deviation = deviation_sum / deviation_count;
  }
  return quality;
}

int64_t RepeatPairLowerBound(const SeatingProblem& problem, int seated) {
  const int rounds = problem.rounds;
  const int tables = static_cast<int>(problem.tables.size());
  if (rounds < 2 || tables == 0) return 0;
  // The fewest pairs any two rounds can share comes with guests spread as
  // evenly over the tables as their capacities allow (the count is convex
  // in a table's size). Guests who must move on each round spread over the
  // other tables; otherwise over all of them, hosts included. Chaining the
  // rounds one after another, every pair kept from one round to the next is
  // at least one repeat, so rounds - 1 such steps add up.
  std::vector<int64_t> guests(static_cast<size_t>(tables), 0);
  for (int placed = 0; placed < seated; ++placed) {
    int best = -1;
    for (int t = 0; t < tables; ++t) {
      if (guests[t] >= GuestRoom(problem.tables[t])) continue;
      if (best < 0 || guests[t] < guests[best]) best = t;
    }
    if (best < 0) break;
    ++guests[best];
  }
  // Co-hosts of one table stay together on top of that.
  const bool guests_move = rounds <= tables;
  int64_t per_step = 0;
  for (int t = 0; t < tables; ++t) {
    int64_t hosts = problem.tables[t].HostCount();
    per_step += guests_move
                    ? PairsLeftTogether(guests[t], tables - 1) + Pairs(hosts)
                    : PairsLeftTogether(guests[t] + hosts, tables);
  }
  return per_step * (rounds - 1);
}

}  // namespace entree
