// Camera frames from files, for tests and demos: a folder of pictures or a
// raw grayscale video file.
#include "entree/scan/file_frame_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "entree/scan/image_file.h"

namespace entree {
namespace {

using SteadyClock = std::chrono::steady_clock;

bool IsPicture(const std::filesystem::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension == ".png" || extension == ".pgm" || extension == ".ppm" ||
         extension == ".jpg" || extension == ".jpeg";
}

class FileFrameSource final : public FrameSource {
 public:
  FileFrameSource(std::string path, int width, int height, double fps,
                  bool loop)
      : path_(std::move(path)),
        width_(width),
        height_(height),
        interval_(std::chrono::duration_cast<SteadyClock::duration>(
            std::chrono::duration<double>(1.0 / std::max(fps, 0.1)))),
        loop_(loop) {}

  Status Open() override {
    std::error_code error;
    pictures_.clear();
    next_ = 0;
    if (std::filesystem::is_directory(path_, error)) {
      for (const auto& entry :
           std::filesystem::directory_iterator(path_, error)) {
        if (IsPicture(entry.path())) pictures_.push_back(entry.path());
      }
      std::sort(pictures_.begin(), pictures_.end());
      if (pictures_.empty()) return Status::NotFound("no frames in " + path_);
    } else {
      raw_.open(path_, std::ios::binary);
      if (!raw_) return Status::NotFound("no frames at " + path_);
      if (width_ <= 0 || height_ <= 0) {
        return Status::InvalidArgument("a raw frame file needs a frame size");
      }
    }
    due_ = SteadyClock::now();
    return Status::Ok();
  }

  Result<LumaImage> Next() override {
    std::this_thread::sleep_until(due_);
    due_ = std::max(due_ + interval_, SteadyClock::now());
    return pictures_.empty() ? NextRaw() : NextPicture();
  }

  void Close() override {
    raw_.close();
    pictures_.clear();
  }

  std::string name() const override { return path_; }

 private:
  Result<LumaImage> NextPicture() {
    if (next_ == pictures_.size()) {
      if (!loop_) return Status::NotFound("all frames shown");
      next_ = 0;
    }
    Result<LumaImage> frame = LoadImageFile(pictures_[next_++].string());
    // A frame that cannot be read any more: the "camera" went away.
    if (!frame.ok()) return Status::Io(frame.status().message());
    return frame;
  }

  Result<LumaImage> NextRaw() {
    LumaImage frame{
        width_, height_,
        std::vector<uint8_t>(static_cast<size_t>(width_) * height_)};
    auto size = static_cast<std::streamsize>(frame.pixels.size());
    if (!raw_.read(reinterpret_cast<char*>(frame.pixels.data()), size)) {
      if (!loop_) return Status::NotFound("all frames shown");
      raw_.clear();
      raw_.seekg(0);
      if (!raw_.read(reinterpret_cast<char*>(frame.pixels.data()), size)) {
        return Status::Io("the frame file is shorter than one frame");
      }
    }
    return frame;
  }

  std::string path_;
  int width_;
  int height_;
  SteadyClock::duration interval_;
  bool loop_;
  std::vector<std::filesystem::path> pictures_;
  size_t next_ = 0;
  std::ifstream raw_;
  SteadyClock::time_point due_{};
};

}  // namespace

std::unique_ptr<FrameSource> MakeFileFrameSource(std::string path, int width,
                                                 int height, double fps,
                                                 bool loop) {
  return std::make_unique<FileFrameSource>(std::move(path), width, height, fps,
                                           loop);
}

}  // namespace entree
