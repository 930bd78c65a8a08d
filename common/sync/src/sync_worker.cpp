// The background sync loop: connect, sync, wait for news, back off while
// the server is away.
#include "entree/sync/sync_worker.h"

#include <algorithm>

namespace entree {

std::string_view ToString(SyncState state) {
  switch (state) {
    case SyncState::kStarting:
      return "starting";
    case SyncState::kOnline:
      return "online";
    case SyncState::kOffline:
      return "offline";
    case SyncState::kRevoked:
      return "revoked";
  }
  return "starting";
}

SyncWorker::SyncWorker(std::string db_path, std::string conninfo,
                       std::string kiosk_id, const Clock& clock)
    : db_path_(std::move(db_path)),
      conninfo_(std::move(conninfo)),
      kiosk_id_(std::move(kiosk_id)),
      clock_(clock),
      worker_([this] { Work(); }) {}

SyncWorker::~SyncWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void SyncWorker::Nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

bool SyncWorker::Rest(std::chrono::milliseconds time) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, time, [this] { return stopping_ || nudged_; });
  return std::exchange(nudged_, false);
}

void SyncWorker::Work() {
  constexpr std::chrono::milliseconds kFirstBackoff{500};
  constexpr std::chrono::milliseconds kListenSlice{50};
  constexpr std::chrono::seconds kKioskListEvery{5};
  auto store = Store::Open(db_path_);
  Event event;
  // Local writes are queued for the server from here on, also while it
  // cannot be reached; until that works the kiosk is not online.
  Status queueing = Status::Ok();
  if (store.ok()) {
    if (auto found = store->GetEvent(); found.ok()) event = *found;
    queueing = store->EnableOutbox();
  }
  std::optional<SyncSession> session;
  std::chrono::milliseconds backoff = kFirstBackoff;
  auto kiosks_listed = std::chrono::steady_clock::time_point{};
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (!store.ok()) {
      std::lock_guard lock(mutex_);
      status_.state = SyncState::kOffline;
      status_.detail = store.status().message();
      return;
    }
    Status problem;
    if (!queueing.ok()) queueing = store->EnableOutbox();
    if (!queueing.ok()) {
      problem = queueing;
    } else if (!session) {
      auto opened = SyncSession::Open(conninfo_, event.id);
      if (opened.ok()) {
        session.emplace(std::move(*opened));
      } else {
        problem = opened.status();
      }
    }
    std::vector<KioskSeen> kiosks;
    if (session && problem.ok()) {
      auto round = session->Sync(*store, kiosk_id_, clock_.Now());
      if (!round.ok()) {
        problem = round.status();
        session.reset();
      } else if (std::chrono::steady_clock::now() - kiosks_listed >=
                 kKioskListEvery) {
        if (auto seen = session->Kiosks(); seen.ok()) kiosks = *seen;
        kiosks_listed = std::chrono::steady_clock::now();
      }
    }
    auto outbox = store->OutboxSize();
    int64_t waiting = outbox.ok() ? *outbox : 0;
    bool revoked = false;
    bool copied = false;
    auto aside = store->SetAsideCount();
    {
      std::lock_guard lock(mutex_);
      status_.waiting = waiting;
      if (aside.ok()) status_.set_aside = *aside;
      if (problem.ok()) {
        status_.copied = false;
        status_.state = SyncState::kOnline;
        status_.detail.clear();
        status_.last_sync = clock_.Now();
        ++status_.rounds;
        if (!kiosks.empty()) status_.kiosks = std::move(kiosks);
      } else {
        revoked = problem.text_key() == "error.device_revoked";
        copied = problem.text_key() == "error.device_copied";
        status_.copied = copied;
        status_.state = revoked ? SyncState::kRevoked : SyncState::kOffline;
        status_.detail = problem.message();
      }
    }
    if (!problem.ok()) {
      // A revoked device, or a copy of one, asks again now and then,
      // sending nothing.
      Rest(revoked || copied ? kMaxBackoff : backoff);
      backoff = std::min(backoff * 2, kMaxBackoff);
      continue;
    }
    backoff = kFirstBackoff;
    // Until the next round: a local write (nudge), another kiosk's push
    // (notice) or the poll interval, whichever comes first.
    auto until = std::chrono::steady_clock::now() + kPollEvery;
    while (std::chrono::steady_clock::now() < until) {
      if (Rest(std::chrono::milliseconds(1))) break;
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
      }
      auto news = session->WaitForOthers(kListenSlice);
      if (!news.ok()) {
        session.reset();
        break;
      }
      if (*news) break;
    }
  }
}

}  // namespace entree
