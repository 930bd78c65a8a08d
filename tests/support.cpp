// Test helpers: temporary directories, fixtures, running programs.
#include "support.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"

namespace entree::testing {

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "entree-test-XXXXXX").string();
  char* made = ::mkdtemp(pattern.data());
  REQUIRE(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Instant At(const std::string& iso) {
  auto parsed = ParseIsoTime(iso, TimeZone::Utc());
  REQUIRE(parsed.has_value());
  return *parsed;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  REQUIRE(out.good());
}

Store MakeEventStore(const std::string& path, KeyPair* keys) {
  auto store = Store::Open(path);
  REQUIRE(store.ok());
  KeyPair pair = GenerateKeyPair();
  Event event;
  event.id = NewEventId();
  event.name = "Worldcafé IQ BLVD";
  event.doors_open_at = At("2026-10-12T16:00:00Z");
  event.starts_at = At("2026-10-12T16:30:00Z");
  event.ends_at = At("2026-10-12T22:00:00Z");
  event.public_key = pair.public_key;
  REQUIRE(store->CreateEvent(event).ok());
  if (keys) *keys = pair;
  return std::move(store).value();
}

Attendee AddAttendee(Store& store, const std::string& given,
                     const std::string& family, Sector sector,
                     const std::string& table) {
  Attendee a;
  a.id = NewUuid();
  a.given_name = given;
  a.family_name = family;
  a.sector = sector;
  a.table = table;
  a.created_at = a.updated_at = At("2026-10-01T12:00:00Z");
  if (!table.empty()) REQUIRE(store.EnsureTable(table).ok());
  REQUIRE(store.InsertAttendee(a).ok());
  return a;
}

CheckinRecord Checkin(const Uuid& attendee, const std::string& at,
                      Direction direction, Verdict verdict,
                      const std::string& kiosk) {
  return {NewUuid(), attendee, 1,       kiosk,
          direction, At(at),   verdict, std::nullopt};
}

std::string DatabaseFingerprint(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
          SQLITE_OK);
  std::string out;
  auto append_rows = [&](const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) ==
            SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const unsigned char* text = sqlite3_column_text(stmt, c);
        out += text ? reinterpret_cast<const char*>(text) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(stmt);
  };
  std::vector<std::string> tables;
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db,
                             "SELECT name FROM sqlite_schema WHERE type = "
                             "'table' ORDER BY name",
                             -1, &stmt, nullptr) == SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    tables.emplace_back(
        reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  append_rows("PRAGMA user_version");
  for (const std::string& table : tables) {
    out += "[" + table + "]\n";
    append_rows("SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
  }
  sqlite3_close(db);
  return out;
}

int StartHeadless(const std::vector<std::string>& argv,
                  const std::string& output) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int out = ::open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    ::dup2(out, 1);
    ::dup2(out, 2);
    ::setenv("SDL_VIDEODRIVER", "offscreen", 1);
    ::setenv("SDL_AUDIODRIVER", "dummy", 1);
    ::setenv("SDL_RENDER_DRIVER", "software", 1);
    ::setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    std::vector<char*> args;
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input,
                         const std::vector<std::string>& env) {
  TempDir io;
  std::string in_path = io.File("in"), out_path = io.File("out"),
              err_path = io.File("err");
  WriteFile(in_path, input);
  // Everything the child needs is made before the fork: other threads of
  // the test may hold the allocator's lock at that moment, so the child
  // must not allocate before it execs.
  std::vector<char*> args;
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  std::vector<char*> environment;
  for (char** variable = environ; *variable; ++variable) {
    std::string_view name(*variable, std::strcspn(*variable, "="));
    bool replaced = false;
    for (const std::string& assignment : env) {
      replaced = replaced || assignment.substr(0, assignment.find('=')) == name;
    }
    if (!replaced) environment.push_back(*variable);
  }
  for (const std::string& assignment : env) {
    environment.push_back(const_cast<char*>(assignment.c_str()));
  }
  environment.push_back(nullptr);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execve(args[0], args.data(), environment.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

int OpenFifoWriter(const std::string& path,
                   std::chrono::milliseconds patience) {
  auto deadline = std::chrono::steady_clock::now() + patience;
  while (true) {
    int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) {
      ::fcntl(fd, F_SETFL, 0);
      return fd;
    }
    if (std::chrono::steady_clock::now() >= deadline) return -1;
    ::usleep(5000);
  }
}

std::string DemoCsvPath() {
  return std::string(ENTREE_ASSETS_DIR) + "/demo/worldcafe-iq-blvd.csv";
}

ProcessResult Cli::Run(std::vector<std::string> args, const std::string& input,
                       std::vector<std::string> env) const {
  args.insert(args.begin(), {ENTREE_CLI_PATH, "--db", db});
  bool zone_given = std::any_of(env.begin(), env.end(), [](const auto& e) {
    return e.starts_with("TZ=");
  });
  env.push_back("ENTREE_LANG=en");
  if (!zone_given) env.push_back("TZ=Europe/Amsterdam");
  return RunProcess(args, input, env);
}

void Cli::Prepare(bool always_open) const {
  if (always_open) {
    REQUIRE(Run({"init", "--name", "Worldcafé IQ BLVD", "--doors-open",
                 "2020-01-01T00:00", "--ends", "2099-01-01T00:00"})
                .exit_code == 0);
  } else {
    REQUIRE(Run({"init", "--name", "Worldcafé IQ BLVD", "--doors-open",
                 "2026-10-12T16:00+02:00", "--ends", "2026-10-12T22:00+02:00"})
                .exit_code == 0);
  }
  REQUIRE(Run({"keygen"}).exit_code == 0);
  REQUIRE(Run({"import", DemoCsvPath()}).exit_code == 0);
}

std::string Cli::Token(const std::string& who) const {
  ProcessResult r = Run({"token", who});
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, r.out.find('\n'));
}

