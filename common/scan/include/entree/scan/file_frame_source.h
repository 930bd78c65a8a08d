// A camera made of files, for tests, benchmarks and demos.
#pragma once

#include <memory>
#include <string>

#include "entree/scan/camera.h"

namespace entree {

// Frames from files, delivered `fps` times a second: a folder of PNG, JPEG
// or PGM pictures taken in name order, or a raw file of 8-bit grayscale
// frames of `width` x `height` one after the other. With `loop` the frames
// start over at the end.
std::unique_ptr<FrameSource> MakeFileFrameSource(std::string path, int width,
                                                 int height, double fps,
                                                 bool loop);

}  // namespace entree
