// The door rule: facts of a scan in, verdict out.
#include "entree/codes/checkin_rules.h"

namespace entree {

std::string_view ToString(Verdict verdict) {
  switch (verdict) {
    case Verdict::kWelcome:
      return "welcome";
    case Verdict::kWelcomeBack:
      return "welcome_back";
    case Verdict::kGoodbye:
      return "goodbye";
    case Verdict::kAlreadyInside:
      return "already_inside";
    case Verdict::kRevoked:
      return "revoked";
    case Verdict::kWrongEvent:
      return "wrong_event";
    case Verdict::kInvalid:
      return "invalid";
    case Verdict::kNotOpen:
      return "not_open";
    case Verdict::kClosed:
      return "closed";
    case Verdict::kCancelled:
      return "cancelled";
    case Verdict::kUnpaid:
      return "unpaid";
  }
  return "invalid";
}

std::optional<Verdict> ParseVerdict(std::string_view text) {
  for (Verdict v : {Verdict::kWelcome, Verdict::kWelcomeBack, Verdict::kGoodbye,
                    Verdict::kAlreadyInside, Verdict::kRevoked,
                    Verdict::kWrongEvent, Verdict::kInvalid, Verdict::kNotOpen,
                    Verdict::kClosed, Verdict::kCancelled, Verdict::kUnpaid}) {
    if (ToString(v) == text) return v;
  }
  return std::nullopt;
}

bool Admits(Verdict verdict) {
  switch (verdict) {
    case Verdict::kWelcome:
    case Verdict::kWelcomeBack:
    case Verdict::kGoodbye:
      return true;
    case Verdict::kAlreadyInside:
    case Verdict::kRevoked:
    case Verdict::kWrongEvent:
    case Verdict::kInvalid:
    case Verdict::kNotOpen:
    case Verdict::kClosed:
    case Verdict::kCancelled:
    case Verdict::kUnpaid:
      return false;
  }
  return false;
}

Decision DecideScan(const ScanFacts& facts, const DoorSettings& door,
                    Instant now) {
  switch (facts.token) {
    case TokenCheck::kValid:
      break;
    case TokenCheck::kWrongEvent:
      return {Verdict::kWrongEvent, false, std::nullopt};
    case TokenCheck::kUnknownVersion:
    case TokenCheck::kBadLength:
    case TokenCheck::kBadBase32:
    case TokenCheck::kBadSignature:
      return {Verdict::kInvalid, false, std::nullopt};
  }
  if (facts.badge_revoked) return {Verdict::kRevoked, true, std::nullopt};

  if (facts.last_scan_here &&
      facts.last_scan_here->direction == door.direction &&
      now >= facts.last_scan_here->at &&
      now - facts.last_scan_here->at < door.bounce_window) {
    return {facts.last_scan_here->verdict, false, facts.first_entry};
  }

  // Nobody is kept in: an exit is always let through and recorded.
  if (door.direction == Direction::kExit) {
    return {Verdict::kGoodbye, true, facts.first_entry};
  }
  if (facts.ticket == TicketState::kCancelled) {
    return {Verdict::kCancelled, true, std::nullopt};
  }
  if (facts.ticket == TicketState::kUnpaid) {
    return {Verdict::kUnpaid, true, std::nullopt};
  }
  if (door.doors_open_at && now < *door.doors_open_at) {
    return {Verdict::kNotOpen, true, std::nullopt};
  }
  if (door.closes_at && now >= *door.closes_at) {
    return {Verdict::kClosed, true, std::nullopt};
  }
  bool inside =
      facts.last_pass && facts.last_pass->direction == Direction::kEntry;
  if (inside) return {Verdict::kAlreadyInside, true, facts.first_entry};
  if (!facts.first_entry) return {Verdict::kWelcome, true, now};
  if (!door.allow_reentry) {
    return {Verdict::kAlreadyInside, true, facts.first_entry};
  }
  return {Verdict::kWelcomeBack, true, facts.first_entry};
}

Instant EarliestCheckinFor(const Event& event) {
  std::optional<Instant> start = event.starts_at;
  if (event.doors_open_at && (!start || *event.doors_open_at < *start)) {
    start = event.doors_open_at;
  }
  if (start) return *start - std::chrono::hours(24 * 30);
  return FromMillis(946684800000);  // 2000-01-01T00:00:00Z
}

}  // namespace entree
