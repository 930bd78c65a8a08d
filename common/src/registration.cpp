// Walk-in registration and badge issuing.
#include "entree/registration.h"

#include "entree/text.h"
#include "entree/uuid.h"

namespace entree {

Result<Attendee> RegisterWalkIn(Store& store, const WalkInForm& form,
                                Instant now) {
  Attendee a;
  a.given_name = std::string(Trim(form.given_name));
  a.family_name = std::string(Trim(form.family_name));
  a.organisation = std::string(Trim(form.organisation));
  a.email = std::string(Trim(form.email));
  if (a.given_name.empty() && a.family_name.empty()) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_no_name", {});
  }
  if (!a.email.empty() && !IsPlausibleEmail(a.email)) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_bad_email", {a.email});
  }
  if (!form.consent) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.walk_in_no_consent", {});
  }
  a.id = NewUuid();
  a.sector = form.sector;
  a.source = Source::kWalkIn;
  a.consent = true;
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
  auto current = store_.CurrentBadge(attendee_id);
  if (!current.ok()) return current.status();
  std::optional<Badge> badge = *current;
  if (!badge || reissue) {
    auto issued = store_.IssueBadge(attendee_id, kiosk_id_, now);
    if (!issued.ok()) return issued.status();
    badge = *issued;
  }
  std::string code =
      SignBadgeCode({event_id_, attendee_id, badge->serial}, key_);
  return IssuedBadge{*badge, std::move(code)};
}

}  // namespace entree
