// Files that appear whole or not at all: written beside their place under a
// temporary name, flushed to the disk, then renamed over it; and never over
// something that must not be replaced.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

#include "entree/base/status.h"

namespace entree {

// Marks `path` as one of the event's own files (its database and the
// database's journals, a signing key): no AtomicFile in this process may
// replace it, whatever name the output is given (another spelling, a link).
// Thread-safe.
void ProtectFromOutputs(const std::string& path);

// One file being written. Create() checks the target and makes the
// temporary file (a random hidden name in the same directory, created
// exclusively so a planted link or file is never followed, mode 0600);
// writers fill temp_path() and call Commit(). A reader of `path` sees the old
// file or the whole new one, also after a pulled plug or a pulled USB
// stick. The temporary file is removed when the AtomicFile is destroyed
// uncommitted.
class AtomicFile {
 public:
  // Fails with kIo (error.output_not_regular, error.output_protected,
  // error.cannot_write) when `path` is something other than a regular file
  // (a device, a directory, a link), is one of the protected files, or
  // its directory cannot take the temporary file. A file that is replaced
  // keeps its mode; a new one is readable by its owner only, as outputs
  // hold guests' personal data.
  static Result<AtomicFile> Create(std::string path);
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_path_; }
  // Checks the target again (it may have changed while the file was
  // written), flushes the temporary file, renames it to path() and flushes
  // the directory. Fails with kIo when any step fails; `path` is then
  // untouched.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string temp_path)
      : path_(std::move(path)), temp_path_(std::move(temp_path)) {}
  std::string path_;
  std::string temp_path_;
  bool committed_ = false;
};

// Writes `data` to `path` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace entree
