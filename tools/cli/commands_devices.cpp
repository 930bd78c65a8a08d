// entree device: adding kiosk boxes to the event with a setup code,
// listing and revoking them, and joining an event as one.
#include <cstdlib>
#include <ostream>

#include "cli.h"
#include "entree/badges/qr.h"
#include "entree/base/atomic_file.h"
#include "entree/base/json.h"
#include "entree/codes/badge_token.h"
#include "entree/sync/devices.h"
#include "entree/sync/sync_server.h"

namespace entree::cli {
namespace {

std::string When(const std::optional<Instant>& at, const TimeZone& zone) {
  return at ? FormatLocal(*at, zone).substr(0, 16) : std::string("-");
}

int Add(Context& ctx, const std::string& admin) {
  if (ctx.args.positional.size() != 2) {
    return ctx.UsageError(ctx.tr().Get("error.device_add_usage"));
  }
  DeviceRequest request;
  request.name = ctx.args.positional[1];
  auto role = ParseDeviceRole(ctx.args.Value("role").value_or(""));
  if (!role) return ctx.UsageError(ctx.tr().Get("error.device_add_usage"));
  request.role = *role;
  auto hours = IntOption(ctx, "valid", 24, 1, 720);
  if (!hours.ok()) return ctx.Fail(hours.status());
  request.valid_for = std::chrono::hours(*hours);
  request.address = ctx.args.Value("address").value_or("");
  std::string qr_path = OutputPath(ctx);
  if (qr_path.empty()) qr_path = request.name + "-setup.png";

  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  // An output that cannot be written (one of the event's own files, a
  // device, a folder) is refused before any device is made.
  if (qr_path != "-") {
    auto target = AtomicFile::Create(qr_path);
    if (!target.ok()) return ctx.Fail(target.status());
  }
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  if (request.role != DeviceRole::kDoor) {
    auto key = ReadSecretKeyFile(ctx.key_path, event->id, event->public_key);
    if (!key.ok()) return ctx.Fail(key.status());
    request.secret_key = *key;
  }
  // The guests go to the server first, for the device to fetch.
  auto synced =
      SyncOnce(*store, admin, std::string(kCliKioskId), ctx.clock->Now());
  if (!synced.ok()) return ctx.Fail(synced.status());
  auto setup = AddDevice(*store, admin, request, ctx.clock->Now());
  if (!setup.ok()) return ctx.Fail(setup.status());
  auto qr = EncodeQr(setup->qr_text);
  auto png = qr.ok() ? QrToPng(*qr, 8) : Result<std::string>(qr.status());
  Status written =
      png.ok() ? WriteOutput(qr_path, *png, *ctx.out) : png.status();
  if (!written.ok()) {
    // The device exists; without its picture the code is still typed.
    *ctx.err << "entree: " << written.message() << "\n";
  }
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("name", request.name)
        .Field("role", ToString(request.role))
        .Field("code", setup->code)
        .Field("qr_text", setup->qr_text)
        .Field("qr_png", written.ok() ? qr_path : std::string())
        .Field("expires_at", FormatIsoUtc(setup->expires_at))
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out
        << ctx.tr().Format(
               "device.added",
               {request.name, setup->code,
                FormatLocal(setup->expires_at, ZoneOf(*store)).substr(0, 16),
                written.ok() ? qr_path : "-"})
        << "\n";
  }
  return written.ok() ? kExitOk : ExitCodeFor(written);
}

int List(Context& ctx, const std::string& admin) {
  if (ctx.args.positional.size() != 1) return ctx.NeedsNoArguments();
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  auto devices = ListDevices(admin, event->id);
  if (!devices.ok()) return ctx.Fail(devices.status());
  Instant now = ctx.clock->Now();
  TimeZone zone = EventZone(*event);
  JsonWriter json;
  json.BeginArray();
  for (const DeviceSeen& d : *devices) {
    std::string state = d.revoked_at         ? "revoked"
                        : d.joined_at        ? "joined"
                        : d.expires_at < now ? "code_expired"
                                             : "waiting";
    if (ctx.json) {
      json.BeginObject()
          .Field("name", d.name)
          .Field("role", ToString(d.role))
          .Field("state", state)
          .Field("last_contact",
                 d.last_contact ? FormatIsoUtc(*d.last_contact) : "")
          .Field("waiting", d.waiting)
          .Field("event_purged", d.event_purged)
          .Field("purge_confirmed_at", d.purge_confirmed_at
                                           ? FormatIsoUtc(*d.purge_confirmed_at)
                                           : "")
          .EndObject();
      continue;
    }
    *ctx.out << ctx.tr().Format(
        "device.line", {d.name, std::string(ToString(d.role)),
                        std::string(ctx.tr().Get("device.state_" + state)),
                        When(d.last_contact, zone), std::to_string(d.waiting)});
    if (d.event_purged) {
      *ctx.out << "  "
               << (d.purge_confirmed_at
                       ? ctx.tr().Format("device.purge_confirmed",
                                         {When(d.purge_confirmed_at, zone)})
                       : std::string(ctx.tr().Get("device.purge_waiting")));
    }
    *ctx.out << "\n";
  }
  json.EndArray();
  if (ctx.json) *ctx.out << json.str() << "\n";
  if (!ctx.json && devices->empty()) {
    *ctx.out << ctx.tr().Get("device.none") << "\n";
  }
  return kExitOk;
}

int Revoke(Context& ctx, const std::string& admin) {
  if (ctx.args.positional.size() != 2) {
    return ctx.UsageError(ctx.tr().Get("error.device_revoke_usage"));
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  Status revoked = RevokeDevice(admin, event->id, ctx.args.positional[1]);
  if (!revoked.ok()) return ctx.Fail(revoked);
  *ctx.out << ctx.tr().Format("device.revoked", {ctx.args.positional[1]})
           << "\n";
  return kExitOk;
}

int Join(Context& ctx) {
  if (ctx.args.positional.size() != 2) {
    return ctx.UsageError(ctx.tr().Get("error.device_join_usage"));
  }
  std::string code;
  std::string address = ctx.args.Value("address").value_or("");
  Status parsed = ParseSetupCode(ctx.args.positional[1], code, address);
  if (!parsed.ok()) return ctx.Fail(parsed);
  if (address.empty()) {
    return ctx.UsageError(ctx.tr().Get("error.device_join_usage"));
  }
  auto joined = JoinEvent(address, code, ctx.db_path, ctx.clock->Now());
  if (!joined.ok()) return ctx.Fail(joined.status());
  auto store = ctx.OpenStore();
  auto event = store.ok() ? store->GetEvent() : Result<Event>(store.status());
  auto guests = store.ok() ? store->ListAttendees()
                           : Result<std::vector<Attendee>>(store.status());
  *ctx.out << ctx.tr().Format("device.joined",
                              {joined->name, event.ok() ? event->name : "?",
                               std::to_string(guests.ok() ? guests->size() : 0),
                               ctx.db_path})
           << "\n";
  return kExitOk;
}

}  // namespace

int RunDevice(Context& ctx) {
  const auto& words = ctx.args.positional;
  std::string verb = words.empty() ? "" : words[0];
  if (verb == "join") return Join(ctx);
  if (verb != "add" && verb != "list" && verb != "revoke") {
    return ctx.UsageError(ctx.tr().Get("error.device_usage"));
  }
  auto admin = ServerOption(ctx);
  if (!admin) return ctx.UsageError(ctx.tr().Get("error.device_needs_server"));
  if (verb == "add") return Add(ctx, *admin);
  if (verb == "list") return List(ctx, *admin);
  return Revoke(ctx, *admin);
}

}  // namespace entree::cli
