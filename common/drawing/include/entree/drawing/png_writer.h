// Writing opaque cairo images as PNG files quickly, with their resolution.
#pragma once

#include <cstdint>
#include <string>

#include "entree/base/status.h"

namespace entree {

// Encodes `height` rows of `width` cairo ARGB32 pixels (opaque; rows
// `stride` bytes apart) as an RGB PNG that records `dpi`, so print tools
// know its size. Favours speed over size: a badge at 300 dpi is mostly
// white. Fails with kIo when libpng fails.
Result<std::string> EncodePng(const uint8_t* pixels, int width, int height,
                              int stride, int dpi);

}  // namespace entree
