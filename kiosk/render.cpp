// Scene drawing: filled boxes, buttons, fitted text, icons, QR.
#include "render.h"

#include <array>
#include <cmath>
#include <iostream>
#include <set>

#include "entree/base/text.h"
#include "vector_art.h"

namespace entree::kiosk {
namespace {

// Rendered texts kept beyond those on screen: enough for the screens a
// guest goes back and forth between, few enough to keep memory flat when
// every verdict shows a new name.
constexpr size_t kMaxCachedLines = 24;
// Fitted texts remembered: a few screens' worth. Fitting measures a text
// many times, so it is done once per text and box.
constexpr size_t kMaxCachedFits = 512;
// Icons and button shapes kept beyond those on screen.
constexpr size_t kMaxCachedArt = 64;
// The longest text drawn in one box, in bytes of UTF-8.
constexpr size_t kMaxDrawnTextBytes = 1024;

// Drops the textures of `cache` not drawn in frame `frame` or the one
// before.
template <typename Cache>
void DropUnused(Cache& cache, uint64_t frame) {
  for (auto it = cache.begin(); it != cache.end();) {
    if (it->second.last_used + 1 < frame) {
      SDL_DestroyTexture(it->second.texture);
      it = cache.erase(it);
    } else {
      ++it;
    }
  }
}

bool Overlap(const Rect& a, const Rect& b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

// Whether `box` shows only the scene's background: nothing else is drawn
// under or over it.
bool OnBackground(const Rect& box, const Scene& scene) {
  for (const BoxItem& b : scene.boxes) {
    if (Overlap(box, b.box)) return false;
  }
  for (const ButtonItem& b : scene.buttons) {
    if (Overlap(box, b.box)) return false;
  }
  for (const IconItem& i : scene.icons) {
    if (Overlap(box, i.box)) return false;
  }
  for (const auto* image : {&scene.image, &scene.logo}) {
    if (*image && Overlap(box, (*image)->box)) return false;
  }
  return scene.outlines.empty();
}

SDL_Color ToColor(uint32_t rgb) {
  return {static_cast<Uint8>(rgb >> 16), static_cast<Uint8>(rgb >> 8),
          static_cast<Uint8>(rgb), 255};
}

}  // namespace

Renderer::Renderer(SDL_Renderer* renderer) : renderer_(renderer) {}

Renderer::~Renderer() {
  for (auto& [key, line] : lines_) SDL_DestroyTexture(line.texture);
  for (auto& [key, art] : art_) SDL_DestroyTexture(art.texture);
  SDL_DestroyTexture(image_.texture);
  SDL_DestroyTexture(logo_.texture);
}

const Renderer::CachedText* Renderer::Line(const std::string& text, int size,
                                           uint32_t colour, Weight weight,
                                           uint32_t ground) {
  LineKey key{text, size, colour, weight, ground};
  auto found = lines_.find(key);
  if (found != lines_.end()) {
    found->second.last_used = frame_;
    return &found->second;
  }
  if (text.empty()) return nullptr;
  if (lines_.size() >= kMaxCachedLines) DropUnused(lines_, frame_);
  LinePixels pixels = fonts_.Draw(
      text, size, weight, colour,
      ground == kNoGround ? std::nullopt : std::optional<uint32_t>(ground));
  SDL_Texture* texture =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                        SDL_TEXTUREACCESS_STATIC, pixels.width, pixels.height);
  if (!texture) return nullptr;
  SDL_UpdateTexture(texture, nullptr, pixels.argb.data(),
                    pixels.width * static_cast<int>(sizeof(uint32_t)));
  // On a known ground the line is opaque: copied, not blended.
  SDL_SetTextureBlendMode(
      texture, ground == kNoGround ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
  CachedText cached{texture, pixels.width, pixels.height, frame_};
  return &lines_.emplace(key, cached).first->second;
}

const FittedText& Renderer::Fit(const TextItem& item) {
  FitKey key{item.text,  item.size,  item.weight,
             item.box.w, item.box.h, item.overflow};
  auto found = fits_.find(key);
  if (found != fits_.end()) return found->second;
  if (fits_.size() >= kMaxCachedFits) fits_.clear();
  return fits_
      .emplace(key, FitText(fonts_, item.text, item.box.w, item.box.h,
                            item.size, item.weight, item.overflow))
      .first->second;
}

void Renderer::Fill(const Rect& rect, uint32_t colour) {
  SDL_Color c = ToColor(colour);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, 255);
  SDL_Rect r{rect.x, rect.y, rect.w, rect.h};
  SDL_RenderFillRect(renderer_, &r);
}

void Renderer::DrawText(const TextItem& item, uint32_t ground) {
  if (item.text.empty() || item.box.w <= 0) return;
  // No screen holds more than this; longer text (which the store refuses
  // already) is cut before it is measured.
  if (item.text.size() > kMaxDrawnTextBytes) {
    TextItem cut = item;
    cut.text = TruncateUtf8(item.text, kMaxDrawnTextBytes);
    DrawText(cut, ground);
    return;
  }
  const FittedText& fit = Fit(item);
  int skip = fonts_.LineSkip(fit.size, item.weight);
  int y = item.box.y + (item.box.h - fit.height) / 2;
  for (const std::string& text : fit.lines) {
    const CachedText* line =
        Line(text, fit.size, item.colour, item.weight, ground);
    if (line) {
      int x = item.box.x;
      if (item.align == Align::kCenter) x += (item.box.w - line->w) / 2;
      if (item.align == Align::kRight) x += item.box.w - line->w;
      SDL_Rect where{x, y, line->w, line->h};
      SDL_RenderCopy(renderer_, line->texture, nullptr, &where);
    }
    y += skip;
  }
}

void Renderer::ThickLine(float x1, float y1, float x2, float y2, float width,
                         uint32_t colour) {
  float dx = x2 - x1, dy = y2 - y1;
  float length = std::sqrt(dx * dx + dy * dy);
  if (length <= 0) return;
  float nx = -dy / length * width / 2, ny = dx / length * width / 2;
  SDL_Color c = ToColor(colour);
  SDL_Vertex v[4] = {{{x1 + nx, y1 + ny}, c, {0, 0}},
                     {{x1 - nx, y1 - ny}, c, {0, 0}},
                     {{x2 - nx, y2 - ny}, c, {0, 0}},
                     {{x2 + nx, y2 + ny}, c, {0, 0}}};
  int indices[6] = {0, 1, 2, 0, 2, 3};
  SDL_RenderGeometry(renderer_, nullptr, v, 4, indices, 6);
}

const Renderer::CachedText* Renderer::Art(const ArtKey& key) {
  auto found = art_.find(key);
  if (found != art_.end()) {
    found->second.last_used = frame_;
    return &found->second;
  }
  if (art_.size() >= kMaxCachedArt) DropUnused(art_, frame_);
  auto [shape, w, h, colour] = key;
  ArgbImage image = shape < 0
                        ? DrawRoundedBox(w, h, std::min(w, h) / 6, colour)
                        : DrawIconArt(static_cast<Icon>(shape), w, colour);
  SDL_Texture* texture =
      SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                        SDL_TEXTUREACCESS_STATIC, image.width, image.height);
  if (!texture) return nullptr;
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  SDL_UpdateTexture(texture, nullptr, image.pixels.data(), image.stride);
  return &art_.emplace(key,
                       CachedText{texture, image.width, image.height, frame_})
              .first->second;
}

