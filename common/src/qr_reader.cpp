// QR decoding with zxing-cpp 1.4: the only file that includes it.
#include "entree/qr_reader.h"

// text() returns UTF-8 with this defined (the 1.4 transition switch).
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

namespace entree {

std::vector<FoundCode> ReadQrCodes(const LumaImage& image, ReadEffort effort) {
  std::vector<FoundCode> found;
  if (image.width <= 0 || image.height <= 0) return found;
  ZXing::ImageView view(image.pixels.data(), image.width, image.height,
                        ZXing::ImageFormat::Lum);
  bool thorough = effort == ReadEffort::kThorough;
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(thorough);
  hints.setTryRotate(thorough);
  // Downscaling loses codes of 3 pixels per module in a camera frame.
  hints.setTryDownscale(thorough);
  hints.setMaxNumberOfSymbols(4);
  // The local binarizer copes with uneven light but gives up on grey on
  // grey, which a global threshold still reads.
  for (ZXing::Binarizer binarizer :
       {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
    hints.setBinarizer(binarizer);
    for (const ZXing::Result& result : ZXing::ReadBarcodes(view, hints)) {
      if (!result.isValid()) continue;
      FoundCode code;
      code.text = result.text();
      const auto& position = result.position();
      for (int i = 0; i < 4; ++i) {
        code.corners[i] = {position[i].x, position[i].y};
      }
      found.push_back(std::move(code));
    }
    if (!found.empty()) break;
  }
  return found;
}

}  // namespace entree
