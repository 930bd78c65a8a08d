// What an invitation says: a subject and a body per language, with named
// placeholders the organiser may edit in template files.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

#include "entree/base/catalog.h"
#include "entree/base/status.h"

namespace entree {

// The placeholders a template may use, each written in braces ("{name}"):
// the guest's full and given name, the event's name, date, start time and
// venue, the badge code in text, the guest's World Café tables (empty when
// not sent), and where the HTML part shows the QR code. "{{" and "}}"
// are braces.
inline constexpr std::array<std::string_view, 9> kInvitePlaceholders = {
    "name",  "given_name", "event",  "date", "time",
    "venue", "code",       "tables", "qr"};

struct InviteTemplate {
  std::string subject;
  std::string body;  // plain text; the HTML part is made from it
};

// The template compiled in for `language` (the catalog's invite.subject
// and invite.body).
InviteTemplate DefaultInviteTemplate(Language language);

// A template file's text: a first line "Subject: ...", an empty line, then
// the body. Fails with kInvalidArgument naming `file` and the problem: no
// subject line, text that is not UTF-8, or an unknown placeholder.
Result<InviteTemplate> ParseInviteTemplate(std::string_view text,
                                           std::string_view file);
// The file form ParseInviteTemplate reads.
std::string InviteTemplateText(const InviteTemplate& invite_template);

// The templates for every language: DIR/nl.txt, DIR/en.txt, DIR/de.txt
// where they exist, the defaults for the others; only the defaults when
// `dir` is empty. Fails as ParseInviteTemplate, or with kIo when `dir` is
// not a directory or a file cannot be read.
Result<std::map<Language, InviteTemplate>> LoadInviteTemplates(
    const std::string& dir);

// `text` with each placeholder replaced by its value in `values` (missing
// ones by nothing), "{{" by "{" and "}}" by "}". A line that held only
// placeholders and became empty is left out, so a guest without tables gets no
// gap.
std::string FillPlaceholders(
    std::string_view text,
    const std::map<std::string, std::string, std::less<>>& values);

}  // namespace entree
