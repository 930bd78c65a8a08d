// Full-screen colour, a large title and a line of text, centred.
#include "render.h"

#include <array>
#include <iostream>

namespace entree::kiosk {
namespace {

constexpr std::array<const char*, 3> kFontPaths = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
};

TTF_Font* OpenFont(int point_size) {
  for (const char* path : kFontPaths) {
    if (TTF_Font* font = TTF_OpenFont(path, point_size)) {
      TTF_SetFontWrappedAlign(font, TTF_WRAPPED_ALIGN_CENTER);
      return font;
    }
  }
  return nullptr;
}

}  // namespace

Renderer::Renderer(SDL_Renderer* renderer) : renderer_(renderer) {}

Renderer::~Renderer() {
  if (title_font_) TTF_CloseFont(title_font_);
  if (body_font_) TTF_CloseFont(body_font_);
}

void Renderer::OpenFonts(int height) {
  if (height == font_height_for_) return;
  if (title_font_) TTF_CloseFont(title_font_);
  if (body_font_) TTF_CloseFont(body_font_);
  title_font_ = OpenFont(std::max(18, height / 12));
  body_font_ = OpenFont(std::max(14, height / 22));
  if (!title_font_ && font_height_for_ == 0) {
    std::cerr << "entree-kiosk: no font found; install fonts-dejavu-core\n";
  }
  font_height_for_ = height;
}

void Renderer::DrawText(const std::string& text, TTF_Font* font, int center_y,
                        int max_width) {
  if (!font || text.empty()) return;
  SDL_Color white{255, 255, 255, 255};
  SDL_Surface* surface = TTF_RenderUTF8_Blended_Wrapped(
      font, text.c_str(), white, static_cast<Uint32>(max_width));
  if (!surface) return;
  SDL_Texture* texture = SDL_CreateTextureFromSurface(renderer_, surface);
  if (texture) {
    SDL_Rect where{0, center_y - surface->h / 2, surface->w, surface->h};
    int width = 0;
    SDL_GetRendererOutputSize(renderer_, &width, nullptr);
    where.x = (width - surface->w) / 2;
    SDL_RenderCopy(renderer_, texture, nullptr, &where);
    SDL_DestroyTexture(texture);
  }
  SDL_FreeSurface(surface);
}

void Renderer::Draw(const View& view) {
  int width = 0, height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  OpenFonts(height);
  SDL_SetRenderDrawColor(renderer_, (view.background >> 16) & 0xFF,
                         (view.background >> 8) & 0xFF, view.background & 0xFF,
                         255);
  SDL_RenderClear(renderer_);
  int margin = width / 10;
  DrawText(view.title, title_font_, height * 2 / 5, width - 2 * margin);
  DrawText(view.subtitle, body_font_, height * 3 / 5, width - 2 * margin);
  DrawText(view.footer, body_font_, height * 9 / 10, width - 2 * margin);
  SDL_RenderPresent(renderer_);
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
