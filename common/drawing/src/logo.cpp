// Logos: PNG through cairo, SVG through librsvg.
#include "entree/drawing/logo.h"

#include <fcntl.h>
#include <librsvg/rsvg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include "entree/base/held_file.h"
#include "entree/drawing/cairo_util.h"

namespace entree {
namespace {

constexpr std::string_view kPngMagic = "\x89PNG\r\n\x1a\n";

Status NotALogo() {
  return Status::Localized(StatusCode::kInvalidArgument, "error.bad_logo", {});
}

// The width and height a PNG's header states, read before decoding so that
// a huge picture is refused without its pixels being made.
bool PngSize(std::string_view bytes, int& width, int& height) {
  if (bytes.size() < 24 || bytes.substr(12, 4) != "IHDR") return false;
  auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) {
      v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return v;
  };
  uint32_t w = be32(16), h = be32(20);
  if (w == 0 || h == 0 || w > kMaxLogoPixels || h > kMaxLogoPixels) {
    return false;
  }
  width = static_cast<int>(w);
  height = static_cast<int>(h);
  return true;
}

struct PngReader {
  std::string_view bytes;
  size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data,
                       unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->bytes.size() - reader->at < length) {
    return CAIRO_STATUS_READ_ERROR;
  }
  std::copy_n(reader->bytes.data() + reader->at, length, data);
  reader->at += length;
  return CAIRO_STATUS_SUCCESS;
}

using SurfacePtr =
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using HandlePtr = std::unique_ptr<RsvgHandle, decltype(&g_object_unref)>;

// A decoded logo and its natural size.
struct Decoded {
  SurfacePtr png{nullptr, cairo_surface_destroy};
  HandlePtr svg{nullptr, g_object_unref};
  double width = 0, height = 0;
};

Result<Decoded> Decode(std::string_view bytes) {
  if (bytes.size() > kMaxLogoBytes) return NotALogo();
  auto format = SniffLogo(bytes);
  if (!format) return NotALogo();
  Decoded logo;
  if (*format == LogoFormat::kPng) {
    int w = 0, h = 0;
    if (!PngSize(bytes, w, h)) return NotALogo();
    PngReader reader{bytes};
    logo.png.reset(
        cairo_image_surface_create_from_png_stream(ReadPng, &reader));
    if (cairo_surface_status(logo.png.get()) != CAIRO_STATUS_SUCCESS) {
      return NotALogo();
    }
    logo.width = cairo_image_surface_get_width(logo.png.get());
    logo.height = cairo_image_surface_get_height(logo.png.get());
    return logo;
  }
  GError* error = nullptr;
  // Without a base file an SVG cannot reach other files or the network.
  logo.svg.reset(rsvg_handle_new_from_data(
      reinterpret_cast<const guint8*>(bytes.data()), bytes.size(), &error));
  if (error) g_error_free(error);
  if (!logo.svg) return NotALogo();
  if (!rsvg_handle_get_intrinsic_size_in_pixels(logo.svg.get(), &logo.width,
                                                &logo.height)) {
    gboolean has_viewbox = FALSE;
    RsvgRectangle viewbox{};
    rsvg_handle_get_intrinsic_dimensions(logo.svg.get(), nullptr, nullptr,
                                         nullptr, nullptr, &has_viewbox,
                                         &viewbox);
    if (!has_viewbox) return NotALogo();
    logo.width = viewbox.width;
    logo.height = viewbox.height;
  }
  if (!(logo.width > 0 && logo.height > 0 && std::isfinite(logo.width) &&
        std::isfinite(logo.height))) {
    return NotALogo();
  }
  return logo;
}

Status Draw(cairo_t* cr, const Decoded& logo, double x, double y, double w,
            double h) {
  double scale = std::min(w / logo.width, h / logo.height);
  double drawn_w = logo.width * scale, drawn_h = logo.height * scale;
  double left = x + (w - drawn_w) / 2, top = y + (h - drawn_h) / 2;
  if (logo.png) {
    cairo_save(cr);
    cairo_translate(cr, left, top);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, logo.png.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
    return Status::Ok();
  }
  RsvgRectangle viewport{left, top, drawn_w, drawn_h};
  GError* error = nullptr;
  gboolean drawn =
      rsvg_handle_render_document(logo.svg.get(), cr, &viewport, &error);
  if (error) g_error_free(error);
  return drawn ? Status::Ok() : NotALogo();
}

}  // namespace

std::optional<LogoFormat> SniffLogo(std::string_view bytes) {
  if (bytes.substr(0, kPngMagic.size()) == kPngMagic) return LogoFormat::kPng;
  std::string_view start = bytes.substr(0, 1024);
  if (start.substr(0, 3) == "\xEF\xBB\xBF") start.remove_prefix(3);
  while (!start.empty() && (start.front() == ' ' || start.front() == '\n' ||
                            start.front() == '\r' || start.front() == '\t')) {
    start.remove_prefix(1);
  }
  if (start.substr(0, 1) == "<" &&
      start.find("<svg") != std::string_view::npos) {
    return LogoFormat::kSvg;
  }
  return std::nullopt;
}

Status DrawLogo(cairo_t* cr, std::string_view bytes, double x, double y,
                double w, double h) {
  ENTREE_ASSIGN_OR_RETURN(Decoded logo, Decode(bytes));
  return Draw(cr, logo, x, y, w, h);
}

Result<ArgbImage> RenderLogo(std::string_view bytes, int max_width,
                             int max_height) {
  ENTREE_ASSIGN_OR_RETURN(Decoded logo, Decode(bytes));
  double scale = std::min(max_width / logo.width, max_height / logo.height);
  int w = std::max(1, static_cast<int>(logo.width * scale));
  int h = std::max(1, static_cast<int>(logo.height * scale));
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h),
                     cairo_surface_destroy);
  cairo_t* cr = cairo_create(surface.get());
  Status drawn = Draw(cr, logo, 0, 0, w, h);
  cairo_destroy(cr);
  ENTREE_RETURN_IF_ERROR(drawn);
  ENTREE_RETURN_IF_ERROR(
      CairoStatus(cairo_surface_status(surface.get()), "logo"));
  cairo_surface_flush(surface.get());
  return CopyPixels(surface.get());
}

Result<std::string> ReadLogoFile(const std::string& path) {
  ENTREE_RETURN_IF_ERROR(RefuseHeldFileAsInput(path));
  // Opened without waiting, so a FIFO with no writer does not block.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Status::Io(std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(path + " is not a regular file");
  }
  std::string bytes(kMaxLogoBytes + 1, '\0');
  size_t got = 0;
  while (got < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got > kMaxLogoBytes) {
    return Status::InvalidArgument(path + " is larger than 1 MB");
  }
  bytes.resize(got);
  return bytes;
}

}  // namespace entree
