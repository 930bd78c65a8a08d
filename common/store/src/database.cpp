// RAII wrappers around sqlite3 and sqlite3_stmt.
#include "entree/store/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>
#include <vector>

#include "entree/base/atomic_file.h"
#include "write_turns.h"

// What SQLite's callbacks on one connection keep. Poll is its busy
// handler: it asks again for the lock every 100 microseconds, so a door
// gets it within a fraction of a millisecond of its release (SQLite's own
// handler sleeps up to 100 ms between tries), until the budget is spent.
// CountFrames is its log hook during a background step: it notes the size
// of the log instead of copying it into the file there and then.
struct entree::Database::LockWait {
  int budget_ms = 0;
  std::chrono::steady_clock::time_point since;
  int log_frames = 0;

  static int CountFrames(void* context, sqlite3*, const char*, int frames) {
    static_cast<LockWait*>(context)->log_frames = frames;
    return SQLITE_OK;
  }

  static int Poll(void* context, int tries) {
    auto* wait = static_cast<LockWait*>(context);
    auto now = std::chrono::steady_clock::now();
    if (tries == 0) wait->since = now;
    if (now - wait->since >= std::chrono::milliseconds(wait->budget_ms)) {
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(100));
    return 1;
  }
};

namespace entree {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// SQLite's own threshold for copying the log into the file (pages).
constexpr int kLogPagesBeforeCopy = 1000;
// The same after a background step: every 2 MiB (at 32 KiB pages), so that
// a door's commit, which waits for the disk, never finds much of a sync's
// writes still to be flushed beside its own.
constexpr int kStepLogPagesBeforeCopy = 64;

// Why the file at `path` could not be opened, in the words that fit the
// real cause: a file of another kind, a read-only file or folder, a full
// disk, or what SQLite and the system say.
Status OpenFailure(sqlite3* db, const std::string& path) {
  if (!db) {
    return Status::Localized(StatusCode::kDatabase, "error.cannot_open_db",
                             {path, "out of memory"});
  }
  int code = sqlite3_extended_errcode(db) & 0xff;
  int system_errno = sqlite3_system_errno(db);
  if (code == SQLITE_CANTOPEN) {
    // SQLite retries a file it could not create read-only, and reports
    // that second failure; the folder says why the first one failed.
    std::string folder = std::filesystem::path(path).parent_path().string();
    if (::access(folder.empty() ? "." : folder.c_str(), W_OK) != 0) {
      system_errno = errno;
    }
  }
  if (code == SQLITE_NOTADB) {
    return Status::Localized(StatusCode::kDatabase, "error.not_entree_db",
                             {path});
  }
  if (code == SQLITE_FULL || system_errno == ENOSPC) {
    return Status::Localized(StatusCode::kDatabase, "error.db_disk_full",
                             {path});
  }
  if (code == SQLITE_READONLY || system_errno == EACCES ||
      system_errno == EROFS || system_errno == EPERM) {
    return Status::Localized(StatusCode::kDatabase, "error.db_read_only",
                             {path});
  }
  std::string reason =
      system_errno != 0 ? std::strerror(system_errno) : sqlite3_errmsg(db);
  return Status::Localized(StatusCode::kDatabase, "error.cannot_open_db",
                           {path, reason});
}

// A full disk in the words a person acts on, naming the file; any other
// failure in SQLite's.
Status DiskFullOr(sqlite3* db, int rc, std::string message) {
  if ((rc & 0xff) == SQLITE_FULL && db) {
    const char* file = sqlite3_db_filename(db, "main");
    return Status::Localized(StatusCode::kDatabase, "error.db_disk_full",
                             {file && *file ? file : "the database"});
  }
  return Status::Database(message);
}

// Whether the database file open in `db` carries `mark` in its header
// (the application id, big-endian at byte 68). A header still without one
// (0: written by the log at the next checkpoint) or that cannot be read
// says nothing. Read through SQLite's own descriptor: closing a second
// descriptor of the file would let go of every lock this process holds on
// it, and another process closing the file would then take itself for
// its last user and delete the log this one is writing.
bool CarriesMark(sqlite3* db, uint32_t mark) {
  if (mark == 0) return true;
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) !=
          SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr) {
    return true;
  }
  unsigned char bytes[4] = {};
  if (file->pMethods->xRead(file, bytes, sizeof bytes, 68) != SQLITE_OK) {
    return true;
  }
  uint32_t found = uint32_t{bytes[0]} << 24 | uint32_t{bytes[1]} << 16 |
                   uint32_t{bytes[2]} << 8 | uint32_t{bytes[3]};
  return found == 0 || found == mark;
}

