// The seating planner: a greedy first plan, then swaps of two guests within a
// round, kept when they make the plan better (and now and then when they
// make it a little worse, less so as the search goes on).
#include "entree/seating/seating.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "seating_frame.h"

namespace entree {
namespace {

using seating_internal::Random;
using seating_internal::SeatingFrame;
using seating_internal::SectorIndex;

// A visit to a table beyond what the rounds allow weighs as much as this
// many repeat pairs; a squared person of sector deviation as this many.
constexpr double kRevisitWeight = 1000;
constexpr double kSectorWeight = 10;
constexpr double kStartTemperature = 2.0;
constexpr double kEndTemperature = 0.05;

class Planner {
 public:
  Planner(const SeatingProblem& problem, const SeatingFrame& frame,
          uint64_t seed)
      : problem_(problem),
        frame_(frame),
        rounds_(frame.rounds),
        tables_(frame.tables),
        count_(frame.seated.size()),
        random_(seed) {
    at_.assign(count_ * rounds_, kUnseated);
    slot_.assign(count_ * rounds_, 0);
    members_.resize(static_cast<size_t>(rounds_ * tables_));
    meets_.assign(count_ * count_, 0);
    visits_.assign(count_ * tables_, 0);
    sectors_.assign(static_cast<size_t>(rounds_ * tables_), SectorCounts{});
    target_.resize(static_cast<size_t>(rounds_ * tables_));
    trouble_.assign(count_, 0);
    troubled_slot_.assign(count_, -1);
    movable_.assign(count_, false);
    SetTargets();
  }

  // Told guests where they were told, the others greedily.
  void PlaceFirst(bool random_choice) {
    for (size_t i = 0; i < count_; ++i) {
      const auto& told = Guest(i).told;
      if (static_cast<int>(told.size()) != rounds_) {
        free_.push_back(static_cast<int>(i));
        movable_[i] = true;
        continue;
      }
      for (int r = 0; r < rounds_; ++r) Place(i, r, told[r]);
    }
    for (int r = 0; r < rounds_; ++r) {
      std::vector<int> order = free_;
      std::shuffle(order.begin(), order.end(), random_);
      for (int i : order) {
        int table = ChooseTable(i, r, random_choice);
        assert(table != kUnseated);  // the frame has a seat for every guest
        Place(static_cast<size_t>(i), r, table);
      }
    }
  }

  // Swaps guests within rounds for `steps` steps. Every other step moves a
  // guest who shares a table again with someone: late in the search they
  // are the few whose moves matter.
  void Improve(int64_t steps) {
    if (free_.size() < 2) return;
    std::uniform_int_distribution<int> round_of(0, rounds_ - 1);
    std::uniform_int_distribution<size_t> guest_of(0, free_.size() - 1);
    std::uniform_real_distribution<double> chance(0.0, 1.0);
    auto first_guest = [&](int64_t step) {
      if (step % 2 == 0 || troubled_.empty()) {
        return static_cast<size_t>(free_[guest_of(random_)]);
      }
      return static_cast<size_t>(
          troubled_[std::uniform_int_distribution<size_t>(
              0, troubled_.size() - 1)(random_)]);
    };
    double cooling =
        std::pow(kEndTemperature / kStartTemperature,
                 1.0 / static_cast<double>(std::max<int64_t>(steps, 1)));
    double temperature = kStartTemperature;
    for (int64_t step = 0; step < steps; ++step, temperature *= cooling) {
      size_t i = first_guest(step);
      size_t j = static_cast<size_t>(free_[guest_of(random_)]);
      // One step in eight trades two guests' whole evenings: who meets whom
      // again stays the same, only the sector mix changes.
      bool whole = step % 8 == 1;
      int r = whole ? 0 : round_of(random_);
      if (whole ? Sector(i) == Sector(j) : At(i, r) == At(j, r)) continue;
      double delta = whole ? TradeDelta(i, j) : SwapDelta(i, j, r);
      if (delta <= 0 || chance(random_) < std::exp(-delta / temperature)) {
        if (whole) {
          for (int round = 0; round < rounds_; ++round) {
            if (At(i, round) != At(j, round)) Swap(i, j, round);
          }
        } else {
          Swap(i, j, r);
        }
      }
    }
  }

  SeatingPlan Result() const {
    SeatingPlan plan;
    seating_internal::PlaceTold(problem_, plan);
    for (size_t i = 0; i < count_; ++i) {
      for (int r = 0; r < rounds_; ++r) {
        plan.table[frame_.seated[i]][r] = At(i, r);
      }
    }
    return plan;
  }

