// The pieces of an Internet message (RFC 5322, MIME RFC 2045-2047) that
// mail programs need to show one properly: header words in any script,
// bodies in 7-bit transfer encodings, dates and message ids.
#pragma once

#include <string>
#include <string_view>

#include "entree/base/clock.h"

namespace entree {

// Bytes as base64 in lines of at most 76 characters, each ended by CRLF.
std::string Base64Lines(std::string_view bytes);
// UTF-8 text as quoted-printable: line ends (LF or CRLF) become CRLF, no
// line is longer than 76 characters, and "=", non-ASCII bytes, trailing
// spaces and a leading "." or "From " are escaped.
std::string QuotedPrintable(std::string_view text);
// Header text: as it is when it is printable ASCII of at most 900
// characters, else RFC 2047 encoded
// words ("=?UTF-8?B?...?=") of at most 75 characters, cut between
// characters and folded onto continuation lines. Control characters
// (a CR or LF that would start a header of its own) become spaces.
std::string HeaderText(std::string_view text);
// "Name <address>" for From, To and Reply-To: the name quoted, or encoded
// as HeaderText when it is not plain ASCII; just the address when the
// name is empty.
std::string Mailbox(std::string_view name, std::string_view address);
// "Sun, 29 Nov 2026 21:04:05 +0100" in the local time zone.
std::string MessageDate(Instant t);
// "<32 random hex digits@domain>".
std::string NewMessageId(std::string_view domain);
// Whether `address` is an address an SMTP server can take as it is:
// printable ASCII, one "@", a local part of 1-64 characters without
// spaces, quotes or brackets, and a domain of labels of letters, digits
// and hyphens with at least one dot (or an [IP literal]).
bool IsSendableAddress(std::string_view address);
// The part after the "@"; "" when there is none.
std::string_view DomainOf(std::string_view address);

}  // namespace entree