// No output of this process may replace the database at `path`, its
// journals, the signing key kept beside it, a device's login (and the file
// it is written through) or a join's files: under the name given, under
// the file's real name (through a symbolic link), and under every other
// name the file has in its folder (hard links), whose journals another
// program may be writing.
void ProtectEventFiles(const std::string& path) {
  std::vector<std::string> names = {path};
  std::error_code error;
  std::filesystem::path real = std::filesystem::canonical(path, error);
  if (!error && real.string() != path) names.push_back(real.string());
  struct stat info {};
  if (!error && ::stat(real.c_str(), &info) == 0 && info.st_nlink > 1) {
    for (const auto& entry :
         std::filesystem::directory_iterator(real.parent_path(), error)) {
      struct stat other {};
      if (::stat(entry.path().c_str(), &other) == 0 &&
          other.st_dev == info.st_dev && other.st_ino == info.st_ino) {
        names.push_back(entry.path().string());
      }
    }
  }
  for (const std::string& name : names) {
    for (const char* suffix :
         {"", "-wal", "-shm", "-journal", ".key", ".device", ".device.new",
          ".joining", ".joining-wal", ".joining-shm", ".joining-journal"}) {
      ProtectFromOutputs(name + suffix);
    }
  }
}

Status SqliteError(sqlite3* db, std::string_view what) {
  return DiskFullOr(
      db, db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM,
      std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

Result<Database> Database::Open(const std::string& path) {
  // SQLite counts every allocation under one lock of the whole process
  // unless told not to; the door, sync and seating threads each allocate
  // on their own connection, and nothing here reads the count. Told once,
  // before SQLite starts (it refuses later, which changes nothing).
  static const bool kUncounted = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)kUncounted;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &raw,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK) return OpenFailure(raw, path);
  sqlite3_extended_result_codes(raw, 1);
  // journal_mode is the first statement to read the file, so it is where a
  // file that is not a database shows itself. The page size takes effect
  // only in a new, empty file: 32 KiB pages take a quarter off a bulk
  // write of attendees (fewer pages to split, log and copy back) and cost
  // a check-in under a tenth of a millisecond.
  Status status = db.Exec(
      "PRAGMA page_size=32768; PRAGMA journal_mode=WAL; "
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY;");
  if (!status.ok()) {
    Status failure = OpenFailure(raw, path);
    // A file on a read-only medium (a copy on a locked stick, a read-only
    // mount) can still be read: nothing can change it under us, so SQLite
    // may skip the write-ahead log's shared memory it cannot create there.
    // Writing to it fails as any write to a read-only database does.
    if (failure.text_key() != "error.db_read_only" ||
        !std::filesystem::is_regular_file(path)) {
      return failure;
    }
    sqlite3* frozen = nullptr;
    std::string uri = "file:";
    for (char c : path) {
      if (c == '%' || c == '?' || c == '#') {
        static const char kHex[] = "0123456789ABCDEF";
        uri += '%';
        uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
        uri += kHex[static_cast<unsigned char>(c) & 0xf];
      } else {
        uri += c;
      }
    }
    uri += "?immutable=1";
    if (sqlite3_open_v2(
            uri.c_str(), &frozen,
            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
            nullptr) != SQLITE_OK) {
      sqlite3_close_v2(frozen);
      return failure;
    }
    db = Database(frozen, path);
    sqlite3_extended_result_codes(frozen, 1);
    if (!db.Exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;").ok()) {
      return failure;
    }
  }
  if (struct stat info{};
      path != ":memory:" && !path.empty() && ::stat(path.c_str(), &info) == 0) {
    db.device_ = static_cast<uint64_t>(info.st_dev);
    db.inode_ = static_cast<uint64_t>(info.st_ino);
    db.turns_ = WriteTurns::Of(db.device_, db.inode_);
    db.hold_ = FileHold({path, path + "-shm"});
  }
  if (path != ":memory:" && !path.empty()) ProtectEventFiles(path);
  return db;
}

Database::Database(sqlite3* db, std::string path)
    : db_(db),
      path_(std::move(path)),
      lock_wait_(std::make_unique<LockWait>()) {
  WaitForLockUpTo(kBusyTimeoutMs);
}

void Database::WaitForLockUpTo(int milliseconds) {
  lock_wait_->budget_ms = milliseconds;
  if (db_) sqlite3_busy_handler(db_, LockWait::Poll, lock_wait_.get());
}

Database::Database(Database&& other) noexcept
    : db_(other.db_),
      path_(std::move(other.path_)),
      device_(other.device_),
      inode_(other.inode_),
      foreign_keys_off_(other.foreign_keys_off_),
      mark_(other.mark_),
      lock_wait_(std::move(other.lock_wait_)),
      turns_(std::move(other.turns_)),
      hold_(std::move(other.hold_)) {
  other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = other.db_;
    path_ = std::move(other.path_);
    device_ = other.device_;
    inode_ = other.inode_;
    foreign_keys_off_ = other.foreign_keys_off_;
    mark_ = other.mark_;
    lock_wait_ = std::move(other.lock_wait_);
    turns_ = std::move(other.turns_);
    hold_ = std::move(other.hold_);
    other.db_ = nullptr;
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    return DiskFullOr(db_, rc, message);
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, "cannot prepare statement");
  return Statement(stmt, db_);
}

