// The text context shared by the badge and report drawers.
#include "entree/drawing/pango_text.h"

namespace entree {

ContextPtr MakeTextContext(cairo_t* cr, double units_per_inch) {
  ContextPtr context(pango_cairo_create_context(cr));
  pango_cairo_context_set_resolution(context.get(), units_per_inch);
  // Rounding glyph positions to whole user units (millimetres on a badge)
  // would scatter the letters.
  pango_context_set_round_glyph_positions(context.get(), FALSE);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  return context;
}

}  // namespace entree
