// Drawing one badge on a cairo context; shared by the single-badge renderers
// and the sheet writer.
#pragma once

#include <cairo.h>

#include "entree/badges/badge_face.h"
#include "entree/badges/badge_layout.h"
#include "entree/badges/qr.h"
#include "entree/drawing/cairo_util.h"

namespace entree {

// Draws the badge with its top-left corner at the context's origin, in a
// user space of millimetres. `dots_per_mm` is the printer's resolution at
// which the QR's modules must be whole dots, and the origin must sit on a
// whole dot. Returns how many characters of its texts no installed font
// has (drawn as boxes).
int DrawBadge(cairo_t* cr, const BadgeLayout& layout, const BadgeFace& face,
              const QrSymbol& qr, double dots_per_mm);

}  // namespace entree
