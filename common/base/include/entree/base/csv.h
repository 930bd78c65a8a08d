// CSV as spreadsheets write it: reading any of their dialects, writing one
// that Excel opens correctly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace entree {

// One logical record and the physical line it starts on (1-based).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
  // In a UTF-8 file: the record holds a byte that is not UTF-8 (a stray
  // byte of another encoding); `not_utf8_byte` is it, as "0xE9".
  bool not_utf8 = false;
  std::string not_utf8_byte;
};

struct CsvDocument {
  char delimiter = ',';
  // "utf-8", "utf-8 with BOM", "utf-16le with BOM", "utf-16be with BOM"
  // or "windows-1252".
  std::string encoding;
  std::vector<CsvRecord> records;  // blank records are left out
  // Set when the text ends inside a quoted field: that record is not in
  // `records`; this is the line it starts on.
  std::optional<int> unclosed_quote_line;
};

// Reads spreadsheet bytes one record at a time: UTF-16 (little- or
// big-endian) after its byte-order mark, as Excel's "Unicode text" saves a
// sheet; UTF-8 with or without BOM; else Windows-1252; the delimiter (, ; or
// tab) is the one the first record uses most; CRLF, LF or CR line ends; RFC
// 4180 quoting with delimiters, quotes ("") and line breaks inside quoted
// fields. The bytes must outlive the stream.
class CsvStream {
 public:
  explicit CsvStream(std::string_view bytes);
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;

  char delimiter() const { return delimiter_; }
  // "utf-8", "utf-8 with BOM", "utf-16le with BOM", "utf-16be with BOM"
  // or "windows-1252".
  const std::string& encoding() const { return encoding_; }

  // Reads the next record that is not blank into `record`, reusing its
  // storage. False at the end of the text, and when the text ends inside a
  // quoted field: see unclosed_quote_line().
  bool Next(CsvRecord& record);
  // Set when the text ended inside a quoted field: the line that record
  // starts on. Next() does not return that record.
  std::optional<int> unclosed_quote_line() const { return unclosed_; }

 private:
  bool Read(CsvRecord& record);
  bool ReadQuoted(std::string& field);
  void CountLineBreaks(std::string_view chunk, size_t end);
  bool IsSpecial(char c) const {
    return c == delimiter_ || c == '\n' || c == '\r';
  }

  std::string converted_;  // the text when the bytes were Windows-1252
  // In a UTF-8 file, the offsets in text_ of stray bytes, ascending.
  std::vector<size_t> stray_;
  std::string_view text_;
  std::string encoding_;
  char delimiter_ = ',';
  size_t pos_ = 0;
  int line_ = 1;
  std::optional<int> unclosed_;
};

// Every record of spreadsheet bytes, read as CsvStream does. Never fails:
// see unclosed_quote_line.
CsvDocument ParseCsv(std::string_view bytes);

// Writes CSV that Excel opens as intended: UTF-8 with BOM, CRLF, RFC 4180
// quoting, and cells that a spreadsheet would run as a formula (starting
// with = + - @, tab or CR) prefixed with an apostrophe.
class CsvWriter {
 public:
  explicit CsvWriter(char delimiter = ',');
  void Row(const std::vector<std::string>& cells);
  // The document so far; the writer is empty afterwards.
  std::string Take();

 private:
  char delimiter_;
  std::string out_;
};

// One cell as CsvWriter writes it (neutralised and quoted when needed).
std::string CsvCell(std::string_view value, char delimiter);

}  // namespace entree
