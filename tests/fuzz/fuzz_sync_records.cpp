// Fuzz target: decoding the rows the sync server sends back. The first byte
// picks the kind of record (guest, badge, seat, table, check-in), the rest is
// fields separated by tabs. A row is decoded whole, its text fields kept but
// for control characters, or refused.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/text.h"
#include "entree/base/uuid.h"
#include "entree/sync/sync_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::vector<std::string_view> fields;
  for (size_t start = 0;;) {
    size_t tab = text.find('\t', start);
    fields.push_back(text.substr(start, tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  switch (data[0] % 5) {
    case 0:
      if (auto a = entree::DecodeAttendeeFields(fields)) {
        // Text kept as sent, cleaned as the import cleans it.
        std::string given(fields[2]), email(fields[6]);
        entree::StripControlCharacters(given);
        entree::StripControlCharacters(email);
        if (a->given_name != given || a->email != email ||
            entree::ToString(a->id).size() != 36 ||
            !entree::IsValidUtf8(a->family_name)) {
          std::abort();
        }
      }
      break;
    case 1:
      if (auto b = entree::DecodeBadgeFields(fields)) {
        if (b->serial == 0 || b->kiosk_id != fields[3]) std::abort();
      }
      break;
    case 2:
      if (auto seat = entree::DecodeSeatFields(fields)) {
        if (seat->round < 1 || seat->round > 12 ||
            seat->told_at.has_value() == fields[3].empty() ||
            !entree::IsValidUtf8(seat->table)) {
          std::abort();
        }
      }
      break;
    case 3:
      if (auto table = entree::DecodeTableFields(fields)) {
        if (table->name.empty() || table->capacity < 0 ||
            !entree::IsValidUtf8(table->theme)) {
          std::abort();
        }
      }
      break;
    default:
      if (auto c = entree::DecodeCheckinFields(fields)) {
        if (c->kiosk_id != fields[3] ||
            c->undoes.has_value() == fields[7].empty()) {
          std::abort();
        }
      }
      break;
  }
  return 0;
}
