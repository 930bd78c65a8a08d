// The kiosk's badge printer: a worker thread in front of a CUPS queue.
#include "entree/desk/print_desk.h"

#include "entree/base/uuid.h"
#include "entree/seating/seating_event.h"

namespace entree {

PrintDesk::PrintDesk(Store& store, PrintDeskSettings settings)
    : store_(store),
      settings_(std::move(settings)),
      cups_(settings_.queue, settings_.server),
      worker_([this] { Work(); }) {
  RefreshState();
}

PrintDesk::~PrintDesk() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    tasks_.clear();
  }
  wake_.notify_all();
  worker_.join();
}

Result<std::optional<Uuid>> PrintDesk::PrintOnce(const Attendee& attendee,
                                                 const IssuedBadge& badge,
                                                 Instant now) {
  Result<bool> sent =
      store_.BadgeSentToPrinter(attendee.id, badge.badge.serial);
  if (!sent.ok()) return sent.status();
  if (*sent) return std::optional<Uuid>();
  Result<Uuid> id = Send(attendee, badge, now, /*asked=*/false, 0);
  if (!id.ok()) return id.status();
  return std::optional<Uuid>(*id);
}

Result<Uuid> PrintDesk::PrintAsked(const Attendee& attendee,
                                   const IssuedBadge& badge, Instant now,
                                   const std::optional<PrintRecord>& retry_of) {
  int cancel_first =
      retry_of && retry_of->outcome != ToString(PrintOutcome::kCompleted)
          ? retry_of->cups_job
          : 0;
  return Send(attendee, badge, now, /*asked=*/true, cancel_first);
}

Result<Uuid> PrintDesk::Send(const Attendee& attendee, const IssuedBadge& badge,
                             Instant now, bool asked, int cancel_first) {
  // The badge lists the guest's tables: from now on they know them.
  ENTREE_ASSIGN_OR_RETURN(auto seats, TellSeats(store_, attendee, now));
  Result<BadgeFace> face =
      MakeBadgeFace(store_, attendee, badge.code, settings_.language);
  if (!face.ok()) return face.status();
  PrintRecord record;
  record.id = NewUuid();
  record.attendee_id = attendee.id;
  record.badge_serial = badge.badge.serial;
  record.kiosk_id = settings_.kiosk_id;
  record.printer = settings_.queue;
  record.layout = settings_.layout.id;
  record.asked = asked;
  record.requested_at = now;
  Status recorded = store_.RecordPrintRequest(record);
  if (!recorded.ok()) return recorded;
  Enqueue({record.id, std::move(*face), cancel_first, false});
  return record.id;
}

Result<int> PrintDesk::Collect(Instant now) {
  std::vector<Finished> finished;
  {
    std::lock_guard lock(mutex_);
    finished.swap(finished_);
  }
  for (const Finished& job : finished) {
    Status status = store_.RecordPrintOutcome(job.id, job.report.job_id,
                                              ToString(job.report.outcome),
                                              job.report.detail, now);
    if (!status.ok()) return status;
  }
  return static_cast<int>(finished.size());
}

QueueState PrintDesk::queue_state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void PrintDesk::RefreshState() {
  Task task;
  task.refresh_only = true;
  Enqueue(std::move(task));
}

void PrintDesk::Enqueue(Task task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void PrintDesk::Work() {
  while (true) {
    Task task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    if (!task.refresh_only) {
      if (task.cancel_first != 0) {
        (void)cups_.Cancel(task.cancel_first);
        (void)cups_.Resume();
      }
      PrintReport report;
      Result<std::string> pdf = RenderBadgePdf(settings_.layout, task.face);
      if (pdf.ok()) {
        report = cups_.Print(
            {task.face.full_name, std::move(*pdf), settings_.layout.media},
            settings_.wait);
      } else {
        report.outcome = PrintOutcome::kCanceled;
        report.detail = pdf.status().message();
      }
      std::lock_guard lock(mutex_);
      finished_.push_back({task.id, std::move(report)});
    }
    QueueState state = cups_.State();
    std::lock_guard lock(mutex_);
    state_ = std::move(state);
  }
}

}  // namespace entree
