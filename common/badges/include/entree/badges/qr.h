// QR symbols for badge codes (libqrencode).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "entree/base/status.h"

namespace entree {

// A QR symbol as a square of dark (true) and light modules, without the
// quiet zone.
struct QrSymbol {
  int version = 0;            // 1..40
  int size = 0;               // modules per side
  std::vector<bool> modules;  // row-major, size * size
  bool Dark(int x, int y) const { return modules[y * size + x]; }
};

// Encodes `text` at error correction level M in the smallest version that
// holds it; upper-case letters and digits use alphanumeric mode. Fails with
// kInvalidArgument when the text does not fit any version.
Result<QrSymbol> EncodeQr(std::string_view text);

// The symbol as a binary PGM image with a 4-module quiet zone and
// `pixels_per_module` pixels per module; any image tool or decoder reads it.
std::string QrToPgm(const QrSymbol& symbol, int pixels_per_module);
// The same as a PNG file (phones and image viewers show it; printable).
Result<std::string> QrToPng(const QrSymbol& symbol, int pixels_per_module);

}  // namespace entree
