// The base module: the vocabulary every other module speaks, and nothing
// that touches a database, a picture library or a server.
//
// - status.h: Status and Result<T>, how every fallible call reports
//   failure; ENTREE_RETURN_IF_ERROR and ENTREE_ASSIGN_OR_RETURN.
// - model.h: the records (Event, Attendee, Badge, CheckinRecord, ...).
// - catalog.h: the translation catalogs (Dutch, English) and languages.
// - text.h, csv.h, json.h, base32.h: text handling and file formats.
// - clock.h, uuid.h: time (a clock tests can set) and identifiers.
// - atomic_file.h: writing a file so that it is whole or not there.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace entree {

// The class of a failure. Each maps to one CLI exit code (see tools/cli).
enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller's input is wrong (bad flag, bad CSV, ...)
  kNotFound,         // the thing asked for does not exist
  kAlreadyExists,    // creating something that is there already
  kDatabase,         // SQLite failed or the file is not an Entree database
  kKey,              // a key file is missing, unreadable or too open
  kIo,               // a file could not be read or written
};

// The outcome of an operation: ok, or a code with a human-readable message.
// The message is English for logs; user-facing text comes from the catalog.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(StatusCode::kInvalidArgument, std::string(msg));
  }
  static Status NotFound(std::string_view msg) {
    return Status(StatusCode::kNotFound, std::string(msg));
  }
  static Status AlreadyExists(std::string_view msg) {
    return Status(StatusCode::kAlreadyExists, std::string(msg));
  }
  static Status Database(std::string_view msg) {
    return Status(StatusCode::kDatabase, std::string(msg));
  }
  static Status Key(std::string_view msg) {
    return Status(StatusCode::kKey, std::string(msg));
  }
  static Status Io(std::string_view msg) {
    return Status(StatusCode::kIo, std::string(msg));
  }

  // A failure a user may see: `key` names its text in the catalogs
  // (assets/i18n, see Catalog::Describe) and `args` fill the text's {0},
  // {1}, ...; message() is the English text.
  static Status Localized(StatusCode code, std::string key,
                          std::vector<std::string> args);

  bool ok() const { return code_ == StatusCode::kOk; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Empty for failures without a catalog text (technical details).
  const std::string& text_key() const { return text_key_; }
  const std::vector<std::string>& text_args() const { return text_args_; }

 private:
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string text_key_;
  std::vector<std::string> text_args_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "a Result without a value needs a failure");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // Precondition: ok().
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace entree

// Returns the Status of `expr` from the enclosing function when it failed.
#define ENTREE_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::entree::Status entree_status_ = (expr);        \
    if (!entree_status_.ok()) return entree_status_; \
  } while (0)

// Declares `decl` from the value of the Result `expr`, or returns its
// Status from the enclosing function when it failed:
//   ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
#define ENTREE_ASSIGN_OR_RETURN(decl, expr) \
  ENTREE_ASSIGN_OR_RETURN_(ENTREE_CONCAT_(entree_result_, __LINE__), decl, expr)
#define ENTREE_ASSIGN_OR_RETURN_(result, decl, expr) \
  auto result = (expr);                              \
  if (!result.ok()) return result.status();          \
  decl = std::move(result).value()
#define ENTREE_CONCAT_(a, b) ENTREE_CONCAT_INNER_(a, b)
#define ENTREE_CONCAT_INNER_(a, b) a##b
