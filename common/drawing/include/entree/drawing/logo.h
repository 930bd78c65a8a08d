// The organiser's logo: the bytes of a PNG or SVG file, checked and drawn
// at any size, on the kiosk's screens and on badges.
#pragma once

#include <cairo.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/picture.h"
#include "entree/base/status.h"

namespace entree {

enum class LogoFormat { kPng, kSvg };

// The largest logo file taken, and the largest PNG (in pixels a side).
inline constexpr size_t kMaxLogoBytes = 1 << 20;
inline constexpr int kMaxLogoPixels = 4096;

// What `bytes` hold, by how they begin (an SVG may start with an XML
// declaration, a comment or a byte order mark); nullopt for anything else.
std::optional<LogoFormat> SniffLogo(std::string_view bytes);

// The bytes of the logo file `path`, read only from a regular file and
// never more than kMaxLogoBytes + 1 of them, so that a FIFO, a device or a
// huge file neither blocks nor fills memory. kIo (the system's reason) when
// it cannot be opened; kInvalidArgument when it is not a regular file or
// is larger than kMaxLogoBytes. Whether the bytes are a logo is not checked.
Result<std::string> ReadLogoFile(const std::string& path);

// Draws the logo as large as fits the box (x, y, w, h) in `cr`'s units,
// centred, keeping its proportions. kInvalidArgument when `bytes` are not
// a readable PNG or SVG within the limits above; nothing is drawn then.
Status DrawLogo(cairo_t* cr, std::string_view bytes, double x, double y,
                double w, double h);

// The logo drawn to fit `max_width` x `max_height` pixels, the image just
// as large as the logo (transparent where the logo is).
Result<ArgbImage> RenderLogo(std::string_view bytes, int max_width,
                             int max_height);

}  // namespace entree
