// Ticket-shop exports as the shops write them (tests/data/shops): who
// comes in as whom, cancelled tickets, and the shops' barcodes at the door.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "entree/codes/badge_token.h"
#include "entree/door/door.h"
#include "entree/people/export.h"
#include "entree/people/import.h"
#include "support.h"

using namespace entree;
using entree::testing::At;
using entree::testing::DatabaseFingerprint;
using entree::testing::MakeEventStore;
using entree::testing::TempDir;

namespace {

std::string ShopFile(const std::string& name) {
  std::ifstream in(std::string(ENTREE_TEST_DATA_DIR) + "/shops/" + name,
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

ImportReport Import(Store& store, const std::string& file,
                    bool dry_run = false) {
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  options.dry_run = dry_run;
  auto report = ImportAttendees(store, ShopFile(file), options);
  REQUIRE(report.ok());
  return *report;
}

// Every attendee by external id.
std::map<std::string, Attendee> ByExternalId(Store& store) {
  std::map<std::string, Attendee> by_id;
  auto all = store.ListAttendees();
  REQUIRE(all.ok());
  for (Attendee& a : *all) by_id[a.external_id] = a;
  return by_id;
}

struct ShopDoor {
  TempDir dir;
  KeyPair keys;
  Store store = MakeEventStore(dir.File("shop.db"), &keys);
  Event event = *store.GetEvent();
  FixedClock clock{At("2026-10-12T17:00:00Z")};

  Door DoorAt(const std::string& kiosk) {
    return Door(store, clock, event, DoorSettingsFor(event, Direction::kEntry),
                kiosk);
  }
  Verdict Scan(Door& door, const std::string& code) {
    auto outcome = door.Scan(code);
    REQUIRE(outcome.ok());
    return outcome->verdict;
  }
};

}  // namespace

TEST_CASE("pretix: every ticket of an order is its own guest",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("p.db"));
  ImportReport report = Import(store, "pretix-order-positions-en.csv");
  CHECK(report.source == ListSource::kPretix);
  CHECK(report.imported == 7);  // 7 tickets in 4 orders
  CHECK(report.updated == 0);
  CHECK(report.rejected == 0);
  CHECK(report.not_admitted == 2);
  auto guests = ByExternalId(store);
  REQUIRE(guests.size() == 7);
  // Three colleagues on one buyer's email stay three people.
  const Attendee& marjolein = guests.at("pretix:K3XQ9-1");
  const Attendee& jan_willem = guests.at("pretix:K3XQ9-2");
  const Attendee& ayse = guests.at("pretix:K3XQ9-3");
  CHECK(marjolein.FullName() == "Marjolein de Gelder");
  CHECK(jan_willem.FullName() == "Jan Willem van Ommen");
  CHECK(ayse.FullName() == "Ayşe Yılmaz");
  CHECK(marjolein.email == "secretariaat@coevorden.example");  // the buyer's
  CHECK(ayse.email == "ayse.yilmaz@coevorden.example");        // her own wins
  // The attendee's company, not the invoice address's (second "Company").
  CHECK(guests.at("pretix:P8LMD-1").organisation == "Intergas");
  CHECK(marjolein.shop_code == "q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h3");
  CHECK(marjolein.sector == Sector::kGovernment);
  CHECK(marjolein.ticket == TicketState::kValid);
  CHECK(guests.at("pretix:W2RTE-2").ticket == TicketState::kCancelled);
  CHECK(guests.at("pretix:Z5PKN-1").ticket == TicketState::kUnpaid);

  // The same file again, and the check-in list of the same shop, add
  // nobody and change nobody into somebody else.
  ImportReport again = Import(store, "pretix-order-positions-en.csv");
  CHECK(again.imported == 0);
  CHECK(again.updated == 7);
  ImportReport list = Import(store, "pretix-checkin-list.csv");
  CHECK(list.source == ListSource::kPretix);
  CHECK(list.imported == 0);
  CHECK(list.updated == 5);
  auto after = ByExternalId(store);
  REQUIRE(after.size() == 7);
  CHECK(after.at("pretix:K3XQ9-3").email == "ayse.yilmaz@coevorden.example");
  CHECK(after.at("pretix:K3XQ9-3").FullName() == "Ayşe Yılmaz");
}

TEST_CASE("pretix in Dutch: statuses and columns in the shop's own words",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("n.db"));
  ImportReport report = Import(store, "pretix-bestelposities-nl.csv");
  CHECK(report.source == ListSource::kPretix);
  CHECK(report.imported == 4);
  auto guests = ByExternalId(store);
  CHECK(guests.at("pretix:H7TQ2-2").FullName() == "Anouk van der Veen");
  CHECK(guests.at("pretix:H7TQ2-2").organisation == "Gemeente Emmen");
  CHECK(guests.at("pretix:H7TQ2-1").ticket == TicketState::kValid);
  CHECK(guests.at("pretix:N4KJ8-1").ticket == TicketState::kCancelled);
  CHECK(guests.at("pretix:R2MXC-1").ticket == TicketState::kUnpaid);
}

