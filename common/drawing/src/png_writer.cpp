// PNG encoding with libpng: fast compression, RGB, pHYs.
#include "entree/drawing/png_writer.h"

#include <png.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace entree {
namespace {

void AppendToString(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void NoFlush(png_structp) {}

}  // namespace

Result<std::string> EncodePng(const uint8_t* pixels, int width, int height,
                              int stride, int dpi) {
  std::string out;
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    return Status::Io("libpng could not start");
  }
  std::vector<png_byte> row(static_cast<size_t>(width) * 3);
  // libpng reports errors by longjmp; nothing with a destructor is made
  // between here and the end.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return Status::Io("libpng could not write the badge");
  }
  png_set_write_fn(png, &out, AppendToString, NoFlush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width),
               static_cast<png_uint_32>(height), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  auto per_metre = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
  png_set_pHYs(png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
  png_set_compression_level(png, Z_BEST_SPEED);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    const uint8_t* source = pixels + static_cast<ptrdiff_t>(y) * stride;
    for (int x = 0; x < width; ++x) {
      uint32_t argb;
      std::memcpy(&argb, source + x * 4, 4);
      row[x * 3] = static_cast<png_byte>(argb >> 16);
      row[x * 3 + 1] = static_cast<png_byte>(argb >> 8);
      row[x * 3 + 2] = static_cast<png_byte>(argb);
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace entree
