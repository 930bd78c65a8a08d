// QR encoding through libqrencode, and a plain PGM rendering.
#include "entree/badges/qr.h"

#include <qrencode.h>

#include <memory>

namespace entree {

Result<QrSymbol> EncodeQr(std::string_view text) {
  std::string owned(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(owned.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
      &QRcode_free);
  if (!code) {
    return Status::InvalidArgument("text does not fit in a QR symbol");
  }
  QrSymbol symbol;
  symbol.version = code->version;
  symbol.size = code->width;
  symbol.modules.resize(static_cast<size_t>(code->width) * code->width);
  for (size_t i = 0; i < symbol.modules.size(); ++i) {
    symbol.modules[i] = (code->data[i] & 1) != 0;
  }
  return symbol;
}

std::string QrToPgm(const QrSymbol& symbol, int pixels_per_module) {
  constexpr int kQuietZone = 4;
  int side = (symbol.size + 2 * kQuietZone) * pixels_per_module;
  std::string image =
      "P5\n" + std::to_string(side) + " " + std::to_string(side) + "\n255\n";
  size_t header = image.size();
  image.resize(header + static_cast<size_t>(side) * side, '\xff');
  for (int y = 0; y < symbol.size; ++y) {
    for (int x = 0; x < symbol.size; ++x) {
      if (!symbol.Dark(x, y)) continue;
      for (int dy = 0; dy < pixels_per_module; ++dy) {
        int py = (y + kQuietZone) * pixels_per_module + dy;
        size_t row = header + static_cast<size_t>(py) * side;
        for (int dx = 0; dx < pixels_per_module; ++dx) {
          image[row + (x + kQuietZone) * pixels_per_module + dx] = '\0';
        }
      }
    }
  }
  return image;
}

}  // namespace entree
