// Reading spreadsheet CSV dialects and writing Excel-safe CSV.
#include "entree/base/csv.h"

#include <algorithm>
#include <array>
#include <utility>

#include "entree/base/text.h"

namespace entree {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The delimiter the first record uses most, counting outside quotes.
char DetectDelimiter(std::string_view text) {
  std::array<int, 3> counts{};
  constexpr std::array<char, 3> kCandidates = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (size_t i = 0; i < kCandidates.size(); ++i) {
      if (c == kCandidates[i]) ++counts[i];
    }
  }
  size_t best = 0;
  for (size_t i = 1; i < counts.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kCandidates[best];
}

// Appends the code point `c` to `out` as UTF-8.
void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// UTF-16 text (after its byte-order mark) as UTF-8, as Excel's "Unicode
// text" saves a sheet. A lone surrogate or an odd last byte becomes U+FFFD.
std::string Utf16ToUtf8(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> char32_t {
    auto lo = static_cast<unsigned char>(bytes[little_endian ? i : i + 1]);
    auto hi = static_cast<unsigned char>(bytes[little_endian ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  constexpr char32_t kReplacement = 0xFFFD;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 3 < bytes.size() &&
        unit(i + 2) >= 0xDC00 && unit(i + 2) <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = kReplacement;
    }
    AppendUtf8(out, c);
  }
  if (i < bytes.size()) AppendUtf8(out, kReplacement);
  return out;
}

bool IsBlank(const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (!Trim(field).empty()) return false;
  }
  return true;
}

}  // namespace

CsvStream::CsvStream(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    bool little_endian = bytes[0] == '\xFF';
    converted_ = Utf16ToUtf8(bytes.substr(2), little_endian);
    text_ = converted_;
    encoding_ = little_endian ? "utf-16le with BOM" : "utf-16be with BOM";
    delimiter_ = DetectDelimiter(text_);
    return;
  }
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    encoding_ = "utf-8 with BOM";
  }
  text_ = bytes;
  if (IsValidUtf8(bytes)) {
    if (encoding_.empty()) encoding_ = "utf-8";
  } else if (Utf8Scan scan = ScanUtf8(bytes);
             scan.multibyte > 0 || !encoding_.empty()) {
    // The encoding is the file's: UTF-8 characters (or a UTF-8 byte-order
    // mark) say it is UTF-8, and a stray byte then spoils only its own
    // record, which is reported, never the good rows around it.
    if (encoding_.empty()) encoding_ = "utf-8";
    stray_ = std::move(scan.invalid);
  } else {
    converted_ = Windows1252ToUtf8(bytes);
    text_ = converted_;
    encoding_ = "windows-1252";
  }
  delimiter_ = DetectDelimiter(text_);
}

bool CsvStream::Next(CsvRecord& record) {
  while (pos_ < text_.size()) {
    if (!Read(record)) {
      unclosed_ = record.line;
      pos_ = text_.size();
      return false;
    }
    if (!IsBlank(record.fields)) return true;
  }
  return false;
}

// Reads the record at the current position into `record`, reusing the
// strings it already holds. False when the text ends inside a quoted field.
bool CsvStream::Read(CsvRecord& record) {
  record.line = line_;
  record.not_utf8 = false;
  size_t record_start = pos_;
  size_t count = 0;
  auto next_field = [&record, &count]() -> std::string& {
    if (count == record.fields.size()) record.fields.emplace_back();
    std::string& field = record.fields[count++];
    field.clear();
    return field;
  };
  bool complete = true;
  while (true) {
    std::string& field = next_field();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      if (!ReadQuoted(field)) {
        complete = false;
        break;
      }
    }
    // Unquoted text, or what follows a closing quote, is taken as it is.
    size_t start = pos_;
    while (pos_ < text_.size() && !IsSpecial(text_[pos_])) ++pos_;
    field.append(text_.substr(start, pos_ - start));
    if (pos_ >= text_.size()) break;
    char c = text_[pos_++];
    if (c == delimiter_) continue;
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
  record.fields.resize(count);
  auto stray = std::lower_bound(stray_.begin(), stray_.end(), record_start);
  if (stray != stray_.end() && *stray < pos_) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto byte = static_cast<uint8_t>(text_[*stray]);
    record.not_utf8 = true;
    record.not_utf8_byte = {'0', 'x', kHex[byte >> 4], kHex[byte & 15]};
  }
  return complete;
}

// Appends a quoted field's text up to its closing quote; "" is a quote.
bool CsvStream::ReadQuoted(std::string& field) {
  while (true) {
    size_t quote = text_.find('"', pos_);
    if (quote == std::string_view::npos) return false;
    std::string_view chunk = text_.substr(pos_, quote - pos_);
    CountLineBreaks(chunk, quote);
    field.append(chunk);
    pos_ = quote + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      field.push_back('"');
      ++pos_;
      continue;
    }
    return true;
  }
}

// Counts CRLF, LF and lone CR in `chunk`, which ends at text_[end].
void CsvStream::CountLineBreaks(std::string_view chunk, size_t end) {
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (chunk[i] == '\n') ++line_;
    if (chunk[i] == '\r') {
      char next = i + 1 < chunk.size() ? chunk[i + 1] : text_[end];
      if (next != '\n') ++line_;
    }
  }
}

CsvDocument ParseCsv(std::string_view bytes) {
  CsvStream stream(bytes);
  CsvDocument doc;
  doc.delimiter = stream.delimiter();
  doc.encoding = stream.encoding();
  CsvRecord record;
  while (stream.Next(record)) doc.records.push_back(record);
  doc.unclosed_quote_line = stream.unclosed_quote_line();
  return doc;
}

std::string CsvCell(std::string_view value, char delimiter) {
  std::string cell;
  if (!value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
       value[0] == '@' || value[0] == '\t' || value[0] == '\r')) {
    cell.push_back('\'');
  }
  cell.append(value);
  bool needs_quotes = cell.find_first_of(std::string{
                          '"', '\n', '\r', delimiter}) != std::string::npos;
  if (!needs_quotes) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

CsvWriter::CsvWriter(char delimiter) : delimiter_(delimiter) {}

void CsvWriter::Row(const std::vector<std::string>& cells) {
  if (out_.empty()) out_.append(kBom);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out_.push_back(delimiter_);
    out_ += CsvCell(cells[i], delimiter_);
  }
  out_ += "\r\n";
}

std::string CsvWriter::Take() { return std::exchange(out_, {}); }

}  // namespace entree
