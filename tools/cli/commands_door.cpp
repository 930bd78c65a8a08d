// entree token, verify and checkin: badge codes out, scans in.
#include <filesystem>
#include <iostream>
#include <ostream>

#include "cli.h"
#include "entree/badges/qr.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/people/export.h"
#include "entree/scan/image_file.h"
#include "entree/scan/qr_reader.h"

namespace entree::cli {
namespace {

// The code to check: the one argument, or a line from standard input for
// "-".
Result<std::string> CodeArgument(const Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return Status::InvalidArgument(ctx.tr().Get("error.needs_code"));
  }
  std::string code = ctx.args.positional.front();
  if (code == "-") std::getline(std::cin, code);
  return code;
}

// The verdict in words: {0} the guest's name, {1} when they first came in,
// or for not_open when the doors open.
std::string VerdictText(const Catalog& tr, const ScanOutcome& outcome,
                        const DoorSettings& door, const TimeZone& zone) {
  std::string name = GreetingName(outcome, tr.Get("verdict.unknown_guest"));
  std::optional<Instant> when = outcome.verdict == Verdict::kNotOpen
                                    ? door.doors_open_at
                                    : outcome.first_entry;
  std::string time = when ? FormatLocalMarked(*when, zone) : std::string();
  return tr.Format("verdict." + std::string(ToString(outcome.verdict)),
                   {name, time});
}

// Runs one scan through a Door; `record` false for verify.
int Scan(Context& ctx, bool record) {
  auto code = CodeArgument(ctx);
  if (!code.ok()) return ctx.UsageError(ctx.tr().Describe(code.status()));
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  std::optional<FixedClock> fixed;
  if (auto at = ctx.args.Value("at")) {
    auto zone = KnownEventZone(*event);
    if (!zone.ok()) return ctx.Fail(zone.status());
    auto parsed = TimeOption(ctx, "at", *zone);
    if (!parsed.ok()) return ctx.Fail(parsed.status());
    // A missed scan is entered afterwards; one dated ahead would decide
    // every later scan of the badge.
    if (**parsed > ctx.clock->Now() + kClockTolerance) {
      return ctx.Fail(Status::InvalidArgument(
          ctx.tr().Format("error.time_in_future", {"--at", *at})));
    }
    fixed.emplace(**parsed);
  }
  const Clock& clock = fixed ? static_cast<const Clock&>(*fixed) : *ctx.clock;
  if (!event->public_key) {
    return ctx.Fail(Status::Key(ctx.tr().Get("error.no_public_key")));
  }
  if (Status sound = store->CheckDoorTables(); !sound.ok()) {
    return ctx.Fail(sound);
  }
  if (fixed && fixed->Now() < EarliestCheckinFor(*event)) {
    return ctx.Fail(Status::InvalidArgument(ctx.tr().Format(
        "error.time_long_past", {"--at", *ctx.args.Value("at")})));
  }
  Direction direction =
      ctx.args.Flag("exit") ? Direction::kExit : Direction::kEntry;
  Door door(*store, clock, *event, DoorSettingsFor(*event, direction),
            KioskIdOf(ctx));
  if (fixed) door.set_arrival_clock(*ctx.clock);
  auto outcome = door.Scan(*code, /*dry_run=*/!record);
  if (!outcome.ok()) return ctx.Fail(outcome.status());

  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("verdict", ToString(outcome->verdict))
        .Field("reason", ToString(outcome->token))
        .Field("direction", ToString(direction));
    json.Key("attendee");
    if (outcome->attendee) {
      json.BeginObject();
      WriteAttendeeFields(json, *outcome->attendee);
      json.EndObject();
    } else {
      json.Null();
    }
    json.Key("first_entry");
    outcome->first_entry ? json.String(FormatIsoUtc(*outcome->first_entry))
                         : json.Null();
    json.Field("recorded", outcome->recorded);
    json.Key("checkin_id");
    outcome->recorded ? json.String(ToString(outcome->checkin_id))
                      : json.Null();
    json.Key("seats").BeginArray();
    for (const SeatLine& seat : outcome->seats) {
      json.BeginObject()
          .Field("round", seat.round)
          .Field("table", seat.table)
          .Field("title", seat.title)
          .Field("hosting", seat.hosting)
          .Key("hosts")
          .BeginArray();
      for (const std::string& host : seat.hosts) json.String(host);
      json.EndArray().EndObject();
    }
    json.EndArray();
    json.EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << VerdictText(ctx.tr(), *outcome, door.settings(),
                            EventZone(*event))
             << "\n";
    for (const SeatLine& seat : outcome->seats) {
      *ctx.out << "  " << SeatText(seat, ctx.tr()) << "\n";
      if (seat.hosting) break;  // the same table every round
    }
    if (outcome->verdict == Verdict::kInvalid) {
      *ctx.out << ctx.tr().Format("checkin.reason", {ToString(outcome->token)})
               << "\n";
    }
  }
  return ExitCodeFor(outcome->verdict);
}

}  // namespace