TEST_CASE("Eventbrite, Tito and Hi.Events lists come in whole",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("s.db"));
  SECTION("Eventbrite attendee report with a group order") {
    ImportReport report = Import(store, "eventbrite-attendees.csv");
    CHECK(report.source == ListSource::kEventbrite);
    CHECK(report.imported == 5);
    auto guests = ByExternalId(store);
    CHECK(guests.at("eventbrite:13370001").FullName() == "Pieter Jansen");
    CHECK(guests.at("eventbrite:13370002").FullName() == "Fatima El Amrani");
    CHECK(guests.at("eventbrite:13370002").email == "hr@vdl.example");
    CHECK(guests.at("eventbrite:13370003").ticket == TicketState::kCancelled);
    CHECK(guests.at("eventbrite:13370004").ticket == TicketState::kValid);
    CHECK(guests.at("eventbrite:13370001").shop_code == "137000101");
    // No attendee email asked: the buyer's fills in.
    CHECK(guests.at("eventbrite:13370005").email ==
          "g.kuipers@provincie.example");
  }
  SECTION("Tito tickets export") {
    ImportReport report = Import(store, "tito-tickets.csv");
    CHECK(report.source == ListSource::kTito);
    CHECK(report.imported == 3);
    auto guests = ByExternalId(store);
    CHECK(guests.at("tito:GIAO-2").FullName() == "Eva Visser");
    CHECK(guests.at("tito:GIAO-2").email == "wouter@example.nl");
    CHECK(guests.at("tito:GIAO-2").shop_code == "GIAO-2");
    CHECK(guests.at("tito:KPLX-1").ticket == TicketState::kCancelled);
  }
  SECTION("Hi.Events attendee export") {
    ImportReport report = Import(store, "hi-events-attendees.csv");
    CHECK(report.source == ListSource::kHiEvents);
    CHECK(report.imported == 3);
    auto guests = ByExternalId(store);
    CHECK(guests.at("hi_events:1").shop_code == "A-7KQ2M9X");
    CHECK(guests.at("hi_events:1").organisation == "Waterschap Vechtstromen");
    CHECK(guests.at("hi_events:2").ticket == TicketState::kCancelled);
    CHECK(guests.at("hi_events:3").ticket == TicketState::kUnpaid);
  }
}

TEST_CASE("lists of different shops never meet", "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("m.db"));
  // Hi.Events numbers its attendees 1, 2, 3; a sheet may too.
  Import(store, "hi-events-attendees.csv");
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  auto sheet = ImportAttendees(store,
                               "id,naam,email\n1,Kees Jansen,kees@example.nl\n"
                               "2,Lieke Bos,lieke@example.nl\n",
                               options);
  REQUIRE(sheet.ok());
  CHECK(sheet->imported == 2);
  for (const char* file : {"pretix-order-positions-en.csv",
                           "eventbrite-attendees.csv", "tito-tickets.csv"}) {
    Import(store, file);
  }
  auto guests = ByExternalId(store);
  CHECK(guests.size() == 3 + 2 + 7 + 5 + 3);
  CHECK(guests.at("hi_events:1").FullName() == "Sophie de Vries");
  CHECK(guests.at("1").FullName() == "Kees Jansen");
}

TEST_CASE(
    "a form without ticket ids matches by email only when it is one "
    "person's",
    "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("g.db"));
  ImportReport first = Import(store, "google-forms.csv");
  CHECK(first.source == ListSource::kSpreadsheet);
  CHECK(first.imported == 3);  // two Hendriks on one address stay two
  ImportReport again = Import(store, "google-forms.csv");
  CHECK(again.imported == 0);
  CHECK(again.updated == 3);
  std::set<std::string> names;
  auto all = store.ListAttendees();
  REQUIRE(all.ok());
  for (const Attendee& a : *all) names.insert(a.FullName());
  CHECK(names ==
        std::set<std::string>{"Erik Hendriks", "Petra Hendriks", "Rik Postma"});
}