void Renderer::DrawButtonBox(const Rect& box, uint32_t colour) {
  if (box.w <= 0 || box.h <= 0) return;
  const CachedText* art = Art({-1, box.w, box.h, colour});
  if (!art) return Fill(box, colour);
  SDL_Rect where{box.x, box.y, art->w, art->h};
  SDL_RenderCopy(renderer_, art->texture, nullptr, &where);
}

void Renderer::DrawIcon(const IconItem& item) {
  int side = std::min(item.box.w, item.box.h);
  if (side <= 0) return;
  const CachedText* art =
      Art({static_cast<int>(item.icon), side, side, item.colour});
  if (!art) return;
  SDL_Rect where{item.box.x + (item.box.w - side) / 2, item.box.y, side, side};
  SDL_RenderCopy(renderer_, art->texture, nullptr, &where);
}

void Renderer::DrawImage(const ImageItem& item, ImageSlot& slot) {
  if (!item.image || item.image->width <= 0) return;
  if (item.image != slot.image) {
    SDL_DestroyTexture(slot.texture);
    slot.image = item.image;
    // cairo's ARGB32 is SDL's ARGB8888: one native-endian word per pixel.
    slot.texture = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                                     SDL_TEXTUREACCESS_STATIC,
                                     slot.image->width, slot.image->height);
    if (slot.texture) {
      SDL_SetTextureBlendMode(slot.texture, SDL_BLENDMODE_BLEND);
      SDL_UpdateTexture(slot.texture, nullptr, slot.image->pixels.data(),
                        slot.image->stride);
    }
  }
  if (!slot.texture) return;
  const ArgbImage& image = *slot.image;
  double scale = std::min(static_cast<double>(item.box.w) / image.width,
                          static_cast<double>(item.box.h) / image.height);
  int w = static_cast<int>(image.width * scale);
  int h = static_cast<int>(image.height * scale);
  SDL_Rect where{item.box.x + (item.box.w - w) / 2,
                 item.box.y + (item.box.h - h) / 2, w, h};
  SDL_RenderCopy(renderer_, slot.texture, nullptr, &where);
}

