// A private SMTP server for the invitation tests (tests/mail/
// smtp_sandbox.py, Debian's python3-aiosmtpd), and a reader of what it
// received (tests/mail/read_invites.py).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support.h"

namespace entree::testing {

struct SmtpSandboxOptions {
  bool tls = true;  // STARTTLS with a certificate of its own, required
  bool implicit_tls = false;       // with tls: TLS from the start (smtps://)
  std::string user = "organiser";  // "" for no login
  std::string password = "w8woord-van-de-organisatie";
  std::vector<std::string> temp_fail;  // "ADDR=N": N times 451
  std::vector<std::string> perm_fail;  // ADDR: 550
  double data_delay = 0;  // seconds between keeping a message and its 250
};

// Started on a free port of 127.0.0.1 in a temporary directory; stopped
// on destruction.
class SmtpSandbox {
 public:
  explicit SmtpSandbox(SmtpSandboxOptions options = {});
  ~SmtpSandbox();
  SmtpSandbox(const SmtpSandbox&) = delete;
  SmtpSandbox& operator=(const SmtpSandbox&) = delete;

  // "smtp://127.0.0.1:PORT" ("smtps://" with implicit TLS).
  std::string url() const;
  // The certificate to trust (--ca); "" without TLS.
  std::string ca_file() const;
  // A file holding the password, readable by its owner alone.
  std::string password_file() const;
  // Where the messages are kept, NNNNNN.eml each.
  std::string inbox() const;
  // The recipient of each message kept, in order.
  std::vector<std::string> Deliveries() const;
  // When each message was kept (Unix seconds), in order.
  std::vector<double> DeliveryTimes() const;
  // entree invite's options to send through this server.
  std::vector<std::string> InviteOptions() const;

 private:
  TempDir dir_;
  SmtpSandboxOptions options_;
  int port_ = 0;
  int pid_ = -1;
};

// One line per message in `inbox` with the read_invites.py fields asked
// for, split at tabs.
std::vector<std::vector<std::string>> ReadInvites(
    const std::string& inbox, const std::vector<std::string>& fields);

}  // namespace entree::testing
