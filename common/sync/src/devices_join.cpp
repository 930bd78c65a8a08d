// Devices on their own side: reading a setup code, joining the event into
// a new database, and the device's login kept beside it.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "device_codes.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_server.h"
#include "sync_connection.h"

namespace entree {
namespace {

constexpr std::string_view kSetupPrefix = "ENTREE-SETUP ";

// The server turned the code away: a login that failed (used, expired or
// mistyped: the server does not say which), or a revoked device.
Status Refused() {
  return Status::Localized(StatusCode::kKey, "error.setup_code_refused", {});
}

Result<Event> EventFromServer(PgServer& server) {
  ENTREE_ASSIGN_OR_RETURN(
      auto rows,
      server.Run("SELECT event_id, name, venue, coalesce(starts_at::text, ''), "
                 "coalesce(ends_at::text, ''), "
                 "coalesce(doors_open_at::text, ''), locale, public_key, "
                 "data_keeper, keep_days, accent, time_zone FROM events"));
  PGresult* r = rows.get();
  if (PQntuples(r) != 1) return Refused();
  Event event;
  auto id = ParseEventId(Text(r, 0, 0));
  auto key = FromHex(Text(r, 0, 7));
  if (!id || !key || key->size() != 32) {
    return Status::Database("the server's event does not decode");
  }
  event.id = *id;
  event.name = Text(r, 0, 1);
  event.venue = Text(r, 0, 2);
  auto at = [&](int column) -> std::optional<Instant> {
    auto ms = DecodeNumber(PQgetvalue(r, 0, column));
    if (!ms) return std::nullopt;
    return FromMillis(*ms);
  };
  event.starts_at = at(3);
  event.ends_at = at(4);
  event.doors_open_at = at(5);
  event.locale = Text(r, 0, 6);
  std::array<uint8_t, 32> public_key{};
  std::copy(key->begin(), key->end(), public_key.begin());
  event.public_key = public_key;
  event.data_keeper = Text(r, 0, 8);
  event.keep_days = static_cast<int>(Number(r, 0, 9));
  event.accent = ParseColour(Text(r, 0, 10));
  // A zone this box's database lacks is refused now, not shown as UTC.
  event.time_zone = Text(r, 0, 11);
  if (!event.time_zone.empty() && !TimeZone::Named(event.time_zone).ok()) {
    return TimeZone::Named(event.time_zone).status();
  }
  return event;
}

Result<std::string> LogoFromServer(PgServer& server) {
  ENTREE_ASSIGN_OR_RETURN(auto rows, server.Run("SELECT logo FROM events"));
  if (PQntuples(rows.get()) != 1) return std::string();
  auto logo = FromBase64(Text(rows.get(), 0, 0));
  if (!logo) return Status::Database("the server's logo does not decode");
  return *logo;
}

// Writes the login file readable by its owner alone, whole or not at all.
Status WriteLogin(const std::string& path, const DeviceLogin& login) {
  std::string text = "conninfo = " + login.conninfo + "\nname = " + login.name +
                     "\nrole = " + std::string(ToString(login.role)) + "\n";
  std::string temp = path + ".new";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Io("cannot write " + temp);
  bool written = ::write(fd, text.data(), text.size()) ==
                     static_cast<ssize_t>(text.size()) &&
                 ::fsync(fd) == 0;
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    return Status::Io("cannot write " + path);
  }
  return Status::Ok();
}

// Removes what a join that did not finish had made.
void RemoveDatabaseFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ignored;
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

std::string DeviceLoginPath(const std::string& database) {
  return database + ".device";
}

Result<std::optional<DeviceLogin>> ReadDeviceLogin(
    const std::string& database) {
  std::string path = DeviceLoginPath(database);
  std::ifstream in(path);
  if (!in) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      return std::optional<DeviceLogin>();
    }
    return Status::Io("cannot read " + path);
  }
  DeviceLogin login;
  std::string line;
  bool role_known = false;
  while (std::getline(in, line)) {
    size_t equals = line.find(" = ");
    if (equals == std::string::npos) continue;
    std::string key = line.substr(0, equals);
    std::string value = line.substr(equals + 3);
    if (key == "conninfo") login.conninfo = value;
    if (key == "name") login.name = value;
    if (key == "role") {
      auto role = ParseDeviceRole(value);
      role_known = role.has_value();
      login.role = role.value_or(DeviceRole::kDoor);
    }
  }
  if (login.conninfo.empty() || login.name.empty() || !role_known) {
    return Status::Io(path + " is not a device login");
  }
  return std::optional<DeviceLogin>(std::move(login));
}

Status ParseSetupCode(std::string_view text, std::string& code,
                      std::string& address) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.starts_with(kSetupPrefix)) {
    text.remove_prefix(kSetupPrefix.size());
    size_t space = text.find(' ');
    if (space == std::string_view::npos) {
      return Status::Localized(StatusCode::kInvalidArgument,
                               "error.setup_code_form", {});
    }
    address = std::string(text.substr(space + 1));
    text = text.substr(0, space);
  }
  auto secret = DeviceSecretOf(text);
  if (!secret) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.setup_code_form", {});
  }
  code = secret->code;
  return Status::Ok();
}

