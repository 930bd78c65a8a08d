// Rendering one badge to pixels, PNG or PDF.
#include "entree/badges/badge_render.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <cstring>

#include "badge_draw.h"
#include "entree/drawing/png_writer.h"

namespace entree {
namespace {

// Draws the badge on a new image surface at `dpi`; the caller destroys it.
// `unknown_glyphs`, when given, gets how many characters were drawn as
// boxes.
Result<cairo_surface_t*> DrawOnImage(const BadgeLayout& layout,
                                     const BadgeFace& face, double dpi,
                                     int* unknown_glyphs = nullptr) {
  Result<QrSymbol> qr = EncodeQr(face.code);
  if (!qr.ok()) return qr.status();
  double pixels_per_mm = dpi / kMmPerInch;
  int width = static_cast<int>(std::lround(layout.width_mm * pixels_per_mm));
  int height = static_cast<int>(std::lround(layout.height_mm * pixels_per_mm));
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, pixels_per_mm, pixels_per_mm);
  // At the printer's own resolution the QR's modules are whole pixels;
  // on a screen they are whole pixels of the preview.
  int unknown = DrawBadge(cr, layout, face, *qr, pixels_per_mm);
  if (unknown_glyphs) *unknown_glyphs = unknown;
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  Status status = CairoStatus(cairo_surface_status(surface), "badge image");
  if (!status.ok()) {
    cairo_surface_destroy(surface);
    return status;
  }
  return surface;
}

}  // namespace

Result<ArgbImage> RenderBadgeImage(const BadgeLayout& layout,
                                   const BadgeFace& face, double dpi) {
  Result<cairo_surface_t*> surface = DrawOnImage(layout, face, dpi);
  if (!surface.ok()) return surface.status();
  ArgbImage image = CopyPixels(*surface);
  cairo_surface_destroy(*surface);
  return image;
}

Result<int> CountUnknownGlyphs(const BadgeLayout& layout,
                               const BadgeFace& face) {
  int unknown = 0;
  Result<cairo_surface_t*> surface =
      DrawOnImage(layout, face, layout.dpi, &unknown);
  if (!surface.ok()) return surface.status();
  cairo_surface_destroy(*surface);
  return unknown;
}

Result<std::string> RenderBadgePng(const BadgeLayout& layout,
                                   const BadgeFace& face) {
  Result<cairo_surface_t*> surface = DrawOnImage(layout, face, layout.dpi);
  if (!surface.ok()) return surface.status();
  Result<std::string> png =
      EncodePng(cairo_image_surface_get_data(*surface),
                cairo_image_surface_get_width(*surface),
                cairo_image_surface_get_height(*surface),
                cairo_image_surface_get_stride(*surface), layout.dpi);
  cairo_surface_destroy(*surface);
  return png;
}

Result<std::string> RenderBadgePdf(const BadgeLayout& layout,
                                   const BadgeFace& face) {
  Result<QrSymbol> qr = EncodeQr(face.code);
  if (!qr.ok()) return qr.status();
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      AppendToCairoString, &pdf, layout.width_mm * kPointsPerMm,
      layout.height_mm * kPointsPerMm);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 face.full_name.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Entree");
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPointsPerMm, kPointsPerMm);
  DrawBadge(cr, layout, face, *qr, layout.dpi / kMmPerInch);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  Status status = CairoStatus(cairo_surface_status(surface), "badge PDF");
  cairo_surface_destroy(surface);
  if (!status.ok()) return status;
  return pdf;
}

}  // namespace entree
