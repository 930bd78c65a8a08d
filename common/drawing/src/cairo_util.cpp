// Small pieces every cairo drawing needs.
#include "entree/drawing/cairo_util.h"

#include <string>

namespace entree {

Status CairoStatus(cairo_status_t status, std::string_view what) {
  if (status == CAIRO_STATUS_SUCCESS) return Status::Ok();
  return Status::Io(std::string(what) + ": " + cairo_status_to_string(status));
}

cairo_status_t AppendToCairoString(void* closure, const unsigned char* data,
                                   unsigned int length) {
  static_cast<std::string*>(closure)->append(
      reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

ArgbImage CopyPixels(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  ArgbImage image;
  image.width = cairo_image_surface_get_width(surface);
  image.height = cairo_image_surface_get_height(surface);
  image.stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  image.pixels.assign(data, data + static_cast<size_t>(image.stride) *
                                       static_cast<size_t>(image.height));
  return image;
}

void SetSourceColour(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0,
                       ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

}  // namespace entree
