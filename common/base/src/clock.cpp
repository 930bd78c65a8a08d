// Wall clock and ISO 8601 formatting and parsing.
#include "entree/base/clock.h"

#include <cctype>
#include <ctime>

namespace entree {
namespace {

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

std::string FormatTm(const std::tm& tm, const char* format) {
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, format, &tm);
  return std::string(buffer, n);
}

}  // namespace

Instant SystemClock::Now() const {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now());
}

std::string FormatIsoUtc(Instant t) {
  std::time_t seconds = static_cast<std::time_t>(
      std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return FormatTm(tm, "%Y-%m-%dT%H:%M:%SZ");
}

std::tm LocalCalendar(Instant t) {
  std::time_t seconds = static_cast<std::time_t>(
      std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count());
  std::tm tm{};
  localtime_r(&seconds, &tm);
  return tm;
}

std::string FormatLocal(Instant t) {
  return FormatTm(LocalCalendar(t), "%Y-%m-%d %H:%M:%S");
}

std::optional<Instant> ParseIsoTime(std::string_view text, LocalTimeGap* gap) {
  if (gap) *gap = LocalTimeGap::kNone;
  size_t pos = 0;
  std::tm tm{};
  int year = ReadDigits(text, pos, 4);
  if (year < 0 || pos >= text.size() || text[pos++] != '-') return std::nullopt;
  int month = ReadDigits(text, pos, 2);
  if (month < 1 || month > 12 || pos >= text.size() || text[pos++] != '-') {
    return std::nullopt;
  }
  int day = ReadDigits(text, pos, 2);
  if (day < 1 || day > 31) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == ' ')) {
    ++pos;
    hour = ReadDigits(text, pos, 2);
    if (hour < 0 || hour > 23 || pos >= text.size() || text[pos++] != ':') {
      return std::nullopt;
    }
    minute = ReadDigits(text, pos, 2);
    if (minute < 0 || minute > 59) return std::nullopt;
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      second = ReadDigits(text, pos, 2);
      if (second < 0 || second > 60) return std::nullopt;
    }
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;

  bool local = pos == text.size();
  int offset_seconds = 0;
  if (!local) {
    if (text[pos] == 'Z' && pos + 1 == text.size()) {
      offset_seconds = 0;
    } else if (text[pos] == '+' || text[pos] == '-') {
      int sign = text[pos++] == '+' ? 1 : -1;
      int off_h = ReadDigits(text, pos, 2);
      if (off_h < 0 || off_h > 14 || pos >= text.size() || text[pos++] != ':') {
        return std::nullopt;
      }
      int off_m = ReadDigits(text, pos, 2);
      if (off_m < 0 || off_m > 59 || pos != text.size()) return std::nullopt;
      offset_seconds = sign * (off_h * 3600 + off_m * 60);
    } else {
      return std::nullopt;
    }
  }
  tm.tm_isdst = -1;
  std::tm asked = tm;
  std::time_t epoch = local ? std::mktime(&tm) : timegm(&tm);
  // mktime and timegm roll 31 February over into March; refuse that.
  if (tm.tm_mday != day || tm.tm_mon != month - 1) return std::nullopt;
  if (local) {
    // A skipped hour comes back moved; a repeated one reads as two
    // instants, once in summer time and once in winter time.
    LocalTimeGap found = LocalTimeGap::kNone;
    if (tm.tm_hour != hour || tm.tm_min != minute) {
      found = LocalTimeGap::kSkipped;
    } else {
      std::tm summer = asked, winter = asked;
      summer.tm_isdst = 1;
      winter.tm_isdst = 0;
      std::time_t a = std::mktime(&summer), b = std::mktime(&winter);
      if (a != b && summer.tm_hour == hour && winter.tm_hour == hour &&
          summer.tm_isdst == 1 && winter.tm_isdst == 0) {
        found = LocalTimeGap::kTwice;
      }
    }
    if (found != LocalTimeGap::kNone) {
      if (gap) *gap = found;
      return std::nullopt;
    }
  }
  epoch -= offset_seconds;
  return Instant(std::chrono::seconds(epoch));
}

}  // namespace entree
