// Making synthetic camera frames of badges: a projective warp of the badge
// into a textured frame, then the condition's flaw.
#include "synthetic_photos.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numbers>

#include "entree/badges/qr.h"

namespace entree::synthetic {
namespace {

using Homography = std::array<double, 9>;

struct Point {
  double x = 0, y = 0;
};

// The homography taking each `from[i]` to `to[i]` (Gaussian elimination on
// the usual 8 x 8 system).
Homography Solve(const std::array<Point, 4>& from,
                 const std::array<Point, 4>& to) {
  double a[8][9] = {};
  for (int i = 0; i < 4; ++i) {
    double x = from[i].x, y = from[i].y, u = to[i].x, v = to[i].y;
    double row_u[9] = {x, y, 1, 0, 0, 0, -x * u, -y * u, u};
    double row_v[9] = {0, 0, 0, x, y, 1, -x * v, -y * v, v};
    std::copy(row_u, row_u + 9, a[2 * i]);
    std::copy(row_v, row_v + 9, a[2 * i + 1]);
  }
  for (int col = 0; col < 8; ++col) {
    int pivot = col;
    for (int r = col + 1; r < 8; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    for (int r = 0; r < 8; ++r) {
      if (r == col) continue;
      double factor = a[r][col] / a[col][col];
      for (int c = col; c < 9; ++c) a[r][c] -= factor * a[col][c];
    }
  }
  Homography h{};
  for (int i = 0; i < 8; ++i) h[i] = a[i][8] / a[i][i];
  h[8] = 1;
  return h;
}

Point Apply(const Homography& h, double x, double y) {
  double w = h[6] * x + h[7] * y + h[8];
  return {(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w};
}

// Bilinear sample of `image` at (x, y); inside the image only.
double Sample(const LumaImage& image, double x, double y) {
  int x0 = std::clamp(static_cast<int>(x), 0, image.width - 2);
  int y0 = std::clamp(static_cast<int>(y), 0, image.height - 2);
  double fx = std::clamp(x - x0, 0.0, 1.0), fy = std::clamp(y - y0, 0.0, 1.0);
  double top = image.At(x0, y0) * (1 - fx) + image.At(x0 + 1, y0) * fx;
  double bottom =
      image.At(x0, y0 + 1) * (1 - fx) + image.At(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

// Draws `picture` into `frame` so that its corners land on `corners`
// (top-left, top-right, bottom-right, bottom-left).
void Paste(LumaImage& frame, const LumaImage& picture,
           const std::array<Point, 4>& corners) {
  double w = picture.width - 1, h = picture.height - 1;
  Homography to_picture = Solve(corners, {{{0, 0}, {w, 0}, {w, h}, {0, h}}});
  double left = frame.width, right = 0, top = frame.height, bottom = 0;
  for (const Point& c : corners) {
    left = std::min(left, c.x);
    right = std::max(right, c.x);
    top = std::min(top, c.y);
    bottom = std::max(bottom, c.y);
  }
  for (int y = std::max(0, static_cast<int>(top));
       y < std::min(frame.height, static_cast<int>(bottom) + 1); ++y) {
    for (int x = std::max(0, static_cast<int>(left));
         x < std::min(frame.width, static_cast<int>(right) + 1); ++x) {
      Point p = Apply(to_picture, x, y);
      if (p.x < 0 || p.y < 0 || p.x > w || p.y > h) continue;
      frame.pixels[y * frame.width + x] =
          static_cast<uint8_t>(std::lround(Sample(picture, p.x, p.y)));
    }
  }
}

// Corners of a `width` x `height` picture centred at (cx, cy), turned by
// `angle` radians, its top edge shortened by `tilt` (0..1) for perspective.
std::array<Point, 4> Place(double width, double height, double cx, double cy,
                           double angle, double tilt) {
  double hw = width / 2, hh = height / 2, shrink = hw * (1 - tilt);
  std::array<Point, 4> local = {Point{-shrink, -hh}, Point{shrink, -hh},
                                Point{hw, hh}, Point{-hw, hh}};
  std::array<Point, 4> placed;
  for (int i = 0; i < 4; ++i) {
    placed[i] = {
        cx + local[i].x * std::cos(angle) - local[i].y * std::sin(angle),
        cy + local[i].x * std::sin(angle) + local[i].y * std::cos(angle)};
  }
  return placed;
}

void BoxBlur(LumaImage& image) {
  LumaImage out = image;
  for (int y = 1; y < image.height - 1; ++y) {
    for (int x = 1; x < image.width - 1; ++x) {
      int sum = 0;
      for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) sum += image.At(x + dx, y + dy);
      }
      out.pixels[y * image.width + x] = static_cast<uint8_t>(sum / 9);
    }
  }
  image = std::move(out);
}

template <typename Change>
void ForEachPixel(LumaImage& image, Change change) {
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      uint8_t& pixel = image.pixels[y * image.width + x];
      pixel = static_cast<uint8_t>(
          std::clamp(std::lround(change(x, y, pixel)), 0L, 255L));
    }
  }
}

// The part of the badge around its QR code (with `margin_mm`), in grey.
LumaImage QrArea(const BadgeLayout& layout, const BadgeFace& face, int ppm,
                 double margin_mm) {
  LumaImage badge = BadgeInGrey(layout, face, ppm);
  double px_per_mm = badge.width / layout.width_mm;
  int left =
      std::max(0, static_cast<int>((layout.qr.x - margin_mm) * px_per_mm));
  int top =
      std::max(0, static_cast<int>((layout.qr.y - margin_mm) * px_per_mm));
  int right =
      std::min(badge.width,
               static_cast<int>((layout.qr.x + layout.qr.width + margin_mm) *
                                px_per_mm));
  int bottom =
      std::min(badge.height,
               static_cast<int>((layout.qr.y + layout.qr.height + margin_mm) *
                                px_per_mm));
  LumaImage area{right - left, bottom - top, {}};
  area.pixels.reserve(static_cast<size_t>(area.width) * area.height);
  for (int y = top; y < bottom; ++y) {
    for (int x = left; x < right; ++x) area.pixels.push_back(badge.At(x, y));
  }
  return area;
}

// The code alone as a phone shows it: light modules not quite white, a
// black bezel, and the screen's rows of pixels.
LumaImage PhoneScreen(const std::string& code, int ppm) {
  QrSymbol symbol = EncodeQr(code).value();
  int quiet = 4, bezel = 6 * ppm;
  int side = (symbol.size + 2 * quiet) * ppm;
  LumaImage phone{side + 2 * bezel, side + 4 * bezel, {}};
  phone.pixels.assign(static_cast<size_t>(phone.width) * phone.height, 18);
  for (int y = 0; y < side; ++y) {
    for (int x = 0; x < side; ++x) {
      int mx = x / ppm - quiet, my = y / ppm - quiet;
      bool dark = mx >= 0 && my >= 0 && mx < symbol.size && my < symbol.size &&
                  symbol.Dark(mx, my);
      uint8_t value = dark ? 35 : 205;
      if (y % 3 == 2) value = static_cast<uint8_t>(value * 0.85);
      phone.pixels[(y + 2 * bezel) * phone.width + x + bezel] = value;
    }
  }
  return phone;
}

}  // namespace

std::vector<Condition> AllConditions() {
  return {Condition::kClean,    Condition::kRotated,  Condition::kPerspective,
          Condition::kBlurred,  Condition::kNoisy,    Condition::kLowContrast,
          Condition::kGlare,    Condition::kOccluded, Condition::kPhone,
          Condition::kTwoBadges};
}

std::string_view ToString(Condition condition) {
  switch (condition) {
    case Condition::kClean:
      return "clean";
    case Condition::kRotated:
      return "rotated";
    case Condition::kPerspective:
      return "perspective";
    case Condition::kBlurred:
      return "blurred";
    case Condition::kNoisy:
      return "noisy";
    case Condition::kLowContrast:
      return "low contrast";
    case Condition::kGlare:
      return "glare";
    case Condition::kOccluded:
      return "occluded";
    case Condition::kPhone:
      return "phone screen";
    case Condition::kTwoBadges:
      return "two badges";
  }
  return "clean";
}

LumaImage BadgeInGrey(const BadgeLayout& layout, const BadgeFace& face,
                      int pixels_per_module) {
  // The renderer makes each module floor(qr * dpi / 25.4 / 49) pixels: aim
  // half a pixel above the wanted count.
  constexpr int kModulesWithQuietZone = 49;  // version 6
  double dpi = (pixels_per_module + 0.5) * kModulesWithQuietZone * 25.4 /
               layout.qr.width;
  ArgbImage argb = RenderBadgeImage(layout, face, dpi).value();
  LumaImage grey{argb.width, argb.height, {}};
  grey.pixels.reserve(static_cast<size_t>(argb.width) * argb.height);
  for (int y = 0; y < argb.height; ++y) {
    const uint8_t* row = argb.pixels.data() + y * argb.stride;
    for (int x = 0; x < argb.width; ++x) {
      uint32_t p;
      std::memcpy(&p, row + x * 4, 4);
      grey.pixels.push_back(static_cast<uint8_t>(
          ((p >> 16 & 0xFF) * 299 + (p >> 8 & 0xFF) * 587 + (p & 0xFF) * 114) /
          1000));
    }
  }
  return grey;
}

LumaImage EmptyFrame(int width, int height, std::mt19937& random) {
  std::uniform_real_distribution<double> phase(0, 2 * std::numbers::pi);
  std::uniform_int_distribution<int> grain(-8, 8);
  double px = phase(random), py = phase(random);
  LumaImage frame{width, height,
                  std::vector<uint8_t>(static_cast<size_t>(width) * height)};
  ForEachPixel(frame, [&](int x, int y, uint8_t) {
    return 115 + 35 * std::sin(x / 97.0 + px) * std::cos(y / 71.0 + py) +
           grain(random);
  });
  return frame;
}

LumaImage MakeFrame(const BadgeLayout& layout,
                    const std::vector<BadgeFace>& faces, Condition condition,
                    int min_ppm, int max_ppm, int width, int height,
                    std::mt19937& random) {
  std::uniform_int_distribution<int> ppm_of(min_ppm, max_ppm);
  std::uniform_real_distribution<double> unit(0, 1);
  auto between = [&](double low, double high) {
    return low + (high - low) * unit(random);
  };
  int ppm = ppm_of(random);
  LumaImage frame = EmptyFrame(width, height, random);
  double tilt = condition == Condition::kPerspective ? between(0.15, 0.3) : 0;
  double angle = condition == Condition::kRotated
                     ? between(0, 2 * std::numbers::pi)
                     : between(-0.1, 0.1);

  int count = condition == Condition::kTwoBadges ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    const BadgeFace& face = faces[static_cast<size_t>(i) % faces.size()];
    LumaImage picture = condition == Condition::kPhone
                            ? PhoneScreen(face.code, ppm)
                            : QrArea(layout, face, ppm, 4);
    if (condition == Condition::kOccluded) {
      // A finger over the lower right of the code, clear of the finders.
      int side = std::min(picture.width, picture.height);
      int fx = picture.width / 2 + side / 5, fy = picture.height / 2;
      for (int y = fy; y < std::min(picture.height, fy + side * 35 / 100);
           ++y) {
        for (int x = fx; x < std::min(picture.width, fx + side * 12 / 100);
             ++x) {
          picture.pixels[y * picture.width + x] = 95;
        }
      }
    }
    double slot = static_cast<double>(width) / count;
    double room_x =
        std::max(0.0, slot - std::hypot(picture.width, picture.height)) / 2;
    double room_y =
        std::max(0.0, height - std::hypot(picture.width, picture.height)) / 2;
    double cx = slot * (i + 0.5) + between(-room_x, room_x);
    double cy = height / 2.0 + between(-room_y, room_y);
    Paste(frame, picture,
          Place(picture.width, picture.height, cx, cy, angle, tilt));
  }

