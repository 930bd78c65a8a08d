// A whole list of badges on A4 sheets with cut marks.
#pragma once

#include <string>
#include <vector>

#include "entree/badges/badge_face.h"
#include "entree/badges/badge_layout.h"
#include "entree/base/status.h"

namespace entree {

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