TEST_CASE("a dry run says what an import would do and writes nothing",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("d.db"));
  Import(store, "tito-tickets.csv");
  std::string before = DatabaseFingerprint(dir.File("d.db"));
  ImportReport report = Import(store, "pretix-order-positions-en.csv", true);
  CHECK_FALSE(report.written);
  CHECK(report.imported == 7);
  CHECK(report.not_admitted == 2);
  bool order_code_read = false;
  for (const ColumnUse& column : report.columns) {
    order_code_read |= column.header == "Order code" &&
                       column.field == ImportField::kOrderCode;
  }
  CHECK(order_code_read);
  CHECK(DatabaseFingerprint(dir.File("d.db")) == before);
}

TEST_CASE("the shops' barcodes open the door; cancelled tickets do not",
          "[import][shops][door]") {
  ShopDoor f;
  Import(f.store, "pretix-order-positions-en.csv");
  Import(f.store, "eventbrite-attendees.csv");
  Import(f.store, "tito-tickets.csv");
  Import(f.store, "hi-events-attendees.csv");
  Door north = f.DoorAt("door-north");
  Door south = f.DoorAt("door-south");
  CHECK(f.Scan(north, "q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h3") == Verdict::kWelcome);
  f.clock.Advance(std::chrono::seconds(30));
  CHECK(f.Scan(south, "q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h3") ==
        Verdict::kAlreadyInside);
  CHECK(f.Scan(north, "137000101") == Verdict::kWelcome);
  CHECK(f.Scan(north, "GIAO-1") == Verdict::kWelcome);
  CHECK(f.Scan(north, "A-7KQ2M9X") == Verdict::kWelcome);
  CHECK(f.Scan(north, "b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7") ==
        Verdict::kCancelled);
  CHECK(f.Scan(north, "137000301") == Verdict::kCancelled);
  CHECK(f.Scan(north, "KPLX-1") == Verdict::kCancelled);
  CHECK(f.Scan(north, "c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8") == Verdict::kUnpaid);
  CHECK(f.Scan(north, "A-9RT4C2V") == Verdict::kUnpaid);
  CHECK(f.Scan(north, "q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h4") == Verdict::kInvalid);
  CHECK(f.Scan(north, "") == Verdict::kInvalid);

  // An Entree badge of a guest whose ticket was cancelled is refused too,
  // and let in again once a later list restores the ticket.
  auto ids = ByExternalId(f.store);
  const Attendee& henk = ids.at("pretix:W2RTE-2");
  auto badge = f.store.IssueBadge(henk.id, "desk-1", f.clock.Now());
  REQUIRE(badge.ok());
  std::string code =
      SignBadgeCode({f.event.id, henk.id, badge->serial}, f.keys.secret_key);
  f.clock.Advance(std::chrono::seconds(30));
  CHECK(f.Scan(south, code) == Verdict::kCancelled);
  ImportOptions options;
  options.now = f.clock.Now();
  auto restored =
      ImportAttendees(f.store,
                      "Order code,Position ID,Attendee name,Status\n"
                      "W2RTE,2,Henk ter Horst,paid\n",
                      options);
  REQUIRE(restored.ok());
  CHECK(restored->updated == 1);
  f.clock.Advance(std::chrono::seconds(30));
  CHECK(f.Scan(south, code) == Verdict::kWelcome);
  // An exit is let through whatever the ticket.
  Door exit(f.store, f.clock, f.event,
            DoorSettingsFor(f.event, Direction::kExit), "door-exit");
  CHECK(f.Scan(exit, "137000301") == Verdict::kGoodbye);
}

