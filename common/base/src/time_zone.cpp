// IANA time zones from the system's TZif files (RFC 8536): the version 2
// transitions, and the POSIX TZ rule of the file's footer for the years
// after its last transition.
#include "entree/base/time_zone.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "entree/base/text.h"

namespace entree {
namespace {

using std::chrono::days;
using std::chrono::seconds;

constexpr size_t kMaxZoneFileBytes = 1 << 20;
// No clock on Earth is further than this from UTC (RFC 8536 allows less
// than a day either way).
constexpr int kMaxOffset = 25 * 3600 + 59 * 60;

// One of the zone's kinds of local time (a TZif "ttinfo").
struct LocalType {
  int offset = 0;
  bool daylight = false;
  std::string abbreviation;
};

// When a POSIX rule's change happens in a year: day of the year from a
// "Mm.w.d", "Jn" or "n" form, and the wall-clock time of day.
struct ChangeDay {
  enum class Form {
    kMonthWeekDay,
    kJulianNoLeap,
    kZeroBased
  } form = Form::kMonthWeekDay;
  int month = 0, week = 0, weekday = 0, day = 0;
  int time = 7200;  // seconds after local midnight; may be negative or > 24h
};

struct PosixRule {
  LocalType standard;
  std::optional<LocalType> summer;
  ChangeDay starts, ends;
};

int64_t DaysFromCivil(int year, int month, int day) {
  return std::chrono::sys_days(std::chrono::year{year} /
                               static_cast<unsigned>(month) /
                               static_cast<unsigned>(day))
      .time_since_epoch()
      .count();
}

// The first second (UTC) of `change` in `year`, the clock then showing
// `offset`.
int64_t ChangeInstant(const ChangeDay& change, int year, int offset) {
  int64_t day = 0;
  bool leap = std::chrono::year{year}.is_leap();
  switch (change.form) {
    case ChangeDay::Form::kMonthWeekDay: {
      int64_t first = DaysFromCivil(year, change.month, 1);
      // 1970-01-01 was a Thursday (4).
      int first_weekday = static_cast<int>(((first % 7) + 11) % 7);
      int64_t d = first + (change.weekday - first_weekday + 7) % 7;
      d += 7 * (change.week - 1);
      int64_t month_end = change.month == 12
                              ? DaysFromCivil(year + 1, 1, 1)
                              : DaysFromCivil(year, change.month + 1, 1);
      while (d >= month_end) d -= 7;  // week 5: the last such weekday
      day = d;
      break;
    }
    case ChangeDay::Form::kJulianNoLeap:
      day = DaysFromCivil(year, 1, 1) + change.day - 1 +
            (leap && change.day >= 60 ? 1 : 0);
      break;
    case ChangeDay::Form::kZeroBased:
      day = DaysFromCivil(year, 1, 1) + change.day;
      break;
  }
  return day * 86400 + change.time - offset;
}

// Reads a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3".
class PosixParser {
 public:
  explicit PosixParser(std::string_view text) : text_(text) {}

  std::optional<PosixRule> Parse() {
    PosixRule rule;
    if (!Name(rule.standard.abbreviation)) return std::nullopt;
    auto offset = Offset();
    if (!offset) return std::nullopt;
    rule.standard.offset = -*offset;  // POSIX counts west of UTC
    if (std::abs(*offset) > kMaxOffset) return std::nullopt;
    if (pos_ == text_.size()) return rule;
    LocalType summer{rule.standard.offset + 3600, true, {}};
    if (!Name(summer.abbreviation)) return std::nullopt;
    if (pos_ < text_.size() && text_[pos_] != ',') {
      auto dst = Offset();
      if (!dst || std::abs(*dst) > kMaxOffset) return std::nullopt;
      summer.offset = -*dst;
    }
    if (!Eat(',') || !Change(rule.starts) || !Eat(',') || !Change(rule.ends) ||
        pos_ != text_.size()) {
      return std::nullopt;
    }
    rule.summer = summer;
    return rule;
  }

