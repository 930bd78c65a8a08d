// Attendance lists: filtering, CSV in the organiser's language, JSON.
#include "entree/people/export.h"

#include "entree/base/csv.h"
#include "entree/base/time_zone.h"
#include "entree/base/uuid.h"

namespace entree {
namespace {

std::string LocalOrEmpty(const std::optional<Instant>& t,
                         const TimeZone& zone) {
  return t ? FormatLocal(*t, zone) : std::string();
}

}  // namespace

std::string_view ToString(AttendanceStatus status) {
  switch (status) {
    case AttendanceStatus::kInside:
      return "inside";
    case AttendanceStatus::kLeft:
      return "left";
    case AttendanceStatus::kNotArrived:
      return "not_arrived";
    case AttendanceStatus::kTicketCancelled:
      return "ticket_cancelled";
    case AttendanceStatus::kTicketUnpaid:
      return "ticket_unpaid";
  }
  return "not_arrived";
}

AttendanceStatus StatusOf(const AttendanceRow& row) {
  if (row.inside) return AttendanceStatus::kInside;
  if (row.first_entry) return AttendanceStatus::kLeft;
  switch (row.attendee.ticket) {
    case TicketState::kCancelled:
      return AttendanceStatus::kTicketCancelled;
    case TicketState::kUnpaid:
      return AttendanceStatus::kTicketUnpaid;
    case TicketState::kValid:
      break;
  }
  return AttendanceStatus::kNotArrived;
}

std::vector<AttendanceRow> FilterAttendance(std::vector<AttendanceRow> rows,
                                            const ExportFilter& filter) {
  std::erase_if(rows, [&](const AttendanceRow& row) {
    if (filter.no_shows_only && row.first_entry) return true;
    return filter.table && row.attendee.table != *filter.table;
  });
  return rows;
}

std::string AttendanceCsv(const std::vector<AttendanceRow>& rows,
                          const TimeZone& zone, const Catalog& catalog,
                          char delimiter) {
  CsvWriter csv(delimiter);
  std::vector<std::string> header;
  for (std::string_view key :
       {"export.given_name", "export.family_name", "export.organisation",
        "export.sector", "export.table", "export.role", "export.source",
        "export.consent", "export.first_entry", "export.last_exit",
        "export.status", "export.email", "export.id", "export.invitation"}) {
    header.emplace_back(catalog.Get(key));
  }
  for (size_t time_column : {8, 9}) {
    header[time_column] = ZonedHeading(header[time_column], zone);
  }
  csv.Row(header);
  auto word = [&](std::string_view prefix, std::string_view value) {
    return std::string(catalog.Get(std::string(prefix) + std::string(value)));
  };
  for (const AttendanceRow& row : rows) {
    const Attendee& a = row.attendee;
    csv.Row(
        {a.given_name, a.family_name, a.organisation,
         word("sector.", ToString(a.sector)), a.table,
         word("role.", ToString(a.role)), word("source.", ToString(a.source)),
         word("answer.", a.consent ? "yes" : "no"),
         LocalOrEmpty(row.first_entry, zone), LocalOrEmpty(row.last_exit, zone),
         word("status.", ToString(StatusOf(row))), a.email, ToString(a.id),
         row.invite ? word("invitation.", ToString(*row.invite))
                    : std::string()});
  }
  return csv.Take();
}

void WriteAttendeeFields(JsonWriter& json, const Attendee& a) {
  json.Field("id", ToString(a.id))
      .Field("external_id", a.external_id)
      .Field("given_name", a.given_name)
      .Field("family_name", a.family_name)
      .Field("organisation", a.organisation)
      .Field("sector", ToString(a.sector))
      .Field("email", a.email)
      .Field("role", ToString(a.role))
      .Field("table", a.table)
      .Field("source", ToString(a.source))
      .Field("consent", a.consent)
      .Field("ticket", ToString(a.ticket));
}

std::string AttendanceJson(const std::vector<AttendanceRow>& rows) {
  JsonWriter json;
  json.BeginArray();
  for (const AttendanceRow& row : rows) {
    json.BeginObject();
    WriteAttendeeFields(json, row.attendee);
    json.Key("first_entry");
    row.first_entry ? json.String(FormatIsoUtc(*row.first_entry)) : json.Null();
    json.Key("last_exit");
    row.last_exit ? json.String(FormatIsoUtc(*row.last_exit)) : json.Null();
    json.Field("status", ToString(StatusOf(row)));
    json.Key("invitation");
    row.invite ? json.String(ToString(*row.invite)) : json.Null();
    json.EndObject();
  }
  json.EndArray();
  return json.str();
}

}  // namespace entree
