// Fuzz target: the door's scan path, from scanned text to a recorded
// check-in, on a real store (in memory) with guests, badges and shop
// barcodes, one guest's ticket cancelled and one's unpaid. The first byte
// picks what is scanned: the raw text, a genuine code of one of the guests
// (entry or exit door), the raw text after the clock moves on, or a
// guest's shop barcode with the rest of the input changing it. Whatever
// comes, a scan never fails, a guest let in is never let in again before
// they have left, and a ticket that is not valid never lets anyone in.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entree/door/door.h"
#include "fuzz_keys.h"

namespace {

using namespace entree;

constexpr int kGuests = 8;
constexpr int kCancelled = 6;  // the guest whose ticket was cancelled
constexpr int kUnpaid = 7;     // and the one whose ticket is unpaid

std::string ShopCode(int guest) {
  return "tk" + std::to_string(guest) + "q7w2e9";
}
// A fresh store every so many scans keeps the check-in log small.
constexpr int kScansPerStore = 20000;

struct Venue {
  KeyPair keys = fuzz::FixedKeyPair();
  FixedClock clock{FromMillis(1791820800000)};  // 2026-10-12T16:00Z
  Store store = Store::Open(":memory:").value();
  Event event;
  std::vector<Uuid> guests;
  std::vector<bool> inside;  // what the door must believe, per guest
  std::unique_ptr<Door> entry, exit;
  int scans = 0;

  Venue() {
    event.id = fuzz::kEventId;
    event.name = "Fuzz";
    event.public_key = keys.public_key;
    if (!store.CreateEvent(event).ok()) std::abort();
    for (int i = 0; i < kGuests; ++i) {
      Attendee a;
      a.id[0] = static_cast<uint8_t>(i + 1);
      a.id[6] = 0x40;
      a.id[8] = 0x80;
      a.given_name = "Gast";
      a.family_name = std::to_string(i);
      a.shop_code = ShopCode(i);
      a.ticket = i == kCancelled ? TicketState::kCancelled
                 : i == kUnpaid  ? TicketState::kUnpaid
                                 : TicketState::kValid;
      if (!store.InsertAttendee(a).ok()) std::abort();
      if (!store.IssueBadge(a.id, "desk", clock.Now()).ok()) std::abort();
      guests.push_back(a.id);
    }
    inside.assign(kGuests, false);
    entry = std::make_unique<Door>(store, clock, event,
                                   DoorSettingsFor(event, Direction::kEntry),
                                   "door-in");
    exit = std::make_unique<Door>(store, clock, event,
                                  DoorSettingsFor(event, Direction::kExit),
                                  "door-out");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<Venue> venue;
  if (!venue || venue->scans >= kScansPerStore) {
    venue.reset();
    venue = std::make_unique<Venue>();
  }
  if (size == 0) return 0;
  Venue& v = *venue;
  ++v.scans;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string code(rest);
  Door* door = v.entry.get();
  v.clock.Advance(std::chrono::seconds(1));
  switch (data[0] % 5) {
    case 0:
      break;
    case 1:
    case 2: {
      // A genuine code: guest, serial 0 to 2 (0 is older than the badge
      // issued, 2 newer), the rest of the input flipping its characters.
      size_t guest = rest.empty() ? 0 : static_cast<uint8_t>(rest[0]) % kGuests;
      uint32_t serial = rest.size() < 2 ? 1 : static_cast<uint8_t>(rest[1]) % 3;
      code = SignBadgeCode({fuzz::kEventId, v.guests[guest], serial},
                           v.keys.secret_key);
      for (size_t i = 2; i + 1 < rest.size(); i += 2) {
        code[static_cast<uint8_t>(rest[i]) % code.size()] = rest[i + 1];
      }
      if (data[0] % 5 == 2) door = v.exit.get();
      break;
    }
    case 3:
      v.clock.Advance(std::chrono::seconds(
          rest.empty() ? 0 : static_cast<uint8_t>(rest[0]) * 7));
      break;
    case 4: {
      size_t guest = rest.empty() ? 0 : static_cast<uint8_t>(rest[0]) % kGuests;
      code = ShopCode(static_cast<int>(guest));
      for (size_t i = 1; i + 1 < rest.size(); i += 2) {
        code[static_cast<uint8_t>(rest[i]) % code.size()] = rest[i + 1];
      }
      if (rest.size() % 3 == 1) door = v.exit.get();
      break;
    }
  }
  auto outcome = door->Scan(code);
  if (!outcome.ok()) std::abort();  // a bad code is a verdict, never a fault
  if (!outcome->recorded || !Admits(outcome->verdict)) return 0;
  if (!outcome->attendee) std::abort();
  for (int i = 0; i < kGuests; ++i) {
    if (v.guests[i] != outcome->attendee->id) continue;
    bool entering = door == v.entry.get();
    if (entering && v.inside[i]) std::abort();  // let in twice
    if (entering && (i == kCancelled || i == kUnpaid)) std::abort();
    v.inside[i] = entering;
  }
  return 0;
}
