// Icons as strokes with round caps and joins; controls as rounded boxes.
#include "vector_art.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "entree/drawing/cairo_util.h"

namespace entree::kiosk {
namespace {

// The surface's pixels, made straight: cairo premultiplies by alpha, SDL's
// blending expects colours that are not.
ArgbImage StraightPixels(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  ArgbImage image = CopyPixels(surface);
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(
        image.pixels.data() + static_cast<size_t>(y) * image.stride);
    for (int x = 0; x < image.width; ++x) {
      uint32_t p = row[x];
      uint32_t a = p >> 24;
      if (a == 0 || a == 255) continue;
      auto channel = [&](int shift) {
        uint32_t c = (p >> shift) & 0xFF;
        return std::min<uint32_t>(255, (c * 255 + a / 2) / a) << shift;
      };
      row[x] = (a << 24) | channel(16) | channel(8) | channel(0);
    }
  }
  return image;
}

void Stroke(cairo_t* cr, double width) {
  cairo_set_line_width(cr, width);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr);
}

// The shape of `icon` in a square of side `s`.
void IconPath(cairo_t* cr, Icon icon, double s) {
  double line = s / 9;
  switch (icon) {
    case Icon::kCheck:
      cairo_move_to(cr, s * 0.15, s * 0.55);
      cairo_line_to(cr, s * 0.4, s * 0.8);
      cairo_line_to(cr, s * 0.88, s * 0.2);
      Stroke(cr, line);
      break;
    case Icon::kCross:
      cairo_move_to(cr, s * 0.2, s * 0.2);
      cairo_line_to(cr, s * 0.8, s * 0.8);
      cairo_move_to(cr, s * 0.8, s * 0.2);
      cairo_line_to(cr, s * 0.2, s * 0.8);
      Stroke(cr, line);
      break;
    case Icon::kAttention:
      cairo_move_to(cr, s * 0.5, s * 0.12);
      cairo_line_to(cr, s * 0.5, s * 0.62);
      Stroke(cr, line);
      cairo_arc(cr, s * 0.5, s * 0.84, line * 0.7, 0, 2 * std::numbers::pi);
      cairo_fill(cr);
      break;
    case Icon::kClock:
      cairo_arc(cr, s / 2, s / 2, s * 0.42, 0, 2 * std::numbers::pi);
      Stroke(cr, line * 0.7);
      cairo_move_to(cr, s / 2, s / 2 - s * 0.42 * 0.7);
      cairo_line_to(cr, s / 2, s / 2);
      cairo_line_to(cr, s / 2 + s * 0.42 * 0.5, s / 2);
      Stroke(cr, line * 0.8);
      break;
    case Icon::kArrowLeft:
    case Icon::kArrowRight:
    case Icon::kArrowDown: {
      // Drawn pointing right, turned about the middle.
      cairo_translate(cr, s / 2, s / 2);
      if (icon == Icon::kArrowLeft) cairo_rotate(cr, std::numbers::pi);
      if (icon == Icon::kArrowDown) cairo_rotate(cr, std::numbers::pi / 2);
      cairo_translate(cr, -s / 2, -s / 2);
      cairo_move_to(cr, s * 0.12, s * 0.5);
      cairo_line_to(cr, s * 0.85, s * 0.5);
      cairo_move_to(cr, s * 0.55, s * 0.2);
      cairo_line_to(cr, s * 0.88, s * 0.5);
      cairo_line_to(cr, s * 0.55, s * 0.8);
      Stroke(cr, line * 1.2);
      break;
    }
    case Icon::kAimFrame: {
      // A corner in each of the square's corners, a quarter of its side.
      double in = line * 0.6, arm = s / 4;
      for (int corner = 0; corner < 4; ++corner) {
        double x = corner % 2 ? s - in : in, y = corner / 2 ? s - in : in;
        double dx = corner % 2 ? -arm : arm, dy = corner / 2 ? -arm : arm;
        cairo_move_to(cr, x + dx, y);
        cairo_line_to(cr, x, y);
        cairo_line_to(cr, x, y + dy);
      }
      Stroke(cr, line * 0.9);
      break;
    }
  }
}

}  // namespace

ArgbImage DrawIconArt(Icon icon, int size, uint32_t colour) {
  size = std::max(1, size);
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
  cairo_t* cr = cairo_create(surface);
  SetSourceColour(cr, colour);
  IconPath(cr, icon, size);
  cairo_destroy(cr);
  ArgbImage image = StraightPixels(surface);
  cairo_surface_destroy(surface);
  return image;
}

ArgbImage DrawRoundedBox(int width, int height, int radius, uint32_t colour) {
  width = std::max(1, width);
  height = std::max(1, height);
  double r = std::clamp(radius, 0, std::min(width, height) / 2);
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  cairo_t* cr = cairo_create(surface);
  SetSourceColour(cr, colour);
  cairo_new_sub_path(cr);
  cairo_arc(cr, width - r, r, r, -std::numbers::pi / 2, 0);
  cairo_arc(cr, width - r, height - r, r, 0, std::numbers::pi / 2);
  cairo_arc(cr, r, height - r, r, std::numbers::pi / 2, std::numbers::pi);
  cairo_arc(cr, r, r, r, std::numbers::pi, 3 * std::numbers::pi / 2);
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_destroy(cr);
  ArgbImage image = StraightPixels(surface);
  cairo_surface_destroy(surface);
  return image;
}

}  // namespace entree::kiosk
