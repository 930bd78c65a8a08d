// What one guest's badge says, gathered from the store.
#pragma once

#include <memory>
#include <string>

#include "entree/base/catalog.h"
#include "entree/base/model.h"
#include "entree/base/status.h"
#include "entree/store/store.h"

namespace entree {

// What one badge shows, in the event's language.
struct BadgeFace {
  std::string event_name;
  std::string full_name;
  std::string organisation;
  Sector sector = Sector::kOther;
  std::string sector_word;  // "Onderwijs"
  // "Tafel HR · tafelhost Marjolein de Gelder", or with a World Café plan
  // "Rondes: 1 Smart Industry · 2 Human Capital · 3 Marketing".
  std::string table_line;
  std::string code;  // what the QR holds (a badge code)
  // The organiser's logo (a PNG or SVG file's bytes); null when none.
  std::shared_ptr<const std::string> logo;
};

// The face of `attendee`'s badge holding `code`: the event's name, their
// table per round (SeatLinesOf; call TellSeats first when the badge goes to
// the guest) or else their table and its hosts from `store`, words in
// `language`. Fails as the store does.
Result<BadgeFace> MakeBadgeFace(Store& store, const Attendee& attendee,
                                std::string code, Language language);

}  // namespace entree
