// Scan to badge at a registration kiosk (scan_at_desk.h).
#include "entree/desk/scan_at_desk.h"

#include "entree/desk/registration.h"

namespace entree {

ScanAtDesk DecideScanAtDesk(Verdict verdict,
                            const std::optional<Attendee>& attendee,
                            KioskRole role, PrintOnScan when,
                            bool has_printer) {
  ScanAtDesk out;
  if (role == KioskRole::kDoor || !attendee || !WhyNoBadge(*attendee).empty()) {
    return out;
  }
  switch (verdict) {
    case Verdict::kWelcome:
    case Verdict::kWelcomeBack:
    case Verdict::kNotOpen:
      break;
    default:
      return out;
  }
  out.print = has_printer && when != PrintOnScan::kNever;
  out.again = out.print && when == PrintOnScan::kAlways;
  out.badge = role == KioskRole::kRegistration || out.print;
  out.next = verdict == Verdict::kNotOpen ? AfterScan::kDoorsLater
             : role == KioskRole::kBoth   ? AfterScan::kLetIn
                                          : AfterScan::kToEntrance;
  return out;
}

}  // namespace entree
