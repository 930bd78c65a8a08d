// Handing messages to a mail server over SMTP (libcurl): implicit TLS
// (smtps://) or STARTTLS, a login, one connection kept for many messages,
// and each outcome told apart as the server put it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "entree/base/status.h"

namespace entree {

struct SmtpSettings {
  // "smtps://host[:465]" (TLS from the start) or "smtp://host[:587]"
  // (STARTTLS, required unless `plain`).
  std::string url;
  // Only for smtp:// without a login: no TLS at all (a relay on this
  // machine or the venue's own network).
  bool plain = false;
  std::string user;      // "" for no login
  std::string password;  // with user
  std::string ca_file;   // certificates to trust; "" for the system's
  long timeout_seconds = 60;
};

// How one attempt ended.
enum class SmtpOutcome {
  kSent,         // the server took the message (2xx after the data)
  kTemporary,    // a 4xx refusal: try again later
  kPermanent,    // a 5xx refusal: this address or message is refused
  kLoginDenied,  // the server refused the user or password
  kUnreachable,  // no connection or no TLS: nothing was handed over
  kUnknown,      // the connection broke after the message was handed
                 // over: the server may or may not have it
};
// "sent", "temporary", "permanent", "login_denied", "unreachable",
// "unknown".
std::string_view ToString(SmtpOutcome outcome);

struct SmtpReply {
  SmtpOutcome outcome = SmtpOutcome::kUnknown;
  int code = 0;        // the server's last reply code; 0 when none
  std::string detail;  // the server's last reply line, or libcurl's words
};

class SmtpSender {
 public:
  // Fails with kInvalidArgument (error.smtp_url, error.smtp_url_login,
  // error.smtp_plain_login) for a URL that is not smtp:// or smtps://, one
  // that holds a login, or a login without TLS.
  static Result<SmtpSender> Open(SmtpSettings settings);
  SmtpSender(SmtpSender&&) noexcept;
  SmtpSender& operator=(SmtpSender&&) noexcept;
  ~SmtpSender();

  // Connects and logs in without sending anything (NOOP): kSent when the
  // server is ready to take mail.
  SmtpReply Check();
  // Hands `message` (CRLF line ends) to the server for `to`, with `from`
  // as the envelope sender.
  SmtpReply Send(std::string_view from, std::string_view to,
                 std::string_view message);

 private:
  struct Session;
  explicit SmtpSender(std::unique_ptr<Session> session);
  std::unique_ptr<Session> session_;
};

}  // namespace entree
