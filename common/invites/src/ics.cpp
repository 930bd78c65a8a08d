// iCalendar text: escaping, folding, UTC times.
#include "entree/invites/ics.h"

#include <cstdio>
#include <ctime>

namespace entree {
namespace {

// "20261012T160000Z".
std::string UtcStamp(Instant t) {
  std::time_t seconds = static_cast<std::time_t>(ToMillis(t) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];
  std::snprintf(text, sizeof(text), "%04d%02d%02dT%02d%02d%02dZ",
                utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                utc.tm_min, utc.tm_sec);
  return text;
}

// TEXT values: backslash, semicolon and comma escaped, line ends as "\n",
// other control characters dropped.
std::string EscapeText(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      out += c;
    }
  }
  return out;
}

// A content line folded after at most 75 bytes, never inside a UTF-8
// character; each piece ends with CRLF.
std::string Folded(std::string_view line) {
  std::string out;
  size_t limit = 75;
  while (line.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xc0) == 0x80)
      --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
  return out;
}

}  // namespace

std::string CalendarFile(const CalendarEntry& entry) {
  std::string out;
  out += "BEGIN:VCALENDAR\r\n";
  out += "VERSION:2.0\r\n";
  out += "PRODID:-//Entree//Invitation//EN\r\n";
  out += "CALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  out += "BEGIN:VEVENT\r\n";
  out += Folded("UID:" + EscapeText(entry.uid));
  out += "DTSTAMP:" + UtcStamp(entry.stamp) + "\r\n";
  out += "DTSTART:" + UtcStamp(entry.starts_at) + "\r\n";
  if (entry.ends_at && *entry.ends_at > entry.starts_at) {
    out += "DTEND:" + UtcStamp(*entry.ends_at) + "\r\n";
  }
  out += Folded("SUMMARY:" + EscapeText(entry.summary));
  if (!entry.location.empty()) {
    out += Folded("LOCATION:" + EscapeText(entry.location));
  }
  if (!entry.description.empty()) {
    out += Folded("DESCRIPTION:" + EscapeText(entry.description));
  }
  out += "END:VEVENT\r\n";
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace entree
