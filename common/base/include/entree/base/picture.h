// Pictures as plain pixels: grayscale for decoding, ARGB for showing.
#pragma once

#include <cstdint>
#include <vector>

namespace entree {

// An 8-bit grayscale picture, rows packed (width bytes each).
struct LumaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
  uint8_t At(int x, int y) const { return pixels[y * width + x]; }
};

// Colour pixels as cairo's ARGB32 (and SDL's ARGB8888): premultiplied, one
// native-endian uint32_t per pixel, rows `stride` bytes apart.
struct ArgbImage {
  int width = 0;
  int height = 0;
  int stride = 0;
  std::vector<uint8_t> pixels;
};

struct PixelPoint {
  int x = 0, y = 0;
};

}  // namespace entree
