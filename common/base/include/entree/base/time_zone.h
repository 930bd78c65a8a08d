// The venue's clock: which offset from UTC is in force at each instant in
// an IANA time zone ("Europe/Amsterdam"), read from the system's time zone
// database (tzdata's TZif files). Every time a person reads or types is in
// the event's zone, never in the zone of the machine that happens to show
// it (docs/design/024-event-time-zone.md).
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/model.h"
#include "entree/base/status.h"

namespace entree {

// A date and time as a wall clock shows it.
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
};

// The offset in force at one instant.
struct ZoneOffset {
  int seconds = 0;           // east of UTC: +3600 for CET
  bool daylight = false;     // summer time
  std::string abbreviation;  // "CEST"; may be a number such as "+03"
};

class TimeZone {
 public:
  // The zone of an IANA name ("Europe/Amsterdam", "UTC"), read once per
  // process from $TZDIR or /usr/share/zoneinfo. kInvalidArgument naming
  // the name when there is no such zone or the name is no zone name.
  static Result<TimeZone> Named(std::string_view name);
  // The zone in the bytes of a TZif file (version 2 or later), called
  // `name`; kInvalidArgument when they are no such file.
  static Result<TimeZone> FromTzif(std::string_view name,
                                   std::string_view data);
  static TimeZone Utc();
  // The zone this machine's clock shows: $TZ when it names a zone, else
  // what /etc/localtime links to, else /etc/timezone, else "UTC".
  static std::string MachineZoneName();

  const std::string& name() const;
  ZoneOffset OffsetAt(Instant t) const;
  // The wall-clock date and time of `t` here, whole seconds (tm_isdst and
  // tm_gmtoff set; tm_zone left null).
  std::tm Calendar(Instant t) const;
  // The instants at which the clock here shows `civil`: none when the
  // clocks skip it (spring forward), two when they show it twice (fall
  // back; the earlier first), else one.
  std::vector<Instant> Resolve(const CivilTime& civil) const;

  struct Rules;  // the zone's transitions and its rule for later years

 private:
  explicit TimeZone(std::shared_ptr<const Rules> rules);
  std::shared_ptr<const Rules> rules_;
};

// The event's zone; an event without one (a file from before zones, an
// event made in code) reads in this machine's zone, and a name this
// machine's database lacks reads as UTC.
TimeZone EventZone(const Event& event);
// The event's zone, or kInvalidArgument (error.unknown_zone) when it names
// one this machine's tzdata lacks: for reading what a person types.
Result<TimeZone> KnownEventZone(const Event& event);

// "2026-10-12 18:00:00" in `zone`, as Excel reads it.
std::string FormatLocal(Instant t, const TimeZone& zone);
// FormatLocal, with the offset added when the clocks of `zone` show that
// time twice that day ("2026-10-25 02:30:00 +01:00"), for people to read.
std::string FormatLocalMarked(Instant t, const TimeZone& zone);
// The calendar date and time of `t` (whole seconds) in `zone`.
std::tm LocalCalendar(Instant t, const TimeZone& zone);
// "First entry (Europe/Amsterdam)": the heading of a column of times.
std::string ZonedHeading(std::string_view heading, const TimeZone& zone);
// "+02:00" for an offset of two hours east.
std::string FormatOffset(int seconds);
// "2026-10-25 02:30 +02:00 (CEST)": a time with the offset that makes it
// one instant.
std::string FormatReading(Instant t, const TimeZone& zone);

// Why a local time cannot name one instant: the clocks skip it (spring
// forward) or show it twice (fall back).
enum class LocalTimeGap { kNone, kSkipped, kTwice };
// A typed local time refused: which gap, and the two ways it could be
// read (FormatReading), earlier first, for the message.
struct LocalTimeProblem {
  LocalTimeGap gap = LocalTimeGap::kNone;
  std::string earlier;
  std::string later;
};

// Parses ISO 8601 "YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM|-HH:MM]"; a space may
// stand for the T and come before the offset, and a zone abbreviation in
// brackets may follow it, as FormatReading writes it. Without an offset the
// time is on the clocks of `zone`; a time that does not exist there or exists
// twice that day is refused, and `problem` (when given) says which and names
// both readings. Returns nullopt for anything else.
std::optional<Instant> ParseIsoTime(std::string_view text, const TimeZone& zone,
                                    LocalTimeProblem* problem = nullptr);

}  // namespace entree
