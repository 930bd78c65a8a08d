// Internet message pieces: base64, quoted-printable, encoded words, dates.
#include "entree/invites/mime.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "entree/base/sodium_ready.h"
#include "entree/base/time_zone.h"

namespace entree {
namespace {

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Base64 without line breaks.
std::string Base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift : {18, 12, 6, 0}) out += kBase64Alphabet[(n >> shift) & 63];
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t n = byte(i) << 16;
    if (rest == 2) n |= byte(i + 1) << 8;
    out += kBase64Alphabet[(n >> 18) & 63];
    out += kBase64Alphabet[(n >> 12) & 63];
    out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool IsPlainHeaderText(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  // "=?" would be read as the start of an encoded word.
  return text.find("=?") == std::string_view::npos;
}

// The length of the UTF-8 character starting with `lead`.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 1;
}

char Hex(int nibble) { return "0123456789ABCDEF"[nibble & 15]; }

}  // namespace

std::string Base64Lines(std::string_view bytes) {
  std::string flat = Base64(bytes);
  std::string out;
  out.reserve(flat.size() + flat.size() / 76 * 2 + 2);
  for (size_t i = 0; i < flat.size(); i += 76) {
    out.append(flat, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  std::string line;  // the encoded line being built
  auto flush_soft = [&] {
    out += line;
    out += "=\r\n";
    line.clear();
  };
  auto put = [&](std::string_view piece) {
    if (line.size() + piece.size() > 75) flush_soft();
    line += piece;
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    bool last = end == std::string_view::npos;
    std::string_view raw = text.substr(start, last ? text.npos : end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    for (size_t i = 0; i < raw.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(raw[i]);
      bool at_start = line.empty() && i == 0;
      bool trailing_space = (c == ' ' || c == '\t') && i + 1 == raw.size();
      bool escape = c == '=' || c > 126 || (c < 32 && c != '\t') ||
                    trailing_space || (at_start && c == '.') ||
                    (at_start && raw.substr(i, 5) == "From ");
      if (escape) {
        char encoded[3] = {'=', Hex(c >> 4), Hex(c)};
        put(std::string_view(encoded, 3));
      } else {
        put(std::string_view(&raw[i], 1));
      }
    }
    out += line;
    line.clear();
    if (last) break;
    out += "\r\n";
    start = end + 1;
  }
  return out;
}

std::string HeaderText(std::string_view text) {
  std::string clean(text);
  for (char& c : clean) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  // Plain text stays as it is up to a length that keeps the header line
  // well inside SMTP's 998; longer text is encoded, and so folded.
  if (IsPlainHeaderText(clean) && clean.size() <= 900) return clean;
  // Each encoded word holds at most 45 bytes (60 base64 characters, 72
  // with "=?UTF-8?B?" and "?="), cut between UTF-8 characters.
  std::string out;
  size_t i = 0;
  while (i < clean.size()) {
    size_t end = i;
    while (end < clean.size()) {
      size_t next = end + Utf8Length(static_cast<unsigned char>(clean[end]));
      if (next - i > 45) break;
      end = std::min(next, clean.size());
    }
    if (end == i) end = std::min(i + 1, clean.size());
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(clean).substr(i, end - i)) +
           "?=";
    i = end;
  }
  return out;
}

std::string Mailbox(std::string_view name, std::string_view address) {
  std::string bracketed = "<" + std::string(address) + ">";
  if (name.empty()) return bracketed;
  std::string encoded = HeaderText(name);
  if (encoded.rfind("=?", 0) == 0) return encoded + " " + bracketed;
  std::string quoted = "\"";
  for (char c : encoded) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" " + bracketed;
}

std::string MessageDate(Instant t) {
  std::tm local = LocalCalendar(t, TimeZone::Utc());
  static constexpr std::array<const char*, 7> kDays = {
      "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  long offset_minutes = local.tm_gmtoff / 60;
  char sign = offset_minutes < 0 ? '-' : '+';
  if (offset_minutes < 0) offset_minutes = -offset_minutes;
  char text[64];
  std::snprintf(text, sizeof(text), "%s, %d %s %d %02d:%02d:%02d %c%02ld%02ld",
                kDays[local.tm_wday % 7], local.tm_mday,
                kMonths[local.tm_mon % 12], local.tm_year + 1900, local.tm_hour,
                local.tm_min, local.tm_sec, sign, offset_minutes / 60,
                offset_minutes % 60);
  return text;
}

std::string NewMessageId(std::string_view domain) {
  EnsureSodiumReady();
  std::array<unsigned char, 16> random;
  randombytes_buf(random.data(), random.size());
  std::string id = "<";
  for (unsigned char c : random) {
    id += Hex(c >> 4);
    id += Hex(c);
  }
  return id + "@" + std::string(domain.empty() ? "entree.invalid" : domain) +
         ">";
}

std::string_view DomainOf(std::string_view address) {
  size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view()
                                      : address.substr(at + 1);
}

bool IsSendableAddress(std::string_view address) {
  if (address.size() > 254) return false;
  size_t at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  std::string_view local = address.substr(0, at);
  for (unsigned char c : local) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("\"(),:;<>[\\]").find(static_cast<char>(c)) !=
        std::string_view::npos) {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  std::string_view domain = address.substr(at + 1);
  if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
    for (char c : domain.substr(1, domain.size() - 2)) {
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.' &&
          c != ':') {
        return false;
      }
    }
    return domain.size() > 2;
  }
  if (domain.find('.') == std::string_view::npos) return false;
  size_t label = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      if (label == 0 || label > 63 || domain[i - 1] == '-' ||
          domain[i - label] == '-') {
        return false;
      }
      label = 0;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(domain[i]);
    if (!std::isalnum(c) && c != '-') return false;
    ++label;
  }
  return true;
}

}  // namespace entree
