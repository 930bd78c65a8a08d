// Reading pictures as grayscale: PNG (libpng), JPEG (libjpeg), PGM/PPM.
#include <csetjmp>
#include <cstddef>
#include <cstdio>
// jpeglib.h needs size_t and FILE declared first.
#include <jpeglib.h>
#include <png.h>

#include <fstream>
#include <sstream>

#include "entree/base/held_file.h"
#include "entree/scan/image_file.h"

namespace entree {
namespace {

Status NotAnImage(const std::string& path) {
  return Status::Localized(StatusCode::kInvalidArgument, "error.not_an_image",
                           {path});
}

Result<LumaImage> ReadPng(const std::string& path) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) {
    return NotAnImage(path);
  }
  png.format = PNG_FORMAT_GRAY;
  LumaImage image;
  image.width = static_cast<int>(png.width);
  image.height = static_cast<int>(png.height);
  image.pixels.resize(PNG_IMAGE_SIZE(png));
  if (!png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr)) {
    png_image_free(&png);
    return NotAnImage(path);
  }
  return image;
}

// libjpeg reports errors by calling error_exit, which must not return.
struct JpegError {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};
void JpegFail(j_common_ptr info) {
  std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

Result<LumaImage> ReadJpeg(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return NotAnImage(path);
  jpeg_decompress_struct jpeg{};
  JpegError error{};
  jpeg.err = jpeg_std_error(&error.manager);
  error.manager.error_exit = JpegFail;
  // Everything with a destructor lives outside the setjmp region.
  LumaImage* image = new LumaImage();
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&jpeg);
    std::fclose(file);
    delete image;
    return NotAnImage(path);
  }
  jpeg_create_decompress(&jpeg);
  jpeg_stdio_src(&jpeg, file);
  jpeg_read_header(&jpeg, TRUE);
  jpeg.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&jpeg);
  image->width = static_cast<int>(jpeg.output_width);
  image->height = static_cast<int>(jpeg.output_height);
  image->pixels.resize(static_cast<size_t>(image->width) * image->height);
  while (jpeg.output_scanline < jpeg.output_height) {
    JSAMPROW row = image->pixels.data() +
                   static_cast<size_t>(jpeg.output_scanline) * image->width;
    jpeg_read_scanlines(&jpeg, &row, 1);
  }
  jpeg_finish_decompress(&jpeg);
  jpeg_destroy_decompress(&jpeg);
  std::fclose(file);
  LumaImage result = std::move(*image);
  delete image;
  return result;
}

// Binary PGM (P5) or PPM (P6) with 8-bit samples.
Result<LumaImage> ReadNetpbm(const std::string& path, const std::string& data) {
  std::istringstream in(data);
  std::string magic;
  int width = 0, height = 0, max_value = 0;
  in >> magic >> width >> height >> max_value;
  if ((magic != "P5" && magic != "P6") || width <= 0 || height <= 0 ||
      max_value != 255) {
    return NotAnImage(path);
  }
  in.get();  // the single white space before the samples
  size_t start = static_cast<size_t>(in.tellg());
  int channels = magic == "P5" ? 1 : 3;
  size_t count = static_cast<size_t>(width) * height;
  if (data.size() < start + count * channels) return NotAnImage(path);
  LumaImage image{width, height, std::vector<uint8_t>(count)};
  for (size_t i = 0; i < count; ++i) {
    const auto* sample =
        reinterpret_cast<const uint8_t*>(data.data() + start + i * channels);
    image.pixels[i] =
        channels == 1
            ? sample[0]
            : static_cast<uint8_t>(
                  (sample[0] * 299 + sample[1] * 587 + sample[2] * 114) / 1000);
  }
  return image;
}

}  // namespace

Result<LumaImage> LoadImageFile(const std::string& path) {
  ENTREE_RETURN_IF_ERROR(RefuseHeldFileAsInput(path));
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {path, "no such file"});
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  std::string data = bytes.str();
  if (data.starts_with("\x89PNG")) return ReadPng(path);
  if (data.starts_with("\xFF\xD8")) return ReadJpeg(path);
  if (data.starts_with("P5") || data.starts_with("P6")) {
    return ReadNetpbm(path, data);
  }
  return NotAnImage(path);
}

}  // namespace entree
