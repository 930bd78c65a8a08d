// Walk-in registration and badge issuing.
#include "entree/desk/registration.h"

#include <limits>

#include "entree/base/text.h"
#include "entree/base/uuid.h"

namespace entree {

Result<Attendee> CheckWalkIn(const WalkInForm& form) {
  Attendee a;
  auto clean = [](std::string_view typed) {
    std::string text(typed);
    StripControlCharacters(text);
    return std::string(Trim(text));
  };
  a.given_name = clean(form.given_name);
  a.family_name = clean(form.family_name);
  a.organisation = clean(form.organisation);
  a.email = clean(form.email);
  if (a.given_name.empty() && a.family_name.empty()) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_no_name", {});
  }
  if (!form.sector) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_no_sector", {});
  }
  if (!a.email.empty() && !IsPlausibleEmail(a.email)) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_bad_email", {a.email});
  }
  if (auto oversized = FindOversizedField(a)) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_too_long", {});
  }
  a.sector = *form.sector;
  a.source = Source::kWalkIn;
  a.consent = form.consent;
  return a;
}

std::string_view WhyNoBadge(const Attendee& attendee) {
  switch (attendee.ticket) {
    case TicketState::kCancelled:
      return "verdict.cancelled";
    case TicketState::kUnpaid:
      return "verdict.unpaid";
    case TicketState::kValid:
      break;
  }
  return "";
}

Result<Attendee> RegisterWalkIn(Store& store, const WalkInForm& form,
                                Instant now) {
  ENTREE_ASSIGN_OR_RETURN(Attendee a, CheckWalkIn(form));
  a.id = NewUuid();
  a.created_at = a.updated_at = now;
  ENTREE_RETURN_IF_ERROR(store.InsertAttendee(a));
  return a;
}

BadgeIssuer::BadgeIssuer(Store& store, EventId event_id, SecretKey key,
                         std::string kiosk_id)
    : store_(store),
      event_id_(event_id),
      key_(key),
      kiosk_id_(std::move(kiosk_id)) {}

Result<IssuedBadge> BadgeIssuer::BadgeFor(const Uuid& attendee_id, bool reissue,
                                          Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto badge, Plan(attendee_id, reissue, now));
  ENTREE_RETURN_IF_ERROR(Record(badge));
  badge.pending = false;
  return badge;
}

Result<IssuedBadge> BadgeIssuer::Plan(const Uuid& attendee_id, bool reissue,
                                      Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto current, store_.CurrentBadge(attendee_id));
  bool pending = !current || reissue;
  if (pending && current &&
      current->serial == std::numeric_limits<uint32_t>::max()) {
    return Status::InvalidArgument("no badge serial is left for this guest");
  }
  Badge badge = pending ? Badge{attendee_id, current ? current->serial + 1 : 1,
                                now, kiosk_id_}
                        : *current;
  std::string code =
      SignBadgeCode({event_id_, attendee_id, badge.serial}, key_);
  return IssuedBadge{badge, std::move(code), pending};
}

Status BadgeIssuer::Record(const IssuedBadge& badge) {
  if (!badge.pending) return Status::Ok();
  return store_.MergeBadge(badge.badge);
}

}  // namespace entree
