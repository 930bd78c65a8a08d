// entree init and entree keygen: creating the event and its signing key.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"
#include "entree/codes/staff_pin.h"

namespace entree::cli {
namespace {

// Creates the event and its tables in one transaction.
Status CreateEventIn(const std::string& path, const Event& event,
                     const std::vector<std::string>& tables) {
  ENTREE_ASSIGN_OR_RETURN(auto store, Store::Open(path));
  auto tx = store.Begin();
  if (!tx.ok()) return tx.status();
  ENTREE_RETURN_IF_ERROR(store.CreateEvent(event));
  for (const std::string& table : tables) {
    ENTREE_RETURN_IF_ERROR(store.UpsertTable({table, 0, ""}));
  }
  return tx->Commit();
}

}  // namespace

int RunInit(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  auto name = ctx.args.Value("name");
  if (!name || name->empty()) {
    return ctx.UsageError(ctx.tr().Get("error.init_needs_name"));
  }
  Event event;
  event.id = NewEventId();
  event.name = *name;
  event.venue = ctx.args.Value("venue").value_or("");
  event.locale = "nl";
  event.time_zone = TimeZone::MachineZoneName();
  if (Status read = ReadLocaleAndTimes(ctx, event); !read.ok()) {
    return ctx.Fail(read);
  }

  std::filesystem::path db_path(ctx.db_path);
  std::error_code ignored;
  if (db_path.has_parent_path()) {
    std::filesystem::create_directories(db_path.parent_path(), ignored);
  }
  bool existed = std::filesystem::exists(db_path);
  if (!existed) {
    // The file holds guests' names and emails: readable by its owner only
    // (SQLite gives its journals the file's mode).
    int fd = ::open(ctx.db_path.c_str(),
                    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) ::close(fd);
  }
  Status status = CreateEventIn(ctx.db_path, event, ctx.args.Values("table"));
  if (!status.ok()) {
    if (!existed) {
      // Leave no half-made database behind.
      for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(ctx.db_path + suffix, ignored);
      }
    }
    return ctx.Fail(status);
  }
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("event_id", ToString(event.id))
        .Field("name", event.name)
        .Field("database", ctx.db_path)
        .Field("time_zone", event.time_zone)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("init.done",
                                {event.name, ctx.db_path, ToString(event.id)})
             << "\n"
             << ctx.tr().Format(ctx.args.Value("timezone")
                                    ? "init.zone"
                                    : "init.zone_machine",
                                {event.time_zone})
             << "\n";
  }
  return kExitOk;
}

int RunKeygen(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  bool replace = ctx.args.Flag("replace");
  if (event->public_key && !replace) {
    return ctx.Fail(Status::AlreadyExists(ctx.tr().Get("error.key_exists")));
  }
  if (replace) {
    std::error_code ignored;
    std::filesystem::remove(ctx.key_path, ignored);
  }
  KeyPair keys = GenerateKeyPair();
  Status written = WriteSecretKeyFile(ctx.key_path, event->id, keys.secret_key);
  if (!written.ok()) return ctx.Fail(written);
  event->public_key = keys.public_key;
  Status saved = store->UpdateEvent(*event);
  if (!saved.ok()) {
    std::error_code ignored;
    std::filesystem::remove(ctx.key_path, ignored);
    return ctx.Fail(saved);
  }
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("secret_key_file", ctx.key_path)
        .Field("event_id", ToString(event->id))
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("keygen.done", {ctx.key_path}) << "\n";
  }
  return kExitOk;
}

int RunPin(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("error.pin_needs_pin"));
  }
  std::string pin = ctx.args.positional.front();
  if (pin == "-") std::getline(std::cin, pin);
  auto hash = HashStaffPin(pin);
  if (!hash.ok()) return ctx.Fail(hash.status());
  *ctx.out << *hash << "\n";
  return kExitOk;
}

}  // namespace entree::cli
