// A serial-mode scanner, read through a FIFO as through /dev/ttyACM0.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "entree/scan/serial_scanner.h"
#include "support.h"

namespace entree {
namespace {

// The codes the scanner has read once `count` are there (waiting up to
// 5 s).
std::vector<std::string> AwaitCodes(SerialScanner& scanner, size_t count) {
  std::vector<std::string> codes;
  for (int tries = 0; tries < 500 && codes.size() < count; ++tries) {
    for (std::string& code : scanner.TakeCodes()) codes.push_back(code);
    if (codes.size() < count) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  return codes;
}

}  // namespace

TEST_CASE("a serial scanner's lines are codes, and it is found again",
          "[scanner]") {
  testing::TempDir dir;
  std::string fifo = dir.File("ttyACM0");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::atomic<int> woken{0};
  SerialScanner scanner(fifo, [&woken] { ++woken; });

  int writer = testing::OpenFifoWriter(fifo, std::chrono::seconds(5));
  REQUIRE(writer >= 0);
  std::string long_line(600, 'A');
  std::string sent = "E1FIRST\r\n  E1SECOND  \r\r\n" + long_line + "\nE1TH";
  REQUIRE(::write(writer, sent.data(), sent.size()) ==
          static_cast<ssize_t>(sent.size()));
  CHECK(AwaitCodes(scanner, 2) ==
        std::vector<std::string>{"E1FIRST", "E1SECOND"});
  CHECK(woken > 0);
  CHECK(scanner.connected());
  REQUIRE(::write(writer, "IRD\r", 4) == 4);
  CHECK(AwaitCodes(scanner, 1) == std::vector<std::string>{"E1THIRD"});

  // Unplugged, then plugged in again: read again within a few seconds.
  // The plug goes back in once the scanner has seen it go: a writer
  // opened before that would meet the old reader, which leaves at its
  // end of file and takes the new line's only reader with it.
  ::close(writer);
  for (int tries = 0; tries < 500 && scanner.connected(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE_FALSE(scanner.connected());
  writer = testing::OpenFifoWriter(fifo, std::chrono::seconds(5));
  REQUIRE(writer >= 0);
  REQUIRE(::write(writer, "E1AGAIN\n", 8) == 8);
  CHECK(AwaitCodes(scanner, 1) == std::vector<std::string>{"E1AGAIN"});
  ::close(writer);
}

TEST_CASE("a scanner that is not there is no error", "[scanner]") {
  testing::TempDir dir;
  std::string fifo = dir.File("ttyACM0");  // not there yet
  std::atomic<int> woken{0};
  SerialScanner scanner(fifo, [&woken] { ++woken; });
  // Watched for longer than the scanner waits between looks (a second),
  // so that it looks again meanwhile: never connected, nothing read, nobody
  // woken.
  bool ever_connected = false;
  std::vector<std::string> codes;
  auto until =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
  while (std::chrono::steady_clock::now() < until) {
    ever_connected = ever_connected || scanner.connected();
    for (std::string& code : scanner.TakeCodes()) codes.push_back(code);
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_FALSE(ever_connected);
  CHECK_FALSE(scanner.connected());
  CHECK(codes.empty());
  CHECK(woken == 0);

  // The scanner was looking all along: plugged in now, it is found within
  // a few seconds and reads. A writer opens only once the scanner has the
  // device open.
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  int writer = testing::OpenFifoWriter(fifo, std::chrono::seconds(10));
  REQUIRE(writer >= 0);
  for (int tries = 0; tries < 1000 && !scanner.connected(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(scanner.connected());
  REQUIRE(::write(writer, "E1FOUND\n", 8) == 8);
  CHECK(AwaitCodes(scanner, 1) == std::vector<std::string>{"E1FOUND"});
  CHECK(woken > 0);
  ::close(writer);
}

}  // namespace entree