 private:
  const SeatingProblem::Guest& Guest(size_t i) const {
    return problem_.guests[frame_.seated[i]];
  }
  int Sector(size_t i) const { return SectorIndex(Guest(i).sector); }
  int& At(size_t i, int r) { return at_[i * rounds_ + r]; }
  int At(size_t i, int r) const { return at_[i * rounds_ + r]; }
  size_t Cell(int r, int t) const {
    return static_cast<size_t>(r * tables_ + t);
  }
  uint8_t& Meets(size_t i, size_t j) { return meets_[i * count_ + j]; }
  uint8_t& Visits(size_t i, int t) { return visits_[i * tables_ + t]; }
  int Hosts(int t) const { return problem_.tables[t].HostCount(); }

  // Each table's share of every sector, from the room's mix of the people
  // seated (hosts included) and the table's size in that round.
  void SetTargets() {
    std::array<double, kSectorCount> room{};
    double people = 0;
    for (size_t i = 0; i < count_; ++i) room[Sector(i)] += 1, people += 1;
    for (const auto& table : problem_.tables) {
      for (int s = 0; s < kSectorCount; ++s) room[s] += table.hosts[s];
      people += table.HostCount();
    }
    for (int r = 0; r < rounds_; ++r) {
      for (int t = 0; t < tables_; ++t) {
        double size = frame_.size[r][t] + Hosts(t);
        for (int s = 0; s < kSectorCount; ++s) {
          target_[Cell(r, t)][s] = people > 0 ? size * room[s] / people : 0;
          sectors_[Cell(r, t)][s] = problem_.tables[t].hosts[s];
        }
      }
    }
  }

  double Excess(int visits) const {
    return visits > frame_.allowed_visits ? visits - frame_.allowed_visits : 0;
  }
  // Change of the squared sector deviation at (r, t) when one person of
  // sector `s` joins (+1) or leaves (-1).
  double SectorChange(int r, int t, int s, int by) const {
    double before = sectors_[Cell(r, t)][s] - target_[Cell(r, t)][s];
    double after = before + by;
    return after * after - before * before;
  }

  // What seating guest i at table t in round r would add to the cost.
  double JoinCost(size_t i, int r, int t) {
    double repeats = Visits(i, t) >= 1 ? Hosts(t) : 0;
    for (int x : members_[Cell(r, t)]) repeats += Meets(i, x) >= 1;
    return repeats +
           kRevisitWeight * (Excess(Visits(i, t) + 1) - Excess(Visits(i, t))) +
           kSectorWeight * SectorChange(r, t, Sector(i), +1);
  }

  int ChooseTable(int i, int r, bool random_choice) {
    size_t guest = static_cast<size_t>(i);
    int best = kUnseated;
    double best_cost = 0;
    int ties = 0;
    for (int t = 0; t < tables_; ++t) {
      // frame_.size counts the told guests, who are members already.
      if (static_cast<int>(members_[Cell(r, t)].size()) >= frame_.size[r][t]) {
        continue;
      }
      double cost = random_choice
                        ? kRevisitWeight * Excess(Visits(guest, t) + 1)
                        : JoinCost(guest, r, t);
      if (best == kUnseated || cost < best_cost) {
        best = t, best_cost = cost, ties = 1;
      } else if (cost == best_cost &&
                 std::uniform_int_distribution<int>(0, ties++)(random_) == 0) {
        best = t;
      }
    }
    return best;
  }
  // A repeat pair or an extra visit that guest i takes part in came (+1)
  // or went (-1).
  void AddTrouble(size_t i, int by) {
    trouble_[i] += by;
    if (!movable_[i]) return;
    int& slot = troubled_slot_[i];
    if (trouble_[i] > 0 && slot < 0) {
      slot = static_cast<int>(troubled_.size());
      troubled_.push_back(static_cast<int>(i));
    } else if (trouble_[i] == 0 && slot >= 0) {
      int last = troubled_.back();
      troubled_[slot] = last;
      troubled_slot_[last] = slot;
      troubled_.pop_back();
      slot = -1;
    }
  }

  void Place(size_t i, int r, int t) {
    auto& members = members_[Cell(r, t)];
    for (int x : members) {
      size_t other = static_cast<size_t>(x);
      if (Meets(i, other) >= 1) AddTrouble(i, 1), AddTrouble(other, 1);
      ++Meets(i, other), ++Meets(other, i);
    }
    if (Visits(i, t) >= 1) AddTrouble(i, 1);
    slot_[i * rounds_ + r] = static_cast<int>(members.size());
    members.push_back(static_cast<int>(i));
    At(i, r) = t;
    ++Visits(i, t);
    ++sectors_[Cell(r, t)][Sector(i)];
  }

