// The desk module: what a registration desk does, on the kiosk and in the
// CLI.
//
// - registration.h (here): registering walk-ins and issuing badge codes
//   with the event's secret key.
// - print_desk.h: a badge from a guest to the printer, logged, with a
//   reprint that never issues a second valid code by accident.
// - kiosk_config.h: the kiosk's settings file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"
#include "entree/codes/badge_token.h"
#include "entree/store/store.h"

namespace entree {

// What a walk-in types at the kiosk.
struct WalkInForm {
  std::string given_name;
  std::string family_name;
  std::string organisation;
  std::optional<Sector> sector;  // chosen by the guest; none is an error
  std::string email;             // optional
  // The guest's optional yes to hearing from the organiser after the
  // event. The badge never depends on it (consent that is a condition of
  // the service is not freely given, GDPR art. 7(4)): the details for the
  // badge are kept on the ground the kiosk's privacy notice names.
  bool consent = false;
};

// The attendee the form describes, cleaned (control characters out, spaces
// trimmed), without id or times: what the guest is asked to check. Fails
// with kInvalidArgument and a catalog text when the form has no name, no
// sector, an email that is not one, or a field too long to print.
Result<Attendee> CheckWalkIn(const WalkInForm& form);

// Adds the walk-in as an attendee (source walk-in), as CheckWalkIn would
// have it; fails as CheckWalkIn does, and the store is unchanged then.
Result<Attendee> RegisterWalkIn(Store& store, const WalkInForm& form,
                                Instant now);

// Why a desk that finds `attendee` by name makes them no badge: the door's
// words for the ticket it would refuse ("verdict.cancelled",
// "verdict.unpaid"); "" when the door would take it.
std::string_view WhyNoBadge(const Attendee& attendee);

// A badge as printed: its serial and the code its QR holds.
struct IssuedBadge {
  Badge badge;
  std::string code;
  // Planned, not yet in the store: Record() writes it.
  bool pending = false;
};

// Issues and signs badges for one event. Holds the secret key: only
// registration kiosks and the organiser's CLI have one.
class BadgeIssuer {
 public:
  // `store` must outlive the issuer.
  BadgeIssuer(Store& store, EventId event_id, SecretKey key,
              std::string kiosk_id);

  // The attendee's current badge, issuing the first one when there is
  // none; with `reissue`, always a new one, which revokes the older ones.
  Result<IssuedBadge> BadgeFor(const Uuid& attendee_id, bool reissue,
                               Instant now);
  // The badge BadgeFor would give, writing nothing: a new one is `pending`
  // until Record(). For outputs that must exist before a badge changes (a
  // file, a print job): a failed output then revokes and issues nothing.
  Result<IssuedBadge> Plan(const Uuid& attendee_id, bool reissue, Instant now);
  // Writes a pending badge; nothing for one that is not. When another
  // program recorded the same serial meanwhile, theirs stays: the code is
  // the same.
  Status Record(const IssuedBadge& badge);

 private:
  Store& store_;
  EventId event_id_;
  SecretKey key_;
  std::string kiosk_id_;
};

}  // namespace entree
