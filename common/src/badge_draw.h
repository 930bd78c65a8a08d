// Drawing one badge on a cairo context; shared by the single-badge renderers
// and the sheet writer.
#pragma once

#include <cairo.h>

#include "entree/badge_layout.h"
#include "entree/badge_render.h"
#include "entree/qr.h"

namespace entree {

// Draws the badge with its top-left corner at the context's origin, in a
// user space of millimetres. `dots_per_mm` is the printer's resolution at
// which the QR's modules must be whole dots, and the origin must sit on a
// whole dot.
void DrawBadge(cairo_t* cr, const BadgeLayout& layout, const BadgeFace& face,
               const QrSymbol& qr, double dots_per_mm);

// cairo's verdict on a surface after drawing, as a Status.
Status CairoStatus(cairo_status_t status, std::string_view what);
// cairo's write callback appending to the std::string `closure`.
cairo_status_t AppendToCairoString(void* closure, const unsigned char* data,
                                   unsigned int length);
// The pixels of an ARGB32 image surface, copied.
ArgbImage CopyPixels(cairo_surface_t* surface);

constexpr double kMmPerInch = 25.4;
constexpr double kPointsPerMm = 72.0 / kMmPerInch;

}  // namespace entree
