// Files that appear whole or not at all: written beside their place under a
// temporary name, flushed to the disk, then renamed over it.
#pragma once

#include <string>
#include <string_view>

#include "entree/status.h"

namespace entree {

// One file being written. Writers fill temp_path() (a hidden name in the
// same directory, so the rename cannot cross file systems) and call
// Commit(); a reader of `path` sees the old file or the whole new one, also
// after a pulled plug or a pulled USB stick. The temporary file is removed
// when the AtomicFile is destroyed uncommitted.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }
  // Flushes the temporary file, renames it to path() and flushes the
  // directory. Fails with kIo (error.cannot_write) when any step fails;
  // `path` is then untouched.
  Status Commit();

 private:
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

// Writes `data` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace entree