 private:
  bool Eat(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::optional<int> Number() {
    size_t start = pos_;
    int value = 0;
    while (pos_ < text_.size() &&
           std::isdigit(static_cast<unsigned char>(text_[pos_])) &&
           pos_ - start < 4) {
      value = value * 10 + (text_[pos_++] - '0');
    }
    if (pos_ == start) return std::nullopt;
    return value;
  }
  bool Name(std::string& out) {
    if (Eat('<')) {
      size_t end = text_.find('>', pos_);
      if (end == std::string_view::npos) return false;
      out = std::string(text_.substr(pos_, end - pos_));
      pos_ = end + 1;
      return out.size() >= 3;
    }
    size_t start = pos_;
    while (pos_ < text_.size() &&
           std::isalpha(static_cast<unsigned char>(text_[pos_]))) {
      ++pos_;
    }
    out = std::string(text_.substr(start, pos_ - start));
    return out.size() >= 3;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<int> Offset() {
    int sign = 1;
    if (Eat('-')) {
      sign = -1;
    } else {
      Eat('+');
    }
    auto hours = Number();
    if (!hours || *hours > 167) return std::nullopt;
    int value = *hours * 3600;
    if (Eat(':')) {
      auto minutes = Number();
      if (!minutes || *minutes > 59) return std::nullopt;
      value += *minutes * 60;
      if (Eat(':')) {
        auto secs = Number();
        if (!secs || *secs > 59) return std::nullopt;
        value += *secs;
      }
    }
    return sign * value;
  }
  bool Change(ChangeDay& change) {
    if (Eat('M')) {
      auto month = Number();
      if (!month || !Eat('.')) return false;
      auto week = Number();
      if (!week || !Eat('.')) return false;
      auto weekday = Number();
      if (!weekday || *month < 1 || *month > 12 || *week < 1 || *week > 5 ||
          *weekday > 6) {
        return false;
      }
      change.form = ChangeDay::Form::kMonthWeekDay;
      change.month = *month;
      change.week = *week;
      change.weekday = *weekday;
    } else {
      bool julian = Eat('J');
      auto day = Number();
      if (!day || *day > 365 || (julian && *day < 1)) return false;
      change.form =
          julian ? ChangeDay::Form::kJulianNoLeap : ChangeDay::Form::kZeroBased;
      change.day = *day;
    }
    change.time = 7200;
    if (Eat('/')) {
      auto time = Offset();
      if (!time) return false;
      change.time = *time;
    }
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

// Big-endian readers over the file's bytes.
class Bytes {
 public:
  explicit Bytes(std::string_view data) : data_(data) {}
  bool Has(size_t n) const { return pos_ + n <= data_.size(); }
  void Skip(size_t n) { pos_ += n; }
  size_t pos() const { return pos_; }
  int64_t Signed(int width) {
    uint64_t value = 0;
    for (int i = 0; i < width; ++i) {
      value = (value << 8) | static_cast<uint8_t>(data_[pos_++]);
    }
    if (width == 4) return static_cast<int32_t>(static_cast<uint32_t>(value));
    return static_cast<int64_t>(value);
  }
  uint8_t Byte() { return static_cast<uint8_t>(data_[pos_++]); }
  std::string_view Rest() const { return data_.substr(pos_); }

 private:
  std::string_view data_;
  size_t pos_ = 0;
};

bool ValidZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' &&
          c != '-' && c != '+') {
        return false;
      }
    }
    start = end + 1;
  }
  return true;
}

// Reads exactly `n` digits at `pos`; advances pos. -1 when not digits.
int ReadDigits(std::string_view text, size_t& pos, size_t n) {
  if (pos + n > text.size()) return -1;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

// "YYYY-MM-DD[THH:MM[:SS]]" at the start of `text`; the offset that may
// follow is left at `pos`.
std::optional<CivilTime> ReadCivil(std::string_view text, size_t& pos) {
  CivilTime civil;
  civil.year = ReadDigits(text, pos, 4);
  if (civil.year < 0 || pos >= text.size() || text[pos++] != '-') {
    return std::nullopt;
  }
  civil.month = ReadDigits(text, pos, 2);
  if (civil.month < 1 || civil.month > 12 || pos >= text.size() ||
      text[pos++] != '-') {
    return std::nullopt;
  }
  civil.day = ReadDigits(text, pos, 2);
  std::chrono::year_month_day date{
      std::chrono::year{civil.year} / static_cast<unsigned>(civil.month) /
      static_cast<unsigned>(std::max(0, civil.day))};
  if (civil.day < 1 || !date.ok()) return std::nullopt;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    civil.hour = ReadDigits(text, pos, 2);
    if (civil.hour < 0 || civil.hour > 23 || pos >= text.size() ||
        text[pos++] != ':') {
      return std::nullopt;
    }
    civil.minute = ReadDigits(text, pos, 2);
    if (civil.minute < 0 || civil.minute > 59) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      civil.second = ReadDigits(text, pos, 2);
      if (civil.second < 0 || civil.second > 59) return std::nullopt;
    }
  }
  return civil;
}

// "Z", "+HH:MM" or "-HH:MM" filling the rest of `text`, in seconds east.
std::optional<int> ReadOffset(std::string_view text, size_t pos) {
  if (text.substr(pos) == "Z") return 0;
  if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
    return std::nullopt;
  }
  int sign = text[pos++] == '+' ? 1 : -1;
  int hours = ReadDigits(text, pos, 2);
  if (hours < 0 || hours > 14 || pos >= text.size() || text[pos++] != ':') {
    return std::nullopt;
  }
  int minutes = ReadDigits(text, pos, 2);
  if (minutes < 0 || minutes > 59 || pos != text.size()) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

std::string ZoneRoot() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

}  // namespace

