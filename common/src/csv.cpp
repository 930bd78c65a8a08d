// Reading spreadsheet CSV dialects and writing Excel-safe CSV.
#include "entree/csv.h"

#include <array>
#include <utility>

#include "entree/text.h"

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

bool IsBlank(const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    if (!Trim(field).empty()) return false;
  }
  return true;
}

// Reads one CSV record at a time from text already in UTF-8.
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter)
      : text_(text), delimiter_(delimiter) {}

  bool AtEnd() const { return pos_ >= text_.size(); }

  // Reads the record at the current position into `record`. False when the
  // text ends inside a quoted field.
  bool Read(CsvRecord& record) {
    record.line = line_;
    record.fields.clear();
    while (true) {
      std::string& field = record.fields.emplace_back();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        if (!ReadQuoted(field)) return false;
      }
      // Unquoted text, or what follows a closing quote, is taken as it is.
      size_t start = pos_;
      while (pos_ < text_.size() && !IsSpecial(text_[pos_])) ++pos_;
      field.append(text_.substr(start, pos_ - start));
      if (pos_ >= text_.size()) return true;
      char c = text_[pos_++];
      if (c == delimiter_) continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
  }

 private:
  bool IsSpecial(char c) const {
    return c == delimiter_ || c == '\n' || c == '\r';
  }

  // Appends a quoted field's text up to its closing quote; "" is a quote.
  bool ReadQuoted(std::string& field) {
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
  void CountLineBreaks(std::string_view chunk, size_t end) {
    for (size_t i = 0; i < chunk.size(); ++i) {
      if (chunk[i] == '\n') ++line_;
      if (chunk[i] == '\r') {
        char next = i + 1 < chunk.size() ? chunk[i + 1] : text_[end];
        if (next != '\n') ++line_;
      }
    }
  }

  std::string_view text_;
  char delimiter_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

CsvDocument ParseCsv(std::string_view bytes) {
  CsvDocument doc;
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    doc.encoding = "utf-8 with BOM";
  }
  std::string converted;  // the text when it was not UTF-8
  std::string_view text = bytes;
  if (IsValidUtf8(bytes)) {
    if (doc.encoding.empty()) doc.encoding = "utf-8";
  } else {
    converted = Windows1252ToUtf8(bytes);
    text = converted;
    doc.encoding = "windows-1252";
  }
  doc.delimiter = DetectDelimiter(text);
  CsvReader reader(text, doc.delimiter);
  CsvRecord record;
  while (!reader.AtEnd()) {
    if (!reader.Read(record)) {
      doc.unclosed_quote_line = record.line;
      break;
    }
    if (!IsBlank(record.fields)) doc.records.push_back(std::move(record));
  }
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
