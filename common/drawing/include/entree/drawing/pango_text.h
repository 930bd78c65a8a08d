// Owning pointers for pango's objects and the text context shared by the
// badge and report drawers.
#pragma once

#include <pango/pangocairo.h>

#include <memory>

namespace entree {

template <typename T, void (*Free)(T*)>
struct PangoDeleter {
  void operator()(T* p) const { Free(p); }
};
using LayoutPtr =
    std::unique_ptr<PangoLayout, PangoDeleter<void, g_object_unref>>;
using ContextPtr =
    std::unique_ptr<PangoContext, PangoDeleter<void, g_object_unref>>;
using FontPtr = std::unique_ptr<
    PangoFontDescription,
    PangoDeleter<PangoFontDescription, pango_font_description_free>>;

// A pango context for `cr` whose font sizes are points when a user unit is
// 1/`units_per_inch` inch (25.4 for millimetres, 72 for points), with
// unhinted metrics and unrounded glyph positions, so that text sets the
// same at every resolution.
ContextPtr MakeTextContext(cairo_t* cr, double units_per_inch);

}  // namespace entree
