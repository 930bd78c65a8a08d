// What a kiosk that makes badges does when a guest scans the code they
// were sent: shows and prints their badge instead of a door's welcome
// (docs/kiosk.md, "Scan to badge").
#pragma once

#include <optional>

#include "entree/base/model.h"
#include "entree/codes/checkin_rules.h"
#include "entree/desk/kiosk_config.h"

namespace entree {

// Where the guest goes with the badge a scan gave them.
enum class AfterScan {
  kLetIn,       // in: the scan at a kiosk that is also the door let them in
  kToEntrance,  // on to the entrance, to scan it there
  kDoorsLater,  // the doors are not open yet: come back when they are
};

struct ScanAtDesk {
  bool badge = false;  // shows the guest's badge instead of the verdict
  bool print = false;  // sends it to the printer
  bool again = false;  // also when this badge was printed before
  AfterScan next = AfterScan::kToEntrance;
};

// Decides from the door's verdict for the code (recorded at a `both`
// kiosk, only asked at a registration kiosk) and the guest it belongs to.
// A code the door refuses (revoked, another event's, unreadable, closed,
// already inside, a cancelled or unpaid ticket) gets no badge: the door's
// words say why, so a copy of an admitted guest's code prints nothing.
// A guest the door would take (or has taken), or who is early, gets their
// badge: at a registration kiosk always (its screen never looks like the
// door's welcome), printed unless `when` is never or there is no printer;
// at a `both` kiosk when it is printed. A door-only kiosk makes none.
ScanAtDesk DecideScanAtDesk(Verdict verdict,
                            const std::optional<Attendee>& attendee,
                            KioskRole role, PrintOnScan when, bool has_printer);

}  // namespace entree
