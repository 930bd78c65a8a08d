// Drawing a badge: background, sector band, text fitted to its boxes, QR.
#include "badge_draw.h"

#include <pango/pangocairo.h>

#include <cmath>
#include <memory>

#include "entree/drawing/logo.h"
#include "entree/drawing/pango_text.h"

namespace entree {
namespace {

void SetColour(cairo_t* cr, const Colour& colour) {
  cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue);
}

PangoAlignment ToPango(TextAlign align) {
  switch (align) {
    case TextAlign::kLeft:
      return PANGO_ALIGN_LEFT;
    case TextAlign::kCenter:
      return PANGO_ALIGN_CENTER;
    case TextAlign::kRight:
      return PANGO_ALIGN_RIGHT;
  }
  return PANGO_ALIGN_CENTER;
}

// Whether `layout` at `points` fits the field's box in its lines.
bool FitsAt(PangoLayout* layout, PangoFontDescription* font,
            const TextField& field, double points) {
  pango_font_description_set_size(font, static_cast<int>(points * PANGO_SCALE));
  pango_layout_set_font_description(layout, font);
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return pango_layout_get_line_count(layout) <= field.max_lines &&
         logical.width <= field.box.width * PANGO_SCALE &&
         logical.height <= field.box.height * PANGO_SCALE;
}

// Draws `text` in the field's box at the largest size that fits (by
// bisection, to a quarter point), ellipsized at the smallest if none does.
// Returns how many of its characters no installed font has.
int DrawTextField(cairo_t* cr, PangoContext* context, const TextField& field,
                  std::string_view text) {
  if (!field.enabled || text.empty()) return 0;
  LayoutPtr layout(pango_layout_new(context));
  FontPtr font(pango_font_description_from_string(field.font.c_str()));
  pango_layout_set_text(layout.get(), text.data(),
                        static_cast<int>(text.size()));
  pango_layout_set_width(layout.get(),
                         static_cast<int>(field.box.width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD);
  pango_layout_set_alignment(layout.get(), ToPango(field.align));

  double size = field.max_points;
  if (!FitsAt(layout.get(), font.get(), field, size)) {
    double fits = field.min_points;
    double too_big = field.max_points;
    if (FitsAt(layout.get(), font.get(), field, fits)) {
      while (too_big - fits > 0.25) {
        double middle = (fits + too_big) / 2;
        (FitsAt(layout.get(), font.get(), field, middle) ? fits : too_big) =
            middle;
      }
      FitsAt(layout.get(), font.get(), field, fits);
    } else {
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
      pango_layout_set_height(layout.get(), -field.max_lines);
      FitsAt(layout.get(), font.get(), field, fits);
    }
  }

  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  double height = static_cast<double>(logical.height) / PANGO_SCALE;
  double top = field.box.y + std::max(0.0, (field.box.height - height) / 2);
  cairo_save(cr);
  cairo_rectangle(cr, field.box.x, field.box.y, field.box.width,
                  field.box.height);
  cairo_clip(cr);
  SetColour(cr, field.colour);
  cairo_move_to(cr, field.box.x, top);
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
  return pango_layout_get_unknown_glyphs_count(layout.get());
}

// The QR centred in its square with a white quiet zone of 4 modules, each
// module a whole number of printer dots, the symbol on whole dots.
void DrawQr(cairo_t* cr, const MmBox& square, const QrSymbol& qr,
            double dots_per_mm) {
  constexpr int kQuietModules = 4;
  int span = qr.size + 2 * kQuietModules;
  double dots = std::floor(square.width * dots_per_mm / span);
  double module = std::max(1.0, dots) / dots_per_mm;
  double side = module * span;
  auto on_dot = [&](double mm) {
    return std::round(mm * dots_per_mm) / dots_per_mm;
  };
  double left = on_dot(square.x + (square.width - side) / 2);
  double top = on_dot(square.y + (square.height - side) / 2);

  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, left, top, side, side);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double x0 = left + kQuietModules * module;
  double y0 = top + kQuietModules * module;
  for (int y = 0; y < qr.size; ++y) {
    int x = 0;
    while (x < qr.size) {
      if (!qr.Dark(x, y)) {
        ++x;
        continue;
      }
      int run = x;
      while (run < qr.size && qr.Dark(run, y)) ++run;
      cairo_rectangle(cr, x0 + x * module, y0 + y * module, (run - x) * module,
                      module);
      x = run;
    }
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

int DrawBadge(cairo_t* cr, const BadgeLayout& layout, const BadgeFace& face,
              const QrSymbol& qr, double dots_per_mm) {
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, layout.width_mm, layout.height_mm);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  if (layout.band.width > 0 && layout.band.height > 0) {
    SetColour(cr, layout.sector_colours[static_cast<size_t>(face.sector)]);
    cairo_rectangle(cr, layout.band.x, layout.band.y, layout.band.width,
                    layout.band.height);
    cairo_fill(cr);
  }
  ContextPtr context = MakeTextContext(cr, kMmPerInch);
  TextField event = layout.event;
  if (face.logo) {
    // Without a place of its own, the logo goes at the start of the
    // event's name, as wide as three times its height at most.
    bool own_place = layout.logo.width > 0 && layout.logo.height > 0;
    MmBox box =
        own_place ? layout.logo
                  : MmBox{event.box.x, event.box.y,
                          std::min(event.box.width * 0.3, event.box.height * 3),
                          event.box.height};
    bool drawn =
        (own_place || event.enabled) &&
        DrawLogo(cr, *face.logo, box.x, box.y, box.width, box.height).ok();
    if (drawn && !own_place) {
      event.box.x += box.width + 1;
      event.box.width -= box.width + 1;
    }
  }
  int unknown =
      DrawTextField(cr, context.get(), event, face.event_name) +
      DrawTextField(cr, context.get(), layout.sector, face.sector_word) +
      DrawTextField(cr, context.get(), layout.name, face.full_name) +
      DrawTextField(cr, context.get(), layout.organisation, face.organisation) +
      DrawTextField(cr, context.get(), layout.table, face.table_line);
  DrawQr(cr, layout.qr, qr, dots_per_mm);
  cairo_restore(cr);
  return unknown;
}

}  // namespace entree