struct TimeZone::Rules {
  std::string name;
  std::vector<int64_t> transitions;  // UTC seconds, ascending
  std::vector<uint8_t> type_after;   // the type in force from each
  std::vector<LocalType> types;      // at least one
  std::optional<PosixRule> later;    // after the last transition
  size_t before_first = 0;           // the type before any transition

  LocalType At(int64_t t) const {
    if (transitions.empty() || t < transitions.front()) {
      if (transitions.empty() && later) return Later(t);
      return types[before_first];
    }
    size_t i = std::upper_bound(transitions.begin(), transitions.end(), t) -
               transitions.begin() - 1;
    if (i + 1 == transitions.size() && later) return Later(t);
    return types[type_after[i]];
  }

  LocalType Later(int64_t t) const {
    if (!later->summer) return later->standard;
    const LocalType& standard = later->standard;
    const LocalType& summer = *later->summer;
    auto local_days = std::chrono::floor<days>(
        std::chrono::sys_seconds(seconds(t + standard.offset)));
    int year = static_cast<int>(std::chrono::year_month_day(local_days).year());
    int64_t starts = ChangeInstant(later->starts, year, standard.offset);
    int64_t ends = ChangeInstant(later->ends, year, summer.offset);
    bool in_summer =
        starts < ends ? (t >= starts && t < ends) : !(t >= ends && t < starts);
    return in_summer ? summer : standard;
  }
};

