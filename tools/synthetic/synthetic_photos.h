// Synthetic camera frames of real badges, for the camera tests and the
// camera benchmark: a badge (or a phone showing its code) placed in a
// frame under one of the conditions a kiosk camera meets.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "entree/badges/badge_render.h"
#include "entree/base/picture.h"

namespace entree::synthetic {

enum class Condition {
  kClean,        // upright, sharp, even light
  kRotated,      // any angle
  kPerspective,  // tilted towards or away from the camera
  kBlurred,      // slightly out of focus
  kNoisy,        // a dim room: sensor noise
  kLowContrast,  // grey on grey
  kGlare,        // a bright reflection across part of the code
  kOccluded,     // a finger over part of the code
  kPhone,        // a phone screen showing the code
  kTwoBadges,    // two guests' badges at once
};
std::vector<Condition> AllConditions();
std::string_view ToString(Condition condition);

// The badge drawn in grey at `pixels_per_module` pixels per QR module.
LumaImage BadgeInGrey(const BadgeLayout& layout, const BadgeFace& face,
                      int pixels_per_module);

// A `width` x `height` frame showing `faces[0]` (and `faces[1]` for
// kTwoBadges) under `condition`, at a random `pixels_per_module` between
// `min_ppm` and `max_ppm`; the random choices come from `random`.
LumaImage MakeFrame(const BadgeLayout& layout,
                    const std::vector<BadgeFace>& faces, Condition condition,
                    int min_ppm, int max_ppm, int width, int height,
                    std::mt19937& random);

// A frame with no badge in it: a room's texture.
LumaImage EmptyFrame(int width, int height, std::mt19937& random);

// Writes a frame as a binary PGM file.
void WritePgm(const LumaImage& image, const std::string& path);

}  // namespace entree::synthetic
