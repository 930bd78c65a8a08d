// Finding and reading QR codes in pictures: camera frames, photos of
// badges. The decoder is zxing-cpp, used in one file (qr_reader.cpp) only.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "entree/base/picture.h"
#include "entree/base/status.h"

namespace entree {

// One code found in a picture: its text and its corners in the picture
// (top-left, top-right, bottom-right, bottom-left of the symbol).
struct FoundCode {
  std::string text;
  std::array<PixelPoint, 4> corners{};
};

// How hard to look.
enum class ReadEffort {
  kFast,     // a live camera frame: the next frame is another chance
  kThorough  // a single photo: rotations, downscaling, inverted symbols
};

// The QR codes in `image`, each once; empty when there is none or the
// image is empty.
std::vector<FoundCode> ReadQrCodes(const LumaImage& image, ReadEffort effort);

}  // namespace entree
