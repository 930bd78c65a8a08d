// entree report, purge and person: the organiser's report and the guests'
// privacy.
#include <optional>
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/invites/invitations.h"
#include "entree/people/export.h"
#include "entree/reports/report.h"
#include "entree/sync/devices.h"

namespace entree::cli {
namespace {

// --interval: 5 or 15 minutes, or 0 to choose by the arrivals' span.
Result<std::chrono::minutes> IntervalOption(const Context& ctx) {
  auto text = ctx.args.Value("interval");
  if (!text) return std::chrono::minutes(0);
  if (*text == "5" || *text == "15")
    return std::chrono::minutes(std::stoi(*text));
  return Status::Localized(StatusCode::kInvalidArgument, "error.bad_interval",
                           {*text});
}

void WriteBadges(JsonWriter& json, const std::vector<Badge>& badges) {
  json.Key("badges").BeginArray();
  for (const Badge& badge : badges) {
    json.BeginObject()
        .Field("serial", int64_t{badge.serial})
        .Field("issued_at", FormatIsoUtc(badge.issued_at))
        .Field("kiosk", badge.kiosk_id)
        .EndObject();
  }
  json.EndArray();
}

void WriteCheckins(JsonWriter& json,
                   const std::vector<CheckinRecord>& checkins) {
  json.Key("checkins").BeginArray();
  for (const CheckinRecord& c : checkins) {
    json.BeginObject()
        .Field("id", ToString(c.id))
        .Field("at", FormatIsoUtc(c.at))
        .Field("kiosk", c.kiosk_id)
        .Field("direction", ToString(c.direction))
        .Field("verdict", ToString(c.verdict))
        .Field("badge_serial", int64_t{c.badge_serial});
    json.Key("undoes");
    c.undoes ? json.String(ToString(*c.undoes)) : json.Null();
    json.EndObject();
  }
  json.EndArray();
}

void WritePrintJobs(JsonWriter& json, const std::vector<PrintRecord>& jobs) {
  json.Key("print_jobs").BeginArray();
  for (const PrintRecord& job : jobs) {
    json.BeginObject()
        .Field("id", ToString(job.id))
        .Field("requested_at", FormatIsoUtc(job.requested_at))
        .Field("badge_serial", int64_t{job.badge_serial})
        .Field("kiosk", job.kiosk_id)
        .Field("printer", job.printer)
        .Field("layout", job.layout)
        .Field("outcome", job.outcome)
        .EndObject();
  }
  json.EndArray();
}

}  // namespace

int RunReport(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  std::string output = OutputPath(ctx);
  if (output.empty() || !EndsWith(output, ".pdf")) {
    return ctx.UsageError(ctx.tr().Get("error.report_needs_output"));
  }
  auto interval = IntervalOption(ctx);
  if (!interval.ok()) return ctx.Fail(interval.status());
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto report = GatherReport(*store, ctx.clock->Now(), *interval);
  if (!report.ok()) return ctx.Fail(report.status());
  auto pdf = ReportPdf(*report, ctx.tr());
  if (!pdf.ok()) return ctx.Fail(pdf.status());
  Status written = WriteOutput(output, *pdf, *ctx.out);
  if (!written.ok()) return ctx.Fail(written);
  const Statistics& stats = report->stats;
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("file", output)
        .Field("expected", int64_t{stats.total.expected})
        .Field("arrived", int64_t{stats.total.arrived})
        .Field("inside", int64_t{stats.total.inside})
        .Field("walk_ins", int64_t{stats.walk_ins})
        .Field("interval_minutes", int64_t{report->curve.interval.count()})
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("report.done",
                                {output, std::to_string(stats.total.arrived),
                                 std::to_string(stats.total.expected)})
             << "\n";
  }
  return kExitOk;
}

int RunPurge(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  // Not while invitations are being sent: the run would write addresses
  // back. Taken before the store opens (see InviteRunLock).
  std::optional<InviteRunLock> no_invite_run;
  if (ctx.args.Flag("yes")) {
    auto taken = InviteRunLock::Take(ctx.db_path);
    if (taken.ok()) {
      no_invite_run.emplace(std::move(*taken));
    } else if (!taken.status().IsNotFound()) {
      return ctx.Fail(taken.status());
    }
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  if (!ctx.args.Flag("yes")) {
    auto people = store->ListAttendees();
    if (!people.ok()) return ctx.Fail(people.status());
    return ctx.UsageError(ctx.tr().Format("error.purge_needs_yes",
                                          {std::to_string(people->size())}));
  }
  // The server first: when it cannot be reached, nothing changes here.
  std::optional<int> on_server;
  if (auto server = ServerOption(ctx)) {
    auto event = store->GetEvent();
    if (!event.ok()) return ctx.Fail(event.status());
    auto blanked = PurgeServer(*server, event->id, ctx.clock->Now());
    if (!blanked.ok()) return ctx.Fail(blanked.status());
    on_server = *blanked;
  }
  auto cleared = store->PurgePersonalData(ctx.clock->Now());
  if (!cleared.ok()) return ctx.Fail(cleared.status());
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Field("cleared", int64_t{*cleared});
    if (on_server) json.Field("cleared_on_server", int64_t{*on_server});
    json.EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("purge.done", {std::to_string(*cleared)})
             << "\n";
    if (on_server) {
      *ctx.out << ctx.tr().Format("purge.server_done",
                                  {std::to_string(*on_server)})
               << "\n";
    }
  }
  return kExitOk;
}

