// Invitations: who is mailed, each guest's message, and the run's lock.
#include "entree/invites/invitations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "entree/badges/badge_face.h"
#include "entree/badges/badge_render.h"
#include "entree/badges/qr.h"
#include "entree/base/text.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"
#include "entree/desk/registration.h"
#include "entree/invites/ics.h"
#include "entree/invites/invite_message.h"
#include "entree/invites/mime.h"
#include "entree/seating/seating_event.h"

namespace entree {
namespace {

// Whether a run without --resend takes up a guest with this row.
bool WantsSending(const std::optional<InviteRecord>& record,
                  const Attendee& attendee, bool resend) {
  if (!record || resend) return true;
  switch (record->state) {
    case InviteState::kQueued:
      return true;
    case InviteState::kFailed:
      return !record->permanent ||
             record->address != std::string(Trim(attendee.email));
    case InviteState::kSending:
    case InviteState::kSent:
    case InviteState::kUnknown:
      break;
  }
  return false;
}

bool Matches(const Attendee& attendee, const InviteFilter& filter) {
  if (filter.only && attendee.id != *filter.only) return false;
  if (!filter.tables.empty() &&
      std::find(filter.tables.begin(), filter.tables.end(), attendee.table) ==
          filter.tables.end()) {
    return false;
  }
  if (!filter.sectors.empty() &&
      std::find(filter.sectors.begin(), filter.sectors.end(),
                attendee.sector) == filter.sectors.end()) {
    return false;
  }
  return !filter.source || attendee.source == *filter.source;
}

// "donderdag 12 november 2026" in the catalog's language.
std::string LongDate(Instant t, const TimeZone& zone, const Catalog& text) {
  std::tm local = LocalCalendar(t, zone);
  auto nth_word = [](std::string_view words, int n) {
    for (int i = 0; i < n; ++i) {
      size_t space = words.find(' ');
      words =
          space == words.npos ? std::string_view() : words.substr(space + 1);
    }
    return std::string(words.substr(0, words.find(' ')));
  };
  return text.Format("invite.date",
                     {nth_word(text.Get("invite.weekdays"), local.tm_wday),
                      std::to_string(local.tm_mday),
                      nth_word(text.Get("invite.months"), local.tm_mon),
                      std::to_string(local.tm_year + 1900)});
}

std::string ClockTime(Instant t, const TimeZone& zone) {
  std::tm local = LocalCalendar(t, zone);
  char text[8];
  std::snprintf(text, sizeof(text), "%02d:%02d", local.tm_hour % 24,
                local.tm_min % 60);
  return text;
}

}  // namespace

std::string_view WhyNotMailable(const Attendee& attendee) {
  if (Trim(attendee.email).empty()) return "error.invite_no_email";
  if (attendee.source == Source::kWalkIn && !attendee.consent) {
    return "error.invite_no_consent";
  }
  if (attendee.ticket != TicketState::kValid) return "error.invite_ticket";
  return "";
}

Result<std::vector<Attendee>> SelectInvitees(Store& store,
                                             const InviteFilter& filter) {
  ENTREE_ASSIGN_OR_RETURN(auto attendees, store.ListAttendees());
  std::vector<Attendee> chosen;
  for (Attendee& attendee : attendees) {
    if (!Matches(attendee, filter) || !WhyNotMailable(attendee).empty()) {
      continue;
    }
    ENTREE_ASSIGN_OR_RETURN(auto record, store.GetInvite(attendee.id));
    if (WantsSending(record, attendee, filter.resend)) {
      chosen.push_back(std::move(attendee));
    }
  }
  return chosen;
}

Result<Invitations> Invitations::Open(Store& store, const SecretKey& key,
                                      InviteSettings settings,
                                      const Clock& clock) {
  ENTREE_ASSIGN_OR_RETURN(Event event, store.GetEvent());
  if (!event.starts_at) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.invite_needs_start", {});
  }
  if (Trim(event.venue).empty()) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.invite_needs_venue", {});
  }
  std::vector<std::string_view> addresses = {settings.from_address};
  if (!settings.reply_to.empty()) addresses.push_back(settings.reply_to);
  for (std::string_view address : addresses) {
    if (!IsSendableAddress(address)) {
      return Status::Localized(StatusCode::kInvalidArgument,
                               "error.invite_from",
                               {TruncateUtf8(address, 300)});
    }
  }
  if (settings.from_name.empty()) settings.from_name = event.name;
  return Invitations(store, key, std::move(settings), clock, std::move(event));
}

