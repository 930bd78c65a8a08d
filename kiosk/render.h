// Drawing a View with SDL2 and SDL2_ttf.
#pragma once

#include <SDL.h>
#include <SDL_ttf.h>

#include <string>

#include "door_screens.h"

namespace entree::kiosk {

// Owns the fonts; draws views scaled to the output size.
class Renderer {
 public:
  // Opens the first font found among the usual system paths; without one
  // views are drawn as colour only (logged once).
  explicit Renderer(SDL_Renderer* renderer);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  void Draw(const View& view);
  // Saves what was last drawn as a BMP file; false when it cannot.
  bool SaveScreenshot(const std::string& path);

 private:
  void DrawText(const std::string& text, TTF_Font* font, int center_y,
                int max_width);
  void OpenFonts(int height);

  SDL_Renderer* renderer_;
  TTF_Font* title_font_ = nullptr;
  TTF_Font* body_font_ = nullptr;
  int font_height_for_ = 0;
};

}  // namespace entree::kiosk
