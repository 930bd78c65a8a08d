// The door module: turns a scanned code into a decision and a durable
// check-in.
//
// Door (here) verifies a badge code or looks up a shop's barcode, asks the
// pure rules (codes/checkin_rules.h, DecideScan) for a verdict, and records the
// check-in under one write lock, so one badge is let in once whatever runs
// at the same time. A guest's seats are told on the way in when there is a
// World Café plan; walk_in_seater.h seats walk-ins beside a kiosk's screen.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"
#include "entree/codes/checkin_rules.h"
#include "entree/seating/seating_event.h"
#include "entree/store/store.h"

namespace entree {

// What the guest is shown after a scan.
struct ScanOutcome {
  Verdict verdict = Verdict::kInvalid;
  TokenCheck token = TokenCheck::kBadLength;  // why a code was refused
  std::optional<Attendee> attendee;           // known attendee of a valid code
  std::optional<Instant> first_entry;         // for welcome and already inside
  bool recorded = false;                      // a new check-in row is on disk
  Uuid checkin_id{};                          // the row's id when recorded
  // Where a guest let in sits in each World Café round (told to them now);
  // also for a guest already inside. Empty without a seating plan.
  std::vector<SeatLine> seats;
  // A walk-in let in whose seats are still to be planned: with
  // Door::set_defer_walk_in_seating, the caller seats them (WalkInSeater)
  // and `seats` is empty until then.
  bool seating_pending = false;
};

// The name a verdict greets the guest by: their full name, or `fallback`
// (the catalogs' word for a guest) for an unknown guest or one whose name
// was purged or never given.
std::string GreetingName(const ScanOutcome& outcome, std::string_view fallback);

// Door settings as the event defines them: doors-open time, end time.
DoorSettings DoorSettingsFor(const Event& event, Direction direction);

// Checks badges at one kiosk. Holds only the event's public key, so a door
// can verify but never make badges. Not thread-safe.
class Door {
 public:
  // `store` and `clock` must outlive the Door.
  Door(Store& store, const Clock& clock, Event event, DoorSettings settings,
       std::string kiosk_id);

  // Decides the scan and, unless `dry_run`, appends it to the check-in log
  // before returning (a green screen means the row is on disk). Fails when
  // the store fails, and with kKey (error.device_copied) on a file the sync
  // server refused as a copy of a device's; every kind of bad code is a
  // verdict.
  Result<ScanOutcome> Scan(std::string_view code, bool dry_run = false);

  // Whether `text` is a code a guest would scan here: a badge code signed
  // for this event, or a guest's shop barcode. Nobody types either by
  // hand, so a kiosk takes such a line as a scan however slowly its keys
  // came. False when the store cannot say.
  bool KnowsCode(std::string_view text);

  // Staff checking a guest in by hand (lost badge, unreadable code): the
  // rule as for a scan of the guest's current badge. kNotFound for an
  // unknown attendee.
  Result<ScanOutcome> CheckInByHand(const Uuid& attendee_id);

  // Seating a walk-in plans the tables again, up to a second with
  // hundreds of guests. Deferred, Scan does not wait for it: a walk-in's
  // outcome says seating_pending instead, and the scan is as quick as any.
  void set_defer_walk_in_seating(bool defer) { defer_seating_ = defer; }

  // When scans are judged at a time given by hand (`entree checkin --at`),
  // the clock of the moment they are recorded: a row dated ahead of it is
  // ordered as of then (Store::AppendCheckin). `clock` must outlive the
  // Door.
  void set_arrival_clock(const Clock& clock) { arrival_clock_ = &clock; }

  const DoorSettings& settings() const { return settings_; }
  const std::string& kiosk_id() const { return kiosk_id_; }

 private:
  Result<ScanOutcome> Decide(TokenCheck token, const BadgeClaim& claim,
                             bool dry_run);
  // Keeps the scan this door just recorded, to tell its scanner's double
  // read of the badge within the bounce window.
  void RememberScan(const BadgeClaim& claim, const PassRecord& pass);
  // Fills in the seats of a guest let in (telling them, unless `dry_run`)
  // or already inside.
  void AddSeats(ScanOutcome& outcome, bool dry_run, Instant now);

  Store& store_;
  const Clock& clock_;
  Event event_;
  DoorSettings settings_;
  std::string kiosk_id_;
  bool defer_seating_ = false;
  const Clock* arrival_clock_ = nullptr;
  // The latest recorded scan of each badge (attendee, serial) here.
  std::map<std::pair<Uuid, uint32_t>, PassRecord> recent_;
};

}  // namespace entree
