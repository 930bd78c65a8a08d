// One guest's invitation as an Internet message (RFC 5322 with MIME): a
// plain-text and an HTML part, the QR code shown inline and attached, the
// PDF ticket and the calendar entry.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "entree/base/catalog.h"
#include "entree/base/clock.h"
#include "entree/invites/invite_template.h"

namespace entree {

// Everything one invitation holds, worked out.
struct InviteParts {
  std::string from_name;
  std::string from_address;
  std::string reply_to;  // "" for none
  std::string to_name;
  std::string to_address;
  Language language = Language::kDutch;
  InviteTemplate text;  // the template of the guest's language
  // The placeholders' values (kInvitePlaceholders but "qr").
  std::map<std::string, std::string, std::less<>> values;
  std::string qr_png;      // the badge code's QR symbol
  std::string ticket_pdf;  // "" for none
  std::string calendar;    // an .ics file; "" for none
  std::string message_id;  // "<...@...>"
  Instant date{};
};

// The message, CRLF line ends, ready for SMTP's DATA. The HTML part is
// the body with the values escaped, paragraphs at empty lines and the QR
// code where "{qr}" stands (at the end when it stands nowhere); it loads
// nothing from elsewhere.
std::string ComposeInviteMessage(const InviteParts& parts);

}  // namespace entree
