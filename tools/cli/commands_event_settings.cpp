// entree event: shows the event, or changes how it is named, dated and
// shown (logo, accent colour, privacy notice).
#include <cerrno>
#include <cstring>
#include <iostream>
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/drawing/logo.h"

namespace entree::cli {
namespace {

// The bytes of the logo file `path`, checked to be a PNG or SVG that can
// be drawn (see entree::ReadLogoFile for what is read).
Result<std::string> ReadLogo(const Context& ctx, const std::string& path) {
  Result<std::string> read = ReadLogoFile(path);
  if (!read.ok() && read.status().text_key() == "error.input_is_event_file") {
    return read.status();
  }
  if (!read.ok() && read.status().code() == StatusCode::kIo) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.cannot_read",
                             {path, read.status().message()});
  }
  std::string bytes = read.ok() ? std::move(read).value() : std::string();
  // A logo must show: checked by drawing it small.
  if (!read.ok() || !RenderLogo(bytes, 64, 64).ok()) {
    return Status::InvalidArgument(path + ": " +
                                   std::string(ctx.tr().Get("error.bad_logo")));
  }
  return bytes;
}

std::string When(const std::optional<Instant>& t, const TimeZone& zone) {
  return t ? FormatLocalMarked(*t, zone) : std::string();
}

void PrintEvent(const Context& ctx, const Event& event, size_t logo_bytes) {
  TimeZone zone = EventZone(event);
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("event_id", ToString(event.id))
        .Field("name", event.name)
        .Field("venue", event.venue)
        .Field("starts", When(event.starts_at, zone))
        .Field("ends", When(event.ends_at, zone))
        .Field("doors_open", When(event.doors_open_at, zone))
        .Field("locale", event.locale)
        .Field("time_zone", zone.name())
        .Field("data_keeper", event.data_keeper)
        .Field("keep_days", event.keep_days)
        .Field("accent", event.accent ? ColourToString(*event.accent) : "")
        .Field("logo_bytes", static_cast<int64_t>(logo_bytes))
        .EndObject();
    *ctx.out << json.str() << "\n";
    return;
  }
  const Catalog& tr = ctx.tr();
  auto line = [&](std::string_view key, const std::string& value) {
    *ctx.out << tr.Get(key) << ": " << (value.empty() ? "-" : value) << "\n";
  };
  line("event.name", event.name);
  line("event.venue", event.venue);
  line("event.starts", When(event.starts_at, zone));
  line("event.ends", When(event.ends_at, zone));
  line("event.doors_open", When(event.doors_open_at, zone));
  line("event.locale", event.locale);
  line("event.time_zone",
       event.time_zone.empty() ? zone.name() : event.time_zone);
  line("event.data_keeper", event.data_keeper);
  line("event.keep_days",
       event.keep_days > 0 ? std::to_string(event.keep_days) : "");
  line("event.accent", event.accent ? ColourToString(*event.accent) : "");
  line("event.logo", logo_bytes > 0 ? tr.Format("event.logo_bytes",
                                                {std::to_string(logo_bytes)})
                                    : "");
}

// Applies the options given to `event`; the logo's new bytes (or "" to
// remove it) in `logo` when --logo is given.
Status ApplyOptions(const Context& ctx, Event& event,
                    std::optional<std::string>& logo) {
  const Catalog& tr = ctx.tr();
  if (auto name = ctx.args.Value("name")) {
    if (name->empty()) {
      return Status::InvalidArgument(
          std::string(tr.Get("error.init_needs_name")));
    }
    event.name = *name;
  }
  if (auto venue = ctx.args.Value("venue")) event.venue = *venue;
  ENTREE_RETURN_IF_ERROR(ReadLocaleAndTimes(ctx, event));
  if (auto keeper = ctx.args.Value("data-keeper")) {
    event.data_keeper = *keeper;
  }
  ENTREE_ASSIGN_OR_RETURN(
      event.keep_days, IntOption(ctx, "keep-days", event.keep_days, 0, 3650));
  if (auto accent = ctx.args.Value("accent")) {
    if (*accent == "none") {
      event.accent.reset();
    } else if (auto colour = ParseColour(*accent)) {
      event.accent = colour;
    } else {
      return Status::InvalidArgument(tr.Format("error.bad_colour", {*accent}));
    }
  }
  if (auto path = ctx.args.Value("logo")) {
    if (*path == "none") {
      logo = std::string();
    } else {
      ENTREE_ASSIGN_OR_RETURN(logo, ReadLogo(ctx, *path));
    }
  }
  return Status::Ok();
}

// A zone change once guests have been let in changes the clock times every
// list shows for them: refused without --yes, saying what it would change.
Status AskZoneChange(Store& store, const Event& before, const Event& after) {
  ENTREE_ASSIGN_OR_RETURN(int64_t checkins,
                          store.Number("SELECT count(*) FROM checkin"));
  if (checkins == 0) return Status::Ok();
  ENTREE_ASSIGN_OR_RETURN(int64_t first_ms,
                          store.Number("SELECT min(at) FROM checkin"));
  TimeZone from = EventZone(before), to = EventZone(after);
  // One check-in as an example: the shift differs across a clock change.
  Instant first = FromMillis(first_ms);
  std::string doors = after.doors_open_at
                          ? FormatLocalMarked(*after.doors_open_at, to)
                          : std::string("-");
  return Status::Localized(
      StatusCode::kInvalidArgument, "error.zone_change_confirm",
      {std::to_string(checkins), from.name(), to.name(),
       FormatLocalMarked(first, from), FormatLocalMarked(first, to), doors});
}

}  // namespace

int RunEvent(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  bool changes = false;
  for (const char* option :
       {"name", "venue", "starts", "ends", "doors-open", "locale", "timezone",
        "data-keeper", "keep-days", "accent", "logo"}) {
    changes = changes || ctx.args.Value(option).has_value();
  }
  if (changes) {
    // Everything is checked before anything is written, and written in one
    // transaction: a command that fails changes nothing. The event is read
    // again under the write lock, so two changes at once are made one after
    // the other and neither is lost.
    auto tx = store->Begin();
    if (!tx.ok()) return ctx.Fail(tx.status());
    event = store->GetEvent();
    if (!event.ok()) return ctx.Fail(event.status());
    std::optional<std::string> logo;
    std::string zone_before = EventZone(*event).name();
    Event before = *event;
    Status applied = ApplyOptions(ctx, *event, logo);
    if (!applied.ok()) return ctx.Fail(applied);
    if (EventZone(*event).name() != zone_before && !ctx.args.Flag("yes")) {
      Status asked = AskZoneChange(*store, before, *event);
      if (!asked.ok()) return ctx.Fail(asked);
    }
    Status saved = store->UpdateEvent(*event);
    if (saved.ok() && logo) saved = store->SetEventLogo(*logo);
    if (saved.ok()) saved = tx->Commit();
    if (!saved.ok()) return ctx.Fail(saved);
  }
  auto logo = store->GetEventLogo();
  if (!logo.ok()) return ctx.Fail(logo.status());
  PrintEvent(ctx, *event, logo->size());
  return kExitOk;
}

}  // namespace entree::cli
