// The private SMTP server and the reader of its messages.
#include "mail_sandbox.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <thread>

namespace entree::testing {
namespace {

// A port nobody listens on now.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) ==
          0);
  socklen_t size = sizeof(address);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

SmtpSandbox::SmtpSandbox(SmtpSandboxOptions options)
    : options_(std::move(options)) {
  std::filesystem::create_directories(inbox());
  WriteFile(password_file(), options_.password + "\n");
  ::chmod(password_file().c_str(), 0600);
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   ENTREE_TESTS_DIR "/mail/smtp_sandbox.py",
                                   "--dir", inbox()};
  if (options_.tls) {
    ProcessResult made =
        RunProcess({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout",
                    dir_.File("key.pem"), "-out", ca_file()});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    argv.insert(argv.end(),
                {"--cert", ca_file(), "--key", dir_.File("key.pem")});
    if (options_.implicit_tls) argv.push_back("--implicit-tls");
  }
  if (!options_.user.empty()) {
    argv.insert(argv.end(),
                {"--user", options_.user, "--password", options_.password});
  }
  for (const std::string& spec : options_.temp_fail) {
    argv.insert(argv.end(), {"--temp-fail", spec});
  }
  for (const std::string& address : options_.perm_fail) {
    argv.insert(argv.end(), {"--perm-fail", address});
  }
  if (options_.data_delay > 0) {
    argv.insert(argv.end(),
                {"--data-delay", std::to_string(options_.data_delay)});
  }
  // A port taken between FreePort and the server's bind is tried again.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreePort();
    std::vector<std::string> command = argv;
    command.insert(command.end(), {"--port", std::to_string(port_)});
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      std::string log = dir_.File("server.log");
      FILE* out = std::freopen(log.c_str(), "a", stderr);
      (void)out;
      std::vector<char*> args;
      for (std::string& arg : command) args.push_back(arg.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    pid_ = pid;
    for (int i = 0; i < 200; ++i) {
      if (std::filesystem::exists(inbox() + "/ready")) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  FAIL("the SMTP sandbox did not start: " << ReadFile(dir_.File("server.log")));
}

SmtpSandbox::~SmtpSandbox() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string SmtpSandbox::url() const {
  return (options_.implicit_tls ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") +
         std::to_string(port_);
}
std::string SmtpSandbox::ca_file() const {
  return options_.tls ? dir_.File("cert.pem") : "";
}
std::string SmtpSandbox::password_file() const { return dir_.File("password"); }
std::string SmtpSandbox::inbox() const { return dir_.File("inbox"); }

std::vector<std::string> SmtpSandbox::Deliveries() const {
  std::string log = inbox() + "/deliveries.log";
  std::vector<std::string> recipients;
  if (!std::filesystem::exists(log)) return recipients;
  for (const std::string& line : SplitLines(ReadFile(log))) {
    recipients.push_back(line.substr(0, line.find(' ')));
  }
  return recipients;
}

std::vector<double> SmtpSandbox::DeliveryTimes() const {
  std::string log = inbox() + "/deliveries.log";
  std::vector<double> times;
  if (!std::filesystem::exists(log)) return times;
  for (const std::string& line : SplitLines(ReadFile(log))) {
    times.push_back(std::stod(line.substr(line.rfind(' ') + 1)));
  }
  return times;
}

std::vector<std::string> SmtpSandbox::InviteOptions() const {
  std::vector<std::string> args = {
      "invite", "--from", "organisatie@iqblvd.example", "--smtp", url(),
      "--rate", "0"};
  if (options_.tls) args.insert(args.end(), {"--ca", ca_file()});
  if (!options_.user.empty()) {
    args.insert(args.end(),
                {"--user", options_.user, "--password-file", password_file()});
  } else if (!options_.tls) {
    args.push_back("--no-tls");
  }
  return args;
}

std::vector<std::vector<std::string>> ReadInvites(
    const std::string& inbox, const std::vector<std::string>& fields) {
  std::string joined;
  for (const std::string& field : fields) {
    joined += (joined.empty() ? "" : ",") + field;
  }
  ProcessResult read =
      RunProcess({"/usr/bin/python3", ENTREE_TESTS_DIR "/mail/read_invites.py",
                  "--tsv", joined, inbox});
  INFO(read.err);
  REQUIRE(read.exit_code == 0);
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : SplitLines(read.out)) {
    std::vector<std::string> row;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace entree::testing