void Renderer::Draw(const Scene& scene) {
  ++frame_;
  SDL_Color bg = ToColor(scene.background);
  SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
  SDL_RenderClear(renderer_);
  for (const BoxItem& box : scene.boxes) Fill(box.box, box.colour);
  if (scene.image) DrawImage(*scene.image, image_);
  if (scene.logo) DrawImage(*scene.logo, logo_);
  for (const OutlineItem& outline : scene.outlines) {
    for (size_t i = 0; i < outline.corners.size(); ++i) {
      const PixelPoint& from = outline.corners[i];
      const PixelPoint& to = outline.corners[(i + 1) % outline.corners.size()];
      ThickLine(static_cast<float>(from.x), static_cast<float>(from.y),
                static_cast<float>(to.x), static_cast<float>(to.y), 4.0f,
                outline.colour);
    }
  }
  for (const ButtonItem& button : scene.buttons) {
    DrawButtonBox(button.box, button.fill);
    DrawText({button.box, button.label, button.text_size, button.text_colour,
              Align::kCenter, Weight::kBold});
  }
  for (const IconItem& icon : scene.icons) DrawIcon(icon);
  for (const TextItem& text : scene.texts) {
    DrawText(text,
             OnBackground(text.box, scene) ? scene.background : kNoGround);
  }
}

void Renderer::Warm(const Scene& scene) {
  std::set<std::pair<int, Weight>> sizes;
  for (const TextItem& text : scene.texts) {
    for (int size : ShrinkSteps(text.size)) sizes.insert({size, text.weight});
  }
  for (const auto& [size, weight] : sizes) fonts_.Warm(size, weight);
}

bool Renderer::SaveScreenshot(const std::string& path) {
  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(
      0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!surface) return false;
  bool ok = SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ARGB8888,
                                 surface->pixels, surface->pitch) == 0 &&
            SDL_SaveBMP(surface, path.c_str()) == 0;
  SDL_FreeSurface(surface);
  return ok;
}

}  // namespace entree::kiosk
