// Screen text through pango: shaping, direction and font fallback.
#include "entree/drawing/text_line.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "entree/drawing/pango_text.h"

namespace entree {
namespace {

using SurfacePtr =
    std::unique_ptr<cairo_surface_t,
                    PangoDeleter<cairo_surface_t, cairo_surface_destroy>>;
using CairoPtr = std::unique_ptr<cairo_t, PangoDeleter<cairo_t, cairo_destroy>>;

// The primary font: every line is measured against it, and letters it
// lacks come from the fonts fontconfig finds for them.
constexpr const char* kFamily = "DejaVu Sans";

struct FontMeasures {
  int ascent = 0;
  int line_skip = 0;
};

}  // namespace

struct TextLines::Pango {
  PangoFontMap* map = nullptr;
  PangoContext* context = nullptr;
  PangoLayout* layout = nullptr;
  std::map<std::pair<int, bool>, FontMeasures> measures;
  std::optional<std::pair<double, double>> bold_shares, regular_shares;

  ~Pango() {
    if (layout) g_object_unref(layout);
    if (context) g_object_unref(context);
    if (map) g_object_unref(map);
  }

  static FontPtr Font(int pixels, bool bold) {
    FontPtr font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFamily);
    pango_font_description_set_weight(
        font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(
        font.get(), std::max(1, pixels) * double{PANGO_SCALE});
    return font;
  }

  // The primary font's ascent and descent as shares of its em, read
  // unhinted (at 2048 pixels, the em of most fonts), so that a line's
  // height grows smoothly with its size as the font designed it.
  std::pair<double, double> Shares(bool bold) {
    constexpr int kLarge = 2048;
    auto& shares = bold ? bold_shares : regular_shares;
    if (shares) return *shares;
    shares = std::pair{0.93, 0.24};
    FontPtr description = Font(kLarge, bold);
    if (PangoFont* font =
            pango_font_map_load_font(map, context, description.get())) {
      PangoFontMetrics* metrics = pango_font_get_metrics(font, nullptr);
      shares = std::pair{
          pango_font_metrics_get_ascent(metrics) / double{PANGO_SCALE} / kLarge,
          pango_font_metrics_get_descent(metrics) / double{PANGO_SCALE} /
              kLarge};
      pango_font_metrics_unref(metrics);
      g_object_unref(font);
    }
    return *shares;
  }

  const FontMeasures& Measures(int pixels, bool bold) {
    auto key = std::pair{pixels, bold};
    if (auto found = measures.find(key); found != measures.end()) {
      return found->second;
    }
    auto [ascent, descent] = Shares(bold);
    // A hair under a whole pixel is that pixel, not the next.
    constexpr double kSlack = 1e-6;
    FontMeasures measured{
        static_cast<int>(std::ceil(ascent * pixels - kSlack)),
        static_cast<int>(std::ceil((ascent + descent) * pixels - kSlack))};
    return measures.emplace(key, measured).first->second;
  }
};

TextLines::TextLines() : pango_(std::make_unique<Pango>()) {
  pango_->map = pango_cairo_font_map_new();
  pango_->context = pango_font_map_create_context(pango_->map);
  // Grey antialiasing, hinted to the pixel grid as a screen wants; the
  // same options measure and draw, so a line is as wide as measured.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_ON);
  pango_cairo_context_set_font_options(pango_->context, options);
  cairo_font_options_destroy(options);
  pango_context_set_base_dir(pango_->context, PANGO_DIRECTION_LTR);
  pango_->layout = pango_layout_new(pango_->context);
  // Every line reads in the direction of the kiosk's languages (left to
  // right), whatever its first letter: a line that begins with an Arabic
  // name keeps its closing "!" at its end, on the right. Runs of Arabic
  // and Hebrew inside it still read right to left.
  pango_layout_set_auto_dir(pango_->layout, FALSE);
}

TextLines::~TextLines() = default;

void TextLines::Set(std::string_view text, int pixels, bool bold) {
  FontPtr font = Pango::Font(pixels, bold);
  pango_layout_set_font_description(pango_->layout, font.get());
  if (g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)) {
    pango_layout_set_text(pango_->layout, text.data(),
                          static_cast<int>(text.size()));
    return;
  }
  // Bytes that are not UTF-8 are drawn as replacement characters.
  gchar* valid =
      g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  pango_layout_set_text(pango_->layout, valid, -1);
  g_free(valid);
}

int TextLines::Width(std::string_view text, int pixels, bool bold) {
  if (text.empty()) return 0;
  Set(text, pixels, bold);
  PangoRectangle logical{};
  pango_layout_get_pixel_extents(pango_->layout, nullptr, &logical);
  return logical.width;
}

int TextLines::LineSkip(int pixels, bool bold) {
  return pango_->Measures(pixels, bold).line_skip;
}

int TextLines::CapHeight(int pixels, bool bold) {
  Set("H", pixels, bold);
  PangoRectangle ink{};
  pango_layout_get_pixel_extents(pango_->layout, &ink, nullptr);
  return ink.height;
}

int TextLines::UnknownGlyphs(std::string_view text, int pixels, bool bold) {
  Set(text, pixels, bold);
  return pango_layout_get_unknown_glyphs_count(pango_->layout);
}

LinePixels TextLines::Draw(std::string_view text, int pixels, bool bold,
                           uint32_t rgb, std::optional<uint32_t> ground) {
  const FontMeasures& measures = pango_->Measures(pixels, bold);
  Set(text, pixels, bold);
  PangoRectangle ink{}, logical{};
  pango_layout_get_pixel_extents(pango_->layout, &ink, &logical);
  // Room for ink that reaches past the advance (an italic's overhang, a
  // mark before the first letter).
  int left = std::min({0, ink.x, logical.x});
  int right = std::max(logical.x + logical.width, ink.x + ink.width);
  LinePixels line;
  line.width = std::max(1, right - left);
  line.height = std::max(1, measures.line_skip);
  SurfacePtr surface(cairo_image_surface_create(
      ground ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_A8, line.width, line.height));
  CairoPtr cr(cairo_create(surface.get()));
  auto channel = [](uint32_t colour, int shift) {
    return ((colour >> shift) & 0xff) / 255.0;
  };
  if (ground) {
    cairo_set_source_rgb(cr.get(), channel(*ground, 16), channel(*ground, 8),
                         channel(*ground, 0));
    cairo_paint(cr.get());
  }
  cairo_set_source_rgb(cr.get(), channel(rgb, 16), channel(rgb, 8),
                       channel(rgb, 0));
  double baseline =
      pango_layout_get_baseline(pango_->layout) / double{PANGO_SCALE};
  cairo_translate(cr.get(), -left, std::round(measures.ascent - baseline));
  pango_cairo_show_layout(cr.get(), pango_->layout);
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  int stride = cairo_image_surface_get_stride(surface.get());
  line.argb.resize(static_cast<size_t>(line.width) * line.height);
  for (int y = 0; y < line.height; ++y) {
    const unsigned char* row = data + static_cast<ptrdiff_t>(y) * stride;
    uint32_t* out = line.argb.data() + static_cast<size_t>(y) * line.width;
    if (ground) {
      // Opaque: premultiplied and straight alpha are the same.
      const auto* pixels_in = reinterpret_cast<const uint32_t*>(row);
      std::copy(pixels_in, pixels_in + line.width, out);
    } else {
      for (int x = 0; x < line.width; ++x) {
        out[x] = uint32_t{row[x]} << 24 | (rgb & 0xffffff);
      }
    }
  }
  return line;
}

}  // namespace entree
