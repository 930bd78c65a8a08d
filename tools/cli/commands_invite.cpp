// entree invite: every guest's badge code by email, sent once; drafts as
// .eml files; the send log.
#include <sys/stat.h>

#include <atomic>
#include <csignal>
#include <cstring>
#include <fstream>
#include <optional>
#include <ostream>

#include "cli.h"
#include "entree/badges/badge_layout.h"
#include "entree/base/held_file.h"
#include "entree/base/json.h"
#include "entree/base/text.h"
#include "entree/base/uuid.h"
#include "entree/invites/invitations.h"

namespace entree::cli {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void RequestStop(int) { stop_requested.store(true); }

// Ctrl-C or a service stop ends the run after the message at hand, so no
// guest is left with an unknown outcome.
void StopOnSignals() {
  struct sigaction action {};
  action.sa_handler = RequestStop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// The SMTP password: the first line of a file only its owner may read.
Result<std::string> ReadPasswordFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {path, std::strerror(errno)});
  }
  if (!S_ISREG(info.st_mode)) {
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {path, "not a regular file"});
  }
  if (info.st_size > 4096) {
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {path, "longer than a password file (4 KB)"});
  }
  if ((info.st_mode & 077) != 0) {
    return Status::Localized(StatusCode::kKey, "error.password_file_open",
                             {path});
  }
  ENTREE_RETURN_IF_ERROR(RefuseHeldFileAsInput(path));
  std::ifstream in(path, std::ios::binary);
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) {
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {path, "the first line is empty"});
  }
  return line;
}

Result<InviteFilter> FilterOf(const Context& ctx, Store& store) {
  InviteFilter filter;
  filter.resend = ctx.args.Flag("resend");
  if (auto only = ctx.args.Value("only")) {
    ENTREE_ASSIGN_OR_RETURN(Attendee attendee, store.ResolveAttendee(*only));
    filter.only = attendee.id;
  }
  filter.tables = ctx.args.Values("table");
  for (const std::string& text : ctx.args.Values("sector")) {
    auto sector = ParseSector(text);
    if (!sector) {
      return Status::Localized(StatusCode::kInvalidArgument, "error.bad_sector",
                               {text});
    }
    filter.sectors.push_back(*sector);
  }
  if (auto text = ctx.args.Value("source")) {
    filter.source = ParseSource(*text);
    if (!filter.source) {
      return Status::Localized(StatusCode::kInvalidArgument, "error.bad_source",
                               {*text});
    }
  }
  return filter;
}

int RunInviteStatus(Context& ctx) {
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto attendees = store->ListAttendees();
  if (!attendees.ok()) return ctx.Fail(attendees.status());
  JsonWriter json;
  json.BeginArray();
  for (const Attendee& a : *attendees) {
    auto record = store->GetInvite(a.id);
    if (!record.ok()) return ctx.Fail(record.status());
    std::string_view why = WhyNotMailable(a);
    if (!*record && !why.empty()) continue;
    auto badge = store->CurrentBadge(a.id);
    if (!badge.ok()) return ctx.Fail(badge.status());
    uint32_t current = *badge ? (*badge)->serial : 0;
    if (ctx.json) {
      json.BeginObject()
          .Field("attendee_id", ToString(a.id))
          .Field("name", a.FullName())
          .Field("email", a.email)
          .Field("state", *record ? ToString((*record)->state) : "not_sent");
      if (*record) {
        const InviteRecord& r = **record;
        json.Field("address", r.address)
            .Field("badge_serial", int64_t{r.badge_serial})
            .Field("current_badge", r.badge_serial == current)
            .Field("attempts", r.attempts)
            .Field("permanent", r.permanent)
            .Field("updated_at", FormatIsoUtc(r.updated_at))
            .Key("sent_at");
        r.sent_at ? json.String(FormatIsoUtc(*r.sent_at)) : json.Null();
        json.Field("detail", r.detail);
      }
      json.EndObject();
    } else {
      *ctx.out << a.FullName() << " <" << a.email << ">: "
               << InviteStateLine(ctx.tr(), ZoneOf(*store), *record, current)
               << "\n";
    }
  }
  json.EndArray();
  if (ctx.json) *ctx.out << json.str() << "\n";
  return kExitOk;
}

// Writes the default templates into DIR for the organiser to edit; never
// over a file that is there.
int RunWriteTemplates(Context& ctx, const std::string& dir) {
  struct stat info {};
  if (::stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return ctx.Fail(Status::Localized(StatusCode::kIo,
                                      "error.invite_templates_dir", {dir}));
  }
  for (Language language : kLanguages) {
    std::string path = dir + "/" + std::string(ToString(language)) + ".txt";
    if (::lstat(path.c_str(), &info) == 0) {
      return ctx.Fail(Status::Localized(StatusCode::kAlreadyExists,
                                        "error.template_exists", {path}));
    }
  }
  for (Language language : kLanguages) {
    std::string path = dir + "/" + std::string(ToString(language)) + ".txt";
    Status written = WriteOutput(
        path, InviteTemplateText(DefaultInviteTemplate(language)), *ctx.out);
    if (!written.ok()) return ctx.Fail(written);
    *ctx.out << path << "\n";
  }
  return kExitOk;
}

