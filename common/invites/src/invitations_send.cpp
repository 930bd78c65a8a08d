// Invitations: the run that hands messages to the mail server, recording
// each guest's state durably before and after.
#include <algorithm>
#include <thread>

#include "entree/base/text.h"
#include "entree/invites/invitations.h"
#include "entree/seating/seating_event.h"

namespace entree {
namespace {

bool Stopping(const SendPacing& pacing) {
  return pacing.stop != nullptr && pacing.stop->load();
}

// Waits `wait`, or less when the run is asked to stop.
void WaitUnlessStopped(std::chrono::milliseconds wait,
                       const SendPacing& pacing) {
  auto until = std::chrono::steady_clock::now() + wait;
  while (!Stopping(pacing) && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<std::chrono::milliseconds>(
        std::chrono::milliseconds(100),
        std::chrono::duration_cast<std::chrono::milliseconds>(
            until - std::chrono::steady_clock::now()) +
            std::chrono::milliseconds(1)));
  }
}

}  // namespace

void Invitations::Pace(const SendPacing& pacing) {
  if (pacing.per_minute <= 0) return;
  auto interval = std::chrono::microseconds(60'000'000 / pacing.per_minute);
  auto now = std::chrono::steady_clock::now();
  if (next_slot_ > now) std::this_thread::sleep_until(next_slot_);
  next_slot_ = std::max(now, next_slot_) + interval;
}

Status Invitations::Deliver(const PreparedInvite& invite, InviteRecord& record,
                            SmtpSender& sender, const SendPacing& pacing) {
  auto wait = pacing.first_wait;
  for (int attempt = 0;; ++attempt) {
    // On disk before the message leaves: a run that dies from here on
    // leaves the guest sending, which the next run reports as unknown
    // instead of sending blindly again.
    {
      ENTREE_ASSIGN_OR_RETURN(auto transaction, store_->Begin());
      BadgeIssuer issuer(*store_, event_.id, key_, settings_.kiosk_id);
      ENTREE_RETURN_IF_ERROR(issuer.Record(invite.badge));
      if (settings_.with_tables) {
        auto seats = TellSeats(*store_, invite.attendee, clock_->Now());
        if (!seats.ok()) return seats.status();
      }
      record.state = InviteState::kSending;
      record.address = invite.address;
      record.badge_serial = invite.badge.badge.serial;
      record.attempts += 1;
      record.detail.clear();
      record.permanent = false;
      record.updated_at = clock_->Now();
      ENTREE_RETURN_IF_ERROR(store_->PutInvite(record));
      ENTREE_RETURN_IF_ERROR(transaction.Commit());
    }
    Pace(pacing);
    SmtpReply reply =
        sender.Send(settings_.from_address, invite.address, invite.message);
    record.updated_at = clock_->Now();
    record.detail = reply.detail;
    Status stop = Status::Ok();
    switch (reply.outcome) {
      case SmtpOutcome::kSent:
        record.state = InviteState::kSent;
        record.sent_at = record.updated_at;
        break;
      case SmtpOutcome::kTemporary:
        if (attempt < pacing.retries && !Stopping(pacing)) {
          record.state = InviteState::kQueued;
          ENTREE_RETURN_IF_ERROR(store_->PutInvite(record));
          WaitUnlessStopped(wait, pacing);
          wait *= 2;
          if (Stopping(pacing)) {
            // Refused for now and not handed over again: the next run
            // takes it.
            return Status::Ok();
          }
          continue;
        }
        record.state = InviteState::kFailed;
        break;
      case SmtpOutcome::kPermanent:
        record.state = InviteState::kFailed;
        record.permanent = true;
        break;
      case SmtpOutcome::kUnknown:
        record.state = InviteState::kUnknown;
        break;
      case SmtpOutcome::kLoginDenied:
      case SmtpOutcome::kUnreachable:
        // Nothing was handed over: the guest waits for the next run.
        record.state = InviteState::kQueued;
        record.attempts -= 1;
        stop = Status::Localized(StatusCode::kIo,
                                 reply.outcome == SmtpOutcome::kLoginDenied
                                     ? "error.smtp_login"
                                     : "error.smtp_unreachable",
                                 {reply.detail});
        break;
    }
    ENTREE_RETURN_IF_ERROR(store_->PutInvite(record));
    return stop;
  }
}

Result<InviteTally> Invitations::Send(
    const std::vector<Attendee>& invitees, SmtpSender& sender,
    const SendPacing& pacing,
    const std::function<void(const InviteOutcome&)>& progress) {
  InviteTally tally;
  std::vector<InviteRecord> records;
  records.reserve(invitees.size());
  {
    ENTREE_ASSIGN_OR_RETURN(auto transaction, store_->Begin());
    for (const Attendee& attendee : invitees) {
      ENTREE_ASSIGN_OR_RETURN(auto existing, store_->GetInvite(attendee.id));
      InviteRecord record = existing.value_or(InviteRecord{});
      record.attendee_id = attendee.id;
      record.state = InviteState::kQueued;
      record.detail.clear();
      record.permanent = false;
      record.updated_at = clock_->Now();
      ENTREE_RETURN_IF_ERROR(store_->PutInvite(record));
      records.push_back(std::move(record));
    }
    ENTREE_RETURN_IF_ERROR(transaction.Commit());
  }
  for (size_t i = 0; i < invitees.size(); ++i) {
    if (Stopping(pacing)) {
      tally.left = static_cast<int>(invitees.size() - i);
      break;
    }
    InviteRecord& record = records[i];
    auto prepared = Prepare(invitees[i]);
    if (!prepared.ok()) {
      // A guest this run cannot write to (an address no server takes):
      // reported, and not tried again until the address changes.
      record.state = InviteState::kFailed;
      record.permanent = true;
      record.address = std::string(Trim(invitees[i].email));
      record.detail = prepared.status().message();
      record.updated_at = clock_->Now();
      ENTREE_RETURN_IF_ERROR(store_->PutInvite(record));
    } else {
      Status delivered = Deliver(*prepared, record, sender, pacing);
      if (!delivered.ok()) return delivered;
    }
    switch (record.state) {
      case InviteState::kQueued:  // stopped while it waited to try again
        ++tally.left;
        continue;
      case InviteState::kSent:
        ++tally.sent;
        break;
      case InviteState::kFailed:
        ++tally.failed;
        break;
      default:
        ++tally.unknown;
        break;
    }
    tally.outcomes.push_back({invitees[i], record});
    if (progress) progress(tally.outcomes.back());
  }
  return tally;
}

}  // namespace entree