PrintSandbox::PrintSandbox() {
  ProcessResult started =
      RunProcess({"/bin/bash", ENTREE_TOOLS_DIR "/print-sandbox.sh", "start",
                  dir_.path()});
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  server_ = dir_.File("cups.sock");
}

PrintSandbox::~PrintSandbox() {
  RunProcess(
      {"/bin/bash", ENTREE_TOOLS_DIR "/print-sandbox.sh", "stop", dir_.path()});
}

std::vector<std::string> PrintSandbox::WaitForPdfs(size_t count) const {
  std::vector<std::string> pdfs;
  for (int tries = 0; tries < 400; ++tries) {
    pdfs.clear();
    for (const auto& entry : std::filesystem::directory_iterator(pdf_dir())) {
      if (entry.path().extension() == ".pdf") {
        pdfs.push_back(entry.path().string());
      }
    }
    if (pdfs.size() >= count) break;
    ::usleep(50'000);
  }
  std::sort(pdfs.begin(), pdfs.end());
  return pdfs;
}

std::vector<std::string> DecodeQrCodes(const std::string& path) {
  ProcessResult decoded = RunProcess({"/usr/bin/zbarimg", "--quiet", "--raw",
                                      "-Sdisable", "-Sqrcode.enable", path});
  std::vector<std::string> codes;
  std::istringstream lines(decoded.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) codes.push_back(line);
  }
  return codes;
}

std::string PdfText(const std::string& pdf_path) {
  ProcessResult text =
      RunProcess({"/usr/bin/pdftotext", "-layout", pdf_path, "-"});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  return text.out;
}

int PdfPages(const std::string& pdf_path) {
  ProcessResult info = RunProcess({"/usr/bin/pdfinfo", pdf_path});
  INFO(info.err);
  REQUIRE(info.exit_code == 0);
  size_t at = info.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.out.substr(at + 6));
}

std::string ZipEntry(const std::string& zip_path, const std::string& entry) {
  ProcessResult member = RunProcess({"/usr/bin/unzip", "-p", zip_path, entry});
  INFO(zip_path << " " << entry << ": " << member.err);
  REQUIRE(member.exit_code == 0);
  return member.out;
}

std::string RasterisePdf(const std::string& pdf_path, int dpi, int page) {
  std::string prefix = pdf_path + ".page";
  std::string number = std::to_string(page);
  ProcessResult made =
      RunProcess({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-f", number,
                  "-l", number, "-png", "-singlefile", pdf_path, prefix});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  return prefix + ".png";
}

PgSandbox::PgSandbox() {
  // The server runs as the postgres user when this runs as root: it must
  // reach its directory.
  ::chmod(dir_.path().c_str(), 0755);
  Start();
}

PgSandbox::PgSandbox(int port, const std::string& tls_cert,
                     const std::string& tls_key)
    : port_(port) {
  ::chmod(dir_.path().c_str(), 0755);
  if (!tls_cert.empty()) {
    std::filesystem::create_directories(dir_.File("pg/tls"));
    std::filesystem::copy_file(tls_cert, dir_.File("pg/tls/server.crt"));
    std::filesystem::copy_file(tls_key, dir_.File("pg/tls/server.key"));
  }
  Start();
}

PgSandbox::~PgSandbox() { Stop(); }

long PgSandbox::Count(const std::string& sql) const {
  auto psql = RunProcess(
      {"/usr/bin/psql", "-X", "-A", "-t", "-d", conninfo_, "-c", sql});
  INFO(psql.err);
  REQUIRE(psql.exit_code == 0);
  return std::stol(psql.out);
}

void PgSandbox::Start() {
  std::vector<std::string> command = {
      "/bin/bash", ENTREE_TOOLS_DIR "/pg-sandbox.sh", "start", dir_.File("pg")};
  if (port_ != 0) command.push_back(std::to_string(port_));
  ProcessResult started = RunProcess(command);
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  conninfo_ = started.out.substr(0, started.out.find('\n'));
}

void PgSandbox::Stop() {
  RunProcess({"/bin/bash", ENTREE_TOOLS_DIR "/pg-sandbox.sh", "stop",
              dir_.File("pg")});
}

void PgSandbox::Kill() {
  RunProcess({"/bin/bash", ENTREE_TOOLS_DIR "/pg-sandbox.sh", "kill",
              dir_.File("pg")});
}

}  // namespace entree::testing
