// What the kiosk measures and writes down for tests and benchmarks: the
// timing of frames and scans (--timing) and a line per verdict the moment
// it is on screen (--verdict-log). A kiosk at an event runs without both.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk_app.h"

namespace entree::kiosk {

// Milliseconds between two readings of SDL's performance counter.
double Millis(Uint64 from, Uint64 to);

// Measurements for the benchmark (--timing): how long the first frame
// took, how long each scan took from its last keystroke to the frame that
// shows the verdict, and how long frames took.
struct Timing {
  int64_t first_frame_ns = 0;  // wall clock when the first frame was shown
  std::vector<double> scan_to_verdict_ms;
  // From the capture of the camera frame that first showed a code to the
  // frame on screen with its verdict.
  std::vector<double> camera_to_verdict_ms;
  // From a walk-in's scan to the frame that adds their tables to the
  // verdict (the verdict itself showed at once, in scan_to_verdict_ms).
  std::vector<double> scan_to_seats_ms;
  std::vector<double> frame_work_ms;
  std::vector<double> frame_interval_ms;
  Uint64 last_enter = 0;     // performance counter at the last scripted Enter
  Uint64 seating_enter = 0;  // the Enter of the walk-in being seated

  // Counts one presented frame: its work from `frame_start` to `presented`,
  // the interval since `last_present` (0 for the first frame), and, when
  // the frame shows a new verdict, the time since the scan that led to it;
  // when it shows a walk-in's tables (`new_seats`), the time since theirs.
  void CountFrame(Uint64 frame_start, Uint64 presented, Uint64 last_present,
                  bool new_verdict, bool new_seats, KioskApp& app);
  // Writes the measurements and the process's memory figures to `path`.
  void Write(const std::string& path) const;
};

// An append-only file with one line per verdict shown ("CHECKIN-ID
// verdict", or "- verdict" when nothing was recorded). Each line is one
// write(2), so the kernel keeps it when the kiosk dies the next moment.
// Crash tests compare it with the database.
class VerdictLog {
 public:
  // Opens `path` for appending; an empty path logs nothing.
  explicit VerdictLog(const std::string& path);
  ~VerdictLog();
  VerdictLog(const VerdictLog&) = delete;
  VerdictLog& operator=(const VerdictLog&) = delete;

  void Append(const ScanOutcome& shown);

 private:
  int fd_ = -1;
};

}  // namespace entree::kiosk
