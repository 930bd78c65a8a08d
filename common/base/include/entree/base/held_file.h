// Files SQLite holds open in this process (an event's database and its
// shared-memory index). Closing any descriptor of such a file lets go of
// every POSIX lock the process holds on it, SQLite's included; another
// program closing the database would then take itself for its last user
// and remove the log still being written here. So a reader given one of
// these files as its input refuses it unopened.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "entree/base/status.h"

namespace entree {

// Marks the files at `paths` (those that exist) as held while it lives.
// Thread-safe; counted, so two holds of one file need two releases.
class FileHold {
 public:
  FileHold() = default;
  explicit FileHold(const std::vector<std::string>& paths);
  FileHold(FileHold&& other) noexcept;
  FileHold& operator=(FileHold&& other) noexcept;
  FileHold(const FileHold&) = delete;
  FileHold& operator=(const FileHold&) = delete;
  ~FileHold();

 private:
  void Release();
  std::vector<std::pair<uint64_t, uint64_t>> files_;  // device, inode
};

// Whether `path` names a file a FileHold of this process holds.
bool IsHeldFile(const std::string& path);

// kInvalidArgument (error.input_is_event_file) when `path` names a held
// file, else Ok.
Status RefuseHeldFileAsInput(const std::string& path);

}  // namespace entree