Result<int> Database::UserVersion() {
  ENTREE_ASSIGN_OR_RETURN(auto stmt, Prepare("PRAGMA user_version"));
  auto row = stmt.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(stmt.ColumnInt(0));
}

int64_t Database::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(db_);
}

int Database::Changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& other) noexcept
    : stmt_(other.stmt_), db_(other.db_), bind_failure_(other.bind_failure_) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = other.stmt_;
    db_ = other.db_;
    bind_failure_ = other.bind_failure_;
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, std::string_view text) {
  Check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(),
                            SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::BindUncopied(int index, std::string_view text) {
  Check(sqlite3_bind_text64(stmt_, index, text.data(), text.size(),
                            SQLITE_STATIC, SQLITE_UTF8));
  return *this;
}

Statement& Statement::Bind(int index, std::span<const uint8_t> blob) {
  Check(sqlite3_bind_blob64(stmt_, index, blob.data(), blob.size(),
                            SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::BindNull(int index) {
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<int64_t>& value) {
  return value ? Bind(index, *value) : BindNull(index);
}

void Statement::Check(int rc) {
  if (rc != SQLITE_OK && bind_failure_ == SQLITE_OK) bind_failure_ = rc;
}

Result<bool> Statement::Step() {
  if (bind_failure_ != SQLITE_OK) {
    // A value that could not be bound (too big, a wrong index) never runs
    // the statement with NULL in its place.
    Status error = Status::Database(std::string("cannot bind a value: ") +
                                    sqlite3_errstr(bind_failure_));
    Reset();
    return error;
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = SqliteError(db_, "statement failed");
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::Run() {
  auto stepped = Step();
  Reset();
  return stepped.ok() ? Status::Ok() : stepped.status();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_failure_ = SQLITE_OK;
}

int64_t Statement::ColumnInt(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::vector<uint8_t> Statement::ColumnBlob(int column) const {
  const auto* data =
      static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return std::vector<uint8_t>(data, data + size);
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::optional<int64_t> Statement::ColumnOptionalInt(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnInt(column);
}

Status Database::CheckIdentity() const {
  if (inode_ == 0) return Status::Ok();
  struct stat info {};
  if (::stat(path_.c_str(), &info) != 0) {
    return Status::Localized(StatusCode::kDatabase, "error.db_deleted",
                             {path_});
  }
  if (static_cast<uint64_t>(info.st_dev) != device_ ||
      static_cast<uint64_t>(info.st_ino) != inode_ ||
      !CarriesMark(db_, mark_)) {
    return Status::Localized(StatusCode::kDatabase, "error.db_replaced",
                             {path_});
  }
  return Status::Ok();
}

Status Database::SaveIntoOpenFile() {
  Status identity = CheckIdentity();
  if (identity.ok()) return identity;
  // Overwritten in place by another event's file: the inode is no longer
  // this event's, and writing the log into it would only mix the two.
  struct stat info {};
  bool same_inode = ::stat(path_.c_str(), &info) == 0 &&
                    static_cast<uint64_t>(info.st_dev) == device_ &&
                    static_cast<uint64_t>(info.st_ino) == inode_;
  if (same_inode) return identity;
  // A checkpoint writes through the descriptors this connection holds:
  // the log under the old name into the file that was moved or replaced.
  int logged = 0;
  int moved = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                     &logged, &moved);
  if (rc != SQLITE_OK || logged != moved) {
    return Status::Database(identity.message() +
                            "; its last writes could not be moved out of " +
                            path_ + "-wal: " + sqlite3_errstr(rc));
  }
  return identity;
}

bool Database::SomeoneWaits() const { return turns_ && turns_->SomeoneWaits(); }

Status Database::Checkpoint() {
  // Never into a file that is no longer this one's.
  if (!CheckIdentity().ok()) return SaveIntoOpenFile();
  // Emptied as well when nobody else reads or writes just now, so that no
  // log is left to be replayed into a file put in this one's place; else
  // as much as can be copied without waiting for a writer. Another
  // connection's copy under way (a sync's, after its step) is waited for,
  // up to kCopyWait: it is short, and ours copies what it did not.
  constexpr auto kCopyWait = std::chrono::milliseconds(50);
  auto busy = [](int rc) {
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
  };
  WaitForLockUpTo(0);
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                     nullptr, nullptr);
  WaitForLockUpTo(kBusyTimeoutMs);
  auto since = std::chrono::steady_clock::now();
  while (busy(rc)) {
    rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                   nullptr, nullptr);
    if (!busy(rc) || std::chrono::steady_clock::now() - since > kCopyWait) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  return rc == SQLITE_OK ? Status::Ok() : SqliteError(db_, "checkpoint");
}

Status Database::ProbeWrite() {
  WaitForLockUpTo(0);
  Status status = [this]() -> Status {
    ENTREE_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(*this));
    // A committed write of the header, unchanged: only a write that
    // reached the disk says the disk takes writes again.
    ENTREE_ASSIGN_OR_RETURN(int version, UserVersion());
    ENTREE_RETURN_IF_ERROR(
        Exec("PRAGMA user_version = " + std::to_string(version)));
    return transaction.Commit();
  }();
  WaitForLockUpTo(kBusyTimeoutMs);
  return status;
}

Result<Transaction> Transaction::Begin(Database& db, Writer writer) {
  if (db.foreign_keys_off_) {
    ENTREE_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
    db.foreign_keys_off_ = false;
  }
  Transaction transaction(&db);
  if (writer == Writer::kBackground) {
    // A moment between one step and the next, in which a writer of
    // another process that polls for the lock finds it free.
    std::this_thread::sleep_for(std::chrono::microseconds(300));
    if (db.turns_) db.turns_->StepBegins();
    transaction.background_ = true;
    // The log is copied into the file after the step, once the turn is
    // given back (EndStep), not at its commit while a door waits.
    sqlite3_wal_hook(db.db_, Database::LockWait::CountFrames,
                     db.lock_wait_.get());
    if (Status status = db.Exec("BEGIN IMMEDIATE"); !status.ok()) {
      transaction.EndStep();
      transaction.done_ = true;
      return status;
    }
  } else {
    if (db.turns_) db.turns_->Waiting(db.lock_wait_->budget_ms);
    Status status = db.Exec("BEGIN IMMEDIATE");
    if (db.turns_) db.turns_->Granted();
    transaction.done_ = !status.ok();
    if (!status.ok()) return status;
  }
  // Checked under the write lock: a file swapped in by a program that
  // writes through SQLite cannot slip in between. The lock is let go
  // before what was written is saved into the file that was moved.
  if (Status identity = db.CheckIdentity(); !identity.ok()) {
    Status rolled_back = db.Exec("ROLLBACK");
    transaction.EndStep();
    transaction.done_ = true;
    ENTREE_RETURN_IF_ERROR(rolled_back);
    return db.SaveIntoOpenFile();
  }
  return transaction;
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_), done_(other.done_), background_(other.background_) {
  other.done_ = true;
  other.background_ = false;
}

Transaction::~Transaction() {
  if (!done_) (void)db_->Exec("ROLLBACK");
  EndStep();
}

void Transaction::EndStep() {
  if (!background_) return;
  background_ = false;
  if (db_->turns_) db_->turns_->StepEnded();
  sqlite3_wal_autocheckpoint(db_->db_, kLogPagesBeforeCopy);
  // What SQLite would have done at the commit: as much of the log as can
  // be copied without taking the write lock.
  if (std::exchange(db_->lock_wait_->log_frames, 0) >=
      kStepLogPagesBeforeCopy) {
    sqlite3_wal_checkpoint_v2(db_->db_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                              nullptr, nullptr);
  }
}

Status Transaction::Commit() {
  Status status = db_->Exec("COMMIT");
  if (status.ok()) {
    done_ = true;
    EndStep();
  }
  return status;
}

}  // namespace entree
