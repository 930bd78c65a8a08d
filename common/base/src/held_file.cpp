// The files SQLite holds open in this process, counted by device and inode.
#include "entree/base/held_file.h"

#include <sys/stat.h>

#include <map>
#include <mutex>

namespace entree {
namespace {

struct Held {
  std::mutex mutex;
  std::map<std::pair<uint64_t, uint64_t>, int> count;
};

Held& HeldFiles() {
  static Held* held = new Held();
  return *held;
}

}  // namespace

FileHold::FileHold(const std::vector<std::string>& paths) {
  Held& held = HeldFiles();
  std::lock_guard lock(held.mutex);
  for (const std::string& path : paths) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) continue;
    std::pair<uint64_t, uint64_t> file{static_cast<uint64_t>(info.st_dev),
                                       static_cast<uint64_t>(info.st_ino)};
    ++held.count[file];
    files_.push_back(file);
  }
}

FileHold::FileHold(FileHold&& other) noexcept
    : files_(std::move(other.files_)) {
  other.files_.clear();
}

FileHold& FileHold::operator=(FileHold&& other) noexcept {
  if (this != &other) {
    Release();
    files_ = std::move(other.files_);
    other.files_.clear();
  }
  return *this;
}

FileHold::~FileHold() { Release(); }

void FileHold::Release() {
  if (files_.empty()) return;
  Held& held = HeldFiles();
  std::lock_guard lock(held.mutex);
  for (const auto& file : files_) {
    auto found = held.count.find(file);
    if (found != held.count.end() && --found->second <= 0) {
      held.count.erase(found);
    }
  }
  files_.clear();
}

bool IsHeldFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return false;
  Held& held = HeldFiles();
  std::lock_guard lock(held.mutex);
  return held.count.count({static_cast<uint64_t>(info.st_dev),
                           static_cast<uint64_t>(info.st_ino)}) != 0;
}

Status RefuseHeldFileAsInput(const std::string& path) {
  if (!IsHeldFile(path)) return Status::Ok();
  return Status::Localized(StatusCode::kInvalidArgument,
                           "error.input_is_event_file", {path});
}

}  // namespace entree