namespace {

Result<std::shared_ptr<const TimeZone::Rules>> ReadRules(
    const std::string& name, std::string_view data) {
  auto damaged = [&] {
    return Status::InvalidArgument("the time zone file of " + name +
                                   " is damaged");
  };
  auto rules = std::make_shared<TimeZone::Rules>();
  rules->name = name;
  Bytes in(data);
  // The version 1 block is skipped for the 64-bit one that follows it.
  for (int block = 0; block < 2; ++block) {
    if (!in.Has(44) || in.Rest().substr(0, 4) != "TZif") return damaged();
    char version = in.Rest()[4];
    in.Skip(20);
    int64_t counts[6];
    for (int64_t& count : counts) count = in.Signed(4);
    auto [isut, isstd, leap, times, type_count, chars] = counts;
    for (int64_t count : counts) {
      if (count < 0 || count > 100000) return damaged();
    }
    int width = block == 0 ? 4 : 8;
    size_t body = times * width + times + type_count * 6 + chars +
                  leap * (width + 4) + isstd + isut;
    if (!in.Has(body) || type_count == 0) return damaged();
    if (block == 0) {
      if (version < '2') {
        return Status::InvalidArgument("the time zone file of " + name +
                                       " is too old (TZif version 1)");
      }
      in.Skip(body);
      continue;
    }
    for (int64_t i = 0; i < times; ++i) {
      rules->transitions.push_back(in.Signed(8));
    }
    for (int64_t i = 0; i < times; ++i) {
      uint8_t type = in.Byte();
      if (type >= type_count) return damaged();
      rules->type_after.push_back(type);
    }
    std::vector<uint8_t> name_at;
    for (int64_t i = 0; i < type_count; ++i) {
      LocalType type;
      int64_t offset = in.Signed(4);
      if (offset < -kMaxOffset || offset > kMaxOffset) return damaged();
      type.offset = static_cast<int>(offset);
      type.daylight = in.Byte() != 0;
      name_at.push_back(in.Byte());
      rules->types.push_back(type);
    }
    std::string_view letters = in.Rest().substr(0, chars);
    for (size_t i = 0; i < rules->types.size(); ++i) {
      if (name_at[i] >= letters.size()) return damaged();
      std::string_view rest = letters.substr(name_at[i]);
      rules->types[i].abbreviation =
          std::string(rest.substr(0, rest.find('\0')));
    }
    in.Skip(chars + leap * 12 + isstd + isut);
    std::string_view footer = in.Rest();
    if (footer.size() >= 2 && footer.front() == '\n') {
      size_t end = footer.find('\n', 1);
      if (end != std::string_view::npos && end > 1) {
        rules->later = PosixParser(footer.substr(1, end - 1)).Parse();
      }
    }
  }
  if (!std::is_sorted(rules->transitions.begin(), rules->transitions.end())) {
    return damaged();
  }
  // Before the first transition: the first standard-time type.
  for (size_t i = 0; i < rules->types.size(); ++i) {
    if (!rules->types[i].daylight) {
      rules->before_first = i;
      break;
    }
  }
  return std::shared_ptr<const TimeZone::Rules>(std::move(rules));
}

Status UnknownZone(std::string_view name) {
  // Said back short and printable, whatever was given.
  std::string shown;
  if (IsValidUtf8(name)) {
    shown = TruncateUtf8(name, 64);
    StripControlCharacters(shown);
  } else {
    for (char c : name.substr(0, 64)) {
      shown += static_cast<unsigned char>(c) < 0x20 ||
                       static_cast<unsigned char>(c) >= 0x7f
                   ? '?'
                   : c;
    }
  }
  return Status::Localized(StatusCode::kInvalidArgument, "error.unknown_zone",
                           {shown});
}

// Files in the database that are no place's zone: the machine's own
// (localtime), tzdata's helpers and its copies under other rules.
bool NoPlace(std::string_view name) {
  return name == "localtime" || name == "posixrules" || name == "Factory" ||
         name.starts_with("posix/") || name.starts_with("right/");
}

}  // namespace

TimeZone::TimeZone(std::shared_ptr<const Rules> rules)
    : rules_(std::move(rules)) {}

Result<TimeZone> TimeZone::Named(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Rules>, std::less<>>
      loaded;
  if (!ValidZoneName(name) || NoPlace(name)) return UnknownZone(name);
  std::lock_guard lock(mutex);
  if (auto known = loaded.find(name); known != loaded.end()) {
    return TimeZone(known->second);
  }
  std::string path = ZoneRoot() + "/" + std::string(name);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return UnknownZone(name);
  // A link may lead within the database (a zone's old name), not out of it.
  auto real = std::filesystem::canonical(path, error);
  auto root = std::filesystem::canonical(ZoneRoot(), error);
  if (error || !real.string().starts_with(root.string() + "/")) {
    return UnknownZone(name);
  }
  std::ifstream file(path, std::ios::binary);
  std::string data(kMaxZoneFileBytes + 1, '\0');
  file.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<size_t>(file.gcount()));
  if (data.size() > kMaxZoneFileBytes || data.substr(0, 4) != "TZif") {
    return UnknownZone(name);
  }
  ENTREE_ASSIGN_OR_RETURN(auto rules, ReadRules(std::string(name), data));
  loaded.emplace(std::string(name), rules);
  return TimeZone(std::move(rules));
}

