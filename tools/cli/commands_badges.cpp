// entree badge, badges, print and printlog: badges as files, on sheets and
// on a printer.
#include <chrono>
#include <cstdlib>
#include <ostream>
#include <span>

#include "cli.h"
#include "entree/badges/badge_layout.h"
#include "entree/badges/badge_render.h"
#include "entree/badges/badge_sheet.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/codes/badge_token.h"
#include "entree/desk/registration.h"
#include "entree/printing/printing.h"
#include "entree/seating/seating_event.h"

namespace entree::cli {
namespace {

// What badge commands share: the store, the event, its key, the layout.
struct BadgeWork {
  Store store;
  Event event;
  SecretKey key;
  BadgeLayout layout;
  Language language;  // the event's, for the words on the badge
};

Result<BadgeWork> PrepareBadgeWork(const Context& ctx) {
  auto layout = LoadBadgeLayout(
      ctx.args.Value("layout").value_or(std::string(kDefaultBadgeLayout)));
  if (!layout.ok()) return layout.status();
  ENTREE_ASSIGN_OR_RETURN(auto store, ctx.OpenStore());
  auto event = store.GetEvent();
  if (!event.ok()) return event.status();
  auto key = ReadSecretKeyFile(ctx.key_path, event->id, event->public_key);
  if (!key.ok()) return key.status();
  Language language = ParseLanguage(event->locale).value_or(Language::kDutch);
  return BadgeWork{std::move(store), *event, *key, std::move(*layout),
                   language};
}

// An attendee, their badge and its face.
struct NamedBadge {
  Attendee attendee;
  IssuedBadge issued;
  BadgeFace face;
};

BadgeIssuer IssuerFor(const Context& ctx, BadgeWork& work) {
  return BadgeIssuer(work.store, work.event.id, work.key, KioskIdOf(ctx));
}

// The attendee's badge and its face, planned: a new badge (the first, or
// with --reissue) is not recorded and no seat is told until RecordBadges,
// once the file is written or the printer took the job. Only a guest the
// plan has not seated yet (a walk-in) is seated now, so that the badge can
// show their tables.
Result<NamedBadge> BadgeOf(const Context& ctx, BadgeWork& work,
                           const Attendee& attendee) {
  auto issued = IssuerFor(ctx, work).Plan(attendee.id, ctx.args.Flag("reissue"),
                                          ctx.clock->Now());
  if (!issued.ok()) return issued.status();
  ENTREE_ASSIGN_OR_RETURN(auto seats, SeatLinesOf(work.store, attendee));
  if (seats.empty()) {
    auto seated = TellSeats(work.store, attendee, ctx.clock->Now());
    if (!seated.ok()) return seated.status();
  }
  auto face = MakeBadgeFace(work.store, attendee, issued->code, work.language);
  if (!face.ok()) return face.status();
  return NamedBadge{attendee, std::move(*issued), std::move(*face)};
}

// Records the planned badges and tells their holders their tables (the
// badge lists them), in one transaction: one durable commit.
Status RecordBadges(const Context& ctx, BadgeWork& work,
                    std::span<const NamedBadge> badges) {
  ENTREE_ASSIGN_OR_RETURN(auto transaction, work.store.Begin());
  BadgeIssuer issuer = IssuerFor(ctx, work);
  for (const NamedBadge& badge : badges) {
    ENTREE_RETURN_IF_ERROR(issuer.Record(badge.issued));
    auto seats = TellSeats(work.store, badge.attendee, ctx.clock->Now());
    if (!seats.ok()) return seats.status();
  }
  return transaction.Commit();
}

// The badge of the attendee the command line names.
Result<NamedBadge> BadgeOfNamed(const Context& ctx, BadgeWork& work) {
  ENTREE_ASSIGN_OR_RETURN(
      auto attendee, work.store.ResolveAttendee(ctx.args.positional.front()));
  return BadgeOf(ctx, work, attendee);
}

std::string Seconds(std::chrono::microseconds elapsed) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.2f",
                static_cast<double>(elapsed.count()) / 1e6);
  return text;
}

}  // namespace

