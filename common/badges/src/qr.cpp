// QR encoding through libqrencode, and plain PGM and PNG renderings.
#include "entree/badges/qr.h"

#include <qrencode.h>

#include <cstdint>
#include <memory>

#include "entree/drawing/png_writer.h"

namespace entree {
namespace {

// Light modules around the symbol, as the standard asks.
constexpr int kQuietZone = 4;

}  // namespace

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

Result<std::string> QrToPng(const QrSymbol& symbol, int pixels_per_module) {
  std::string grey = QrToPgm(symbol, pixels_per_module);
  int side = (symbol.size + 2 * kQuietZone) * pixels_per_module;
  size_t header = grey.size() - static_cast<size_t>(side) * side;
  std::vector<uint32_t> argb(static_cast<size_t>(side) * side);
  for (size_t i = 0; i < argb.size(); ++i) {
    uint32_t v = static_cast<uint8_t>(grey[header + i]);
    argb[i] = 0xff000000u | v << 16 | v << 8 | v;
  }
  return EncodePng(reinterpret_cast<const uint8_t*>(argb.data()), side, side,
                   side * 4, 300);
}

}  // namespace entree
