// The kiosk's one window and its renderer.
#include "window.h"

#include <cmath>
#include <iostream>

namespace entree::kiosk {

std::unique_ptr<KioskWindow> KioskWindow::Open(bool windowed, int width,
                                               int height) {
  // Headless there is no GPU: SDL would otherwise load a software OpenGL
  // stack (Mesa's llvmpipe, ~100 MB) just to copy pixels around.
  if (SDL_strcmp(SDL_GetCurrentVideoDriver(), "offscreen") == 0) {
    SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0",
                            SDL_HINT_DEFAULT);
    SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software",
                            SDL_HINT_DEFAULT);
  }
  Uint32 flags =
      windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
  int x = SDL_WINDOWPOS_CENTERED;
  int y = SDL_WINDOWPOS_CENTERED;
  SDL_DisplayMode desktop{};
  if (!windowed && SDL_GetDesktopDisplayMode(0, &desktop) == 0 &&
      desktop.w > 0 && desktop.h > 0) {
    // Made as large as the screen, borderless, at its corner: on X11
    // without a window manager nobody makes a window full screen, and it
    // must cover the screen by itself.
    x = y = 0;
    width = desktop.w;
    height = desktop.h;
    flags |= SDL_WINDOW_BORDERLESS;
  }
  SDL_Window* window = SDL_CreateWindow("Entree", x, y, width, height,
                                        flags | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window) {
    std::cerr << "entree-kiosk: no window: " << SDL_GetError() << "\n";
    return nullptr;
  }
  SDL_Renderer* renderer = SDL_CreateRenderer(
      window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!renderer) renderer = SDL_CreateRenderer(window, -1, 0);
  if (!renderer) {
    std::cerr << "entree-kiosk: no renderer: " << SDL_GetError() << "\n";
    SDL_DestroyWindow(window);
    return nullptr;
  }
  SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();
  SDL_StartTextInput();
  return std::unique_ptr<KioskWindow>(new KioskWindow(window, renderer));
}

double KioskWindow::PanelInches() const {
  int display = SDL_GetWindowDisplayIndex(window_);
  float diagonal_dpi = 0;
  SDL_DisplayMode mode{};
  if (display < 0 ||
      SDL_GetDisplayDPI(display, &diagonal_dpi, nullptr, nullptr) != 0 ||
      SDL_GetCurrentDisplayMode(display, &mode) != 0 || diagonal_dpi <= 0) {
    return 0;
  }
  double inches = std::hypot(mode.w, mode.h) / diagonal_dpi;
  // From a watch to a wall: anything else is a driver's guess.
  return inches >= 3 && inches <= 120 ? inches : 0;
}

KioskWindow::~KioskWindow() {
  SDL_DestroyRenderer(renderer_);
  SDL_DestroyWindow(window_);
}

}  // namespace entree::kiosk
