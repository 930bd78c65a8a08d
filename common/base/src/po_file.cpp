// Reading PO files line by line.
#include "entree/base/po_file.h"

#include "entree/base/text.h"

namespace entree {
namespace {

// The text of a quoted PO string starting at `line[0] == '"'`, escapes
// undone; what follows the closing quote is ignored.
std::string Unquote(std::string_view line) {
  std::string out;
  for (size_t i = 1; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') break;
    if (c == '\\' && i + 1 < line.size()) {
      char e = line[++i];
      out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::vector<PoEntry> ParsePo(std::string_view text) {
  std::vector<PoEntry> entries;
  PoEntry entry;
  std::string* current = nullptr;  // the string continuation lines extend
  bool started = false;            // msgctxt or msgid seen for `entry`
  bool has_id = false, plural = false, fuzzy_next = false;
  auto finish = [&] {
    if (has_id && !plural) entries.push_back(std::move(entry));
    entry = PoEntry{};
    current = nullptr;
    started = has_id = plural = false;
  };
  // A new message begins: the "#, fuzzy" above it is its own.
  auto begin = [&] {
    finish();
    started = true;
    entry.fuzzy = fuzzy_next;
    fuzzy_next = false;
  };
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line =
        Trim(text.substr(0, end == std::string_view::npos ? text.size() : end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.rfind("#,", 0) == 0 &&
          line.find("fuzzy") != std::string_view::npos) {
        fuzzy_next = true;
      }
      continue;
    }
    auto keyword = [&](std::string_view word) {
      return line.rfind(word, 0) == 0 && line.size() > word.size() &&
             (line[word.size()] == ' ' || line[word.size()] == '\t');
    };
    auto value = [&](std::string_view word) {
      std::string_view rest = Trim(line.substr(word.size()));
      return rest.empty() || rest[0] != '"' ? std::string() : Unquote(rest);
    };
    if (keyword("msgctxt")) {
      begin();
      entry.context = value("msgctxt");
      current = &entry.context;
    } else if (keyword("msgid")) {
      if (!started || has_id) begin();
      entry.id = value("msgid");
      has_id = true;
      current = &entry.id;
    } else if (keyword("msgid_plural") || line.rfind("msgstr[", 0) == 0) {
      plural = true;  // plural forms are not used
      current = nullptr;
    } else if (keyword("msgstr")) {
      entry.translation = value("msgstr");
      current = &entry.translation;
    } else if (line[0] == '"' && current != nullptr) {
      *current += Unquote(line);
    }
  }
  finish();
  return entries;
}

}  // namespace entree
