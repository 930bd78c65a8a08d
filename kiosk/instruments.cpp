// What the kiosk measures and writes down for tests and benchmarks.
#include "instruments.h"

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "entree/base/uuid.h"

namespace entree::kiosk {

double Millis(Uint64 from, Uint64 to) {
  return static_cast<double>(to - from) * 1000.0 /
         static_cast<double>(SDL_GetPerformanceFrequency());
}

void Timing::CountFrame(Uint64 frame_start, Uint64 presented,
                        Uint64 last_present, bool new_verdict, bool new_seats,
                        KioskApp& app) {
  if (first_frame_ns == 0) {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    first_frame_ns =
        static_cast<int64_t>(now.tv_sec) * 1000000000 + now.tv_nsec;
  }
  frame_work_ms.push_back(Millis(frame_start, presented));
  if (last_present != 0) {
    frame_interval_ms.push_back(Millis(last_present, presented));
  }
  if (new_seats && seating_enter != 0) {
    scan_to_seats_ms.push_back(Millis(seating_enter, presented));
    seating_enter = 0;
  }
  if (!new_verdict) return;
  if (last_enter != 0) {
    scan_to_verdict_ms.push_back(Millis(last_enter, presented));
    if (app.last_verdict() && app.last_verdict()->seating_pending) {
      seating_enter = last_enter;
    }
    last_enter = 0;
  }
  if (auto captured = app.TakeCameraCapture()) {
    camera_to_verdict_ms.push_back(
        std::chrono::duration<double, std::milli>(
            std::chrono::steady_clock::now() - *captured)
            .count());
  }
}

void Timing::Write(const std::string& path) const {
  std::ofstream out(path);
  out << "first_frame_ns " << first_frame_ns << "\n";
  // Peak and current memory, split into the process's own (anonymous)
  // pages and the pages of shared libraries it maps (file).
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    for (const char* key : {"VmHWM:", "RssAnon:", "RssFile:"}) {
      if (line.rfind(key, 0) == 0) {
        out << key << " " << std::atol(line.c_str() + strlen(key)) << "\n";
      }
    }
  }
  for (double ms : scan_to_verdict_ms)
    out << "scan_to_verdict_ms " << ms << "\n";
  for (double ms : scan_to_seats_ms) out << "scan_to_seats_ms " << ms << "\n";
  for (double ms : camera_to_verdict_ms) {
    out << "camera_to_verdict_ms " << ms << "\n";
  }
  for (double ms : frame_work_ms) out << "frame_work_ms " << ms << "\n";
  for (double ms : frame_interval_ms) out << "frame_interval_ms " << ms << "\n";
}

VerdictLog::VerdictLog(const std::string& path) {
  if (path.empty()) return;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

VerdictLog::~VerdictLog() {
  if (fd_ >= 0) ::close(fd_);
}

void VerdictLog::Append(const ScanOutcome& shown) {
  if (fd_ < 0) return;
  std::string line =
      (shown.recorded ? ToString(shown.checkin_id) : std::string("-")) + " " +
      std::string(ToString(shown.verdict)) + "\n";
  (void)::write(fd_, line.data(), line.size());
}

}  // namespace entree::kiosk
