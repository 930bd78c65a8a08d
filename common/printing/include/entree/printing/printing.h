// The printing module: badges to paper through the CUPS scheduler
// (libcups).
//
// CupsQueue (here) submits a PDF to a named queue and follows the job until
// it is printed or cannot be, telling why (out of paper, offline, ...).
// What gets printed, and the print log, belong to the desk module.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/status.h"

namespace entree {

// How a print job ended, from the guest's point of view.
enum class PrintOutcome {
  kSent,               // accepted by CUPS, not finished yet
  kCompleted,          // the printer took all of it
  kQueueMissing,       // CUPS has no queue of that name
  kServerUnreachable,  // no CUPS scheduler answers
  kPrinterStopped,     // the queue is stopped or refuses jobs
  kOutOfPaper,         // the printer reports no media
  kJammed,             // the printer reports a media jam
  kCanceled,           // canceled or aborted before it printed
  kTimedOut,           // still not printed when we stopped waiting
};
// Stable names for the print log: "sent", "completed", "queue_missing", ...
std::string_view ToString(PrintOutcome outcome);
std::optional<PrintOutcome> ParsePrintOutcome(std::string_view text);
// Whether the badge came out of the printer.
inline bool Printed(PrintOutcome outcome) {
  return outcome == PrintOutcome::kCompleted;
}

// A document for one queue.
struct PrintDocument {
  std::string title;  // the job's name in the queue
  std::string pdf;    // the document's bytes
  std::string media;  // CUPS media name, from the badge layout
};

// What became of one job.
struct PrintReport {
  PrintOutcome outcome = PrintOutcome::kSent;
  int job_id = 0;      // CUPS's job id; 0 when it was never accepted
  std::string detail;  // CUPS's own words (printer-state-message), if any
  std::chrono::microseconds accepted_after{0};  // request to accepted
  std::chrono::microseconds finished_after{0};  // request to the outcome
};

// A queue's state for staff.
struct QueueState {
  PrintOutcome health = PrintOutcome::kCompleted;  // kCompleted when fine
  bool accepting = false;
  int queued_jobs = 0;
  std::vector<std::string> reasons;  // printer-state-reasons, "none" omitted
  std::string message;               // printer-state-message
};

// One CUPS queue. Blocking calls: use from a worker thread in the kiosk.
// Each call opens its own connection, so a restarted scheduler is found
// again.
class CupsQueue {
 public:
  // `server` is a host[:port] or a socket path; empty means the scheduler
  // that $CUPS_SERVER or client.conf names, the local one by default.
  explicit CupsQueue(std::string name, std::string server = "")
      : name_(std::move(name)), server_(std::move(server)) {}
  const std::string& name() const { return name_; }

  // Submits `document` and follows the job until it completes, fails, or
  // `wait` has passed (kTimedOut; the job stays queued). A stopped printer,
  // no paper or a jam end the wait at once with that outcome, the job still
  // queued. With `wait` zero it returns kSent as soon as CUPS accepted it.
  PrintReport Print(const PrintDocument& document,
                    std::chrono::milliseconds wait) const;
  // Follows an accepted job as Print does.
  PrintReport Follow(int job_id, std::chrono::milliseconds wait) const;
  // Cancels a job that has not printed; ok when it is gone already.
  Status Cancel(int job_id) const;
  // Starts a stopped queue again (what `cupsenable` does); needs the right
  // to manage printers.
  Status Resume() const;
  // The queue's state; health kQueueMissing or kServerUnreachable when it
  // cannot be asked.
  QueueState State() const;

 private:
  std::string name_;
  std::string server_;
};

}  // namespace entree
