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

}  // namespace

CsvDocument ParseCsv(std::string_view bytes) {
  CsvDocument doc;
  std::string text;
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    doc.encoding = "utf-8 with BOM";
  }
  if (IsValidUtf8(bytes)) {
    text.assign(bytes);
    if (doc.encoding.empty()) doc.encoding = "utf-8";
  } else {
    text = Windows1252ToUtf8(bytes);
    doc.encoding = "windows-1252";
  }
  doc.delimiter = DetectDelimiter(text);

  CsvRecord record;
  std::string field;
  int line = 1;
  record.line = 1;
  bool quoted = false;
  bool field_was_quoted = false;
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    field_was_quoted = false;
  };
  auto end_record = [&](int next_line) {
    end_field();
    if (!IsBlank(record.fields)) doc.records.push_back(std::move(record));
    record = CsvRecord{};
    record.line = next_line;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n' ||
            (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
          ++line;
        }
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_was_quoted) {
      quoted = field_was_quoted = true;
    } else if (c == doc.delimiter) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record(line);
    } else {
      field.push_back(c);
    }
  }
  if (quoted) {
    doc.unclosed_quote_line = record.line;
  } else if (!field.empty() || !record.fields.empty()) {
    end_record(line);
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
