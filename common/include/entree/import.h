// Importing an invitation list from a spreadsheet export into the store.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/clock.h"
#include "entree/status.h"
#include "entree/store.h"

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
  kIgnore,
};
// "external_id", "given_name", ..., "ignore".
std::string_view ToString(ImportField field);
std::optional<ImportField> ParseImportField(std::string_view text);
// The field a header names, in Dutch or English or as Eventbrite, pretix,
// Google Forms and Excel sheets write it; nullopt for unknown headers.
std::optional<ImportField> FieldForHeader(std::string_view header);

// Why a row was left out.
enum class RowProblemKind {
  // Rejected rows.
  kNoName,
  kBadEmail,
  kUnclosedQuote,
  kTooLong,
  kNotUtf8,    // a byte that is not UTF-8 in a file that otherwise is
  kDuplicate,  // the same id or email as an earlier row of the file
  // Imported rows with a value read as the default (notes).
  kUnknownSector,
  kUnknownRole,
  kUnknownConsent,
  kUnknownSource,
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
  // With strict, any rejected row makes the whole import fail and nothing
  // is written.
  bool strict = false;
  Instant now{};
};

struct ImportReport {
  int imported = 0;  // new attendees
  int updated = 0;   // existing attendees matched by external id or email
  int rejected = 0;
  std::vector<RowProblem> problems;  // one per rejected row, in file order
  // Rows imported with a value that was not understood and so taken as
  // the default (sector other, role guest, no consent, invited).
  std::vector<RowProblem> notes;
  char delimiter = ',';
  std::string encoding;
  // False when a strict import met a rejected row: then nothing was
  // written and the counts say what would have happened.
  bool written = true;
  // Columns that were not recognised, or repeat a field an earlier column
  // already gives, and so were not imported.
  std::vector<std::string> ignored_columns;
};

// Parses `--map` text "Header=field,Other header=field".
Result<std::map<std::string, std::string>> ParseColumnMap(
    std::string_view text);

// Imports `csv_bytes` in one transaction. A row whose external id or email
// (case-insensitive) matches an attendee updates that attendee's fields
// that the file has columns for; other rows add attendees. Fails with
// kInvalidArgument when no column holds a name, when --map names an
// unknown field or header; then the store is unchanged. With strict, a
// rejected row leaves the store unchanged and the report says so.
Result<ImportReport> ImportAttendees(Store& store, std::string_view csv_bytes,
                                     const ImportOptions& options);

}  // namespace entree