int RunBadge(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("error.badge_needs_attendee"));
  }
  std::string path = OutputPath(ctx);
  bool pdf = EndsWith(path, ".pdf");
  if (!pdf && !EndsWith(path, ".png")) {
    return ctx.UsageError(ctx.tr().Get("error.badge_needs_output"));
  }
  auto work = PrepareBadgeWork(ctx);
  if (!work.ok()) return ctx.Fail(work.status());
  auto badge = BadgeOfNamed(ctx, *work);
  if (!badge.ok()) return ctx.Fail(badge.status());
  const Attendee* attendee = &badge->attendee;
  auto file = pdf ? RenderBadgePdf(work->layout, badge->face)
                  : RenderBadgePng(work->layout, badge->face);
  if (!file.ok()) return ctx.Fail(file.status());
  Status written = WriteOutput(path, *file, *ctx.out);
  if (!written.ok()) return ctx.Fail(written);
  Status recorded = RecordBadges(ctx, *work, std::span(&*badge, 1));
  if (!recorded.ok()) return ctx.Fail(recorded);
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("attendee_id", ToString(attendee->id))
        .Field("serial", int64_t{badge->issued.badge.serial})
        .Field("layout", work->layout.id)
        .Field("file", path)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("badge.written", {attendee->FullName(),
                                                  work->layout.title, path})
             << "\n";
  }
  return kExitOk;
}

int RunBadges(Context& ctx) {
  std::string path = OutputPath(ctx);
  if (!ctx.args.positional.empty() || !EndsWith(path, ".pdf")) {
    return ctx.UsageError(ctx.tr().Get("error.badges_needs_output"));
  }
  std::optional<Sector> sector;
  if (auto text = ctx.args.Value("sector")) {
    sector = ParseSector(*text);
    if (!sector) {
      return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                        "error.bad_sector", {*text}));
    }
  }
  std::optional<Source> source;
  if (auto text = ctx.args.Value("source")) {
    source = ParseSource(*text);
    if (!source) {
      return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                        "error.bad_source", {*text}));
    }
  }
  auto table = ctx.args.Value("table");
  auto work = PrepareBadgeWork(ctx);
  if (!work.ok()) return ctx.Fail(work.status());
  auto people = work->store.ListAttendees();
  if (!people.ok()) return ctx.Fail(people.status());
  std::erase_if(*people, [&](const Attendee& a) {
    return (sector && a.sector != *sector) || (table && a.table != *table) ||
           (source && a.source != *source);
  });

  // First badges are recorded once the sheet is written: a sheet that
  // could not be written issues nothing.
  std::vector<NamedBadge> badges;
  std::vector<BadgeFace> faces;
  badges.reserve(people->size());
  faces.reserve(people->size());
  for (const Attendee& attendee : *people) {
    auto badge = BadgeOf(ctx, *work, attendee);
    if (!badge.ok()) return ctx.Fail(badge.status());
    faces.push_back(badge->face);
    badges.push_back(std::move(*badge));
  }
  Status written = WriteBadgeSheetPdf(work->layout, faces, path);
  if (!written.ok()) return ctx.Fail(written);
  Status recorded = RecordBadges(ctx, *work, badges);
  if (!recorded.ok()) return ctx.Fail(recorded);
  SheetPlan plan = PlanSheet(work->layout);
  size_t pages = (faces.size() + plan.per_page() - 1) / plan.per_page();
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("badges", static_cast<int64_t>(faces.size()))
        .Field("pages", static_cast<int64_t>(pages))
        .Field("per_page", plan.per_page())
        .Field("layout", work->layout.id)
        .Field("file", path)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format("badges.written", {std::to_string(faces.size()),
                                                   std::to_string(pages), path})
             << "\n";
  }
  return kExitOk;
}

