// The arrival chart: bars per interval, the arrived share as a line.
#include "entree/reports/arrival_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "entree/base/time_zone.h"
#include "entree/drawing/cairo_util.h"
#include "entree/drawing/pango_text.h"

namespace entree {
namespace {

// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `value`.
int NiceCeiling(int value) {
  int step = 1;
  while (true) {
    for (int factor : {1, 2, 5}) {
      if (step * factor >= value) return step * factor;
    }
    step *= 10;
  }
}

// "18:30" on the clocks of `zone`.
std::string ClockTime(Instant t, const TimeZone& zone) {
  std::tm tm = LocalCalendar(t, zone);
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", tm.tm_hour, tm.tm_min);
  return text;
}

// Text placed by its anchor: `align_x` 0 left, 0.5 centre, 1 right of `x`;
// `align_y` likewise around `y`.
class Labeller {
 public:
  Labeller(cairo_t* cr, double font_size)
      : cr_(cr),
        context_(MakeTextContext(cr, 72.0)),
        layout_(pango_layout_new(context_.get())),
        font_(pango_font_description_from_string("Sans")) {
    pango_font_description_set_absolute_size(font_.get(),
                                             font_size * PANGO_SCALE);
    pango_layout_set_font_description(layout_.get(), font_.get());
  }
  // The width of `text` in user units.
  double Width(const std::string& text) {
    pango_layout_set_text(layout_.get(), text.c_str(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(layout_.get(), nullptr, &logical);
    return static_cast<double>(logical.width) / PANGO_SCALE;
  }
  void Draw(const std::string& text, double x, double y, double align_x,
            double align_y) {
    pango_layout_set_text(layout_.get(), text.c_str(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(layout_.get(), nullptr, &logical);
    double w = static_cast<double>(logical.width) / PANGO_SCALE;
    double h = static_cast<double>(logical.height) / PANGO_SCALE;
    cairo_move_to(cr_, x - w * align_x, y - h * align_y);
    pango_cairo_show_layout(cr_, layout_.get());
  }

 private:
  cairo_t* cr_;
  ContextPtr context_;
  LayoutPtr layout_;
  FontPtr font_;
};

}  // namespace

void DrawArrivalChart(cairo_t* cr, const ArrivalCurve& curve,
                      const Catalog& catalog, const ChartBox& box,
                      double font_size, const ChartColours& colours) {
  cairo_save(cr);
  Labeller label(cr, font_size);
  SetSourceColour(cr, colours.background);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_fill(cr);
  SetSourceColour(cr, colours.ink);
  if (curve.arrivals.empty()) {
    label.Draw(std::string(catalog.Get("report.chart_empty")),
               box.x + box.width / 2, box.y + box.height / 2, 0.5, 0.5);
    cairo_restore(cr);
    return;
  }

  int peak = *std::max_element(curve.arrivals.begin(), curve.arrivals.end());
  // Four grid steps of a round size.
  int top_count = 4 * NiceCeiling((std::max(peak, 1) + 3) / 4);
  double line_height = font_size * 1.4;
  double left = box.x + label.Width(std::to_string(top_count)) + font_size;
  double right = box.x + box.width - label.Width("100%") - font_size;
  std::string bars_text = catalog.Format(
      "report.chart_bars", {std::to_string(curve.interval.count())});
  std::string line_text(catalog.Get("report.chart_line"));
  double swatch = font_size * 0.8;
  // The legend takes one line, or two when the chart is narrow.
  double legend_width =
      swatch * 5 + label.Width(bars_text) + label.Width(line_text);
  bool two_lines = left + legend_width > box.x + box.width;
  double top = box.y + line_height * (two_lines ? 2.6 : 1.6);
  double bottom = box.y + box.height - line_height * 1.3;
  double plot_w = std::max(1.0, right - left);
  double plot_h = std::max(1.0, bottom - top);

  // Legend above the plot.
  SetSourceColour(cr, colours.bars);
  cairo_rectangle(cr, left, box.y + (line_height - swatch) / 2, swatch, swatch);
  cairo_fill(cr);
  SetSourceColour(cr, colours.ink);
  label.Draw(bars_text, left + swatch * 1.5, box.y + line_height / 2, 0, 0.5);
  double line_x = two_lines ? left : left + swatch * 3 + label.Width(bars_text);
  double line_y = box.y + line_height * (two_lines ? 1.5 : 0.5);
  SetSourceColour(cr, colours.line);
  cairo_set_line_width(cr, font_size / 5);
  cairo_move_to(cr, line_x, line_y);
  cairo_line_to(cr, line_x + swatch * 1.5, line_y);
  cairo_stroke(cr);
  SetSourceColour(cr, colours.ink);
  label.Draw(line_text, line_x + swatch * 2, line_y, 0, 0.5);

  // Grid and both axes' labels: guests on the left, percent on the right.
  cairo_set_line_width(cr, std::max(0.5, font_size / 14));
  for (int step = 0; step <= 4; ++step) {
    double y = bottom - plot_h * step / 4;
    SetSourceColour(cr, colours.grid);
    cairo_move_to(cr, left, y);
    cairo_line_to(cr, right, y);
    cairo_stroke(cr);
    SetSourceColour(cr, colours.ink);
    label.Draw(std::to_string(top_count * step / 4), left - font_size / 2, y, 1,
               0.5);
    label.Draw(std::to_string(25 * step) + "%", right + font_size / 2, y, 0,
               0.5);
  }

  // Bars.
  size_t count = curve.arrivals.size();
  double slot = plot_w / static_cast<double>(count);
  SetSourceColour(cr, colours.bars);
  for (size_t i = 0; i < count; ++i) {
    double h = plot_h * curve.arrivals[i] / top_count;
    cairo_rectangle(cr, left + slot * static_cast<double>(i) + slot * 0.1,
                    bottom - h, slot * 0.8, h);
  }
  cairo_fill(cr);

  // Time labels under the bars, as many as fit side by side.
  double label_w = label.Width("00:00") * 1.6;
  size_t every = std::max<size_t>(
      1, static_cast<size_t>(std::ceil(label_w / std::max(slot, 0.01))));
  SetSourceColour(cr, colours.ink);
  for (size_t i = 0; i <= count; i += every) {
    label.Draw(ClockTime(curve.IntervalStart(i), curve.zone),
               left + slot * static_cast<double>(i), bottom + font_size * 0.3,
               0.5, 0);
  }

  // Arrived share at the end of each interval, from zero at the start.
  if (curve.expected > 0) {
    SetSourceColour(cr, colours.line);
    cairo_set_line_width(cr, font_size / 5);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_move_to(cr, left, bottom);
    int arrived = 0;
    for (size_t i = 0; i < count; ++i) {
      arrived += curve.arrivals[i];
      cairo_line_to(cr, left + slot * static_cast<double>(i + 1),
                    bottom - plot_h * arrived / curve.expected);
    }
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

Result<ArgbImage> RenderArrivalChart(const ArrivalCurve& curve,
                                     const Catalog& catalog, int width,
                                     int height, const ChartColours& colours) {
  width = std::max(width, 100);
  height = std::max(height, 60);
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  double font_size =
      std::clamp(std::min(height / 18.0, width / 40.0), 9.0, 24.0);
  DrawArrivalChart(
      cr, curve, catalog,
      {0, 0, static_cast<double>(width), static_cast<double>(height)},
      font_size, colours);
  cairo_destroy(cr);
  Status drawn = CairoStatus(cairo_surface_status(surface), "arrival chart");
  if (!drawn.ok()) {
    cairo_surface_destroy(surface);
    return drawn;
  }
  ArgbImage image = CopyPixels(surface);
  cairo_surface_destroy(surface);
  return image;
}

}  // namespace entree
