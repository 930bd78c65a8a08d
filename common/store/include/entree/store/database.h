// A thin RAII layer over SQLite: Database, Statement, Transaction.
//
// The prepare/bind/step/reset/finalize cycle is written here once. Values
// reach SQL only through bind parameters, never through string building.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/held_file.h"
#include "entree/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace entree {

class Statement;
class WriteTurns;

// Who waits on a write (Transaction::Begin).
enum class Writer {
  // Someone waits on it: a guest at the door, staff at a screen. Goes
  // before every background step of this process on the same file.
  kWaitedOn,
  // A background step (sync's merges and clean-ups): gives way to any
  // waited-on writer of this process, and holds the lock a few
  // milliseconds at most (its caller's promise). The log is copied into
  // the file after it, once the lock is let go.
  kBackground,
};

// Owns one connection. Opening applies Entree's pragmas: WAL journal,
// synchronous=FULL (a committed row is on disk), foreign keys on and a
// wait for the write lock held by another connection (polled finely, up
// to 5 s), so every connection behaves the same.
class Database {
 public:
  // Opens or creates the file at `path` (":memory:" for a private in-memory
  // database). Fails with kDatabase when SQLite cannot open it or it is not
  // a database.
  static Result<Database> Open(const std::string& path);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements that take no parameters (schema, pragmas).
  Status Exec(std::string_view sql);
  // Compiles one statement. Fails with kDatabase on a syntax error.
  Result<Statement> Prepare(std::string_view sql);

  // PRAGMA user_version: the schema version this file is at.
  Result<int> UserVersion();
  int64_t LastInsertRowId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int Changes() const;
  sqlite3* handle() const { return db_; }
  // The path the database was opened with.
  const std::string& path() const { return path_; }
  // Whether path() still names the file this connection has open: kDatabase
  // (error.db_deleted, error.db_replaced) when it was deleted or another
  // file was put in its place, whose writes would go to a file nobody sees
  // again. Ok for an in-memory database.
  Status CheckIdentity() const;
  // When path() no longer names the open file (CheckIdentity fails), moves
  // every committed page out of the write-ahead log into the open file, so
  // a row a guest was shown is in that file wherever it went, not only in
  // a journal under the old name that no reader of the moved file opens.
  // A file overwritten in place by another event's is left alone. Returns
  // CheckIdentity's failure (with the checkpoint's, if that failed too),
  // or Ok when the file is still in place. Outside a transaction.
  Status SaveIntoOpenFile();
  // Copies what the write-ahead log holds into the file without waiting
  // for anyone, and empties the log when nobody else is using it: a row
  // then lives in the file itself, wherever the file is moved afterwards.
  // A file moved or replaced is handled as SaveIntoOpenFile does.
  Status Checkpoint();
  // Whether a write goes through now: takes the write lock without waiting
  // for it and commits the file's header unchanged, so a full disk fails
  // it (error.db_disk_full). Fails as Transaction::Begin does, and with
  // kDatabase when another connection holds the lock.
  Status ProbeWrite();
  // Whether a writer someone waits on (Writer::kWaitedOn) of this process
  // waits for this file's lock now: a background step under way ends as
  // soon as it can.
  bool SomeoneWaits() const;
  // The event's mark in the file's header (PRAGMA application_id): from
  // now on CheckIdentity also fails (error.db_replaced) when the file at
  // path() carries another mark, as when another event's database was
  // copied over this one in place. 0 for none.
  void ExpectMark(uint32_t mark) { mark_ = mark; }
  // After foreign keys could not be turned back on (a bulk write turns them
  // off): every Transaction::Begin turns them on first, and fails when that
  // fails, so nothing is written without them.
  void RequireForeignKeys() { foreign_keys_off_ = true; }

 private:
  friend class Transaction;
  Database(sqlite3* db, std::string path);
  // How long a write waits for the lock from now on.
  void WaitForLockUpTo(int milliseconds);
  sqlite3* db_ = nullptr;
  std::string path_;
  // The device and inode of the file when it was opened; 0 for none.
  uint64_t device_ = 0;
  uint64_t inode_ = 0;
  bool foreign_keys_off_ = false;
  uint32_t mark_ = 0;
  // The wait for the lock and the log's length, where SQLite's callbacks
  // find them.
  struct LockWait;
  std::unique_ptr<LockWait> lock_wait_;
  // Shared with this process's other connections to the file; none for
  // an in-memory database.
  std::shared_ptr<WriteTurns> turns_;
  // The file and its shared-memory index, which no reader of this process
  // may open and close while SQLite holds their locks.
  FileHold hold_;
};

// Owns one prepared statement. Parameters are numbered from 1, columns from
// 0, as in SQLite.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // A value that cannot be bound (larger than SQLite takes, an index the
  // statement does not have) makes the next Step() fail with kDatabase,
  // in every build, and nothing runs.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::span<const uint8_t> blob);
  // Binds text without copying it: `text` must stay alive and unchanged
  // until the statement is reset (Run() resets it).
  Statement& BindUncopied(int index, std::string_view text);
  Statement& BindNull(int index);
  // Binds the value, or NULL when it is empty.
  Statement& Bind(int index, const std::optional<int64_t>& value);

  // Advances: true when a row is ready, false when done. Failures return a
  // kDatabase status (constraint violations among them).
  Result<bool> Step();
  // Steps a statement that returns no rows, then resets it.
  Status Run();
  // Makes the statement ready to run again; bindings are cleared.
  void Reset();

  int64_t ColumnInt(int column) const;
  std::string ColumnText(int column) const;
  std::vector<uint8_t> ColumnBlob(int column) const;
  bool ColumnIsNull(int column) const;
  std::optional<int64_t> ColumnOptionalInt(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  // Keeps the first failed bind's code for Step().
  void Check(int rc);
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  int bind_failure_ = 0;  // SQLITE_OK
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless
// Commit() succeeded. IMMEDIATE takes the write lock at once, so two kiosks
// sharing a file never deadlock halfway through. Begin also fails (and
// holds nothing) when the file was deleted or replaced since it was opened
// (Database::CheckIdentity): nothing is written where it would be lost.
// A background writer's turn is kept until the transaction ends.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db,
                                   Writer writer = Writer::kWaitedOn);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Commits; after a failure the transaction is rolled back by the
  // destructor.
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  // Ends a background step: the turn given back, then the log copied
  // into the file when it has grown long.
  void EndStep();
  Database* db_ = nullptr;
  bool done_ = false;
  bool background_ = false;
};

// Steps `stmt` to its end, making each row a T with `read(stmt)`. Fails
// as Step() does.
template <typename T, typename Read>
Result<std::vector<T>> CollectRows(Statement& stmt, Read read) {
  std::vector<T> rows;
  while (true) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    rows.push_back(read(stmt));
  }
  return rows;
}

}  // namespace entree
