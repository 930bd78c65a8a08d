// Fuzz target: what an organiser or a guest list puts into an invitation.
// Whatever the template and the values, a template either parses or is
// refused, filling it never fails, header text never holds a line break
// that would start a header of its own, quoted-printable and base64 are
// 7-bit in lines of at most 76 characters, and a sendable address holds
// no space or control character.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "entree/invites/invite_template.h"
#include "entree/invites/mime.h"

namespace {

void Check(bool holds) {
  if (!holds) std::abort();
}

// Every line of `text` (CRLF ends) is at most `limit` characters of
// printable 7-bit ASCII or tabs, and no CR or LF stands alone.
void CheckLines(std::string_view text, size_t limit) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    Check(line.size() <= limit);
    for (unsigned char c : line) Check((c >= 0x20 && c < 0x7f) || c == '\t');
    start = end + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = entree::ParseInviteTemplate(input, "fuzz.txt");
  std::map<std::string, std::string, std::less<>> values = {
      {"name", std::string(input.substr(0, 64))}, {"tables", ""}};
  if (parsed.ok()) {
    std::string filled = entree::FillPlaceholders(parsed->body, values);
    Check(filled.size() <= parsed->body.size() * 65 + 64);
  }
  std::string header = entree::HeaderText(input);
  for (size_t i = 0; i < header.size(); ++i) {
    // Only folding ("\r\n ") may break a header line.
    if (header[i] == '\n') {
      Check(i > 0 && header[i - 1] == '\r' && i + 1 < header.size() &&
            header[i + 1] == ' ');
    }
    if (header[i] == '\r')
      Check(i + 1 < header.size() && header[i + 1] == '\n');
  }
  std::string mailbox = entree::Mailbox(input.substr(0, 200), "a@example.org");
  Check(mailbox.find('\n') == std::string::npos ||
        mailbox.find("\r\n ") != std::string::npos);
  CheckLines(entree::QuotedPrintable(input), 76);
  CheckLines(entree::Base64Lines(input), 76);
  if (entree::IsSendableAddress(input)) {
    for (unsigned char c : input) Check(c > 0x20 && c < 0x7f);
  }
  return 0;
}
