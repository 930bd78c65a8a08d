// Reading a serial-mode barcode scanner (or a FIFO) line by line.
#include "entree/scan/serial_scanner.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <utility>

#include "entree/base/text.h"

namespace entree {
namespace {

constexpr size_t kLongestCode = 512;
constexpr int kLookAgainMs = 1000;

}  // namespace

SerialScanner::SerialScanner(std::string path, std::function<void()> on_code)
    : path_(std::move(path)), on_code_(std::move(on_code)) {
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) return;
  thread_ = std::thread([this] { Run(); });
}

SerialScanner::~SerialScanner() {
  if (stop_pipe_[1] >= 0) {
    char byte = 0;
    (void)::write(stop_pipe_[1], &byte, 1);
  }
  if (thread_.joinable()) thread_.join();
  for (int fd : stop_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

std::vector<std::string> SerialScanner::TakeCodes() {
  std::lock_guard lock(mutex_);
  return std::exchange(codes_, {});
}

void SerialScanner::Run() {
  while (true) {
    int fd =
        ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0) {
      if (::isatty(fd)) {
        // Raw bytes: no echo, no line editing by the terminal layer.
        termios settings{};
        if (::tcgetattr(fd, &settings) == 0) {
          ::cfmakeraw(&settings);
          ::tcsetattr(fd, TCSANOW, &settings);
        }
      }
      connected_ = true;
      ReadFrom(fd);
      connected_ = false;
      ::close(fd);
    }
    pollfd stop{stop_pipe_[0], POLLIN, 0};
    if (::poll(&stop, 1, kLookAgainMs) > 0) return;
  }
}

void SerialScanner::ReadFrom(int fd) {
  std::string line;
  char buffer[1024];
  while (true) {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) continue;
    if (fds[1].revents != 0) return;  // the byte stays: Run sees it too
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return;
    bool added = false;
    for (ssize_t i = 0; i < n; ++i) {
      char c = buffer[i];
      if (c != '\n' && c != '\r') {
        line += c;
        continue;
      }
      std::string code(Trim(line));
      line.clear();
      if (code.empty() || code.size() > kLongestCode) continue;
      std::lock_guard lock(mutex_);
      codes_.push_back(std::move(code));
      added = true;
    }
    if (line.size() > kLongestCode) line.clear();
    if (added && on_code_) on_code_();
  }
}

}  // namespace entree