// -o DIR for drafts: made when missing; must be a directory.
Status PrepareDraftDirectory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Status::Localized(StatusCode::kIo, "error.cannot_write",
                             {dir, std::strerror(errno)});
  }
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return Status::Localized(StatusCode::kIo, "error.invite_output_dir", {dir});
  }
  return Status::Ok();
}

void PrintOutcome(const Context& ctx, const InviteOutcome& outcome) {
  const Attendee& a = outcome.attendee;
  const InviteRecord& r = outcome.record;
  std::string key = r.state == InviteState::kSent     ? "invites.sent_to"
                    : r.state == InviteState::kFailed ? "invites.failed_to"
                                                      : "invites.unknown_to";
  (r.state == InviteState::kSent ? *ctx.out : *ctx.err)
      << ctx.tr().Format(key,
                         {a.FullName(), r.address, TruncateUtf8(r.detail, 200)})
      << std::endl;  // on record at once, also when the run is killed next
}

}  // namespace

std::string InviteStateLine(const Catalog& tr, const TimeZone& zone,
                            const std::optional<InviteRecord>& r,
                            uint32_t current_serial) {
  if (!r) return std::string(tr.Get("invites.not_sent"));
  std::string line(ToString(r->state));
  if (r->state == InviteState::kFailed) {
    line = tr.Get(r->permanent ? "invites.failed_for_good"
                               : "invites.failed_for_now");
  }
  line += " " + FormatLocal(r->updated_at, zone);
  if (r->state == InviteState::kSent && r->badge_serial < current_serial) {
    line += " " + std::string(tr.Get("invites.older_code"));
  }
  if (!r->detail.empty()) line += " (" + TruncateUtf8(r->detail, 200) + ")";
  return line;
}

