// Drawing badges with cairo and pango: PNG at the printer's resolution,
// vector PDF for printing, pixels for the kiosk's preview, and A4 sheets
// with cut marks for printing a whole list.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entree/badge_layout.h"
#include "entree/catalog.h"
#include "entree/model.h"
#include "entree/picture.h"
#include "entree/status.h"
#include "entree/store.h"

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
};

// The face of `attendee`'s badge holding `code`: the event's name, their
// table per round (SeatLinesOf; call TellSeats first when the badge goes to
// the guest) or else their table and its hosts from `store`, words in
// `language`. Fails as the store does.
Result<BadgeFace> MakeBadgeFace(Store& store, const Attendee& attendee,
                                std::string code, Language language);

// Renders at `dpi` pixels per inch (the layout's own for print quality, less
// for a screen). Fails with kInvalidArgument when the code does not fit a
// QR symbol, kIo when cairo cannot draw.
Result<ArgbImage> RenderBadgeImage(const BadgeLayout& layout,
                                   const BadgeFace& face, double dpi);
// A PNG file's bytes at the layout's dpi. Fails as RenderBadgeImage.
Result<std::string> RenderBadgePng(const BadgeLayout& layout,
                                   const BadgeFace& face);
// A one-page vector PDF's bytes, the page the layout's size. Fails as
// RenderBadgeImage.
Result<std::string> RenderBadgePdf(const BadgeLayout& layout,
                                   const BadgeFace& face);

// How badges are laid out on A4 sheets.
struct SheetPlan {
  int columns = 0;
  int rows = 0;
  bool rotated = false;  // badges turned a quarter turn to fit more
  double left_mm = 0;    // the grid's top-left corner on the page
  double top_mm = 0;
  double cell_width_mm = 0;  // a badge as it lies on the page
  double cell_height_mm = 0;
  double gap_mm = 0;  // between badges, where the cut marks go
  int per_page() const { return columns * rows; }
  // Where the badge in `slot` (0 .. per_page() - 1, row by row) lies.
  MmBox Slot(int slot) const {
    return {left_mm + (slot % columns) * (cell_width_mm + gap_mm),
            top_mm + (slot / columns) * (cell_height_mm + gap_mm),
            cell_width_mm, cell_height_mm};
  }
};
// As many badges per A4 page as fit with room for cut marks; at least one.
SheetPlan PlanSheet(const BadgeLayout& layout);

// Writes all `faces` onto A4 pages with cut marks at every badge's corners
// to `path`, atomically (a temporary file renamed into place). Fails with
// kInvalidArgument when a badge is larger than A4 or there are no faces,
// kIo when the file cannot be written (nothing is left at `path` then).
Status WriteBadgeSheetPdf(const BadgeLayout& layout,
                          const std::vector<BadgeFace>& faces,
                          const std::string& path);

}  // namespace entree
