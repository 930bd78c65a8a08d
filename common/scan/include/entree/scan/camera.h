// The scan module: codes from a camera, a picture or a serial scanner.
//
// - camera.h (here): frames from a source, QR decoding on a worker thread,
//   each code reported once while it stays in view (CameraScanner).
// - qr_reader.h: finding QR codes in a grayscale picture (zxing-cpp).
// - image_file.h: PNG, JPEG and PGM files as grayscale pictures.
// - file_frame_source.h: a camera made of files, for tests and demos.
// - serial_scanner.h: a scanner on a serial port, a line per code.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "entree/base/picture.h"
#include "entree/base/status.h"
#include "entree/scan/qr_reader.h"

namespace entree {

// Where frames come from: a V4L2 camera (kiosk/camera_v4l2.h) or files
// (MakeFileFrameSource). Used from one thread at a time.
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // Opens the source. kNotFound when the device or the files are not there
  // (yet); the scanner asks again a second later.
  virtual Status Open() = 0;
  // Waits for the next frame. kNotFound at the end of files that do not
  // loop; kIo when the source went away (a camera unplugged).
  virtual Result<LumaImage> Next() = 0;
  virtual void Close() = 0;
  // "/dev/video0", or the folder or file of frames.
  virtual std::string name() const = 0;
};

enum class CameraState {
  kStarting,  // not opened yet
  kRunning,   // frames are coming
  kAbsent,    // no camera (or it was unplugged); looking again each second
  kEnded,     // a file source without loop has played all its frames
};
std::string_view ToString(CameraState state);

struct CameraStatus {
  CameraState state = CameraState::kStarting;
  std::string detail;  // why it is absent
  double fps = 0;      // frames decoded per second, lately
  uint64_t frames = 0;
};

// A code the camera saw, once.
struct SeenCode {
  std::string text;
  // When the frame that showed it first was captured.
  std::chrono::steady_clock::time_point captured;
};

// What the live preview shows: the newest frame, made small, and the codes
// found in it with corners in the preview's pixels.
struct CameraView {
  std::shared_ptr<const ArgbImage> preview;
  std::vector<FoundCode> codes;
  uint64_t frame = 0;
};

class CameraScanner {
 public:
  // A code counts again only after it was out of view this long.
  static constexpr std::chrono::milliseconds kSameCodeFor{2000};
  // The preview's largest width in pixels.
  static constexpr int kPreviewWidth = 480;

  // Starts the worker thread, which opens `source` and keeps reading it.
  explicit CameraScanner(std::unique_ptr<FrameSource> source);
  // Stops the worker and closes the source.
  ~CameraScanner();
  CameraScanner(const CameraScanner&) = delete;
  CameraScanner& operator=(const CameraScanner&) = delete;

  // Codes that came into view since the last call, oldest first.
  std::vector<SeenCode> TakeNewCodes();
  CameraView view() const;
  CameraStatus status() const;
  const std::string& source_name() const { return source_name_; }

 private:
  void Work();
  // Reads and decodes one frame; false when the source failed.
  bool ReadOneFrame();
  // Sleeps up to `time`, waking early when the scanner stops.
  void Rest(std::chrono::milliseconds time);

  std::unique_ptr<FrameSource> source_;
  std::string source_name_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_seen_;
  std::chrono::steady_clock::time_point fps_since_{};
  uint64_t fps_frames_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::vector<SeenCode> new_codes_;
  CameraView view_;
  CameraStatus status_;
  std::thread worker_;
};

}  // namespace entree
