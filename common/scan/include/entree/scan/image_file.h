// Pictures from files: PNG, JPEG and PGM/PPM read as grayscale.
#pragma once

#include <string>

#include "entree/base/status.h"
#include "entree/scan/qr_reader.h"

namespace entree {

// Reads a PNG, JPEG or binary PGM/PPM file as grayscale. Fails with
// kInvalidArgument for another format or a damaged file, kIo when it
// cannot be read.
Result<LumaImage> LoadImageFile(const std::string& path);

}  // namespace entree
