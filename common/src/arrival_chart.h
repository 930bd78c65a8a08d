// Drawing the arrival chart on a cairo context; shared by the PDF report
// and the kiosk's dashboard.
#pragma once

#include <cairo.h>

#include "entree/report.h"

namespace entree {

// A rectangle in a context's user space.
struct ChartBox {
  double x = 0, y = 0, width = 0, height = 0;
};

// Draws bars of the arrivals per interval (left axis, guests) and a line of
// the share of expected guests arrived (right axis, percent) inside `box`,
// with time labels below and a legend above. `font_size` is the labels'
// size in user units; the context's user unit is taken as 1/72 inch.
void DrawArrivalChart(cairo_t* cr, const ArrivalCurve& curve,
                      const Catalog& catalog, const ChartBox& box,
                      double font_size, const ChartColours& colours);

// Sets the source colour 0xRRGGBB.
void SetSourceColour(cairo_t* cr, uint32_t rgb);

}  // namespace entree
