// Whole-or-nothing files: temporary name, fsync, rename, fsync directory.
#include "entree/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace entree {
namespace {

Status CannotWrite(const std::string& path, int error) {
  return Status::Localized(StatusCode::kIo, "error.cannot_write",
                           {path, std::strerror(error)});
}

// Flushes the file or directory at `path` to the disk; errno on failure.
int SyncPath(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return errno;
  int result = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return result;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  static std::atomic<int> counter{0};
  std::filesystem::path target(path_);
  temp_path_ = (target.parent_path() /
                ("." + target.filename().string() + ".tmp-" +
                 std::to_string(::getpid()) + "-" + std::to_string(++counter)))
                   .string();
}

AtomicFile::~AtomicFile() {
  if (!committed_) ::unlink(temp_path_.c_str());
}

Status AtomicFile::Commit() {
  if (int error = SyncPath(temp_path_, O_RDONLY); error != 0) {
    return CannotWrite(path_, error);
  }
  if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    return CannotWrite(path_, errno);
  }
  committed_ = true;
  std::string directory = std::filesystem::path(path_).parent_path().string();
  if (int error =
          SyncPath(directory.empty() ? "." : directory, O_RDONLY | O_DIRECTORY);
      error != 0) {
    return CannotWrite(path_, error);
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view data) {
  AtomicFile file(path);
  int fd = ::open(file.temp_path().c_str(),
                  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return CannotWrite(path, errno);
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  int error = done == data.size() ? 0 : (errno != 0 ? errno : EIO);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return CannotWrite(path, error);
  return file.Commit();
}

}  // namespace entree
