// The venue's clock: offsets read from the system's tzdata, checked against
// the C library's own reading of the same zones; local times that do not
// exist or exist twice; names that are no zone.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <string>

#include "entree/base/catalog.h"
#include "entree/base/text.h"
#include "entree/base/time_zone.h"
#include "support.h"

namespace entree::testing {
namespace {

// Sets TZ for the C library while it lives, and puts the old one back.
class CLibraryZone {
 public:
  explicit CLibraryZone(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone.c_str(), 1);
    ::tzset();
  }
  ~CLibraryZone() {
    if (old_) {
      ::setenv("TZ", old_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

std::tm CLibraryCalendar(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  return tm;
}

Instant Seconds(int64_t s) { return Instant(std::chrono::seconds(s)); }

// Writes a TZif version 2 file with no transitions and only the POSIX
// rule `footer`, as tzdata's "slim" files are for most years.
void WriteRuleOnlyZone(const std::string& path, const std::string& footer) {
  std::string header(44, '\0');
  header.replace(0, 5, "TZif2");
  auto count = [&](std::string& block, int index, uint32_t value) {
    for (int b = 0; b < 4; ++b) {
      block[20 + index * 4 + b] = static_cast<char>(value >> (24 - 8 * b));
    }
  };
  std::string v1 = header;
  count(v1, 4, 1);  // one type
  count(v1, 5, 4);  // "CET\0"
  std::string type = std::string("\0\0\x0e\x10", 4) + std::string(1, '\0') +
                     std::string(1, '\0') + std::string("CET\0", 4);
  std::string file = v1 + type + v1 + type + "\n" + footer + "\n";
  std::ofstream(path, std::ios::binary) << file;
}

}  // namespace

TEST_CASE("a zone's offsets match the C library's from 1900 to 2100",
          "[zone]") {
  std::mt19937_64 random(29);
  for (const char* name :
       {"Europe/Amsterdam", "America/New_York", "Australia/Sydney",
        "Asia/Kolkata", "Pacific/Chatham", "Africa/Casablanca", "UTC"}) {
    INFO(name);
    auto zone = TimeZone::Named(name);
    REQUIRE(zone.ok());
    CHECK(zone->name() == name);
    CLibraryZone c_zone(name);
    std::uniform_int_distribution<int64_t> when(-2208988800, 4102444800);
    for (int i = 0; i < 4000; ++i) {
      int64_t t = when(random);
      std::tm ours = zone->Calendar(Seconds(t));
      std::tm theirs = CLibraryCalendar(t);
      INFO(t << " " << FormatIsoUtc(Seconds(t)));
      REQUIRE(ours.tm_gmtoff == theirs.tm_gmtoff);
      REQUIRE(ours.tm_hour == theirs.tm_hour);
      REQUIRE(ours.tm_mday == theirs.tm_mday);
      REQUIRE(ours.tm_mon == theirs.tm_mon);
      REQUIRE(ours.tm_year == theirs.tm_year);
      REQUIRE(ours.tm_wday == theirs.tm_wday);
      REQUIRE(ours.tm_yday == theirs.tm_yday);
      REQUIRE(ours.tm_isdst == theirs.tm_isdst);
    }
  }
}

TEST_CASE("an Amsterdam event reads the same on every machine's clock",
          "[zone]") {
  auto amsterdam = TimeZone::Named("Europe/Amsterdam").value();
  // Doors at 15:30 on 10 December: winter time, 14:30 UTC.
  Instant doors = At("2026-12-10T14:30:00Z");
  for (const char* machine : {"UTC", "Europe/Amsterdam", "America/New_York"}) {
    CLibraryZone c_zone(machine);
    CHECK(FormatLocal(doors, amsterdam) == "2026-12-10 15:30:00");
    CHECK(ParseIsoTime("2026-12-10T15:30", amsterdam) == doors);
  }
  Event event;
  event.time_zone = "Europe/Amsterdam";
  CHECK(EventZone(event).name() == "Europe/Amsterdam");
  event.time_zone = "Nowhere/Atlantis";
  CHECK(EventZone(event).name() == "UTC");
}

TEST_CASE(
    "each time shows the offset in force then, across the October "
    "change",
    "[zone]") {
  auto zone = TimeZone::Named("Europe/Amsterdam").value();
  // A conference from Saturday 24 to Sunday 25 October 2026.
  CHECK(FormatReading(At("2026-10-24T16:00:00Z"), zone) ==
        "2026-10-24 18:00 +02:00 (CEST)");
  CHECK(FormatReading(At("2026-10-25T16:00:00Z"), zone) ==
        "2026-10-25 17:00 +01:00 (CET)");
  CHECK(zone.OffsetAt(At("2026-10-25T00:59:59Z")).daylight);
  CHECK_FALSE(zone.OffsetAt(At("2026-10-25T01:00:00Z")).daylight);
  // Years after tzdata's last listed change follow the zone's rule.
  CHECK(FormatReading(At("2080-07-01T10:00:00Z"), zone) ==
        "2080-07-01 12:00 +02:00 (CEST)");
}

TEST_CASE(
    "a local time in the spring gap or the autumn overlap is refused "
    "with both readings",
    "[zone]") {
  auto zone = TimeZone::Named("Europe/Amsterdam").value();
  LocalTimeProblem problem;
  CHECK_FALSE(ParseIsoTime("2026-03-29T02:30", zone, &problem));
  CHECK(problem.gap == LocalTimeGap::kSkipped);
  CHECK(problem.earlier == "2026-03-29 01:30 +01:00 (CET)");
  CHECK(problem.later == "2026-03-29 03:30 +02:00 (CEST)");
  CHECK(zone.Resolve({2026, 3, 29, 2, 30, 0}).empty());

  CHECK_FALSE(ParseIsoTime("2026-10-25 02:30", zone, &problem));
  CHECK(problem.gap == LocalTimeGap::kTwice);
  CHECK(problem.earlier == "2026-10-25 02:30 +02:00 (CEST)");
  CHECK(problem.later == "2026-10-25 02:30 +01:00 (CET)");
  CHECK(zone.Resolve({2026, 10, 25, 2, 30, 0}) ==
        std::vector<Instant>{At("2026-10-25T00:30:00Z"),
                             At("2026-10-25T01:30:00Z")});

  // With the offset given, either is one instant.
  CHECK(ParseIsoTime("2026-10-25T02:30+01:00", zone, &problem) ==
        At("2026-10-25T01:30:00Z"));
  CHECK(problem.gap == LocalTimeGap::kNone);
  // New York changes on other days and at 02:00 its own time.
  auto new_york = TimeZone::Named("America/New_York").value();
  CHECK(ParseIsoTime("2026-03-29T02:30", new_york) ==
        At("2026-03-29T06:30:00Z"));
  CHECK_FALSE(ParseIsoTime("2026-03-08T02:30", new_york, &problem));
  CHECK(problem.gap == LocalTimeGap::kSkipped);
  // Not times at all.
  for (const char* bad : {"2026-02-30T10:00", "2026-10-12T24:00", "tomorrow",
                          "2026-10-12T10:00+15:00", "2026-10-12T10:00Zulu"}) {
    INFO(bad);
    CHECK_FALSE(ParseIsoTime(bad, zone, &problem));
    CHECK(problem.gap == LocalTimeGap::kNone);
  }
}

TEST_CASE("a name that is no zone is refused naming it", "[zone]") {
  std::string huge(1 << 20, 'A');
  for (const std::string& name :
       {std::string("Mars/Olympus_Mons"), std::string("../../etc/passwd"),
        std::string("/etc/localtime"), std::string(""), std::string("Europe"),
        std::string("Europe/Amsterdam/.."), std::string("zone.tab"),
        std::string("Europe/\xff\xfe"), huge}) {
    auto zone = TimeZone::Named(name);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.status().code() == StatusCode::kInvalidArgument);
    // Said back printable and short.
    std::string said = Catalog::For(Language::kEnglish).Describe(zone.status());
    CHECK(said.size() < 300);
    if (name.size() < 100 && IsValidUtf8(name)) {
      CHECK(said.find("\"" + name + "\"") != std::string::npos);
    }
  }
}

TEST_CASE("files of the database that are no place's zone are refused",
          "[zone]") {
  for (const char* name :
       {"localtime", "posixrules", "Factory", "posix/Europe/Amsterdam",
        "right/Europe/Amsterdam"}) {
    INFO(name);
    CHECK_FALSE(TimeZone::Named(name).ok());
  }
  // A zone's old name, a link within the database, is a zone.
  auto old_name = TimeZone::Named("US/Eastern");
  REQUIRE(old_name.ok());
  CHECK(old_name->OffsetAt(At("2026-12-10T12:00:00Z")).seconds == -5 * 3600);
}

TEST_CASE(
    "a reading as a refusal writes it is read back; the doubled hour "
    "is shown with its offset",
    "[zone]") {
  auto zone = TimeZone::Named("Europe/Amsterdam").value();
  LocalTimeProblem problem;
  CHECK_FALSE(ParseIsoTime("2026-10-25 02:30", zone, &problem));
  CHECK(ParseIsoTime(problem.earlier, zone) == At("2026-10-25T00:30:00Z"));
  CHECK(ParseIsoTime(problem.later, zone) == At("2026-10-25T01:30:00Z"));
  CHECK(ParseIsoTime("2026-10-25 02:30:00 +01:00", zone) ==
        At("2026-10-25T01:30:00Z"));
  CHECK_FALSE(ParseIsoTime("2026-10-25 02:30 +02:00 (C3ST)", zone));
  CHECK_FALSE(ParseIsoTime("2026-10-25 02:30 (CEST)", zone));
  CHECK(FormatLocalMarked(At("2026-10-25T00:40:00Z"), zone) ==
        "2026-10-25 02:40:00 +02:00");
  CHECK(FormatLocalMarked(At("2026-10-25T01:30:00Z"), zone) ==
        "2026-10-25 02:30:00 +01:00");
  CHECK(FormatLocalMarked(At("2026-10-25T03:30:00Z"), zone) ==
        "2026-10-25 04:30:00");
}

TEST_CASE("a zone file of rules only (tzdata's slim form) is read by its rule",
          "[zone]") {
  TempDir dir;
  WriteRuleOnlyZone(dir.File("Rule_Only"), "CET-1CEST,M3.5.0,M10.5.0/3");
  ::setenv("TZDIR", dir.path().c_str(), 1);
  auto zone = TimeZone::Named("Rule_Only");
  ::unsetenv("TZDIR");
  REQUIRE(zone.ok());
  auto amsterdam = TimeZone::Named("Europe/Amsterdam").value();
  for (int64_t t = 1767225600; t < 1767225600 + 5LL * 365 * 86400;
       t += 3 * 3600 + 17) {
    INFO(FormatIsoUtc(Seconds(t)));
    REQUIRE(zone->OffsetAt(Seconds(t)).seconds ==
            amsterdam.OffsetAt(Seconds(t)).seconds);
  }
}

}  // namespace entree::testing
