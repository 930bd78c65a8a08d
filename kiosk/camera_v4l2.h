// A USB or built-in camera through V4L2, with libv4l2 converting YUYV and
// MJPEG cameras to a format whose first plane is the grey picture.
#pragma once

#include <memory>
#include <string>

#include "entree/scan/camera.h"

namespace entree::kiosk {

// The camera at `device` ("/dev/video0") asking for `width` x `height`;
// the camera may choose the nearest size it has. Open() fails with
// kNotFound while the device is not there; Next() fails with kIo when it
// goes away.
std::unique_ptr<FrameSource> MakeV4l2Camera(std::string device, int width,
                                            int height);

}  // namespace entree::kiosk
