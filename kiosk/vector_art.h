// The kiosk's icons and rounded controls drawn with cairo, anti-aliased,
// as pixels the renderer turns into textures. No SDL here.
#pragma once

#include <cstdint>

#include "entree/base/picture.h"
#include "ui.h"

namespace entree::kiosk {

// `icon` in 0xRRGGBB `colour` on a transparent square `size` pixels a side.
// Pixels are straight (not premultiplied) ARGB, as SDL blends them.
ArgbImage DrawIconArt(Icon icon, int size, uint32_t colour);

// A rectangle `width` x `height` with corners rounded by `radius` pixels,
// filled with `colour`, transparent outside the corners; straight ARGB.
ArgbImage DrawRoundedBox(int width, int height, int radius, uint32_t colour);

}  // namespace entree::kiosk
