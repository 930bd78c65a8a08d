// The door rule: one pure function from the facts of a scan to a verdict.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"
#include "entree/base/model.h"
#include "entree/codes/badge_token.h"

namespace entree {

// What the door tells the guest. The UI maps each with an exhaustive switch.
enum class Verdict {
  kWelcome,        // first entry
  kWelcomeBack,    // entry after an exit
  kGoodbye,        // exit recorded
  kAlreadyInside,  // entry while already inside
  kRevoked,        // a newer badge was issued; this one is void
  kWrongEvent,     // a valid-looking badge of another event
  kInvalid,        // unreadable, unknown version or forged
  kNotOpen,        // before doors-open
  kClosed,         // after the event ended
  kCancelled,      // the guest's ticket was cancelled, refunded or voided
  kUnpaid,         // the guest's ticket is not paid yet
};
// "welcome", "welcome_back", "goodbye", "already_inside", "revoked",
// "wrong_event", "invalid", "not_open", "closed", "cancelled", "unpaid".
std::string_view ToString(Verdict verdict);
std::optional<Verdict> ParseVerdict(std::string_view text);
// True for the verdicts that let the guest through (welcome, welcome back,
// goodbye): they are the ones that change who is inside.
bool Admits(Verdict verdict);

// How far a device's clock may run ahead of another's before its rows count
// as from the future: check-ins dated later than now plus this are refused
// when recorded and ignored when deciding.
inline constexpr std::chrono::minutes kClockTolerance{5};
// The earliest a check-in of `event` may be dated: 30 days before it
// starts (or its doors open), else 1 January 2000. Earlier rows (a clock
// set to 1970, a forged row) are refused when typed and set aside when
// pulled: they belong to no event, and would stretch every report.
Instant EarliestCheckinFor(const Event& event);

// How this door is set up.
struct DoorSettings {
  Direction direction = Direction::kEntry;
  bool allow_reentry = true;  // entry after an exit is welcome back
  std::optional<Instant> doors_open_at;
  std::optional<Instant> closes_at;
  // A second scan of the same badge at the same kiosk within this window is
  // the scanner bouncing, not a second check-in.
  std::chrono::milliseconds bounce_window{3000};
};

// A check-in or exit as the store remembers it.
struct PassRecord {
  Instant at{};
  Direction direction = Direction::kEntry;
  Verdict verdict = Verdict::kWelcome;
  std::string kiosk_id;
};

// Everything the rule needs to know about one scan, gathered from the token
// check and the store beforehand.
struct ScanFacts {
  TokenCheck token = TokenCheck::kBadLength;
  bool badge_revoked = false;  // a newer serial exists for the attendee
  TicketState ticket = TicketState::kValid;  // the attendee's ticket
  std::optional<Instant> first_entry;        // earliest admitted entry
  std::optional<PassRecord> last_pass;       // latest admitted entry or exit
  // Latest scan of this very badge (same serial) recorded at this kiosk,
  // any verdict.
  std::optional<PassRecord> last_scan_here;
};

struct Decision {
  Verdict verdict = Verdict::kInvalid;
  // False when this scan repeats one within the bounce window: nothing new
  // is recorded and the earlier verdict is shown again.
  bool record = false;
  std::optional<Instant> first_entry;  // for "already inside since ..."
};

// Decides a scan. Pure: same facts, settings and time, same decision.
// Order: token problems, revocation, bounce, exits, ticket state, opening
// hours, presence. An exit is let through whatever the ticket's state.
Decision DecideScan(const ScanFacts& facts, const DoorSettings& door,
                    Instant now);

}  // namespace entree