TEST_CASE("two rows with one ticket are kept apart and reported",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("t.db"));
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  const std::string file =
      "Ticket Reference,Ticket First Name,Ticket Last Name,Ticket Email\n"
      "ABCD-1,Joris,Brink,joris@example.nl\n"
      "ABCD-1,Marit,Brink,marit@example.nl\n";
  options.strict = true;
  std::string before = DatabaseFingerprint(dir.File("t.db"));
  auto strict = ImportAttendees(store, file, options);
  REQUIRE(strict.ok());
  CHECK_FALSE(strict->written);
  CHECK(DatabaseFingerprint(dir.File("t.db")) == before);
  options.strict = false;
  auto report = ImportAttendees(store, file, options);
  REQUIRE(report.ok());
  CHECK(report->imported == 2);
  REQUIRE(report->duplicates.size() == 1);
  CHECK(report->duplicates[0].line == 3);
  CHECK(report->duplicates[0].detail == "tito:ABCD-1");
  auto guests = ByExternalId(store);
  CHECK(guests.at("tito:ABCD-1").given_name == "Joris");
  CHECK(guests.at("tito:ABCD-1~2").given_name == "Marit");
  // Their one barcode stays Joris's.
  CHECK(guests.at("tito:ABCD-1").shop_code == "ABCD-1");
  CHECK(guests.at("tito:ABCD-1~2").shop_code.empty());
}

TEST_CASE("the attendance list shows cancelled and unpaid tickets apart",
          "[import][shops][export]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("l.db"));
  Import(store, "pretix-order-positions-en.csv");
  auto rows = store.Attendance();
  REQUIRE(rows.ok());
  std::map<std::string, std::string> status;
  for (const AttendanceRow& row : *rows) {
    status[row.attendee.external_id] = std::string(ToString(StatusOf(row)));
  }
  CHECK(status.at("pretix:K3XQ9-1") == "not_arrived");
  CHECK(status.at("pretix:W2RTE-2") == "ticket_cancelled");
  CHECK(status.at("pretix:Z5PKN-1") == "ticket_unpaid");
  std::string json = AttendanceJson(*rows);
  CHECK(json.find("\"ticket\":\"cancelled\"") != std::string::npos);
  auto stats = store.Stats();
  REQUIRE(stats.ok());
  CHECK(stats->total.expected == 5);  // 7 tickets, 2 not valid
}

TEST_CASE("a barcode never hands one guest's record to another ticket",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("b.db"));
  Import(store, "pretix-order-positions-en.csv");
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  const std::string marjolein_secret = "q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h3";
  // Another shop's ticket, and a new ticket of the same order, each
  // carrying Marjolein's barcode.
  for (const std::string& file :
       {std::string("Attendee #,First Name,Last Name,Barcode #\n"
                    "13379999,Mallory,Evil," +
                    marjolein_secret + "\n"),
        std::string("Order code,Position ID,Attendee name,Ticket secret\n"
                    "K3XQ9,4,Mallory Evil," +
                    marjolein_secret + "\n")}) {
    auto report = ImportAttendees(store, file, options);
    REQUIRE(report.ok());
    CHECK(report->imported == 1);
    CHECK(report->updated == 0);
    REQUIRE(report->notes.size() == 1);
    CHECK(report->notes[0].kind == RowProblemKind::kCodeTaken);
  }
  auto guests = ByExternalId(store);
  CHECK(guests.at("pretix:K3XQ9-1").FullName() == "Marjolein de Gelder");
  CHECK(guests.at("pretix:K3XQ9-1").shop_code == marjolein_secret);
  CHECK(guests.at("pretix:K3XQ9-4").shop_code.empty());
  CHECK(guests.at("eventbrite:13379999").shop_code.empty());
  // Two tickets of one file with one barcode: both guests come in.
  auto shared =
      ImportAttendees(store,
                      "Order code,Position ID,Attendee name,Ticket secret\n"
                      "M1ZZ8,1,Roos Dekker,sharedsecret123\n"
                      "M1ZZ8,2,Bas Dekker,sharedsecret123\n",
                      options);
  REQUIRE(shared.ok());
  CHECK(shared->imported == 2);
  CHECK(shared->rejected == 0);
}

TEST_CASE("pretix's check-in list and order positions meet in either order",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("o.db"));
  ImportReport list = Import(store, "pretix-checkin-list.csv");
  CHECK(list.imported == 5);
  ImportReport positions = Import(store, "pretix-order-positions-en.csv");
  CHECK(positions.imported == 2);  // the two the check-in list leaves out
  CHECK(positions.updated == 5);
  auto guests = ByExternalId(store);
  REQUIRE(guests.size() == 7);
  CHECK(guests.at("pretix:K3XQ9-1").FullName() == "Marjolein de Gelder");
  CHECK(guests.count("pretix:q7w2e9r4t6y8u1i3o5p0a2s4d6f8g1h3") == 0);
  CHECK(Import(store, "pretix-checkin-list.csv").updated == 5);
  CHECK(ByExternalId(store).size() == 7);
}

