// The kiosk's sounds: a short tone pattern per verdict, made on the fly.
#pragma once

#include <SDL.h>

#include "ui.h"

namespace entree::kiosk {

class Audio {
 public:
  // Opens the default output; without one the kiosk stays silent (logged).
  Audio();
  ~Audio();
  Audio(const Audio&) = delete;
  Audio& operator=(const Audio&) = delete;

  // Starts the cue's sound, cutting off whatever was playing.
  void Play(Cue cue);

 private:
  SDL_AudioDeviceID device_ = 0;
  int rate_ = 48000;
};

}  // namespace entree::kiosk
