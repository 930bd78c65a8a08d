// The kiosk's one window and its renderer: full screen on the desktop's
// mode (or a resizable window of a set size for tests), no cursor, no
// screen saver, text input on.
#pragma once

#include <SDL.h>

#include <memory>

namespace entree::kiosk {

class KioskWindow {
 public:
  // Opens the window, or says why not on standard error and returns null.
  static std::unique_ptr<KioskWindow> Open(bool windowed, int width,
                                           int height);
  ~KioskWindow();
  KioskWindow(const KioskWindow&) = delete;
  KioskWindow& operator=(const KioskWindow&) = delete;

  SDL_Renderer* renderer() const { return renderer_; }
  // The diagonal in inches of the display the window is on, as the video
  // driver reports it; 0 when it reports nothing believable.
  double PanelInches() const;

 private:
  KioskWindow(SDL_Window* window, SDL_Renderer* renderer)
      : window_(window), renderer_(renderer) {}
  SDL_Window* window_;
  SDL_Renderer* renderer_;
};

}  // namespace entree::kiosk
