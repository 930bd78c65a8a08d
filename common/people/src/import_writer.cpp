// The import's writer thread: attendees handed over in chunks, written in
// order.
#include "import_writer.h"

#include <utility>

namespace entree {
namespace {

// Ops handed to the thread at a time: a multiple of the store's insert
// batch, so that a run of inserts is written as whole batches.
constexpr size_t kChunk = 512;

}  // namespace

ImportWriter::ImportWriter(Store& store)
    : store_(store), thread_([this] { Run(); }) {
  gathering_.reserve(kChunk);
}

ImportWriter::~ImportWriter() {
  if (thread_.joinable()) (void)Finish();
}

void ImportWriter::Insert(const Attendee* attendee) {
  Queue({true, attendee, AttendeeKeys(*attendee)});
}

void ImportWriter::Update(const Attendee* attendee) {
  Queue({false, attendee, std::nullopt});
}

void ImportWriter::Queue(Op op) {
  gathering_.push_back(std::move(op));
  if (gathering_.size() == kChunk) {
    Hand(std::exchange(gathering_, {}));
    gathering_.reserve(kChunk);
  }
}

void ImportWriter::Hand(std::vector<Op> ops) {
  if (ops.empty()) return;
  {
    std::lock_guard lock(mutex_);
    handed_.push_back(std::move(ops));
  }
  ready_.notify_one();
}

Status ImportWriter::Finish() {
  Hand(std::exchange(gathering_, {}));
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
  }
  ready_.notify_one();
  thread_.join();
  return status_;
}

void ImportWriter::Run() {
  while (true) {
    std::vector<std::vector<Op>> chunks;
    bool last = false;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return !handed_.empty() || finishing_; });
      chunks.swap(handed_);
      last = finishing_;
    }
    for (std::vector<Op>& chunk : chunks) {
      if (status_.ok()) status_ = Write(chunk);
    }
    if (last) return;
  }
}

// Writes `ops` in order; a run of inserts goes to the store at once.
Status ImportWriter::Write(std::vector<Op>& ops) {
  for (size_t i = 0; i < ops.size();) {
    if (!ops[i].insert) {
      ENTREE_RETURN_IF_ERROR(EnsureTableOf(*ops[i].attendee));
      ENTREE_RETURN_IF_ERROR(store_.UpdateAttendee(*ops[i].attendee));
      ++i;
      continue;
    }
    inserts_.clear();
    for (; i < ops.size() && ops[i].insert; ++i) {
      ENTREE_RETURN_IF_ERROR(EnsureTableOf(*ops[i].attendee));
      inserts_.push_back({ops[i].attendee, std::move(*ops[i].keys)});
    }
    ENTREE_RETURN_IF_ERROR(store_.InsertAttendees(inserts_));
  }
  return Status::Ok();
}

Status ImportWriter::EnsureTableOf(const Attendee& attendee) {
  if (attendee.table.empty() || known_tables_.contains(attendee.table)) {
    return Status::Ok();
  }
  ENTREE_RETURN_IF_ERROR(store_.EnsureTable(attendee.table));
  known_tables_.insert(attendee.table);
  return Status::Ok();
}

}  // namespace entree
