// The people module: guest lists in and attendance lists out.
//
// - import.h (here): importing an invitation list from a spreadsheet or a
//   ticket shop's export into the store (ImportAttendees), recognising the
//   shop by its headers and each column's field; a dry run plans the same
//   without writing.
// - export.h: the attendance list as CSV or JSON, and the statistics.
// - export_targets.h: where an export may be written (never over the
//   database, a device or a protected file).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/store/store.h"

namespace entree {

// The attendee fields a column can hold.
enum class ImportField {
  kExternalId,
  kGivenName,
  kFamilyName,
  kParticle,  // Dutch "tussenvoegsel", joined to the family name
  kFullName,  // split with SplitFullName
  kOrganisation,
  kSector,
  kEmail,
  kRole,
  kTable,
  kConsent,
  kSource,
  kShopCode,   // the barcode on the shop's ticket
  kTicket,     // the ticket's status in the shop (paid, cancelled, ...)
  kVoided,     // any value but no/false/0: the ticket is cancelled (Tito)
  kOrderCode,  // with kPosition, the ticket's identity (pretix)
  kPosition,
  kLanguage,  // the guest's language for invitations ("nl", "Deutsch", ...)
  kIgnore,
};
// "external_id", "given_name", ..., "shop_code", "ticket", "order_code",
// "position", "language", "ignore".
std::string_view ToString(ImportField field);
std::optional<ImportField> ParseImportField(std::string_view text);

// Where a list comes from, told by its header row.
enum class ListSource {
  kSpreadsheet,  // a sheet or form of the organiser's own
  kPretix,       // order positions or check-in list export
  kEventbrite,   // attendee report
  kTito,         // tickets export
  kHiEvents,     // attendee export
};
// "spreadsheet", "pretix", "eventbrite", "tito", "hi_events".
std::string_view ToString(ListSource source);
// The shop whose export has these headers; kSpreadsheet when none.
ListSource DetectListSource(const std::vector<std::string>& headers);

// What a column feeds. Where several columns feed one field, the one of
// the lowest rank that holds a value wins on each row: the attendee's own
// name and email before the buyer's.
struct ColumnRole {
  ImportField field = ImportField::kIgnore;
  int rank = 0;
};
// The role of the header at `index` of `headers` in a list from `source`,
// in Dutch or English as the shops, Google Forms and Excel sheets write
// it; nullopt for headers it does not know. `index` tells repeated names
// apart (pretix's two "Company" columns).
std::optional<ColumnRole> RoleForHeader(ListSource source,
                                        const std::vector<std::string>& headers,
                                        size_t index);

// Why a row was left out.
enum class RowProblemKind {
  // Rejected rows.
  kNoName,
  kBadEmail,
  kUnclosedQuote,
  kTooLong,
  kNotUtf8,        // a byte that is not UTF-8 in a file that otherwise is
  kUnknownTicket,  // a ticket status the import does not know
  // Rows kept as a guest of their own though they claim the identity
  // (ticket id, or email and name) of an earlier row of the file.
  kDuplicate,
  // Imported rows with a value read as the default (notes).
  kUnknownSector,
  kUnknownRole,
  kUnknownConsent,
  kUnknownSource,
  // Imported rows with something to know (notes).
  kCodeTaken,  // the barcode is another guest's: imported without it
  kBuyerName,  // no name on the ticket: the buyer's was used
};
std::string_view ToString(RowProblemKind kind);

struct RowProblem {
  int line = 0;  // physical line in the file where the record starts
  RowProblemKind kind = RowProblemKind::kNoName;
  std::string detail;  // the offending value, when there is one
};

struct ImportOptions {
  // Header (as written in the file) to field name, overriding recognition:
  // {"Bedrijfsnaam": "organisation"}.
  std::map<std::string, std::string> column_map;
  // With strict, any rejected row or any row claiming an earlier row's
  // identity makes the whole import fail and nothing is written.
  bool strict = false;
  // Works everything out and writes nothing.
  bool dry_run = false;
  Instant now{};
};

// A column the import reads, and what for.
struct ColumnUse {
  std::string header;
  ImportField field = ImportField::kIgnore;
};

struct ImportReport {
  ListSource source = ListSource::kSpreadsheet;
  std::vector<ColumnUse> columns;  // the columns read, in file order
  int imported = 0;                // new attendees
  int updated = 0;  // existing attendees matched (see ImportAttendees)
  int rejected = 0;
  // Rows, new or updated, whose ticket does not let them in (cancelled or
  // unpaid); counted in imported or updated too.
  int not_admitted = 0;
  std::vector<RowProblem> problems;  // one per rejected row, in file order
  // Rows kept as guests of their own that claim an earlier row's identity.
  std::vector<RowProblem> duplicates;
  // Rows imported with a value that was not understood and so taken as
  // the default (sector other, role guest, no consent, invited).
  std::vector<RowProblem> notes;
  char delimiter = ',';
  std::string encoding;
  // False for a dry run, and when a strict import met a rejected or
  // duplicate row: then nothing was written and the counts say what would
  // have happened.
  bool written = true;
  // True when a strict import met a rejected or repeated row (so a dry run
  // says whether the import itself would be refused).
  bool refused = false;
  // Columns that were not recognised, or repeat a field an earlier column
  // already gives, and so were not imported.
  std::vector<std::string> ignored_columns;
};

// Parses `--map` text "Header=field,Other header=field".
Result<std::map<std::string, std::string>> ParseColumnMap(
    std::string_view text);

// Imports `csv_bytes` in one transaction. A guest's identity is their
// ticket: a shop's export gives it ("pretix:" order code and position,
// "eventbrite:" attendee number, "tito:" ticket reference, "hi_events:"
// attendee id), so lists of different shops never meet; a spreadsheet
// has one only in an id column. A row updates the attendee with its
// identity, else the one with its shop code; a row without an identity
// updates the attendee with its email (case-insensitive) when that email
// is unique in the file and in the event, else the one with its email
// and name. Only the fields the file has columns for change. Other rows
// add attendees; one that claims the identity of an earlier row is added
// too (its id marked "~2", "~3", ...) and reported. Fails with
// kInvalidArgument when no column holds a name, when --map names an
// unknown field or header; then the store is unchanged. With strict or
// dry_run, see ImportOptions.
Result<ImportReport> ImportAttendees(Store& store, std::string_view csv_bytes,
                                     const ImportOptions& options);

}  // namespace entree