TEST_CASE("a ticket status is read in the shop's words and never guessed",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("w.db"));
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  auto report = ImportAttendees(store,
                                "id,naam,ticket status\n"
                                "A-1,An Een,Cancelled (refunded)\n"
                                "A-2,Bo Twee,Transferred\n"
                                "A-3,Cor Drie,maybe\n"
                                "A-4,Dirk Vier,Awaiting payment\n"
                                "A-5,Els Vijf,Paid\n",
                                options);
  REQUIRE(report.ok());
  CHECK(report->imported == 4);
  REQUIRE(report->problems.size() == 1);
  CHECK(report->problems[0].line == 4);
  CHECK(report->problems[0].kind == RowProblemKind::kUnknownTicket);
  auto guests = ByExternalId(store);
  CHECK(guests.at("A-1").ticket == TicketState::kCancelled);
  CHECK(guests.at("A-2").ticket == TicketState::kCancelled);
  CHECK(guests.at("A-4").ticket == TicketState::kUnpaid);
  CHECK(guests.at("A-5").ticket == TicketState::kValid);
  // An empty status cell leaves a cancelled ticket cancelled.
  auto blank =
      ImportAttendees(store, "id,naam,ticket status\nA-1,An Een,\n", options);
  REQUIRE(blank.ok());
  CHECK(blank->updated == 1);
  CHECK(ByExternalId(store).at("A-1").ticket == TicketState::kCancelled);
}

TEST_CASE("a ticket without a name takes the buyer's and says so",
          "[import][shops]") {
  TempDir dir;
  Store store = MakeEventStore(dir.File("n.db"));
  ImportOptions options;
  options.now = At("2026-10-05T09:00:00Z");
  auto report = ImportAttendees(
      store,
      "Order code,Position ID,Attendee name,Invoice address name\n"
      "Q9PL2,1,,Inge Smit\n"
      "Q9PL2,2,Joost Smit,Inge Smit\n",
      options);
  REQUIRE(report.ok());
  CHECK(report->imported == 2);
  REQUIRE(report->notes.size() == 1);
  CHECK(report->notes[0].line == 2);
  CHECK(report->notes[0].kind == RowProblemKind::kBuyerName);
  CHECK(ByExternalId(store).at("pretix:Q9PL2-2").FullName() == "Joost Smit");
}

TEST_CASE("the door reads a shop barcode as the import kept it",
          "[import][shops][door]") {
  ShopDoor f;
  ImportOptions options;
  options.now = f.clock.Now();
  // A barcode shaped like another event's Entree badge is still a barcode.
  std::string badge_shaped = "E1" + std::string(148, 'A');
  auto report = ImportAttendees(f.store,
                                "Attendee #,First Name,Last Name,Barcode #\n"
                                "1,Ida,Bos,\x07"
                                "code-one\x07\n"
                                "2,Ruben,Bos," +
                                    badge_shaped + "\n",
                                options);
  REQUIRE(report.ok());
  REQUIRE(report->imported == 2);
  Door north = f.DoorAt("door-north");
  CHECK(f.Scan(north, "code-one") == Verdict::kWelcome);
  f.clock.Advance(std::chrono::seconds(30));
  CHECK(f.Scan(north,
               "\x07"
               "code-one\r") == Verdict::kAlreadyInside);
  CHECK(f.Scan(north, badge_shaped) == Verdict::kWelcome);
}

TEST_CASE("entree import --dry-run --strict fails as the import would",
          "[import][shops][cli]") {
  testing::Cli cli;
  REQUIRE(cli.Run({"init", "--name", "Dry"}).exit_code == 0);
  std::string file = cli.dir.File("list.csv");
  {
    std::ofstream out(file);
    out << "naam,email\nJan Jansen,not-an-email\nPiet Pauw,piet@example.nl\n";
  }
  std::string before = DatabaseFingerprint(cli.db);
  testing::ProcessResult dry =
      cli.Run({"import", file, "--dry-run", "--strict"});
  CHECK(dry.exit_code == 3);
  CHECK(cli.Run({"import", file, "--dry-run"}).exit_code == 0);
  CHECK(DatabaseFingerprint(cli.db) == before);
  CHECK(cli.Run({"import", file}).exit_code == 0);
}
