// The event's seating plan on a real database: planning, telling guests at
// the door and on the badge, walk-ins and no-shows, and `entree seating`.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "entree/badges/badge_render.h"
#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/door/walk_in_seater.h"
#include "entree/seating/seating_event.h"
#include "support.h"

namespace entree::testing {
namespace {

const char* const kTables[] = {"Human Capital", "Smart Industry",
                               "Marketing & regiobranding"};
const Sector kSectors[] = {Sector::kBusiness, Sector::kGovernment,
                           Sector::kEducation};

// The World Café of the seed: three tables of at most `capacity` people
// with a host each, and `guests` invited guests of mixed sectors.
struct Cafe {
  SignedEvent e;
  std::vector<Attendee> guests;
  FixedClock clock{At("2026-10-12T17:00:00Z")};

  explicit Cafe(int guests_count = 30, int capacity = 0) {
    for (const char* table : kTables) {
      REQUIRE(e.store.UpsertTable({table, capacity, ""}).ok());
      Attendee host =
          AddAttendee(e.store, "Host", table, Sector::kBusiness, table);
      host.role = Role::kHost;
      REQUIRE(e.store.UpdateAttendee(host).ok());
    }
    for (int g = 0; g < guests_count; ++g) {
      guests.push_back(AddAttendee(e.store, "Gast", "nr " + std::to_string(g),
                                   kSectors[g % 3]));
    }
  }

  PlanSummary Plan(int rounds, bool present_only = false) {
    PlanRequest request;
    request.rounds = rounds;
    request.present_only = present_only;
    auto summary = PlanEventSeating(e.store, request);
    REQUIRE(summary.ok());
    return *summary;
  }

  Door MakeDoor() {
    return Door(e.store, clock, e.event,
                DoorSettingsFor(e.event, Direction::kEntry), "door-1");
  }
  ScanOutcome Scan(Door& door, const Attendee& guest) {
    auto issued = e.issuer.BadgeFor(guest.id, false, clock.Now());
    REQUIRE(issued.ok());
    auto outcome = door.Scan(issued->code);
    REQUIRE(outcome.ok());
    return *outcome;
  }

  // Seats by attendee id, round by round.
  std::map<std::string, std::vector<std::string>> SeatsByGuest() {
    std::map<std::string, std::vector<std::string>> seats;
    auto rows = e.store.ListSeats();
    REQUIRE(rows.ok());
    for (const Seat& seat : *rows) {
      seats[ToString(seat.attendee_id)].push_back(seat.table);
    }
    return seats;
  }

