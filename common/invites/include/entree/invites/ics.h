// A calendar entry (iCalendar, RFC 5545) for the event, as mail programs
// and phones add it to a calendar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"

namespace entree {

struct CalendarEntry {
  std::string uid;  // the same for every invitation of one guest
  std::string summary;
  std::string location;
  std::string description;
  Instant starts_at{};
  std::optional<Instant> ends_at;
  Instant stamp{};  // when the entry was made
};

// One VEVENT in a VCALENDAR (METHOD:PUBLISH): times in UTC, text escaped,
// lines folded at 75 bytes between UTF-8 characters, CRLF line ends.
std::string CalendarFile(const CalendarEntry& entry);

}  // namespace entree
