// V4L2 capture with memory-mapped buffers through libv4l2.
#include "camera_v4l2.h"

#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace entree::kiosk {
namespace {

constexpr int kBufferCount = 4;
constexpr int kFrameTimeoutMs = 2000;

std::string Reason(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

int Ioctl(int fd, unsigned long request, void* argument) {
  int result;
  do {
    result = v4l2_ioctl(fd, request, argument);
  } while (result == -1 && errno == EINTR);
  return result;
}

class V4l2Camera final : public FrameSource {
 public:
  V4l2Camera(std::string device, int width, int height)
      : device_(std::move(device)), width_(width), height_(height) {}
  ~V4l2Camera() override { Close(); }

  Status Open() override {
    fd_ = v4l2_open(device_.c_str(), O_RDWR | O_NONBLOCK);
    if (fd_ < 0) return Status::NotFound(Reason(device_.c_str()));
    // Planar YUV 4:2:0: the first width x height bytes are the grey
    // picture. libv4l2 converts to it from what the camera sends.
    v4l2_format format{};
    format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    format.fmt.pix.width = static_cast<__u32>(width_);
    format.fmt.pix.height = static_cast<__u32>(height_);
    format.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
    format.fmt.pix.field = V4L2_FIELD_ANY;
    if (Ioctl(fd_, VIDIOC_S_FMT, &format) < 0 ||
        format.fmt.pix.pixelformat != V4L2_PIX_FMT_YUV420) {
      return Fail(Status::NotFound(Reason("no usable picture format")));
    }
    frame_width_ = static_cast<int>(format.fmt.pix.width);
    frame_height_ = static_cast<int>(format.fmt.pix.height);
    row_bytes_ = static_cast<int>(format.fmt.pix.bytesperline);
    if (row_bytes_ < frame_width_) row_bytes_ = frame_width_;

    v4l2_requestbuffers request{};
    request.count = kBufferCount;
    request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    request.memory = V4L2_MEMORY_MMAP;
    if (Ioctl(fd_, VIDIOC_REQBUFS, &request) < 0 || request.count == 0) {
      return Fail(Status::NotFound(Reason("no capture buffers")));
    }
    for (unsigned i = 0; i < request.count; ++i) {
      v4l2_buffer buffer{};
      buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      buffer.memory = V4L2_MEMORY_MMAP;
      buffer.index = i;
      if (Ioctl(fd_, VIDIOC_QUERYBUF, &buffer) < 0) {
        return Fail(Status::NotFound(Reason("capture buffer")));
      }
      void* start = v4l2_mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE,
                              MAP_SHARED, fd_, buffer.m.offset);
      if (start == MAP_FAILED) {
        return Fail(Status::NotFound(Reason("capture buffer mapping")));
      }
      mapped_.push_back({start, buffer.length});
      if (Ioctl(fd_, VIDIOC_QBUF, &buffer) < 0) {
        return Fail(Status::NotFound(Reason("capture buffer queue")));
      }
    }
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (Ioctl(fd_, VIDIOC_STREAMON, &type) < 0) {
      return Fail(Status::NotFound(Reason("stream on")));
    }
    return Status::Ok();
  }

  // Waits for a frame, then takes the newest one ready, so a slow decoder
  // never works on old pictures.
  Result<LumaImage> Next() override {
    pollfd ready{fd_, POLLIN, 0};
    int polled = poll(&ready, 1, kFrameTimeoutMs);
    if (polled <= 0 || (ready.revents & (POLLERR | POLLHUP))) {
      return Status::Io(polled == 0 ? std::string("no frame for 2 s")
                                    : Reason("camera"));
    }
    v4l2_buffer newest{};
    bool have = false;
    while (true) {
      v4l2_buffer buffer{};
      buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      buffer.memory = V4L2_MEMORY_MMAP;
      if (Ioctl(fd_, VIDIOC_DQBUF, &buffer) < 0) {
        if (errno == EAGAIN) break;
        return Status::Io(Reason("camera"));  // ENODEV: unplugged
      }
      if (have) Ioctl(fd_, VIDIOC_QBUF, &newest);
      newest = buffer;
      have = true;
    }
    if (!have) return Status::Io("the camera said a frame was ready");
    LumaImage frame{frame_width_, frame_height_,
                    std::vector<uint8_t>(static_cast<size_t>(frame_width_) *
                                         frame_height_)};
    const auto* plane =
        static_cast<const uint8_t*>(mapped_[newest.index].start);
    for (int y = 0; y < frame_height_; ++y) {
      std::memcpy(frame.pixels.data() + static_cast<size_t>(y) * frame_width_,
                  plane + static_cast<size_t>(y) * row_bytes_,
                  static_cast<size_t>(frame_width_));
    }
    Ioctl(fd_, VIDIOC_QBUF, &newest);
    return frame;
  }

  void Close() override {
    if (fd_ < 0) return;
    v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    Ioctl(fd_, VIDIOC_STREAMOFF, &type);
    for (const Mapping& mapping : mapped_) {
      v4l2_munmap(mapping.start, mapping.length);
    }
    mapped_.clear();
    v4l2_close(fd_);
    fd_ = -1;
  }

  std::string name() const override { return device_; }

 private:
  struct Mapping {
    void* start;
    size_t length;
  };

  Status Fail(Status status) {
    Close();
    return status;
  }

  std::string device_;
  int width_;
  int height_;
  int fd_ = -1;
  int frame_width_ = 0;
  int frame_height_ = 0;
  int row_bytes_ = 0;
  std::vector<Mapping> mapped_;
};

}  // namespace

std::unique_ptr<FrameSource> MakeV4l2Camera(std::string device, int width,
                                            int height) {
  return std::make_unique<V4l2Camera>(std::move(device), width, height);
}

}  // namespace entree::kiosk
