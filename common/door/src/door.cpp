// Door: token check, facts from the store, the rule, the durable record.
#include "entree/door/door.h"

#include "entree/base/text.h"
#include "entree/base/uuid.h"

namespace entree {

DoorSettings DoorSettingsFor(const Event& event, Direction direction) {
  DoorSettings settings;
  settings.direction = direction;
  settings.doors_open_at = event.doors_open_at;
  settings.closes_at = event.ends_at;
  return settings;
}

Door::Door(Store& store, const Clock& clock, Event event, DoorSettings settings,
           std::string kiosk_id)
    : store_(store),
      clock_(clock),
      event_(std::move(event)),
      settings_(settings),
      kiosk_id_(std::move(kiosk_id)) {}

std::string GreetingName(const ScanOutcome& outcome,
                         std::string_view fallback) {
  std::string name = outcome.attendee ? outcome.attendee->FullName() : "";
  if (Trim(name).empty()) return std::string(fallback);
  return name;
}

Result<ScanOutcome> Door::Scan(std::string_view code, bool dry_run) {
  if (!event_.public_key) {
    return Status::Localized(StatusCode::kKey, "error.no_public_key", {});
  }
  TokenVerification token =
      VerifyBadgeCode(code, event_.id, *event_.public_key);
  if (token.check != TokenCheck::kValid) {
    // Not a badge of this event: perhaps the barcode of the guest's shop
    // ticket, which counts as their current badge. Kept as the import
    // keeps it: without control characters, trimmed.
    std::string barcode(code.substr(0, kMaxShopCodeBytes + 64));
    StripControlCharacters(barcode);
    ENTREE_ASSIGN_OR_RETURN(auto owner, store_.FindByShopCode(Trim(barcode)));
    if (owner) {
      auto badge = store_.CurrentBadge(owner->id);
      if (!badge.ok()) return badge.status();
      BadgeClaim claim{event_.id, owner->id, *badge ? (*badge)->serial : 0};
      return Decide(TokenCheck::kValid, claim, dry_run);
    }
  }
  return Decide(token.check, token.claim, dry_run);
}

bool Door::KnowsCode(std::string_view text) {
  if (!event_.public_key) return false;
  if (VerifyBadgeCode(text, event_.id, *event_.public_key).check ==
      TokenCheck::kValid) {
    return true;
  }
  if (text.size() > kMaxShopCodeBytes) return false;
  std::string barcode(text);
  StripControlCharacters(barcode);
  auto owner = store_.FindByShopCode(Trim(barcode));
  return owner.ok() && owner->has_value();
}

Result<ScanOutcome> Door::CheckInByHand(const Uuid& attendee_id) {
  ENTREE_ASSIGN_OR_RETURN(auto attendee, store_.GetAttendee(attendee_id));
  auto badge = store_.CurrentBadge(attendee_id);
  if (!badge.ok()) return badge.status();
  BadgeClaim claim{event_.id, attendee_id, *badge ? (*badge)->serial : 0};
  return Decide(TokenCheck::kValid, claim, /*dry_run=*/false);
}

Result<ScanOutcome> Door::Decide(TokenCheck token, const BadgeClaim& claim,
                                 bool dry_run) {
  // The history is read and the row appended under one write lock, so two
  // processes or threads scanning one badge on one file admit it once.
  std::optional<Transaction> transaction;
  if (!dry_run && token == TokenCheck::kValid) {
    ENTREE_ASSIGN_OR_RETURN(auto begun, store_.Begin());
    transaction.emplace(std::move(begun));
    // A file the server refused as a copy of a device's lets nobody in,
    // whichever program learned of it.
    ENTREE_ASSIGN_OR_RETURN(bool copied, store_.IsRefusedCopy());
    if (copied) {
      return Status::Localized(StatusCode::kKey, "error.device_copied", {});
    }
  }
  Instant now = clock_.Now();
  ScanOutcome outcome;
  ScanFacts facts;
  facts.token = outcome.token = token;
  if (token == TokenCheck::kValid) {
    auto attendee = store_.GetAttendee(claim.attendee_id);
    if (attendee.ok()) {
      facts.ticket = attendee->ticket;
      outcome.attendee = std::move(attendee).value();
    } else if (!attendee.status().IsNotFound()) {
      return attendee.status();
    }
    ENTREE_ASSIGN_OR_RETURN(auto current,
                            store_.CurrentBadge(claim.attendee_id));
    facts.badge_revoked = current && current->serial > claim.serial;
    auto history =
        store_.History(claim.attendee_id, claim.serial, kiosk_id_, now);
    if (!history.ok()) return history.status();
    facts.first_entry = history->first_entry;
    facts.last_pass = history->last_pass;
    // A bounce is a double read by this very door's scanner: another
    // process or box under the same kiosk id is another person.
    if (auto recent = recent_.find({claim.attendee_id, claim.serial});
        recent != recent_.end()) {
      facts.last_scan_here = recent->second;
    }
  }

  Decision decision = DecideScan(facts, settings_, now);
  outcome.verdict = decision.verdict;
  outcome.first_entry = decision.first_entry;
  if (decision.record && !dry_run) {
    // Only a valid code is ever recorded (DecideScan records no token
    // problem), and for a valid code the write lock was taken above.
    if (!transaction) {
      return Status::InvalidArgument(
          "a scan to record without its write lock (token " +
          std::string(ToString(token)) + ")");
    }
    CheckinRecord record{NewUuid(),        claim.attendee_id,   claim.serial,
                         kiosk_id_,        settings_.direction, now,
                         decision.verdict, std::nullopt};
    std::optional<Instant> received;
    if (arrival_clock_) received = arrival_clock_->Now();
    ENTREE_RETURN_IF_ERROR(store_.AppendCheckin(record, received));
    ENTREE_RETURN_IF_ERROR(transaction->Commit());
    outcome.recorded = true;
    outcome.checkin_id = record.id;
    RememberScan(claim, PassRecord{now, settings_.direction, decision.verdict,
                                   kiosk_id_});
  }
  transaction.reset();  // a bounce wrote nothing: let go of the lock
  AddSeats(outcome, dry_run, now);
  return outcome;
}

void Door::RememberScan(const BadgeClaim& claim, const PassRecord& pass) {
  // Only the last bounce window matters; the map stays small.
  if (recent_.size() > 4096) {
    std::erase_if(recent_, [&](const auto& entry) {
      return pass.at - entry.second.at >= settings_.bounce_window;
    });
  }
  recent_[{claim.attendee_id, claim.serial}] = pass;
}

void Door::AddSeats(ScanOutcome& outcome, bool dry_run, Instant now) {
  if (!outcome.attendee || settings_.direction != Direction::kEntry) return;
  bool let_in = outcome.verdict == Verdict::kWelcome ||
                outcome.verdict == Verdict::kWelcomeBack;
  if (!let_in && outcome.verdict != Verdict::kAlreadyInside) return;
  // The guest is in; a seating problem must not turn that into a fault
  // screen, so a failure here only leaves the seats out.
  if (let_in && !dry_run && defer_seating_) {
    auto planning = NeedsSeatPlanning(store_, *outcome.attendee);
    if (planning.ok() && *planning) {
      outcome.seating_pending = true;
      return;
    }
  }
  auto seats = let_in && !dry_run ? TellSeats(store_, *outcome.attendee, now)
                                  : SeatLinesOf(store_, *outcome.attendee);
  if (seats.ok()) outcome.seats = std::move(seats).value();
}

}  // namespace entree
