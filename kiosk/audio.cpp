// Tone patterns: rising for welcome, level for already inside, low and
// falling for a refusal, a tick for a key press.
#include "audio.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <utility>
#include <vector>

namespace entree::kiosk {
namespace {

struct Tone {
  float hz;
  int ms;
};

std::vector<Tone> Pattern(Cue cue) {
  switch (cue) {
    case Cue::kNone:
      return {};
    case Cue::kWelcome:
      return {{880, 90}, {0, 30}, {1318, 160}};
    case Cue::kAlreadyInside:
      return {{660, 140}, {0, 80}, {660, 140}};
    case Cue::kRefused:
      return {{330, 180}, {0, 60}, {220, 320}};
    case Cue::kClick:
      return {{2000, 12}};
  }
  return {};
}

}  // namespace

Audio::Audio() {
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    std::cerr << "entree-kiosk: no sound: " << SDL_GetError() << "\n";
    return;
  }
  SDL_AudioSpec want{}, have{};
  want.freq = rate_;
  want.format = AUDIO_F32SYS;
  want.channels = 1;
  want.samples = 512;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
  if (device_ == 0) {
    std::cerr << "entree-kiosk: no sound: " << SDL_GetError() << "\n";
    return;
  }
  rate_ = have.freq;
  SDL_PauseAudioDevice(device_, 0);
}

Audio::~Audio() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
}

void Audio::Play(Cue cue) {
  if (device_ == 0 || cue == Cue::kNone) return;
  std::vector<float> samples;
  for (const Tone& tone : Pattern(cue)) {
    int count = rate_ * tone.ms / 1000;
    for (int i = 0; i < count; ++i) {
      // A short fade in and out keeps the tones from clicking.
      float edge = std::min({1.0f, static_cast<float>(i) / 240.0f,
                             static_cast<float>(count - i) / 240.0f});
      float t = static_cast<float>(i) / static_cast<float>(rate_);
      samples.push_back(
          tone.hz == 0 ? 0.0f
                       : 0.3f * edge * std::sin(2 * 3.14159265f * tone.hz * t));
    }
  }
  SDL_ClearQueuedAudio(device_);
  SDL_QueueAudio(device_, samples.data(),
                 static_cast<Uint32>(samples.size() * sizeof(float)));
}

}  // namespace entree::kiosk