  switch (condition) {
    case Condition::kBlurred:
      BoxBlur(frame);
      BoxBlur(frame);
      break;
    case Condition::kNoisy: {
      std::normal_distribution<double> noise(0, 18);
      ForEachPixel(frame,
                   [&](int, int, uint8_t v) { return v + noise(random); });
      break;
    }
    case Condition::kLowContrast:
      ForEachPixel(frame, [](int, int, uint8_t v) { return 105 + v * 0.25; });
      break;
    case Condition::kGlare: {
      double gx = width / 2.0 + between(-60, 60),
             gy = height / 2.0 + between(-60, 60);
      double radius = between(50, 90);
      ForEachPixel(frame, [&](int x, int y, uint8_t v) {
        double d2 = (x - gx) * (x - gx) + (y - gy) * (y - gy);
        return v + 110 * std::exp(-d2 / (radius * radius));
      });
      break;
    }
    case Condition::kPhone:
      BoxBlur(frame);
      break;
    case Condition::kClean:
    case Condition::kRotated:
    case Condition::kPerspective:
    case Condition::kOccluded:
    case Condition::kTwoBadges:
      break;
  }
  return frame;
}

void WritePgm(const LumaImage& image, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  out << "P5\n" << image.width << " " << image.height << "\n255\n";
  out.write(reinterpret_cast<const char*>(image.pixels.data()),
            static_cast<std::streamsize>(image.pixels.size()));
}

}  // namespace entree::synthetic
