// The badge printer beside a kiosk: sends badges to a CUPS queue from a
// worker thread, so the screen never waits, and keeps the print log.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "entree/badges/badge_layout.h"
#include "entree/badges/badge_render.h"
#include "entree/desk/registration.h"
#include "entree/printing/printing.h"
#include "entree/store/store.h"

namespace entree {

struct PrintDeskSettings {
  std::string queue;   // the CUPS queue
  std::string server;  // see CupsQueue; empty: the usual scheduler
  BadgeLayout layout;
  std::string kiosk_id;
  Language language = Language::kDutch;  // of the badge's words
  // How long a job is followed before the guest is sent to staff.
  std::chrono::milliseconds wait{30000};
};

class PrintDesk {
 public:
  // `store` must outlive the desk and is used only from the calling thread.
  PrintDesk(Store& store, PrintDeskSettings settings);
  // Waits for the job being printed (at most its wait), drops the others.
  ~PrintDesk();
  PrintDesk(const PrintDesk&) = delete;
  PrintDesk& operator=(const PrintDesk&) = delete;

  // Sends the badge to the printer unless this badge (attendee and serial)
  // was sent before: a kiosk never prints one twice unasked. Returns the
  // print log id, or nullopt when it was sent before. Fails as the store.
  Result<std::optional<Uuid>> PrintOnce(const Attendee& attendee,
                                        const IssuedBadge& badge, Instant now);
  // Sends the badge whether or not it was sent before (staff asked). With
  // `retry_of`, that job is canceled first if it is still queued and a
  // stopped queue is started again.
  Result<Uuid> PrintAsked(const Attendee& attendee, const IssuedBadge& badge,
                          Instant now,
                          const std::optional<PrintRecord>& retry_of = {});
  // Writes the outcomes of finished jobs into the print log; returns how
  // many finished. Call often, from the store's thread.
  Result<int> Collect(Instant now);
  // The queue as last seen by the worker (after each job, and after
  // RefreshState()).
  QueueState queue_state() const;
  // Asks the worker to look at the queue again.
  void RefreshState();
  const std::string& queue() const { return settings_.queue; }

 private:
  struct Task {
    Uuid id{};
    BadgeFace face;
    int cancel_first = 0;  // a CUPS job to cancel before printing
    bool refresh_only = false;
  };
  struct Finished {
    Uuid id{};
    PrintReport report;
  };
  Result<Uuid> Send(const Attendee& attendee, const IssuedBadge& badge,
                    Instant now, bool asked, int cancel_first);
  void Work();
  void Enqueue(Task task);

  Store& store_;
  PrintDeskSettings settings_;
  CupsQueue cups_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Task> tasks_;
  std::vector<Finished> finished_;
  QueueState state_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace entree
