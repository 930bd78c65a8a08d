// The sync server's connection (libpq), shared by the schema and the
// exchange of records. Internal to libentree.
#pragma once

#include <libpq-fe.h>
#include <poll.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "entree/base/status.h"
#include "entree/sync/sync_records.h"

namespace entree {

struct ConnectionClose {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
using Connection = std::unique_ptr<PGconn, ConnectionClose>;
struct ResultClear {
  void operator()(PGresult* result) const { PQclear(result); }
};
using Rows = std::unique_ptr<PGresult, ResultClear>;

// A connection to the sync server; statements with text parameters.
class PgServer {
 public:
  static Result<PgServer> Connect(const std::string& conninfo) {
    Connection conn(PQconnectdb((conninfo + " connect_timeout=5").c_str()));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
      return Status::Localized(
          StatusCode::kIo, "error.sync_offline",
          {conn ? PQerrorMessage(conn.get()) : "out of memory"});
    }
    // The server's notices ("already exists, skipping") are not for users.
    PQsetNoticeProcessor(
        conn.get(), [](void*, const char*) {}, nullptr);
    return PgServer(std::move(conn));
  }

  // Runs `sql` with text parameters; kIo when the connection broke,
  // kDatabase when the server refused.
  Result<Rows> Run(const char* sql,
                   const std::vector<std::string>& params = {}) {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    Rows rows(PQexecParams(conn_.get(), sql, static_cast<int>(values.size()),
                           nullptr, values.data(), nullptr, nullptr, 0));
    ExecStatusType status =
        rows ? PQresultStatus(rows.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return rows;
    std::string why = PQerrorMessage(conn_.get());
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      return Status::Localized(StatusCode::kIo, "error.sync_offline", {why});
    }
    return Status::Database("sync server: " + why);
  }
  // Waits up to `timeout` for a notice on the event's channel
  // (ChannelName) from another session; true when one came.
  Result<bool> AwaitNotice(const std::string& channel,
                           std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      if (!PQconsumeInput(conn_.get())) {
        return Status::Localized(StatusCode::kIo, "error.sync_offline",
                                 {PQerrorMessage(conn_.get())});
      }
      bool ours = false;
      while (PGnotify* notice = PQnotifies(conn_.get())) {
        ours |= channel == notice->relname;
        PQfreemem(notice);
      }
      if (ours) return true;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return false;
      pollfd ready{PQsocket(conn_.get()), POLLIN, 0};
      if (poll(&ready, 1, static_cast<int>(left.count())) < 0 &&
          errno != EINTR) {
        return Status::Io("poll failed");
      }
    }
  }
  // Runs several statements without parameters (a migration).
  Status Script(const char* sql) {
    Rows rows(PQexec(conn_.get(), sql));
    if (rows && PQresultStatus(rows.get()) == PGRES_COMMAND_OK) {
      return Status::Ok();
    }
    return Status::Database(std::string("sync server: ") +
                            PQerrorMessage(conn_.get()));
  }
  Status Exec(const char* sql, const std::vector<std::string>& params = {}) {
    Result<Rows> rows = Run(sql, params);
    return rows.ok() ? Status::Ok() : rows.status();
  }

 private:
  explicit PgServer(Connection conn) : conn_(std::move(conn)) {}
  Connection conn_;
};

// The channel kiosks of `event` (its id, hex) are told of each other's
// pushes on; the notice says which kiosk pushed.
inline std::string ChannelName(const std::string& event) {
  return "entree_" + event;
}

inline std::string Text(PGresult* rows, int row, int column) {
  return PQgetvalue(rows, row, column);
}
// The field as a whole number; 0 for anything else (it never throws).
inline int64_t Number(PGresult* rows, int row, int column) {
  return DecodeNumber(PQgetvalue(rows, row, column)).value_or(0);
}

}  // namespace entree
