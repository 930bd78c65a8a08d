// A barcode scanner in serial mode (USB CDC-ACM, /dev/ttyACM0): it sends
// each code as a line ending in CR or LF, instead of typing it. A FIFO
// reads the same way, which is how tests and demos feed it.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace entree {

class SerialScanner {
 public:
  // Starts a thread that opens `path` and reads codes from it; a device
  // that is absent or unplugged is looked for again every second.
  // `on_code`, when given, is called on that thread after each new code
  // (to wake the caller's loop); it must be thread-safe.
  explicit SerialScanner(std::string path,
                         std::function<void()> on_code = nullptr);
  SerialScanner(const SerialScanner&) = delete;
  SerialScanner& operator=(const SerialScanner&) = delete;
  // Stops and joins the thread.
  ~SerialScanner();

  // The codes read since the last call, oldest first: lines without their
  // end and surrounding blanks; empty lines and lines over 512 bytes are
  // dropped.
  std::vector<std::string> TakeCodes();
  // Whether the device is open now.
  bool connected() const { return connected_; }
  const std::string& path() const { return path_; }

 private:
  void Run();
  // Reads from the open `fd` until it closes or the scanner stops.
  void ReadFrom(int fd);

  std::string path_;
  std::function<void()> on_code_;
  int stop_pipe_[2] = {-1, -1};
  std::atomic<bool> connected_{false};
  std::mutex mutex_;
  std::vector<std::string> codes_;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace entree
