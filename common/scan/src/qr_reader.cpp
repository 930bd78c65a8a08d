// QR decoding with zxing-cpp 1.4: the only file that includes it.
#include "entree/scan/qr_reader.h"

// text() returns UTF-8 with this defined (the 1.4 transition switch).
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <array>

namespace entree {

namespace {

// The picture with its grey levels spread over 0..255 (the darkest and
// brightest percent clipped), so a fixed threshold splits dark from light.
std::vector<uint8_t> Stretched(const LumaImage& image) {
  std::array<size_t, 256> histogram{};
  for (uint8_t v : image.pixels) ++histogram[v];
  size_t clip = image.pixels.size() / 100, seen = 0;
  int low = 0, high = 255;
  while (low < 255 && (seen += histogram[low]) <= clip) ++low;
  seen = 0;
  while (high > 0 && (seen += histogram[high]) <= clip) --high;
  std::vector<uint8_t> out(image.pixels.size());
  int range = std::max(1, high - low);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<uint8_t>(
        std::clamp((image.pixels[i] - low) * 255 / range, 0, 255));
  }
  return out;
}

void Collect(const ZXing::ImageView& view, const ZXing::DecodeHints& hints,
             std::vector<FoundCode>& found) {
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
}

}  // namespace

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
  // The local binarizer copes with uneven light; grey on grey needs a
  // global threshold, first as it is, then with its contrast spread out.
  for (ZXing::Binarizer binarizer :
       {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
    hints.setBinarizer(binarizer);
    Collect(view, hints, found);
    if (!found.empty()) return found;
  }
  std::vector<uint8_t> stretched = Stretched(image);
  hints.setBinarizer(ZXing::Binarizer::FixedThreshold);
  Collect(ZXing::ImageView(stretched.data(), image.width, image.height,
                           ZXing::ImageFormat::Lum),
          hints, found);
  return found;
}

}  // namespace entree