Result<DeviceLogin> JoinEvent(const std::string& address, std::string_view code,
                              const std::string& database, Instant now) {
  auto secret = DeviceSecretOf(code);
  if (!secret) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.setup_code_form", {});
  }
  std::error_code error;
  std::filesystem::path folder = std::filesystem::path(database).parent_path();
  if (folder.empty()) folder = ".";
  if (!std::filesystem::is_directory(folder, error)) {
    return Status::Localized(StatusCode::kIo, "error.join_no_folder",
                             {folder.string()});
  }
  for (const std::string& path :
       {database, database + ".key", DeviceLoginPath(database)}) {
    if (std::filesystem::exists(path, error) || error) {
      return Status::Localized(StatusCode::kAlreadyExists,
                               "error.join_database_exists", {path});
    }
  }
  std::string with_code =
      WithKeyword(WithKeyword(address, "user", secret->login), "password",
                  secret->password);
  auto server = PgServer::Connect(with_code);
  if (!server.ok()) {
    const std::string& why = server.status().message();
    if (why.find("password authentication failed") != std::string::npos ||
        why.find("does not exist") != std::string::npos) {
      return Refused();
    }
    return server.status();
  }
  ENTREE_ASSIGN_OR_RETURN(
      auto state,
      server->Run("SELECT name, role, revoked FROM entree_device_state()"));
  if (PQntuples(state.get()) != 1 || Text(state.get(), 0, 2) == "t") {
    return Refused();
  }
  DeviceLogin login;
  login.name = Text(state.get(), 0, 0);
  login.role =
      ParseDeviceRole(Text(state.get(), 0, 1)).value_or(DeviceRole::kDoor);
  ENTREE_ASSIGN_OR_RETURN(Event event, EventFromServer(*server));
  ENTREE_ASSIGN_OR_RETURN(std::string logo, LogoFromServer(*server));

  // Everything is fetched into a file of its own, put in place only once
  // the code is spent. Locked while in use (and for its owner alone: it
  // holds guests' names), so two joins into one path cannot both go on;
  // one left by a join that died (a pulled plug) holds no lock, and is
  // started afresh.
  std::string temp = database + ".joining";
  int claim =
      ::open(temp.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (claim < 0 && errno != ELOOP && errno != EEXIST) {
    // A read-only or closed folder, a full disk: said as it is.
    return Status::Localized(StatusCode::kIo, "error.cannot_write",
                             {temp, std::strerror(errno)});
  }
  if (claim < 0 || ::flock(claim, LOCK_EX | LOCK_NB) != 0) {
    if (claim >= 0) ::close(claim);
    return Status::Localized(StatusCode::kAlreadyExists,
                             "error.join_database_exists", {temp});
  }
  struct Release {
    int fd;
    ~Release() { ::close(fd); }
  } release{claim};
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    std::error_code ignored;
    std::filesystem::remove(temp + suffix, ignored);
  }
  if (::ftruncate(claim, 0) != 0 || ::fchmod(claim, 0600) != 0) {
    return Status::Io("cannot start " + temp + " afresh");
  }
  Status status = [&]() -> Status {
    ENTREE_ASSIGN_OR_RETURN(Store store, Store::Open(temp));
    ENTREE_RETURN_IF_ERROR(store.CreateEvent(event));
    if (!logo.empty()) ENTREE_RETURN_IF_ERROR(store.SetEventLogo(logo));
    ENTREE_ASSIGN_OR_RETURN(auto synced,
                            SyncOnce(store, with_code, login.name, now));
    (void)synced;
    return Status::Ok();
  }();
  if (!status.ok()) {
    RemoveDatabaseFiles(temp);
    return status;
  }
  // The code is spent: from here the device logs in with its own password.
  std::string password = NewDevicePassword();
  auto joined = server->Run("SELECT entree_join($1)", {password});
  if (!joined.ok()) {
    RemoveDatabaseFiles(temp);
    // Used or expired meanwhile, or revoked ("entree:..." from the server).
    bool refused =
        joined.status().message().find("entree:") != std::string::npos;
    return refused ? Refused() : joined.status();
  }
  login.conninfo = WithKeyword(WithKeyword(address, "user", secret->login),
                               "password", password);
  if (login.role != DeviceRole::kDoor) {
    auto key = OpenSealedKey(Text(joined->get(), 0, 0), secret->password);
    if (!key) {
      status = Status::Localized(StatusCode::kKey, "error.sealed_key", {});
    } else {
      status = WriteSecretKeyFile(database + ".key", event.id, *key);
    }
  }
  if (status.ok()) status = WriteLogin(DeviceLoginPath(database), login);
  // Put in place without replacing a file that appeared meanwhile.
  if (status.ok() && ::link(temp.c_str(), database.c_str()) != 0) {
    status = Status::Io("cannot move the new database to " + database);
  }
  RemoveDatabaseFiles(temp);
  if (!status.ok()) return status;
  return login;
}

}  // namespace entree
