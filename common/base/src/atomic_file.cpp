// Whole-or-nothing files: checked target, exclusive temporary file, fsync,
// rename, fsync directory.
#include "entree/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <utility>

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

// The protected files: by device and inode while they exist, and by
// absolute path for journals that come and go.
struct Protected {
  std::mutex mutex;
  std::set<std::pair<dev_t, ino_t>> inodes;
  std::set<std::string> paths;
};

Protected& ProtectedFiles() {
  static Protected files;
  return files;
}

std::string AbsoluteNormal(const std::string& path) {
  std::error_code error;
  // Absolute first: a bare name's folder is the working one, resolved as
  // any other folder is.
  std::filesystem::path absolute = std::filesystem::absolute(path, error);
  if (error) absolute = path;
  std::filesystem::path canonical =
      std::filesystem::weakly_canonical(absolute, error);
  if (error) canonical = absolute;
  return canonical.lexically_normal().string();
}

// Whether the existing file at `path` is some event's own file, of this
// event or another: a database or its write-ahead log (by their first
// bytes), or by its name a journal, a signing key, a device's login or a
// join's file.
bool IsAnEventsFile(const std::string& path) {
  for (std::string_view suffix : {"-wal", "-shm", "-journal", ".key", ".device",
                                  ".device.new", ".joining"}) {
    if (path.size() >= suffix.size() &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return true;
    }
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  unsigned char head[20] = {};
  ssize_t got = ::read(fd, head, sizeof head);
  ::close(fd);
  auto starts = [&](std::string_view prefix) {
    return got >= static_cast<ssize_t>(prefix.size()) &&
           std::memcmp(head, prefix.data(), prefix.size()) == 0;
  };
  bool log = got >= 4 && head[0] == 0x37 && head[1] == 0x7f &&
             head[2] == 0x06 && (head[3] == 0x82 || head[3] == 0x83);
  // A database (with its NUL), a signing key and a device's login by
  // their first bytes, whatever they are called.
  return log || starts(std::string_view("SQLite format 3\0", 16)) ||
         starts("entree secret key") || starts("conninfo = ");
}

// Whether `path` may be replaced by an output: it does not exist or is a
// regular file that is not protected. Fills `mode` with the mode to give
// the new file.
Status CheckTarget(const std::string& path, mode_t* mode) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) {
    if (errno != ENOENT) return CannotWrite(path, errno);
  } else if (!S_ISREG(link.st_mode)) {
    return Status::Localized(StatusCode::kIo, "error.output_not_regular",
                             {path});
  }
  Protected& files = ProtectedFiles();
  std::lock_guard lock(files.mutex);
  bool exists = ::lstat(path.c_str(), &link) == 0;
  if ((exists && files.inodes.count({link.st_dev, link.st_ino}) != 0) ||
      files.paths.count(AbsoluteNormal(path)) != 0 ||
      (exists && IsAnEventsFile(path))) {
    return Status::Localized(StatusCode::kIo, "error.output_protected", {path});
  }
  if (mode) *mode = exists ? (link.st_mode & 07777) : 0600;
  return Status::Ok();
}

}  // namespace

void ProtectFromOutputs(const std::string& path) {
  Protected& files = ProtectedFiles();
  std::lock_guard lock(files.mutex);
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0) {
    files.inodes.insert({info.st_dev, info.st_ino});
  }
  files.paths.insert(AbsoluteNormal(path));
}

Result<AtomicFile> AtomicFile::Create(std::string path) {
  mode_t mode = 0600;
  ENTREE_RETURN_IF_ERROR(CheckTarget(path, &mode));
  std::filesystem::path target(path);
  std::string pattern =
      (target.parent_path() / ("." + target.filename().string() + ".XXXXXX"))
          .string();
  // mkostemp creates the name with O_EXCL, mode 0600: a link or file
  // planted under a guessed name is never opened.
  int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) return CannotWrite(path, errno);
  AtomicFile file(std::move(path), pattern);
  if (mode != 0600 && ::fchmod(fd, mode) != 0) {
    int error = errno;
    ::close(fd);
    return CannotWrite(file.path_, error);
  }
  ::close(fd);
  return file;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : path_(std::move(other.path_)),
      temp_path_(std::move(other.temp_path_)),
      committed_(std::exchange(other.committed_, true)) {}

AtomicFile::~AtomicFile() {
  if (!committed_) ::unlink(temp_path_.c_str());
}

Status AtomicFile::Commit() {
  ENTREE_RETURN_IF_ERROR(CheckTarget(path_, nullptr));
  if (int error = SyncPath(temp_path_, O_RDONLY | O_NOFOLLOW); error != 0) {
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
  ENTREE_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  int fd = ::open(file.temp_path().c_str(),
                  O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return CannotWrite(path, errno);
  size_t done = 0;
  errno = 0;
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
