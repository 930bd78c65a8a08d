// entree server init and entree sync: the PostgreSQL server several kiosks
// share.
#include <cstdlib>
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_schema.h"
#include "entree/sync/sync_server.h"

namespace entree::cli {

std::optional<std::string> ServerOption(const Context& ctx) {
  if (auto server = ctx.args.Value("server")) return server;
  if (const char* env = std::getenv("ENTREE_SERVER"); env && *env) {
    return std::string(env);
  }
  return std::nullopt;
}

std::string KioskIdOf(const Context& ctx) {
  if (auto kiosk = ctx.args.Value("kiosk")) return *kiosk;
  auto device = ReadDeviceLogin(ctx.db_path);
  if (device.ok() && *device) return (*device)->name;
  return std::string(kCliKioskId);
}

int RunServer(Context& ctx) {
  auto server = ServerOption(ctx);
  if (ctx.args.positional != std::vector<std::string>{"init"} || !server) {
    return ctx.UsageError(ctx.tr().Get("error.server_needs_init"));
  }
  Status status = InitSyncServer(*server);
  if (!status.ok()) return ctx.Fail(status);
  *ctx.out << ctx.tr().Get("sync.server_ready") << "\n";
  return kExitOk;
}

int RunSync(Context& ctx) {
  auto server = ServerOption(ctx);
  // A database that joined as a device syncs with its own login, under
  // its own name, whatever ENTREE_SERVER says: the server checks the
  // device (its copies, its purges) by that login.
  auto device = ReadDeviceLogin(ctx.db_path);
  if (!device.ok()) return ctx.Fail(device.status());
  if (*device) {
    if (ctx.args.Value("server")) {
      return ctx.UsageError(ctx.tr().Format("error.sync_device_login",
                                            {ctx.db_path, (*device)->name}));
    }
    server = (*device)->conninfo;
  }
  if (!ctx.args.positional.empty() || !server) {
    return ctx.UsageError(ctx.tr().Get("error.sync_needs_server"));
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  std::string kiosk = KioskIdOf(ctx);
  auto report = SyncOnce(*store, *server, kiosk, ctx.clock->Now());
  if (!report.ok()) return ctx.Fail(report.status());
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("pushed", report->pushed)
        .Field("pulled", report->pulled)
        .Field("waiting", report->waiting)
        .Field("cursor", report->cursor)
        .Field("set_aside", report->refused)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("sync.done", {std::to_string(report->pushed),
                                              std::to_string(report->pulled),
                                              std::to_string(report->waiting)})
             << "\n";
    if (report->refused > 0) {
      *ctx.err << "entree: "
               << ctx.tr().Format("sync.set_aside",
                                  {std::to_string(report->refused)})
               << "\n";
    }
  }
  return kExitOk;
}

int RunConflicts(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto conflicts = store->Conflicts();
  if (!conflicts.ok()) return ctx.Fail(conflicts.status());
  JsonWriter json;
  json.BeginArray();
  TimeZone zone = ZoneOf(*store);
  for (const Conflict& conflict : *conflicts) {
    auto who = store->GetAttendee(conflict.first.attendee_id);
    std::string name = who.ok() ? who->FullName() : "?";
    if (ctx.json) {
      json.BeginObject()
          .Field("attendee_id", ToString(conflict.first.attendee_id))
          .Field("name", name)
          .Field("first_kiosk", conflict.first.kiosk_id)
          .Field("first_at", FormatIsoUtc(conflict.first.at))
          .Field("second_kiosk", conflict.second.kiosk_id)
          .Field("second_at", FormatIsoUtc(conflict.second.at))
          .EndObject();
      continue;
    }
    *ctx.out << ctx.tr().Format(
                    "sync.conflict",
                    {name, conflict.first.kiosk_id,
                     FormatLocal(conflict.first.at, zone).substr(11, 8),
                     conflict.second.kiosk_id,
                     FormatLocal(conflict.second.at, zone).substr(11, 8)})
             << "\n";
  }
  // World Café tables made too full by doors that could not see each
  // other (in JSON, entries with a table instead of an attendee).
  auto overfull = store->OverfullTables();
  if (!overfull.ok()) return ctx.Fail(overfull.status());
  for (const Store::Overfull& o : *overfull) {
    json.BeginObject()
        .Field("table", o.table)
        .Field("round", int64_t{o.round})
        .Field("people", int64_t{o.people})
        .Field("capacity", int64_t{o.capacity})
        .EndObject();
  }
  json.EndArray();
  if (ctx.json) {
    *ctx.out << json.str() << "\n";
    return kExitOk;
  }
  for (const Store::Overfull& o : *overfull) {
    *ctx.out << ctx.tr().Format(
                    "sync.overfull",
                    {o.table, std::to_string(o.round), std::to_string(o.people),
                     std::to_string(o.capacity)})
             << "\n";
  }
  if (conflicts->empty() && overfull->empty()) {
    *ctx.out << ctx.tr().Get("sync.no_conflicts") << "\n";
  }
  return kExitOk;
}

}  // namespace entree::cli
