// The invites module: every guest's badge code by email before the event,
// sent once, with nothing lost when the sending stops halfway.
//
// - invitations.h (here): who may be mailed and who a run takes up
//   (SelectInvitees), one guest's message (Invitations::Prepare), drafts
//   as .eml files, and the run that sends them (Invitations::Send),
//   recording each guest's state in the store before and after handing
//   the message over.
// - invite_template.h: subjects and bodies per language, placeholders.
// - invite_message.h: the MIME message; mime.h its pieces; ics.h the
//   calendar entry.
// - smtp.h: the mail server, through libcurl.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "entree/badges/badge_layout.h"
#include "entree/base/catalog.h"
#include "entree/base/clock.h"
#include "entree/base/model.h"
#include "entree/codes/badge_token.h"
#include "entree/desk/registration.h"
#include "entree/invites/invite_template.h"
#include "entree/invites/smtp.h"
#include "entree/store/store.h"

namespace entree {

// Whether a guest may be mailed at all: they have an address, were
// invited (or registered as walk-ins and consented), and hold a valid
// ticket. The catalog key of why not (error.invite_no_email,
// error.invite_no_consent, error.invite_ticket); "" when they may.
std::string_view WhyNotMailable(const Attendee& attendee);

// Which guests a run is about.
struct InviteFilter {
  std::optional<Uuid> only;         // one guest
  std::vector<std::string> tables;  // any of these tables
  std::vector<Sector> sectors;      // any of these sectors
  std::optional<Source> source;
  // Also guests already sent, or whose outcome is unknown, or refused for
  // good at the same address.
  bool resend = false;
};

// The mailable guests `filter` names that a run sends to, in list order:
// those never taken up, still queued, or failed for a while (or failed for
// good at an address that has changed since); with `resend` also those
// sent, unknown or failed for good.
Result<std::vector<Attendee>> SelectInvitees(Store& store,
                                             const InviteFilter& filter);

// What every message of one run shares.
struct InviteSettings {
  std::string from_name;     // "" for the event's name
  std::string from_address;  // required
  std::string reply_to;      // "" for none
  bool with_tables = false;  // the guest's World Café tables in the message
  BadgeLayout layout;        // of the PDF ticket
  std::map<Language, InviteTemplate> templates;  // LoadInviteTemplates
  std::string kiosk_id;                          // the badges are issued as
};

// One guest's message, made and not sent.
struct PreparedInvite {
  Attendee attendee;
  std::string address;
  Language language = Language::kDutch;
  IssuedBadge badge;    // pending when it is the guest's first
  std::string message;  // the whole message, CRLF line ends
};

// How a run should pace itself.
struct SendPacing {
  int per_minute = 0;  // at most this many messages a minute; 0: no limit
  int retries = 3;     // tries again after a 4xx refusal
  std::chrono::milliseconds first_wait{30000};  // doubled each retry
  // Set (by a signal handler) to stop after the message at hand.
  const std::atomic<bool>* stop = nullptr;
};

// What a run did, per guest and in all.
struct InviteOutcome {
  Attendee attendee;
  InviteRecord record;
};
struct InviteTally {
  int sent = 0;
  int failed = 0;
  int unknown = 0;  // the connection broke after handing it over
  int left = 0;     // still queued when the run stopped early
                    // (a guest refused for now among them)
  std::vector<InviteOutcome> outcomes;  // in order
};

// The event's invitation lock, held while it lives: one run at a time
// sends, so no run takes another's message in flight for a dead run's, and
// a purge waits for a run to end. It is an flock on the database file
// itself, so every path and link to the file meets it. Take it before the
// Store opens the file and let it go after the Store is closed: closing
// its descriptor drops this process's POSIX locks on the file, which
// SQLite holds while a Store is open.
class InviteRunLock {
 public:
  // Fails with kAlreadyExists (error.invite_running) while another process
  // holds it; kNotFound when there is no file at `db_path`; kIo when it
  // cannot be opened.
  static Result<InviteRunLock> Take(const std::string& db_path);
  InviteRunLock(InviteRunLock&& other) noexcept;
  InviteRunLock& operator=(InviteRunLock&&) = delete;
  ~InviteRunLock();

 private:
  explicit InviteRunLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

class Invitations {
 public:
  // Fails with kInvalidArgument (error.invite_needs_start,
  // error.invite_needs_venue, error.invite_from) when the event has no
  // start time or venue, or the from-address cannot be sent from.
  static Result<Invitations> Open(Store& store, const SecretKey& key,
                                  InviteSettings settings, const Clock& clock);

  // The guest's message with their current badge's code (a first badge
  // planned, not recorded). Fails with kInvalidArgument naming why the
  // guest may not be mailed or their address cannot take mail.
  Result<PreparedInvite> Prepare(const Attendee& attendee);

  // Sends to `invitees`: their rows become queued; then for each, its
  // badge is recorded and its row set to sending (durable) before the
  // message is handed over, and to sent, failed or unknown after. A 4xx
  // refusal is tried again as `pacing` says. Stops with kIo
  // (error.smtp_login, error.smtp_unreachable) when the server refuses the
  // login or cannot be reached, and early when `pacing.stop` is set: the
  // guests not handed over stay queued. `progress` (may be empty) is told
  // each outcome. Call MarkInterruptedInvites first, holding the lock.
  Result<InviteTally> Send(
      const std::vector<Attendee>& invitees, SmtpSender& sender,
      const SendPacing& pacing,
      const std::function<void(const InviteOutcome&)>& progress);

 private:
  Invitations(Store& store, const SecretKey& key, InviteSettings settings,
              const Clock& clock, Event event);
  // Hands one prepared message over until it is sent or failed; updates
  // `record`. kIo when the run must stop.
  Status Deliver(const PreparedInvite& invite, InviteRecord& record,
                 SmtpSender& sender, const SendPacing& pacing);
  void Pace(const SendPacing& pacing);

  Store* store_;
  SecretKey key_;
  InviteSettings settings_;
  const Clock* clock_;
  Event event_;
  std::chrono::steady_clock::time_point next_slot_{};
};

}  // namespace entree