int RunPrint(Context& ctx) {
  auto queue = ctx.args.Value("printer");
  if (ctx.args.positional.size() != 1 || !queue || queue->empty()) {
    return ctx.UsageError(ctx.tr().Get("error.print_needs_printer"));
  }
  int wait_seconds = 60;
  if (auto text = ctx.args.Value("wait")) {
    char* end = nullptr;
    long value = std::strtol(text->c_str(), &end, 10);
    if (*end != '\0' || value < 0 || value > 3600) {
      return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                        "error.bad_number", {"--wait", *text}));
    }
    wait_seconds = static_cast<int>(value);
  }
  auto work = PrepareBadgeWork(ctx);
  if (!work.ok()) return ctx.Fail(work.status());
  auto badge = BadgeOfNamed(ctx, *work);
  if (!badge.ok()) return ctx.Fail(badge.status());
  const Attendee* attendee = &badge->attendee;
  auto pdf = RenderBadgePdf(work->layout, badge->face);
  if (!pdf.ok()) return ctx.Fail(pdf.status());

  PrintRecord record;
  record.id = NewUuid();
  record.attendee_id = attendee->id;
  record.badge_serial = badge->issued.badge.serial;
  record.kiosk_id = KioskIdOf(ctx);
  record.printer = *queue;
  record.layout = work->layout.id;
  record.asked = true;
  record.requested_at = ctx.clock->Now();
  Status logged = work->store.RecordPrintRequest(record);
  if (!logged.ok()) return ctx.Fail(logged);

  // The badge is recorded once CUPS has the job: a printer that is not
  // there revokes and issues nothing.
  CupsQueue printer(*queue);
  PrintReport report =
      printer.Print({attendee->FullName(), std::move(*pdf), work->layout.media},
                    std::chrono::seconds(0));
  if (report.job_id > 0) {
    Status recorded = RecordBadges(ctx, *work, std::span(&*badge, 1));
    if (!recorded.ok()) return ctx.Fail(recorded);
    if (wait_seconds > 0) {
      std::chrono::microseconds accepted = report.accepted_after;
      report =
          printer.Follow(report.job_id, std::chrono::seconds(wait_seconds));
      report.finished_after += accepted;
      report.accepted_after = accepted;
    }
  }
  logged = work->store.RecordPrintOutcome(record.id, report.job_id,
                                          ToString(report.outcome),
                                          report.detail, ctx.clock->Now());
  if (!logged.ok()) return ctx.Fail(logged);

  bool done = Printed(report.outcome) ||
              (wait_seconds == 0 && report.outcome == PrintOutcome::kSent);
  std::string words = ctx.tr().Format(
      "print.outcome." + std::string(ToString(report.outcome)), {*queue});
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("attendee_id", ToString(attendee->id))
        .Field("serial", int64_t{record.badge_serial})
        .Field("printer", *queue)
        .Field("job", int64_t{report.job_id})
        .Field("outcome", ToString(report.outcome))
        .Field("detail", report.detail)
        .Field("accepted_us", int64_t{report.accepted_after.count()})
        .Field("finished_us", int64_t{report.finished_after.count()})
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else if (done) {
    *ctx.out << ctx.tr().Format("print.done", {attendee->FullName(), words,
                                               std::to_string(report.job_id),
                                               Seconds(report.finished_after)})
             << "\n";
  }
  if (done) return kExitOk;
  if (!ctx.json) {
    *ctx.err << "entree: " << words;
    if (!report.detail.empty()) *ctx.err << " (" << report.detail << ")";
    *ctx.err << "\n";
  }
  return kExitNotPrinted;
}

int RunPrintLog(Context& ctx) {
  int limit = 50;
  if (auto text = ctx.args.Value("limit")) {
    char* end = nullptr;
    long value = std::strtol(text->c_str(), &end, 10);
    if (*end != '\0' || value < 1 || value > 1000000) {
      return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                        "error.bad_number",
                                        {"--limit", *text}));
    }
    limit = static_cast<int>(value);
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto log = store->PrintLog(limit);
  if (!log.ok()) return ctx.Fail(log.status());
  JsonWriter json;
  json.BeginArray();
  for (const PrintRecord& job : *log) {
    auto attendee = store->GetAttendee(job.attendee_id);
    std::string name = attendee.ok() ? attendee->FullName() : "";
    if (ctx.json) {
      json.BeginObject()
          .Field("id", ToString(job.id))
          .Field("requested_at", FormatIsoUtc(job.requested_at))
          .Field("attendee_id", ToString(job.attendee_id))
          .Field("name", name)
          .Field("serial", int64_t{job.badge_serial})
          .Field("kiosk", job.kiosk_id)
          .Field("printer", job.printer)
          .Field("layout", job.layout)
          .Field("asked", job.asked)
          .Field("job", int64_t{job.cups_job})
          .Field("outcome", job.outcome)
          .Field("detail", job.detail)
          .EndObject();
      continue;
    }
    *ctx.out << FormatLocal(job.requested_at, ZoneOf(*store)) << "  "
             << job.outcome << "  " << name << " #" << job.badge_serial << "  "
             << job.printer << " (" << job.kiosk_id
             << (job.asked ? "" : ", auto") << ")";
    if (!job.detail.empty()) *ctx.out << "  " << job.detail;
    *ctx.out << "\n";
  }
  json.EndArray();
  if (ctx.json) *ctx.out << json.str() << "\n";
  return kExitOk;
}

}  // namespace entree::cli
