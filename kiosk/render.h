// Drawing a Scene with SDL2 and SDL2_ttf.
#pragma once

#include <SDL.h>

#include <map>
#include <string>
#include <tuple>

#include "fonts.h"
#include "ui.h"

namespace entree::kiosk {

// Owns fonts and a cache of rendered texts; draws scenes.
class Renderer {
 public:
  // `renderer` must outlive this. Without a font on the system, scenes are
  // drawn without text (logged once).
  explicit Renderer(SDL_Renderer* renderer);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  void Draw(const Scene& scene);
  // Makes the fonts of `scene`'s texts ready at every size their fitting
  // may take, without drawing: for scenes that must appear at once.
  void Warm(const Scene& scene);
  // The fonts scenes are drawn in, for measuring texts.
  const FontSet& fonts() const { return fonts_; }
  void Present() { SDL_RenderPresent(renderer_); }
  // Saves the frame last drawn (before Present) as BMP; false on failure.
  bool SaveScreenshot(const std::string& path);

 private:
  struct CachedText {
    SDL_Texture* texture = nullptr;
    int w = 0, h = 0;
    uint64_t last_used = 0;
  };
  // Text, size, colour, weight and the ground it is drawn on (kNoGround:
  // blended over whatever is there).
  using LineKey = std::tuple<std::string, int, uint32_t, Weight, uint32_t>;
  static constexpr uint32_t kNoGround = 0xFFFFFFFF;
  using FitKey = std::tuple<std::string, int, Weight, int, int, Overflow>;

  // One line of text as a texture, kept while it is drawn.
  // On a known plain `ground` the line is made opaque, which is cheaper to
  // make and to copy each frame than a blended one.
  const CachedText* Line(const std::string& text, int size, uint32_t colour,
                         Weight weight, uint32_t ground);
  const FittedText& Fit(const TextItem& item);
  // An icon (shape >= 0, an Icon) or a rounded box (shape -1) drawn by
  // vector_art.h as a texture, kept while it is drawn.
  using ArtKey = std::tuple<int, int, int, uint32_t>;  // shape, w, h, colour
  const CachedText* Art(const ArtKey& key);
  void DrawButtonBox(const Rect& box, uint32_t colour);
  void DrawText(const TextItem& item, uint32_t ground = kNoGround);
  void DrawIcon(const IconItem& item);
  // An image's pixels as a texture, made again only when they change.
  struct ImageSlot {
    std::shared_ptr<const ArgbImage> image;
    SDL_Texture* texture = nullptr;
  };
  void DrawImage(const ImageItem& item, ImageSlot& slot);
  void Fill(const Rect& rect, uint32_t colour);
  void ThickLine(float x1, float y1, float x2, float y2, float width,
                 uint32_t colour);

  SDL_Renderer* renderer_;
  FontSet fonts_;
  std::map<LineKey, CachedText> lines_;
  std::map<FitKey, FittedText> fits_;
  std::map<ArtKey, CachedText> art_;
  uint64_t frame_ = 0;
  ImageSlot image_;
  ImageSlot logo_;
};

}  // namespace entree::kiosk
