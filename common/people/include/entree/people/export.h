// Attendance lists out of the store: CSV for Excel, and JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/catalog.h"
#include "entree/base/json.h"
#include "entree/base/time_zone.h"
#include "entree/store/store.h"

namespace entree {

// A guest who never came in and whose shop ticket was cancelled or is not
// paid is listed apart from those who simply did not come.
enum class AttendanceStatus {
  kInside,
  kLeft,
  kNotArrived,
  kTicketCancelled,
  kTicketUnpaid,
};
// "inside", "left", "not_arrived", "ticket_cancelled", "ticket_unpaid".
std::string_view ToString(AttendanceStatus status);
AttendanceStatus StatusOf(const AttendanceRow& row);

// Which rows a list holds.
struct ExportFilter {
  bool no_shows_only = false;        // only those who never arrived
  std::optional<std::string> table;  // only this table's guests
};
std::vector<AttendanceRow> FilterAttendance(std::vector<AttendanceRow> rows,
                                            const ExportFilter& filter);

// The attendance list as CSV (see CsvWriter): headers and values in the
// catalog's language, times on the clocks of `zone`, named in their
// columns' headings.
std::string AttendanceCsv(const std::vector<AttendanceRow>& rows,
                          const TimeZone& zone, const Catalog& catalog,
                          char delimiter);
// The attendance list as a JSON array; stable English keys and values,
// times in ISO 8601 UTC.
std::string AttendanceJson(const std::vector<AttendanceRow>& rows);

// Writes one attendee's fields as members of the open JSON object.
void WriteAttendeeFields(JsonWriter& json, const Attendee& attendee);

}  // namespace entree
