// The seating module: the World Café plan.
//
// - seating.h: the planner itself, pure: guests, tables and rounds in,
//   a plan that mixes sectors and keeps pairs apart out (PlanSeating,
//   MeasureSeating).
// - seating_event.h (here): the event's plan made from the store's guests
//   and tables (PlanEventSeating), kept once guests have been told
//   (TellSeats), completed for walk-ins at the door, and gathered per table
//   per round (GatherSeating).
// - seating_files.h: that overview as CSV and PDF for the hosts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "entree/base/catalog.h"
#include "entree/seating/seating.h"
#include "entree/store/store.h"

namespace entree {

// One round of a guest's evening as they are told it.
struct SeatLine {
  int round = 0;  // 1-based
  std::string table;
  std::string title;               // the theme, or the table's name
  std::vector<std::string> hosts;  // full names
  bool hosting = false;            // the guest is this table's host
};

struct PlanRequest {
  int rounds = 0;  // 1 .. kMaxRounds
  uint64_t seed = 1;
  // Leaves guests who have not arrived (and were not told) out, so that the
  // tables are balanced for the people in the room; they are seated when
  // they come in.
  bool present_only = false;
  // Forgets told seats too: for changing the plan before anyone saw it.
  bool reset = false;
  int steps_per_seat = PlanOptions{}.steps_per_seat;
};
constexpr int kMaxRounds = 12;

struct PlanSummary {
  int rounds = 0;
  int tables = 0;
  int guests = 0;  // guests the plan is for (role guest)
  int told = 0;    // of whom already told, kept where they were
  SeatingQuality quality;
  int64_t lower_bound = 0;  // RepeatPairLowerBound for this plan
};

// Plans the guests' tables for `request.rounds` rounds and saves the plan.
// Hosts (role host with a table) stay at their table; staff, press and
// speakers are not seated. Told guests keep their seats. Fails with
// kInvalidArgument (a catalog text) when the rounds are out of range, the
// event has no tables, or guests were told a plan with a different number
// of rounds and `reset` is not set; the store is unchanged then.
Result<PlanSummary> PlanEventSeating(Store& store, const PlanRequest& request);

// What the attendee is told when they come in: their table per round (a
// host: their own table), and marks it told so no later plan moves them. A
// guest without a seat (a walk-in, or left out) is seated first by
// planning again everyone not yet told whom the plan seated or who has
// arrived. Empty when the event has no plan,
// the attendee is not seated at tables (staff, press) or the tables are
// full.
Result<std::vector<SeatLine>> TellSeats(Store& store, const Attendee& attendee,
                                        Instant now);

// Whether TellSeats would plan to seat the attendee (a guest of an event
// with a plan who has no seat yet: a walk-in, or one the plan left out).
// Planning takes up to a second with hundreds of guests, so a door asks
// this first and seats such a guest off its screen's thread (WalkInSeater).
Result<bool> NeedsSeatPlanning(Store& store, const Attendee& attendee);

// Host names as guests read them: "Jan Jansen & Els de Vries".
std::string JoinHosts(const std::vector<std::string>& hosts);

// What a guest reads for one round: "Round 1: Smart Industry, host Robin
// Burghard"; for a host "You host Smart Industry, every round".
std::string SeatText(const SeatLine& seat, const Catalog& catalog);

// The attendee's tables per round as TellSeats would say them, changing
// nothing.
Result<std::vector<SeatLine>> SeatLinesOf(Store& store,
                                          const Attendee& attendee);

// The plan as hosts need it: per table per round, hosts and guests.
struct TableRound {
  int round = 0;
  SeatingTable table;
  std::vector<std::string> hosts;
  std::vector<Attendee> guests;  // sorted like Store::ListAttendees
};
struct SeatingOverview {
  Event event;
  int rounds = 0;
  std::vector<SeatingTable> tables;
  std::vector<TableRound> cells;  // by table, then round
  int unseated = 0;               // guests without a seat
};
Result<SeatingOverview> GatherSeating(Store& store);

}  // namespace entree