  // People (hosts included) at each table in each round.
  std::map<std::pair<int, std::string>, int> Occupancy() {
    std::map<std::pair<int, std::string>, int> people;
    int rounds = e.store.SeatingRounds().value();
    for (int r = 1; r <= rounds; ++r) {
      for (const char* table : kTables) people[{r, table}] = 1;
    }
    auto rows = e.store.ListSeats();
    REQUIRE(rows.ok());
    for (const Seat& seat : *rows) {
      ++people[{seat.round, seat.table}];
    }
    return people;
  }
};

TEST_CASE("a plan gives every guest a different table in each round") {
  Cafe cafe(31);
  PlanSummary summary = cafe.Plan(3);
  CHECK(summary.guests == 31);
  CHECK(summary.quality.unseated == 0);
  CHECK(summary.quality.revisits == 0);
  CHECK(summary.quality.repeat_pairs == summary.lower_bound);
  CHECK(summary.quality.max_sector_deviation <= 1.0);
  auto seats = cafe.SeatsByGuest();
  REQUIRE(seats.size() == 31);
  for (const auto& [guest, tables] : seats) {
    std::set<std::string> distinct(tables.begin(), tables.end());
    CHECK(distinct.size() == 3);
  }
  // Hosts and staff have no seats of their own.
  auto people = cafe.e.store.ListAttendees();
  REQUIRE(people.ok());
  for (const Attendee& a : *people) {
    if (a.role == Role::kHost) CHECK(!seats.contains(ToString(a.id)));
  }
}

TEST_CASE("the door tells guests their tables, and walk-ins get one") {
  Cafe cafe(30, 12);  // 11 guests and a host per table at most
  cafe.Plan(3);
  Door door = cafe.MakeDoor();

  ScanOutcome first = cafe.Scan(door, cafe.guests[0]);
  CHECK(first.verdict == Verdict::kWelcome);
  REQUIRE(first.seats.size() == 3);
  CHECK(first.seats[0].round == 1);
  CHECK(first.seats[0].hosts ==
        std::vector<std::string>{"Host " + first.seats[0].table});
  CHECK(SeatText(first.seats[0], Catalog::For(Language::kDutch))
            .starts_with("Ronde 1: " + first.seats[0].title + ", tafelhost "));
  CHECK(cafe.e.store.SeatsOf(cafe.guests[0].id)->front().told_at ==
        cafe.clock.Now());

  // Ten of the invited come in and are told; the others have not arrived.
  for (int g = 1; g < 10; ++g) cafe.Scan(door, cafe.guests[g]);
  auto told_before = cafe.SeatsByGuest();

  std::mt19937 random(5);
  for (int w = 0; w < 6; ++w) {
    WalkInForm form{"Walk", "In " + std::to_string(w),
                    "",     kSectors[random() % 3],
                    "",     true};
    Attendee walk_in =
        RegisterWalkIn(cafe.e.store, form, cafe.clock.Now()).value();
    cafe.clock.Advance(std::chrono::seconds(30));
    ScanOutcome outcome = cafe.Scan(door, walk_in);
    CHECK(outcome.verdict == Verdict::kWelcome);
    CHECK(outcome.seats.size() == 3);

    auto now = cafe.SeatsByGuest();
    for (int g = 0; g < 10; ++g) {
      std::string id = ToString(cafe.guests[g].id);
      CHECK(now.at(id) == told_before.at(id));  // told guests never move
    }
    for (const auto& [cell, people] : cafe.Occupancy()) CHECK(people <= 12);
  }
  // 36 guests fit 33 seats: three who have not arrived wait for a place.
  CHECK(cafe.SeatsByGuest().size() == 33);
  auto overview = GatherSeating(cafe.e.store).value();
  CHECK(overview.unseated == 3);
}

// The seater's results once `count` walk-ins are done, waiting at most
// 60 s.
std::vector<WalkInSeater::Seated> AwaitSeated(WalkInSeater& seater,
                                              size_t count) {
  std::vector<WalkInSeater::Seated> all;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
    for (auto& seated : seater.TakeSeated()) all.push_back(std::move(seated));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return all;
}

TEST_CASE("a door that defers seating lets a walk-in in at once") {
  Cafe cafe(30, 12);
  cafe.Plan(3);
  Door door = cafe.MakeDoor();
  door.set_defer_walk_in_seating(true);

  // An invited guest's seats are planned already: told at once, as before.
  ScanOutcome invited = cafe.Scan(door, cafe.guests[0]);
  CHECK_FALSE(invited.seating_pending);
  CHECK(invited.seats.size() == 3);
  CHECK(cafe.e.store.SeatsOf(cafe.guests[0].id)->front().told_at);

  WalkInForm form{"Noor", "van Dam", "", Sector::kGovernment, "", true};
  Attendee walk_in =
      RegisterWalkIn(cafe.e.store, form, cafe.clock.Now()).value();
  ScanOutcome outcome = cafe.Scan(door, walk_in);
  CHECK(outcome.verdict == Verdict::kWelcome);
  CHECK(outcome.recorded);  // let in and on disk before any planning
  CHECK(outcome.seating_pending);
  CHECK(outcome.seats.empty());
  CHECK(cafe.e.store.SeatsOf(walk_in.id)->empty());

  std::atomic<int> woken = 0;
  WalkInSeater seater(cafe.e.dir.File("event.db"), [&woken] { ++woken; });
  seater.Seat(*outcome.attendee, cafe.clock.Now());
  auto seated = AwaitSeated(seater, 1);
  REQUIRE(seated.size() == 1);
  CHECK(seated[0].status.ok());
  CHECK(seated[0].attendee_id == walk_in.id);
  REQUIRE(seated[0].seats.size() == 3);
  CHECK(woken == 1);
  CHECK(seater.busy() == 0);
  auto seats = cafe.e.store.SeatsOf(walk_in.id).value();
  REQUIRE(seats.size() == 3);
  CHECK(seats[0].told_at == cafe.clock.Now());
  CHECK(seats[2].table == seated[0].seats[2].table);
  // Scanned again, they are inside with the tables they were told.
  cafe.clock.Advance(std::chrono::minutes(2));
  ScanOutcome again = cafe.Scan(door, walk_in);
  CHECK(again.verdict == Verdict::kAlreadyInside);
  CHECK_FALSE(again.seating_pending);
  REQUIRE(again.seats.size() == 3);
  CHECK(again.seats[1].table == seats[1].table);
}

TEST_CASE("walk-ins seated beside a busy door move no one told meanwhile") {
  // The seater plans on its own connection while the door tells arriving
  // guests their seats on another: a plan made before a guest was told
  // must not be saved over them.
  Cafe cafe(240, 90);
  cafe.Plan(3);
  Door door = cafe.MakeDoor();
  door.set_defer_walk_in_seating(true);
  WalkInSeater seater(cafe.e.dir.File("event.db"));
  std::vector<Attendee> walk_ins;
  for (int w = 0; w < 8; ++w) {
    WalkInForm form{"Walk", "In " + std::to_string(w), "", kSectors[w % 3], "",
                    true};
    walk_ins.push_back(
        RegisterWalkIn(cafe.e.store, form, cafe.clock.Now()).value());
    ScanOutcome outcome = cafe.Scan(door, walk_ins.back());
    REQUIRE(outcome.seating_pending);
    seater.Seat(walk_ins.back(), cafe.clock.Now());
  }
  // Invited guests stream in while the walk-ins are planned.
  std::map<std::string, std::vector<std::string>> told;
  for (size_t g = 0; g < cafe.guests.size() && seater.busy() > 0; ++g) {
    ScanOutcome in = cafe.Scan(door, cafe.guests[g]);
    REQUIRE(in.seats.size() == 3);
    for (const SeatLine& line : in.seats) {
      told[ToString(cafe.guests[g].id)].push_back(line.table);
    }
  }
  auto seated = AwaitSeated(seater, walk_ins.size());
  REQUIRE(seated.size() == walk_ins.size());
  for (const auto& one : seated) {
    CHECK(one.status.ok());
    CHECK(one.seats.size() == 3);
  }
  INFO(told.size() << " guests told while the walk-ins were planned");
  CHECK(told.size() > 0);
  auto seats = cafe.SeatsByGuest();
  for (const auto& [id, tables] : told) CHECK(seats.at(id) == tables);
  for (const auto& [cell, people] : cafe.Occupancy()) CHECK(people <= 90);
}

TEST_CASE("a walk-in is seated while guests are told without pause") {
  // Another process tells guests their seats back to back, so a plan made
  // afresh is out of date by the time it is saved: the walk-in is then
  // placed in the seats left, and no one told moves.
  Cafe cafe(400, 150);
  cafe.Plan(3);
  const auto planned = cafe.SeatsByGuest();
  WalkInForm form{"Walk", "In", "", Sector::kEducation, "", true};
  Attendee walk_in =
      RegisterWalkIn(cafe.e.store, form, cafe.clock.Now()).value();

  std::atomic<bool> stop = false;
  std::atomic<int> told = 0;
  std::thread teller([&] {
    auto other = Store::Open(cafe.e.dir.File("event.db"));
    REQUIRE(other.ok());
    for (const Attendee& guest : cafe.guests) {
      if (stop) break;
      REQUIRE(other->MarkSeatsTold(guest.id, cafe.clock.Now()).ok());
      ++told;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  while (told < 5) std::this_thread::yield();
  int told_before = told;
  auto seats = TellSeats(cafe.e.store, walk_in, cafe.clock.Now());
  int told_when_seated = told;
  stop = true;
  teller.join();

  REQUIRE(seats.ok());
  CHECK(seats->size() == 3);
  INFO(told_when_seated << " guests told by then");
  // Guests were told while the walk-in was planned.
  CHECK(told_when_seated > told_before);
  auto now = cafe.SeatsByGuest();
  for (int g = 0; g < told; ++g) {
    std::string id = ToString(cafe.guests[g].id);
    CHECK(now.at(id) == planned.at(id));
  }
  for (const auto& [cell, people] : cafe.Occupancy()) CHECK(people <= 150);
}

TEST_CASE("a plan made before a guest was told is not saved") {
  Cafe cafe(12);
  cafe.Plan(2);
  auto before = cafe.SeatsByGuest();
  int64_t told_seen = 0;  // none told when this plan was made
  REQUIRE(
      cafe.e.store.MarkSeatsTold(cafe.guests[0].id, cafe.clock.Now()).value());
  std::vector<Seat> other = {{cafe.guests[1].id, 1, kTables[0], {}},
                             {cafe.guests[1].id, 2, kTables[1], {}}};
  auto saved = cafe.e.store.SaveSeatingPlan(2, other, false, told_seen);
  REQUIRE(saved.ok());
  CHECK_FALSE(*saved);
  CHECK(cafe.SeatsByGuest() == before);  // nothing written
  saved = cafe.e.store.SaveSeatingPlan(2, other, false, int64_t{2});
  REQUIRE(saved.ok());
  CHECK(*saved);
  CHECK(cafe.SeatsByGuest().size() == 2);  // the told guest and the new plan
}

TEST_CASE("re-planning after walk-ins moves no one already told") {
  std::mt19937 random(GENERATE(1, 2, 3, 4));
  Cafe cafe(24 + static_cast<int>(random() % 20));
  int rounds = 2 + static_cast<int>(random() % 2);
  cafe.Plan(rounds);
  Door door = cafe.MakeDoor();
  std::map<std::string, std::vector<std::string>> told;
  for (int step = 0; step < 12; ++step) {
    if (random() % 3 == 0) {
      WalkInForm form{"Walk", "In " + std::to_string(step),
                      "",     kSectors[random() % 3],
                      "",     true};
      Attendee walk_in =
          RegisterWalkIn(cafe.e.store, form, cafe.clock.Now()).value();
      CHECK(cafe.Scan(door, walk_in).seats.size() ==
            static_cast<size_t>(rounds));
      told[ToString(walk_in.id)] = cafe.SeatsByGuest()[ToString(walk_in.id)];
    } else {
      const Attendee& guest = cafe.guests[random() % cafe.guests.size()];
      cafe.Scan(door, guest);
      told[ToString(guest.id)] = cafe.SeatsByGuest()[ToString(guest.id)];
    }
    if (random() % 4 == 0) cafe.Plan(rounds);  // the organiser plans again
    cafe.clock.Advance(std::chrono::seconds(10));
    auto seats = cafe.SeatsByGuest();
    for (const auto& [id, tables] : told) CHECK(seats.at(id) == tables);
  }
}

TEST_CASE("planning for those present leaves the others a seat on arrival") {
  Cafe cafe(30);
  Door door = cafe.MakeDoor();
  for (int g = 0; g < 12; ++g) {
    REQUIRE(
        cafe.e.store
            .AppendCheckin(Checkin(cafe.guests[g].id, "2026-10-12T16:40:00Z"))
            .ok());
  }
  PlanSummary summary = cafe.Plan(3, /*present_only=*/true);
  CHECK(summary.guests == 12);
  CHECK(cafe.SeatsByGuest().size() == 12);
  CHECK(cafe.Scan(door, cafe.guests[20]).seats.size() == 3);  // late guest
  CHECK(cafe.SeatsByGuest().size() == 13);
}

TEST_CASE("a plan of other rounds is refused once guests were told") {
  Cafe cafe(12);
  cafe.Plan(3);
  Door door = cafe.MakeDoor();
  cafe.Scan(door, cafe.guests[0]);
  std::string before =
      DatabaseFingerprint(StoreInspector::Db(cafe.e.store).path());
  PlanRequest request;
  request.rounds = 2;
  auto refused = PlanEventSeating(cafe.e.store, request);
  CHECK(refused.status().code() == StatusCode::kInvalidArgument);
  request.rounds = 0;
  CHECK(PlanEventSeating(cafe.e.store, request).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(DatabaseFingerprint(StoreInspector::Db(cafe.e.store).path()) == before);
  request.rounds = 2;
  request.reset = true;
  REQUIRE(PlanEventSeating(cafe.e.store, request).ok());
  CHECK(cafe.e.store.SeatsOf(cafe.guests[0].id)->size() == 2);
}

TEST_CASE("an event without tables cannot be planned") {
  SignedEvent e;
  AddAttendee(e.store, "Eva", "Jansen");
  std::string before = DatabaseFingerprint(StoreInspector::Db(e.store).path());
  PlanRequest request;
  request.rounds = 3;
  CHECK(PlanEventSeating(e.store, request).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(DatabaseFingerprint(StoreInspector::Db(e.store).path()) == before);
}

TEST_CASE("the badge lists the table per round; a host's badge their own") {
  Cafe cafe(9);
  cafe.Plan(3);
  const Attendee& guest = cafe.guests[4];
  auto lines = TellSeats(cafe.e.store, guest, cafe.clock.Now()).value();
  REQUIRE(lines.size() == 3);
  auto face =
      MakeBadgeFace(cafe.e.store, guest, "CODE", Language::kDutch).value();
  // Each round stays on one line: its spaces do not break.
  auto round = [&](int r) {
    std::string item = std::to_string(r + 1) + " " + lines[r].title;
    std::string unbroken;
    for (char c : item) unbroken += c == ' ' ? "\u00A0" : std::string(1, c);
    return unbroken;
  };
  CHECK(face.table_line ==
        "Rondes: " + round(0) + " \u00B7 " + round(1) + " \u00B7 " + round(2));
  Attendee host = cafe.e.store.ResolveAttendee("Host Smart").value();
  auto host_face =
      MakeBadgeFace(cafe.e.store, host, "CODE", Language::kEnglish).value();
  CHECK(host_face.table_line == "Table host \u00B7 table Smart Industry");
}

TEST_CASE("a guest already inside sees their tables again; exits do not") {
  Cafe cafe(6);
  cafe.Plan(2);
  Door door = cafe.MakeDoor();
  auto first = cafe.Scan(door, cafe.guests[1]);
  cafe.clock.Advance(std::chrono::minutes(5));
  auto again = cafe.Scan(door, cafe.guests[1]);
  CHECK(again.verdict == Verdict::kAlreadyInside);
  REQUIRE(again.seats.size() == 2);
  CHECK(again.seats[1].table == first.seats[1].table);
  Door exit(cafe.e.store, cafe.clock, cafe.e.event,
            DoorSettingsFor(cafe.e.event, Direction::kExit), "door-2");
  CHECK(cafe.Scan(exit, cafe.guests[1]).seats.empty());
}

TEST_CASE("entree seating plans, shows and exports for the hosts") {
  Cli cli;
  cli.Prepare();
  ProcessResult tables = cli.Run({"seating", "show"});
  CHECK(tables.out.find("Human Capital: capacity no limit, host Marjolein de "
                        "Gelder") != std::string::npos);
  ProcessResult table =
      cli.Run({"seating", "table", "Smart Industry", "--theme",
               "Smart Industry: slim produceren", "--capacity", "25"});
  CHECK(table.exit_code == 0);
  ProcessResult plan = cli.Run({"seating", "plan", "--rounds", "3", "--json"});
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.out.find("\"guests\":54") != std::string::npos);
  CHECK(plan.out.find("\"unseated\":0") != std::string::npos);
  CHECK(plan.out.find("\"revisits\":0") != std::string::npos);

  ProcessResult checkin = cli.Run({"checkin", cli.Token("WC-010"), "--at",
                                   "2026-10-12T18:00+02:00", "--lang", "en"});
  CHECK(checkin.exit_code == 0);
  CHECK(checkin.out.find("Round 1: ") != std::string::npos);
  CHECK(checkin.out.find("Round 3: ") != std::string::npos);

  std::string csv_path = cli.dir.File("plan.csv");
  REQUIRE(cli.Run({"seating", "export", "-o", csv_path, "--lang", "nl"})
              .exit_code == 0);
  std::string csv = ReadFile(csv_path);
  CHECK(csv.starts_with("\xEF\xBB\xBFRonde,Tafel,Thema"));
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 54 * 3);
  CHECK(csv.find("Smart Industry: slim produceren") != std::string::npos);

  std::string pdf_path = cli.dir.File("plan.pdf");
  REQUIRE(cli.Run({"seating", "export", "-o", pdf_path}).exit_code == 0);
  std::string text = PdfText(pdf_path);
  CHECK(text.find("Smart Industry: slim produceren") != std::string::npos);
  CHECK(text.find("Host: Robin Burghard") != std::string::npos);
  CHECK(text.find("Round 3") != std::string::npos);

  ProcessResult show = cli.Run({"seating", "show", "--json"});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("\"rounds\":3") != std::string::npos);
}

TEST_CASE("entree seating refuses bad input and leaves the database alone") {
  Cli cli;
  cli.Prepare();
  std::string before = DatabaseFingerprint(cli.db);
  CHECK(cli.Run({"seating", "plan", "--rounds", "0"}).exit_code == 3);
  CHECK(cli.Run({"seating", "plan", "--rounds", "drie"}).exit_code == 3);
  CHECK(cli.Run({"seating", "plan"}).exit_code == 2);
  CHECK(cli.Run({"seating", "export", "-o", cli.dir.File("plan.csv")})
            .exit_code == 4);
  CHECK(cli.Run({"seating", "export", "-o", cli.dir.File("plan.txt")})
            .exit_code == 2);
  CHECK(cli.Run({"seating", "dance"}).exit_code == 2);
  CHECK(cli.Run({"seating", "table", "X", "--capacity", "-2"}).exit_code == 3);
  CHECK(DatabaseFingerprint(cli.db) == before);
  CHECK(!std::filesystem::exists(cli.dir.File("plan.csv")));
}

}  // namespace
}  // namespace entree::testing