Invitations::Invitations(Store& store, const SecretKey& key,
                         InviteSettings settings, const Clock& clock,
                         Event event)
    : store_(&store),
      key_(key),
      settings_(std::move(settings)),
      clock_(&clock),
      event_(std::move(event)) {}

Result<PreparedInvite> Invitations::Prepare(const Attendee& attendee) {
  std::string_view why = WhyNotMailable(attendee);
  if (!why.empty()) {
    return Status::Localized(StatusCode::kInvalidArgument, std::string(why),
                             {attendee.FullName()});
  }
  std::string address(Trim(attendee.email));
  if (!IsSendableAddress(address)) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.invite_bad_address",
                             {attendee.FullName(), address});
  }
  ENTREE_ASSIGN_OR_RETURN(std::string own,
                          store_->AttendeeLanguage(attendee.id));
  Language language = ParseLanguage(own).value_or(
      ParseLanguage(event_.locale).value_or(Language::kDutch));
  const Catalog& text = Catalog::For(language);
  Instant now = clock_->Now();

  BadgeIssuer issuer(*store_, event_.id, key_, settings_.kiosk_id);
  ENTREE_ASSIGN_OR_RETURN(IssuedBadge badge,
                          issuer.Plan(attendee.id, false, now));
  ENTREE_ASSIGN_OR_RETURN(
      BadgeFace face, MakeBadgeFace(*store_, attendee, badge.code, language));
  // Tables only when asked for, and never another guest's name: a table
  // without a plan is told by its name alone, not its hosts'.
  std::string tables;
  if (settings_.with_tables) {
    ENTREE_ASSIGN_OR_RETURN(auto seats, SeatLinesOf(*store_, attendee));
    if (!seats.empty()) {
      tables = face.table_line;
    } else if (!attendee.table.empty()) {
      tables = attendee.role == Role::kHost
                   ? text.Format("badge.table_you_host", {attendee.table})
                   : text.Format("badge.table", {attendee.table});
    }
  }
  face.table_line = tables;

  ENTREE_ASSIGN_OR_RETURN(QrSymbol symbol, EncodeQr(badge.code));
  ENTREE_ASSIGN_OR_RETURN(std::string qr_png, QrToPng(symbol, 8));
  ENTREE_ASSIGN_OR_RETURN(std::string pdf,
                          RenderBadgePdf(settings_.layout, face));

  CalendarEntry entry;
  entry.uid = ToString(event_.id) + "-" + ToString(attendee.id) + "@entree";
  entry.summary = event_.name;
  entry.location = event_.venue;
  entry.description = text.Format("invite.calendar_code", {badge.code});
  entry.starts_at = *event_.starts_at;
  entry.ends_at = event_.ends_at;
  entry.stamp = now;

  InviteParts parts;
  parts.from_name = settings_.from_name;
  parts.from_address = settings_.from_address;
  parts.reply_to = settings_.reply_to;
  parts.to_name = attendee.FullName();
  parts.to_address = address;
  parts.language = language;
  auto found = settings_.templates.find(language);
  parts.text = found != settings_.templates.end()
                   ? found->second
                   : DefaultInviteTemplate(language);
  parts.values = {
      {"name", attendee.FullName()},
      {"given_name",
       attendee.given_name.empty() ? attendee.FullName() : attendee.given_name},
      {"event", event_.name},
      {"date", LongDate(*event_.starts_at, EventZone(event_), text)},
      {"time", ClockTime(*event_.starts_at, EventZone(event_))},
      {"venue", event_.venue},
      {"code", badge.code},
      {"tables", tables}};
  parts.qr_png = std::move(qr_png);
  parts.ticket_pdf = std::move(pdf);
  parts.calendar = CalendarFile(entry);
  parts.message_id = NewMessageId(DomainOf(settings_.from_address));
  parts.date = now;
  return PreparedInvite{attendee, address, language, std::move(badge),
                        ComposeInviteMessage(parts)};
}

Result<InviteRunLock> InviteRunLock::Take(const std::string& db_path) {
  // The database file itself, whatever path or link names it: a second
  // path to the same file meets the same lock.
  int fd = ::open(db_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("no database " + db_path);
    return Status::Localized(StatusCode::kIo, "error.cannot_read",
                             {db_path, std::strerror(errno)});
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Localized(StatusCode::kAlreadyExists, "error.invite_running",
                             {});
  }
  return InviteRunLock(fd);
}

InviteRunLock::InviteRunLock(InviteRunLock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

InviteRunLock::~InviteRunLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace entree