int RunInvite(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  if (ctx.args.Flag("status")) return RunInviteStatus(ctx);
  if (auto dir = ctx.args.Value("write-templates")) {
    return RunWriteTemplates(ctx, *dir);
  }
  bool dry_run = ctx.args.Flag("dry-run");
  std::string drafts = OutputPath(ctx);
  if (dry_run && drafts.empty()) {
    return ctx.UsageError(ctx.tr().Get("error.invite_dry_run_needs_output"));
  }
  auto from = ctx.args.Value("from");
  if (!from) return ctx.UsageError(ctx.tr().Get("error.invite_needs_from"));
  auto smtp_url = ctx.args.Value("smtp");
  if (!dry_run && !smtp_url) {
    return ctx.UsageError(ctx.tr().Get("error.invite_needs_smtp"));
  }
  auto rate = IntOption(ctx, "rate", 30, 0, 100000);
  if (!rate.ok()) return ctx.Fail(rate.status());
  auto retries = IntOption(ctx, "retries", 3, 0, 10);
  if (!retries.ok()) return ctx.Fail(retries.status());
  auto retry_wait = IntOption(ctx, "retry-wait", 30, 0, 3600);
  if (!retry_wait.ok()) return ctx.Fail(retry_wait.status());

  InviteSettings settings;
  settings.from_address = *from;
  settings.from_name = ctx.args.Value("from-name").value_or("");
  settings.reply_to = ctx.args.Value("reply-to").value_or("");
  settings.with_tables = ctx.args.Flag("with-tables");
  settings.kiosk_id = KioskIdOf(ctx);
  auto layout = LoadBadgeLayout(
      ctx.args.Value("layout").value_or(std::string(kDefaultBadgeLayout)));
  if (!layout.ok()) return ctx.Fail(layout.status());
  settings.layout = std::move(*layout);
  auto templates =
      LoadInviteTemplates(ctx.args.Value("templates").value_or(""));
  if (!templates.ok()) return ctx.Fail(templates.status());
  settings.templates = std::move(*templates);

  // The mail server's settings are checked before anything is read or
  // written: a wrong password file changes nothing.
  SmtpSettings smtp;
  if (!dry_run) {
    smtp.url = *smtp_url;
    smtp.plain = ctx.args.Flag("no-tls");
    smtp.ca_file = ctx.args.Value("ca").value_or("");
    smtp.user = ctx.args.Value("user").value_or("");
    if (auto file = ctx.args.Value("password-file")) {
      auto password = ReadPasswordFile(*file);
      if (!password.ok()) return ctx.Fail(password.status());
      smtp.password = std::move(*password);
    }
  }

  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  auto key = ReadSecretKeyFile(ctx.key_path, event->id, event->public_key);
  if (!key.ok()) return ctx.Fail(key.status());
  auto invitations =
      Invitations::Open(*store, *key, std::move(settings), *ctx.clock);
  if (!invitations.ok()) return ctx.Fail(invitations.status());
  auto filter = FilterOf(ctx, *store);
  if (!filter.ok()) return ctx.Fail(filter.status());
  if (filter->only) {
    auto guest = store->GetAttendee(*filter->only);
    if (!guest.ok()) return ctx.Fail(guest.status());
    std::string_view why = WhyNotMailable(*guest);
    if (!why.empty()) {
      return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                        std::string(why), {guest->FullName()}));
    }
  }

  if (dry_run) {
    auto invitees = SelectInvitees(*store, *filter);
    if (!invitees.ok()) return ctx.Fail(invitees.status());
    Status made = PrepareDraftDirectory(drafts);
    if (!made.ok()) return ctx.Fail(made);
    int written = 0;
    int refused = 0;
    for (const Attendee& attendee : *invitees) {
      auto invite = invitations->Prepare(attendee);
      if (!invite.ok()) {
        ++refused;
        *ctx.err << ctx.tr().Describe(invite.status()) << "\n";
        continue;
      }
      std::string path = drafts + "/" + ToString(attendee.id) + ".eml";
      Status saved = WriteOutput(path, invite->message, *ctx.out);
      if (!saved.ok()) return ctx.Fail(saved);
      ++written;
    }
    *ctx.out << ctx.tr().Format("invites.drafts",
                                {std::to_string(written), drafts})
             << "\n";
    return refused == 0 ? kExitOk : kExitNotSent;
  }

  auto lock = InviteRunLock::Take(ctx.db_path);
  if (!lock.ok()) return ctx.Fail(lock.status());
  auto interrupted = store->MarkInterruptedInvites(ctx.clock->Now());
  if (!interrupted.ok()) return ctx.Fail(interrupted.status());
  if (*interrupted > 0) {
    *ctx.err << ctx.tr().Format("invites.interrupted",
                                {std::to_string(*interrupted)})
             << "\n";
  }
  auto invitees = SelectInvitees(*store, *filter);
  if (!invitees.ok()) return ctx.Fail(invitees.status());
  if (filter->only && invitees->empty()) {
    // The one guest asked for was sent, is unknown or was refused for good
    // at this address: said, and only --resend sends again.
    auto record = store->GetInvite(*filter->only);
    if (!record.ok()) return ctx.Fail(record.status());
    if (*record) {
      return ctx.Fail(Status::Localized(
          StatusCode::kAlreadyExists, "error.invite_already",
          {std::string(ToString((*record)->state)),
           FormatLocal((*record)->updated_at, ZoneOf(*store))}));
    }
  }
  if (invitees->empty()) {
    *ctx.out << ctx.tr().Get("invites.nobody") << "\n";
    return *interrupted > 0 ? kExitNotSent : kExitOk;
  }

  auto sender = SmtpSender::Open(smtp);
  if (!sender.ok()) return ctx.Fail(sender.status());
  SmtpReply ready = sender->Check();
  if (ready.outcome != SmtpOutcome::kSent) {
    return ctx.Fail(Status::Localized(StatusCode::kIo,
                                      ready.outcome == SmtpOutcome::kLoginDenied
                                          ? "error.smtp_login"
                                          : "error.smtp_unreachable",
                                      {ready.detail}));
  }
  SendPacing pacing;
  pacing.per_minute = *rate;
  pacing.retries = *retries;
  pacing.first_wait = std::chrono::seconds(*retry_wait);
  pacing.stop = &stop_requested;
  StopOnSignals();
  auto tally = invitations->Send(
      *invitees, *sender, pacing,
      [&](const InviteOutcome& outcome) { PrintOutcome(ctx, outcome); });
  if (!tally.ok()) return ctx.Fail(tally.status());
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("sent", tally->sent)
        .Field("failed", tally->failed)
        .Field("unknown", tally->unknown + *interrupted)
        .Field("queued", tally->left)
        .EndObject();
    *ctx.out << json.str() << "\n";
  } else {
    *ctx.out << ctx.tr().Format(
                    "invites.summary",
                    {std::to_string(tally->sent), std::to_string(tally->failed),
                     std::to_string(tally->unknown + *interrupted),
                     std::to_string(tally->left)})
             << "\n";
  }
  bool all_sent = tally->failed == 0 && tally->unknown == 0 &&
                  *interrupted == 0 && tally->left == 0;
  return all_sent ? kExitOk : kExitNotSent;
}

}  // namespace entree::cli
