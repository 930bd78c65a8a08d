// The arrival chart: bars of arrivals per interval and a line of the share
// of expected guests arrived, drawn on a cairo context (the PDF report) or
// as pixels (the kiosk's dashboard).
#pragma once

#include <cairo.h>

#include <cstdint>

#include "entree/base/catalog.h"
#include "entree/base/picture.h"
#include "entree/base/status.h"
#include "entree/reports/arrival_curve.h"

namespace entree {

// Colours of a chart, 0xRRGGBB.
struct ChartColours {
  uint32_t background = 0xFFFFFF;
  uint32_t ink = 0x1F2A44;  // axes, labels
  uint32_t grid = 0xD8DDE6;
  uint32_t bars = 0x2E6FD0;  // arrivals per interval
  uint32_t line = 0xE07B00;  // share of the expected guests arrived
};

// The arrival chart as pixels of `width` x `height` (at least 100 x 60;
// smaller sizes are raised to that). Fails with kIo when cairo fails.
Result<ArgbImage> RenderArrivalChart(const ArrivalCurve& curve,
                                     const Catalog& catalog, int width,
                                     int height, const ChartColours& colours);

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

}  // namespace entree