Result<TimeZone> TimeZone::FromTzif(std::string_view name,
                                    std::string_view data) {
  if (data.size() > kMaxZoneFileBytes) return UnknownZone(name);
  ENTREE_ASSIGN_OR_RETURN(auto rules, ReadRules(std::string(name), data));
  return TimeZone(std::move(rules));
}

TimeZone TimeZone::Utc() {
  static const auto rules = [] {
    auto utc = std::make_shared<Rules>();
    utc->name = "UTC";
    utc->types.push_back({0, false, "UTC"});
    return std::shared_ptr<const Rules>(std::move(utc));
  }();
  return TimeZone(rules);
}

std::string TimeZone::MachineZoneName() {
  auto usable = [](std::string name) -> std::optional<std::string> {
    if (!name.empty() && name.front() == ':') name.erase(0, 1);
    if (name.empty()) return std::nullopt;
    if (name == "UTC" || name == "Etc/UTC" || name == "UCT" ||
        name == "Universal" || name == "Zulu") {
      return std::string("UTC");
    }
    if (!Named(name).ok()) return std::nullopt;
    return name;
  };
  if (const char* tz = std::getenv("TZ")) {
    std::string text = tz;
    // A path into the database ("/usr/share/zoneinfo/Europe/Amsterdam").
    std::string root = ZoneRoot() + "/";
    if (text.starts_with(":" + root)) text = text.substr(root.size() + 1);
    if (text.starts_with(root)) text = text.substr(root.size());
    if (auto name = usable(text)) return *name;
  }
  std::error_code error;
  auto link = std::filesystem::read_symlink("/etc/localtime", error);
  if (!error) {
    std::string target = link.lexically_normal().string();
    size_t at = target.find("zoneinfo/");
    if (at != std::string::npos) {
      if (auto name = usable(target.substr(at + 9))) return *name;
    }
  }
  std::ifstream file("/etc/timezone");
  std::string line;
  if (std::getline(file, line)) {
    while (!line.empty() &&
           std::isspace(static_cast<unsigned char>(line.back()))) {
      line.pop_back();
    }
    if (auto name = usable(line)) return *name;
  }
  return "UTC";
}

const std::string& TimeZone::name() const { return rules_->name; }

ZoneOffset TimeZone::OffsetAt(Instant t) const {
  LocalType type =
      rules_->At(std::chrono::floor<seconds>(t).time_since_epoch().count());
  return {type.offset, type.daylight, type.abbreviation};
}

std::tm TimeZone::Calendar(Instant t) const {
  auto whole = std::chrono::floor<seconds>(t);
  LocalType type = rules_->At(whole.time_since_epoch().count());
  auto local = whole + seconds(type.offset);
  auto day = std::chrono::floor<days>(local);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss clock(local - day);
  std::tm tm{};
  tm.tm_year = static_cast<int>(date.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(date.day()));
  tm.tm_hour = static_cast<int>(clock.hours().count());
  tm.tm_min = static_cast<int>(clock.minutes().count());
  tm.tm_sec = static_cast<int>(clock.seconds().count());
  tm.tm_wday = static_cast<int>(std::chrono::weekday(day).c_encoding());
  tm.tm_yday = static_cast<int>(
      (day - std::chrono::sys_days(date.year() / 1 / 1)).count());
  tm.tm_isdst = type.daylight ? 1 : 0;
  tm.tm_gmtoff = type.offset;
  return tm;
}

std::vector<Instant> TimeZone::Resolve(const CivilTime& civil) const {
  int64_t local = DaysFromCivil(civil.year, civil.month, civil.day) * 86400 +
                  civil.hour * 3600 + civil.minute * 60 + civil.second;
  // The offsets in force a day either side hold every reading there is.
  std::set<int> offsets;
  for (int64_t probe : {local - 86400, local, local + 86400}) {
    offsets.insert(rules_->At(probe).offset);
  }
  std::set<int64_t> found;
  for (int offset : offsets) {
    if (rules_->At(local - offset).offset == offset) {
      found.insert(local - offset);
    }
  }
  std::vector<Instant> out;
  for (int64_t t : found) out.push_back(Instant(seconds(t)));
  return out;
}