  // Repeat pairs i gains by moving from `from` to `to` in round r, not
  // counting `other` (who makes the opposite move).
  double RepeatChange(size_t i, size_t other, int r, int from, int to) {
    double change = 0;
    for (int x : members_[Cell(r, to)]) {
      if (static_cast<size_t>(x) != other) change += Meets(i, x) >= 1;
    }
    for (int x : members_[Cell(r, from)]) {
      if (static_cast<size_t>(x) != i) change -= Meets(i, x) >= 2;
    }
    change += (Visits(i, to) >= 1 ? Hosts(to) : 0) -
              (Visits(i, from) >= 2 ? Hosts(from) : 0);
    change += kRevisitWeight *
              (Excess(Visits(i, to) + 1) - Excess(Visits(i, to)) +
               Excess(Visits(i, from) - 1) - Excess(Visits(i, from)));
    return change;
  }

  double SwapDelta(size_t i, size_t j, int r) {
    int a = At(i, r);
    int b = At(j, r);
    double delta = RepeatChange(i, j, r, a, b) + RepeatChange(j, i, r, b, a);
    int si = Sector(i);
    int sj = Sector(j);
    if (si != sj) {
      // Table a loses si and gains sj; b the other way round. Counts are
      // changed one step at a time so that the changes add up exactly.
      delta += kSectorWeight *
               (SectorChange(r, a, si, -1) + SectorChange(r, a, sj, +1) +
                SectorChange(r, b, sj, -1) + SectorChange(r, b, si, +1));
    }
    return delta;
  }

  // Sector change of guests i and j trading their seats in every round.
  double TradeDelta(size_t i, size_t j) const {
    int si = Sector(i);
    int sj = Sector(j);
    double delta = 0;
    for (int r = 0; r < rounds_; ++r) {
      int a = At(i, r);
      int b = At(j, r);
      if (a == b) continue;
      delta += SectorChange(r, a, si, -1) + SectorChange(r, a, sj, +1) +
               SectorChange(r, b, sj, -1) + SectorChange(r, b, si, +1);
    }
    return kSectorWeight * delta;
  }

  void Leave(size_t i, int r) {
    int t = At(i, r);
    auto& members = members_[Cell(r, t)];
    int slot = slot_[i * rounds_ + r];
    int last = members.back();
    members[slot] = last;
    slot_[static_cast<size_t>(last) * rounds_ + r] = slot;
    members.pop_back();
    for (int x : members) {
      size_t other = static_cast<size_t>(x);
      if (Meets(i, other) >= 2) AddTrouble(i, -1), AddTrouble(other, -1);
      --Meets(i, other), --Meets(other, i);
    }
    if (Visits(i, t) >= 2) AddTrouble(i, -1);
    --Visits(i, t);
    --sectors_[Cell(r, t)][Sector(i)];
    At(i, r) = kUnseated;
  }

  void Swap(size_t i, size_t j, int r) {
    int a = At(i, r);
    int b = At(j, r);
    Leave(i, r);
    Leave(j, r);
    Place(i, r, b);
    Place(j, r, a);
  }

  const SeatingProblem& problem_;
  const SeatingFrame& frame_;
  int rounds_;
  int tables_;
  size_t count_;  // guests seated
  Random random_;
  std::vector<int> at_;                    // [guest * rounds + round]: table
  std::vector<int> slot_;                  // position in members_
  std::vector<std::vector<int>> members_;  // [round * tables + table]
  std::vector<uint8_t> meets_;             // rounds two guests share
  std::vector<uint8_t> visits_;            // [guest * tables + table]
  std::vector<SectorCounts> sectors_;      // people per sector, hosts too
  std::vector<std::array<double, kSectorCount>> target_;
  std::vector<int> free_;           // guests the plan may move
  std::vector<bool> movable_;       // by guest: in free_
  std::vector<int> trouble_;        // by guest: repeats and extra visits
  std::vector<int> troubled_;       // movable guests with trouble
  std::vector<int> troubled_slot_;  // position in troubled_, or -1
};

}  // namespace

SeatingPlan PlanSeating(const SeatingProblem& problem,
                        const PlanOptions& options) {
  SeatingFrame frame = seating_internal::MakeFrame(problem);
  if (frame.seated.empty()) {
    SeatingPlan plan;
    seating_internal::PlaceTold(problem, plan);
    return plan;
  }
  Planner planner(problem, frame, options.seed);
  planner.PlaceFirst(/*random_choice=*/false);
  planner.Improve(static_cast<int64_t>(options.steps_per_seat) *
                  static_cast<int64_t>(frame.seated.size()) * frame.rounds);
  return planner.Result();
}

SeatingPlan RandomSeating(const SeatingProblem& problem, uint64_t seed) {
  SeatingFrame frame = seating_internal::MakeFrame(problem);
  if (frame.seated.empty()) {
    SeatingPlan plan;
    seating_internal::PlaceTold(problem, plan);
    return plan;
  }
  Planner planner(problem, frame, seed);
  planner.PlaceFirst(/*random_choice=*/true);
  return planner.Result();
}

}  // namespace entree
