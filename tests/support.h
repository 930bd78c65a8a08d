// Helpers shared by the tests: temporary directories, times, the CLI.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/model.h"
#include "entree/codes/badge_token.h"
#include "entree/desk/registration.h"
#include "entree/store/store.h"

namespace entree {
// The file under a Store, for checks no product code needs (pragmas,
// tampering, SQLite-alone baselines). Store names this class its friend.
class StoreInspector {
 public:
  static Database& Db(Store& store) { return store.db_; }
};
}  // namespace entree

namespace entree::testing {

// A fresh directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A UTC instant from "2026-10-12T16:00:00Z"-style text (asserted valid).
Instant At(const std::string& iso);

// Reads and writes whole files.
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);

// A store in `dir` with an event (doors open 16:00, ends 22:00 UTC on
// 2026-10-12) and a signing key; the key pair is returned through `keys`.

Store MakeEventStore(const std::string& path, KeyPair* keys = nullptr);

// An event with a signing key and a badge issuer ("desk-1"), on a store in
// a temporary directory.
struct SignedEvent {
  TempDir dir;
  KeyPair keys;
  Store store = MakeEventStore(dir.File("event.db"), &keys);
  Event event = store.GetEvent().value();
  BadgeIssuer issuer{store, event.id, keys.secret_key, "desk-1"};
};

// An attendee with the given names, inserted into `store`.
Attendee AddAttendee(Store& store, const std::string& given,
                     const std::string& family, Sector sector = Sector::kOther,
                     const std::string& table = "");

// A check-in row of badge serial 1, at `at` (ISO text, see At()).
CheckinRecord Checkin(const Uuid& attendee, const std::string& at,
                      Direction direction = Direction::kEntry,
                      Verdict verdict = Verdict::kWelcome,
                      const std::string& kiosk = "door-1");

// Every row of every table of the database at `path`, as text: equal
// fingerprints mean equal contents.
std::string DatabaseFingerprint(const std::string& path);

// The result of running a program.
struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs `argv` (argv[0] is the program path) with `input` on its standard
// input and `env` added to the environment ("NAME=value").
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::string& input = "",
                         const std::vector<std::string>& env = {});

// Starts `argv` (a headless kiosk: argv[0] is its path) in the background
// under SDL's offscreen, dummy-audio and software drivers, its output
// appended to the file `output`. Returns its process id.
int StartHeadless(const std::vector<std::string>& argv,
                  const std::string& output);

// Opens the FIFO at `path` for blocking writes once a reader has it open,
// trying for up to `patience`; -1 when no reader came.
int OpenFifoWriter(const std::string& path, std::chrono::milliseconds patience);

// The demo event's invitation list in assets/.
std::string DemoCsvPath();

// Runs `entree --db <dir>/event.db ARGS...` in English (unless `env`
// says otherwise), the machine's zone Europe/Amsterdam unless `env` gives
// another TZ.
struct Cli {
  TempDir dir;
  std::string db = dir.File("event.db");

  ProcessResult Run(std::vector<std::string> args,
                    const std::string& input = "",
                    std::vector<std::string> env = {}) const;
  // init + keygen + import of the demo list; the event is on 12 October
  // 2026, or with `always_open` open from 2020 to 2099 (doors that check
  // in on today's clock).
  void Prepare(bool always_open = false) const;
  // The badge code of `who` (`entree token`).
  std::string Token(const std::string& who) const;
};

}  // namespace entree::testing

namespace entree::testing {

// A private CUPS scheduler started by tools/print-sandbox.sh in a temporary
// directory, with the queues entree-pdf (cups-pdf, writing into pdf_dir()),
// entree-nopaper and entree-jam (devices that fail); stopped on
// destruction. Needs root, as cups-pdf does.
class PrintSandbox {
 public:
  PrintSandbox();
  ~PrintSandbox();
  PrintSandbox(const PrintSandbox&) = delete;
  PrintSandbox& operator=(const PrintSandbox&) = delete;
  // The scheduler's socket, for CupsQueue and $CUPS_SERVER.
  const std::string& server() const { return server_; }
  std::string pdf_dir() const { return dir_.File("pdf"); }
  // The PDFs cups-pdf has written, once there are `count` (waiting up to
  // 20 s); fewer when they did not come.
  std::vector<std::string> WaitForPdfs(size_t count) const;

 private:
  TempDir dir_;
  std::string server_;
};

// The contents of the QR codes zbarimg (an independent decoder) finds in the
// image at `path`.
std::vector<std::string> DecodeQrCodes(const std::string& path);
// The text of the PDF at `pdf_path`, laid out as on the page (pdftotext).
std::string PdfText(const std::string& pdf_path);
// The number of pages of the PDF at `pdf_path` (pdfinfo).
int PdfPages(const std::string& pdf_path);
// One member of the zip archive at `zip_path` (unzip -p); asserts that it
// is there.
std::string ZipEntry(const std::string& zip_path, const std::string& entry);
// Page `page` of the PDF at `pdf_path` as a PNG at `dpi` (pdftoppm); returns
// the PNG's path, next to the PDF.
std::string RasterisePdf(const std::string& pdf_path, int dpi, int page = 1);

}  // namespace entree::testing

namespace entree::testing {

// A private PostgreSQL server started by tools/pg-sandbox.sh in a temporary
// directory (as the postgres user when run as root); stopped on
// destruction.
class PgSandbox {
 public:
  PgSandbox();
  // Also listening on 127.0.0.1:`port`, over TLS only with the certificate
  // and key files `tls_cert` and `tls_key` when given.
  PgSandbox(int port, const std::string& tls_cert, const std::string& tls_key);
  ~PgSandbox();
  PgSandbox(const PgSandbox&) = delete;
  PgSandbox& operator=(const PgSandbox&) = delete;
  // The libpq connection string.
  const std::string& conninfo() const { return conninfo_; }
  // The number psql prints for `sql` on this server.
  long Count(const std::string& sql) const;
  void Stop();
  void Start();
  // Kills the server at once, as a crash or a pulled plug would.
  void Kill();

 private:
  TempDir dir_;
  std::string conninfo_;
  int port_ = 0;
};

}  // namespace entree::testing
