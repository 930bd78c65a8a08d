// gettext PO files, the format translators' tools (Poedit, Weblate) edit:
// the catalogs in assets/i18n are kept in it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entree {

// One message of a PO file. Entree's files name each message by its key in
// msgctxt and carry the English text in msgid.
struct PoEntry {
  std::string context;      // msgctxt; empty for the file's header
  std::string id;           // msgid
  std::string translation;  // msgstr; empty while untranslated
  bool fuzzy = false;       // flagged "#, fuzzy": a guess not yet checked
};

// The messages of PO `text`: msgctxt, msgid and msgstr, each string made
// of its quoted parts with C escapes (\n \t \" \\) undone; comments are
// skipped but for the fuzzy flag. Plural forms are not used and are
// skipped. Never fails: what cannot be read is left out.
std::vector<PoEntry> ParsePo(std::string_view text);

}  // namespace entree