Result<TimeZone> KnownEventZone(const Event& event) {
  if (event.time_zone.empty()) return EventZone(event);
  return TimeZone::Named(event.time_zone);
}

TimeZone EventZone(const Event& event) {
  static const std::string machine = TimeZone::MachineZoneName();
  auto zone =
      TimeZone::Named(event.time_zone.empty() ? machine : event.time_zone);
  return zone.ok() ? *zone : TimeZone::Utc();
}

std::tm LocalCalendar(Instant t, const TimeZone& zone) {
  return zone.Calendar(t);
}

std::string FormatLocal(Instant t, const TimeZone& zone) {
  std::tm tm = zone.Calendar(t);
  char buffer[32];
  size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
  return std::string(buffer, n);
}

std::string ZonedHeading(std::string_view heading, const TimeZone& zone) {
  return std::string(heading) + " (" + zone.name() + ")";
}

std::string FormatLocalMarked(Instant t, const TimeZone& zone) {
  std::string shown = FormatLocal(t, zone);
  std::tm tm = zone.Calendar(t);
  CivilTime civil{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour,        tm.tm_min,     tm.tm_sec};
  if (zone.Resolve(civil).size() > 1) {
    shown += " " + FormatOffset(zone.OffsetAt(t).seconds);
  }
  return shown;
}

std::string FormatOffset(int seconds_east) {
  int magnitude = std::abs(seconds_east) / 60;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d",
                seconds_east < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
  return buffer;
}

std::string FormatReading(Instant t, const TimeZone& zone) {
  ZoneOffset offset = zone.OffsetAt(t);
  std::string out =
      FormatLocal(t, zone).substr(0, 16) + " " + FormatOffset(offset.seconds);
  if (!offset.abbreviation.empty() && offset.abbreviation[0] != '+' &&
      offset.abbreviation[0] != '-') {
    out += " (" + offset.abbreviation + ")";
  }
  return out;
}

std::optional<Instant> ParseIsoTime(std::string_view text, const TimeZone& zone,
                                    LocalTimeProblem* problem) {
  if (problem) *problem = {};
  size_t pos = 0;
  auto civil = ReadCivil(text, pos);
  if (!civil) return std::nullopt;
  int64_t local = DaysFromCivil(civil->year, civil->month, civil->day) * 86400 +
                  civil->hour * 3600 + civil->minute * 60 + civil->second;
  if (pos < text.size()) {
    // As a refusal writes a reading: "2026-10-25 02:30 +02:00 (CEST)".
    if (text[pos] == ' ' && pos + 1 < text.size() &&
        (text[pos + 1] == '+' || text[pos + 1] == '-')) {
      ++pos;
    }
    std::string_view rest = text.substr(pos);
    if (size_t open = rest.find(" (");
        open != std::string_view::npos && rest.ends_with(")")) {
      std::string_view name = rest.substr(open + 2, rest.size() - open - 3);
      bool letters = !name.empty() && name.size() <= 8 &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::isalpha(static_cast<unsigned char>(c));
                     });
      if (!letters) return std::nullopt;
      text = text.substr(0, pos + open);
    }
    auto offset = ReadOffset(text, pos);
    if (!offset) return std::nullopt;
    return Instant(seconds(local - *offset));
  }
  std::vector<Instant> readings = zone.Resolve(*civil);
  if (readings.size() == 1) return readings.front();
  if (problem) {
    if (readings.empty()) {
      // Read with the offset of after the change, then of before it.
      int before = zone.OffsetAt(Instant(seconds(local - 86400))).seconds;
      int after = zone.OffsetAt(Instant(seconds(local + 86400))).seconds;
      problem->gap = LocalTimeGap::kSkipped;
      problem->earlier = FormatReading(
          Instant(seconds(local - std::max(before, after))), zone);
      problem->later = FormatReading(
          Instant(seconds(local - std::min(before, after))), zone);
    } else {
      problem->gap = LocalTimeGap::kTwice;
      problem->earlier = FormatReading(readings.front(), zone);
      problem->later = FormatReading(readings.back(), zone);
    }
  }
  return std::nullopt;
}

}  // namespace entree