int RunPerson(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("error.person_needs_attendee"));
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto person = store->ResolveAttendee(ctx.args.positional.front());
  if (!person.ok()) return ctx.Fail(person.status());
  auto badges = store->BadgesOf(person->id);
  if (!badges.ok()) return ctx.Fail(badges.status());
  auto checkins = store->CheckinsOf(person->id);
  if (!checkins.ok()) return ctx.Fail(checkins.status());
  auto jobs = store->PrintJobsOf(person->id);
  if (!jobs.ok()) return ctx.Fail(jobs.status());
  auto seats = store->SeatsOf(person->id);
  if (!seats.ok()) return ctx.Fail(seats.status());
  auto invite = store->GetInvite(person->id);
  if (!invite.ok()) return ctx.Fail(invite.status());
  uint32_t current_serial = badges->empty() ? 0 : badges->back().serial;

  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Key("attendee").BeginObject();
    WriteAttendeeFields(json, *person);
    json.Field("shop_code", person->shop_code)
        .Field("created_at", FormatIsoUtc(person->created_at))
        .Field("updated_at", FormatIsoUtc(person->updated_at))
        .EndObject();
    WriteBadges(json, *badges);
    WriteCheckins(json, *checkins);
    WritePrintJobs(json, *jobs);
    json.Key("seats").BeginArray();
    for (const Seat& seat : *seats) {
      json.BeginObject().Field("round", seat.round).Field("table", seat.table);
      json.Key("told_at");
      seat.told_at ? json.String(FormatIsoUtc(*seat.told_at)) : json.Null();
      json.EndObject();
    }
    json.EndArray();
    json.Key("invitation");
    if (*invite) {
      const InviteRecord& r = **invite;
      json.BeginObject()
          .Field("state", ToString(r.state))
          .Field("address", r.address)
          .Field("badge_serial", int64_t{r.badge_serial})
          .Field("attempts", r.attempts)
          .Field("permanent", r.permanent)
          .Field("updated_at", FormatIsoUtc(r.updated_at))
          .Key("sent_at");
      r.sent_at ? json.String(FormatIsoUtc(*r.sent_at)) : json.Null();
      json.Field("detail", r.detail).EndObject();
    } else {
      json.Null();
    }
    json.EndObject();
    *ctx.out << json.str() << "\n";
    return kExitOk;
  }
  const Catalog& tr = ctx.tr();
  const Attendee& a = *person;
  auto line = [&](std::string_view key, const std::string& value) {
    *ctx.out << tr.Get(key) << ": " << value << "\n";
  };
  line("export.id", ToString(a.id));
  line("export.given_name", a.given_name);
  line("export.family_name", a.family_name);
  line("export.organisation", a.organisation);
  line("export.email", a.email);
  line("export.sector",
       std::string(tr.Get("sector." + std::string(ToString(a.sector)))));
  line("export.role",
       std::string(tr.Get("role." + std::string(ToString(a.role)))));
  line("export.table", a.table);
  line("export.source",
       std::string(tr.Get("source." + std::string(ToString(a.source)))));
  line("export.consent",
       std::string(tr.Get(a.consent ? "answer.yes" : "answer.no")));
  line("export.external_id", a.external_id);
  line("export.ticket",
       std::string(tr.Get("ticket." + std::string(ToString(a.ticket)))));
  line("export.shop_code", a.shop_code);
  TimeZone zone = ZoneOf(*store);
  for (const Badge& badge : *badges) {
    *ctx.out << tr.Format(
                    "person.badge",
                    {std::to_string(badge.serial),
                     FormatLocalMarked(badge.issued_at, zone), badge.kiosk_id})
             << "\n";
  }
  for (const CheckinRecord& c : *checkins) {
    *ctx.out << tr.Format("person.checkin",
                          {FormatLocalMarked(c.at, zone),
                           std::string(ToString(c.direction)),
                           std::string(ToString(c.verdict)), c.kiosk_id})
             << (c.undoes ? " " + std::string(tr.Get("person.undo")) : "")
             << "\n";
  }
  for (const PrintRecord& job : *jobs) {
    *ctx.out << tr.Format("person.print",
                          {FormatLocalMarked(job.requested_at, zone),
                           job.printer, job.outcome})
             << "\n";
  }
  for (const Seat& seat : *seats) {
    *ctx.out << tr.Format("person.seat",
                          {std::to_string(seat.round), seat.table})
             << "\n";
  }
  *ctx.out << tr.Format("person.invite",
                        {InviteStateLine(tr, zone, *invite, current_serial)})
           << "\n";
  return kExitOk;
}

}  // namespace entree::cli
