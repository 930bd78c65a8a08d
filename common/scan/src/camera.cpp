// The camera's worker: read a frame, decode it, report new codes, make the
// preview; look for the camera again when it is gone.
#include "entree/scan/camera.h"

#include <algorithm>

namespace entree {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The frame made at most `max_width` wide (every n-th pixel) and opaque
// grey ARGB; `scale` receives how many frame pixels one preview pixel is.
std::shared_ptr<const ArgbImage> MakePreview(const LumaImage& frame,
                                             int max_width, int* scale) {
  *scale = std::max(1, (frame.width + max_width - 1) / max_width);
  auto preview = std::make_shared<ArgbImage>();
  preview->width = frame.width / *scale;
  preview->height = frame.height / *scale;
  preview->stride = preview->width * 4;
  preview->pixels.resize(static_cast<size_t>(preview->stride) *
                         preview->height);
  auto* out = reinterpret_cast<uint32_t*>(preview->pixels.data());
  for (int y = 0; y < preview->height; ++y) {
    for (int x = 0; x < preview->width; ++x) {
      uint32_t grey = frame.At(x * *scale, y * *scale);
      *out++ = 0xFF000000u | grey << 16 | grey << 8 | grey;
    }
  }
  return preview;
}

}  // namespace

std::string_view ToString(CameraState state) {
  switch (state) {
    case CameraState::kStarting:
      return "starting";
    case CameraState::kRunning:
      return "running";
    case CameraState::kAbsent:
      return "absent";
    case CameraState::kEnded:
      return "ended";
  }
  return "starting";
}

CameraScanner::CameraScanner(std::unique_ptr<FrameSource> source)
    : source_(std::move(source)),
      source_name_(source_->name()),
      worker_([this] { Work(); }) {}

CameraScanner::~CameraScanner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

std::vector<SeenCode> CameraScanner::TakeNewCodes() {
  std::lock_guard lock(mutex_);
  return std::exchange(new_codes_, {});
}

CameraView CameraScanner::view() const {
  std::lock_guard lock(mutex_);
  return view_;
}

CameraStatus CameraScanner::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

void CameraScanner::Rest(std::chrono::milliseconds time) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, time, [this] { return stopping_; });
}

void CameraScanner::Work() {
  constexpr std::chrono::seconds kLookAgainAfter{1};
  bool open = false;
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
    }
    if (!open) {
      Status opened = source_->Open();
      std::lock_guard lock(mutex_);
      status_.state =
          opened.ok() ? CameraState::kRunning : CameraState::kAbsent;
      status_.detail = opened.message();
      open = opened.ok();
      fps_since_ = SteadyClock::now();
      fps_frames_ = 0;
    }
    if (!open) {
      Rest(kLookAgainAfter);
      continue;
    }
    if (!ReadOneFrame()) {
      source_->Close();
      open = false;
      std::lock_guard lock(mutex_);
      if (status_.state == CameraState::kEnded) break;
    }
  }
  source_->Close();
}

bool CameraScanner::ReadOneFrame() {
  Result<LumaImage> frame = source_->Next();
  SteadyClock::time_point captured = SteadyClock::now();
  if (!frame.ok()) {
    std::lock_guard lock(mutex_);
    status_.state = frame.status().IsNotFound() ? CameraState::kEnded
                                                : CameraState::kAbsent;
    status_.detail = frame.status().message();
    return false;
  }
  std::vector<FoundCode> codes = ReadQrCodes(*frame, ReadEffort::kFast);
  std::vector<SeenCode> fresh;
  for (const FoundCode& code : codes) {
    auto [seen, first] = last_seen_.try_emplace(code.text, captured);
    if (first || captured - seen->second > kSameCodeFor) {
      fresh.push_back({code.text, captured});
    }
    seen->second = captured;
  }
  std::erase_if(last_seen_, [&](const auto& entry) {
    return captured - entry.second > 5 * kSameCodeFor;
  });
  int scale = 1;
  auto preview = MakePreview(*frame, kPreviewWidth, &scale);
  for (FoundCode& code : codes) {
    for (PixelPoint& corner : code.corners) {
      corner = {corner.x / scale, corner.y / scale};
    }
  }
  ++fps_frames_;
  double seconds = std::chrono::duration<double>(captured - fps_since_).count();

  std::lock_guard lock(mutex_);
  new_codes_.insert(new_codes_.end(), fresh.begin(), fresh.end());
  view_.preview = std::move(preview);
  view_.codes = std::move(codes);
  ++view_.frame;
  ++status_.frames;
  if (seconds >= 1) {
    status_.fps = static_cast<double>(fps_frames_) / seconds;
    fps_since_ = captured;
    fps_frames_ = 0;
  }
  return true;
}

}  // namespace entree