int RunToken(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("error.token_needs_attendee"));
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  auto key = ReadSecretKeyFile(ctx.key_path, event->id, event->public_key);
  if (!key.ok()) return ctx.Fail(key.status());
  auto attendee = store->ResolveAttendee(ctx.args.positional.front());
  if (!attendee.ok()) return ctx.Fail(attendee.status());
  std::string kiosk = KioskIdOf(ctx);

  // A new badge is recorded once its QR file (if asked for) is written: a
  // failed output revokes nothing.
  BadgeIssuer issuer(*store, event->id, *key, kiosk);
  auto issued =
      issuer.Plan(attendee->id, ctx.args.Flag("reissue"), ctx.clock->Now());
  if (!issued.ok()) return ctx.Fail(issued.status());
  const std::string& code = issued->code;
  auto qr = EncodeQr(code);
  if (!qr.ok()) return ctx.Fail(qr.status());
  if (auto qr_path = ctx.args.Value("qr")) {
    Status written = WriteOutput(*qr_path, QrToPgm(*qr, 8), *ctx.out);
    if (!written.ok()) return ctx.Fail(written);
  }
  Status recorded = issuer.Record(*issued);
  if (!recorded.ok()) return ctx.Fail(recorded);
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("attendee_id", ToString(attendee->id))
        .Field("name", attendee->FullName())
        .Field("serial", int64_t{issued->badge.serial})
        .Field("code", code)
        .Field("qr_version", qr->version)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << code << "\n";
  }
  return kExitOk;
}

int RunVerify(Context& ctx) { return Scan(ctx, /*record=*/false); }

int RunCheckin(Context& ctx) { return Scan(ctx, /*record=*/true); }

int RunDecode(Context& ctx) {
  if (ctx.args.positional.empty()) {
    return ctx.UsageError(ctx.tr().Get("error.decode_needs_image"));
  }
  JsonWriter json;
  json.BeginArray();
  int found_any = 0;
  for (const std::string& path : ctx.args.positional) {
    auto image = LoadImageFile(path);
    if (!image.ok()) return ctx.Fail(image.status());
    std::vector<FoundCode> codes = ReadQrCodes(*image, ReadEffort::kThorough);
    found_any += static_cast<int>(codes.size());
    if (ctx.json) {
      json.BeginObject().Field("file", path).Key("codes").BeginArray();
      for (const FoundCode& code : codes) json.String(code.text);
      json.EndArray().EndObject();
      continue;
    }
    for (const FoundCode& code : codes) {
      *ctx.out << path << ": " << code.text << "\n";
    }
    if (codes.empty()) {
      *ctx.err << "entree: " << ctx.tr().Format("decode.none", {path}) << "\n";
    }
  }
  json.EndArray();
  if (ctx.json) *ctx.out << json.str() << "\n";
  return found_any > 0 ? kExitOk : kExitNotFound;
}

}  // namespace entree::cli
