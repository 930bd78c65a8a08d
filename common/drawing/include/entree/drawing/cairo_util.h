// Small pieces every cairo drawing needs: its status as a Status, writing a
// surface into a string, copying an image surface's pixels, an RGB colour.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <string_view>

#include "entree/base/picture.h"
#include "entree/base/status.h"

namespace entree {

// cairo's verdict on a surface after drawing, as a Status.
Status CairoStatus(cairo_status_t status, std::string_view what);
// cairo's write callback appending to the std::string `closure`.
cairo_status_t AppendToCairoString(void* closure, const unsigned char* data,
                                   unsigned int length);
// The pixels of an ARGB32 image surface, copied.
ArgbImage CopyPixels(cairo_surface_t* surface);
// Sets the source to an 0xRRGGBB colour.
void SetSourceColour(cairo_t* cr, uint32_t rgb);

constexpr double kMmPerInch = 25.4;
constexpr double kPointsPerMm = 72.0 / kMmPerInch;

}  // namespace entree
