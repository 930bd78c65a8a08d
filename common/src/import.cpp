// Spreadsheet import: header recognition, row checks, upsert in one
// transaction.
#include "entree/import.h"

#include <set>
#include <unordered_map>
#include <utility>

#include "entree/csv.h"
#include "entree/text.h"
#include "entree/uuid.h"

namespace entree {
namespace {

constexpr std::pair<ImportField, std::string_view> kFieldNames[] = {
    {ImportField::kExternalId, "external_id"},
    {ImportField::kGivenName, "given_name"},
    {ImportField::kFamilyName, "family_name"},
    {ImportField::kParticle, "particle"},
    {ImportField::kFullName, "full_name"},
    {ImportField::kOrganisation, "organisation"},
    {ImportField::kSector, "sector"},
    {ImportField::kEmail, "email"},
    {ImportField::kRole, "role"},
    {ImportField::kTable, "table"},
    {ImportField::kConsent, "consent"},
    {ImportField::kSource, "source"},
    {ImportField::kIgnore, "ignore"},
};

// Folded headers as the usual exports and Dutch and English sheets write
// them.
constexpr std::pair<std::string_view, ImportField> kHeaders[] = {
    // Ids: Eventbrite "Attendee #", pretix "Position ID" / "Ticket secret".
    {"external id", ImportField::kExternalId},
    {"id", ImportField::kExternalId},
    {"attendee", ImportField::kExternalId},
    {"attendee id", ImportField::kExternalId},
    {"attendee no", ImportField::kExternalId},
    {"ticket id", ImportField::kExternalId},
    {"ticket secret", ImportField::kExternalId},
    {"position id", ImportField::kExternalId},
    {"barcode", ImportField::kExternalId},
    {"registration id", ImportField::kExternalId},
    {"deelnemernummer", ImportField::kExternalId},
    {"registratienummer", ImportField::kExternalId},
    {"relatienummer", ImportField::kExternalId},
    // Names.
    {"first name", ImportField::kGivenName},
    {"firstname", ImportField::kGivenName},
    {"given name", ImportField::kGivenName},
    {"attendee name given name", ImportField::kGivenName},
    {"voornaam", ImportField::kGivenName},
    {"voornamen", ImportField::kGivenName},
    {"roepnaam", ImportField::kGivenName},
    {"last name", ImportField::kFamilyName},
    {"lastname", ImportField::kFamilyName},
    {"surname", ImportField::kFamilyName},
    {"family name", ImportField::kFamilyName},
    {"attendee name family name", ImportField::kFamilyName},
    {"achternaam", ImportField::kFamilyName},
    {"familienaam", ImportField::kFamilyName},
    {"tussenvoegsel", ImportField::kParticle},
    {"tussenvoegsels", ImportField::kParticle},
    {"voorvoegsel", ImportField::kParticle},
    {"name", ImportField::kFullName},
    {"full name", ImportField::kFullName},
    {"attendee name", ImportField::kFullName},
    {"your name", ImportField::kFullName},
    {"naam", ImportField::kFullName},
    {"volledige naam", ImportField::kFullName},
    {"naam deelnemer", ImportField::kFullName},
    {"uw naam", ImportField::kFullName},
    {"je naam", ImportField::kFullName},
    // Organisation.
    {"organisation", ImportField::kOrganisation},
    {"organization", ImportField::kOrganisation},
    {"company", ImportField::kOrganisation},
    {"company name", ImportField::kOrganisation},
    {"employer", ImportField::kOrganisation},
    {"organisatie", ImportField::kOrganisation},
    {"bedrijf", ImportField::kOrganisation},
    {"bedrijfsnaam", ImportField::kOrganisation},
    {"instelling", ImportField::kOrganisation},
    {"werkgever", ImportField::kOrganisation},
    // Sector.
    {"sector", ImportField::kSector},
    {"category", ImportField::kSector},
    {"categorie", ImportField::kSector},
    {"doelgroep", ImportField::kSector},
    {"type organisatie", ImportField::kSector},
    {"organisation type", ImportField::kSector},
    // Email.
    {"email", ImportField::kEmail},
    {"e mail", ImportField::kEmail},
    {"email address", ImportField::kEmail},
    {"e mail address", ImportField::kEmail},
    {"attendee email", ImportField::kEmail},
    {"e mailadres", ImportField::kEmail},
    {"emailadres", ImportField::kEmail},
    {"mail", ImportField::kEmail},
    // Role, table, consent, source.
    {"role", ImportField::kRole},
    {"rol", ImportField::kRole},
    {"table", ImportField::kTable},
    {"tafel", ImportField::kTable},
    {"track", ImportField::kTable},
    {"world cafe table", ImportField::kTable},
    {"world cafe tafel", ImportField::kTable},
    {"consent", ImportField::kConsent},
    {"gdpr consent", ImportField::kConsent},
    {"toestemming", ImportField::kConsent},
    {"avg toestemming", ImportField::kConsent},
    {"source", ImportField::kSource},
    {"bron", ImportField::kSource},
};

bool IsYes(std::string_view text) {
  std::string folded = FoldForSearch(text);
  for (std::string_view yes : {"1", "yes", "y", "ja", "j", "true", "waar", "x",
                               "akkoord", "agree", "agreed", "ok"}) {
    if (folded == yes) return true;
  }
  return false;
}

// Column index of each field present in the file.
using ColumnPlan = std::map<ImportField, size_t>;

Result<ColumnPlan> PlanColumns(const std::vector<std::string>& headers,
                               const ImportOptions& options,
                               std::vector<std::string>& ignored) {
  std::map<std::string, size_t> header_index;
  for (size_t i = 0; i < headers.size(); ++i) {
    header_index.emplace(FoldForSearch(headers[i]), i);
  }
  ColumnPlan plan;
  std::vector<bool> mapped(headers.size(), false);
  for (const auto& [header, field_name] : options.column_map) {
    auto field = ParseImportField(field_name);
    if (!field) {
      return Status::Localized(StatusCode::kInvalidArgument,
                               "error.map_unknown_field", {field_name});
    }
    auto column = header_index.find(FoldForSearch(header));
    if (column == header_index.end()) {
      return Status::Localized(StatusCode::kInvalidArgument,
                               "error.map_unknown_column", {header});
    }
    mapped[column->second] = true;
    if (*field != ImportField::kIgnore) plan[*field] = column->second;
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (mapped[i]) continue;
    auto field = FieldForHeader(headers[i]);
    if (!field) {
      if (!Trim(headers[i]).empty()) ignored.push_back(headers[i]);
      continue;
    }
    plan.emplace(*field, i);  // the first column of a kind wins
  }
  bool has_name = plan.count(ImportField::kFullName) ||
                  plan.count(ImportField::kGivenName) ||
                  plan.count(ImportField::kFamilyName);
  if (!has_name) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.no_name_column", {});
  }
  return plan;
}

// One row's values by field, trimmed.
class RowValues {
 public:
  RowValues(const ColumnPlan& plan, const std::vector<std::string>& fields)
      : plan_(plan), fields_(fields) {}
  bool Has(ImportField field) const { return plan_.count(field) > 0; }
  std::string Get(ImportField field) const {
    auto column = plan_.find(field);
    if (column == plan_.end() || column->second >= fields_.size()) return {};
    // Line breaks and tabs inside a cell become spaces.
    std::string value(Trim(fields_[column->second]));
    for (char& c : value) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return value;
  }

 private:
  const ColumnPlan& plan_;
  const std::vector<std::string>& fields_;
};

// Writes the row's values into `a`, leaving fields the file lacks alone.
// Returns the problem when the row cannot be imported.
std::optional<RowProblem> ApplyRow(const RowValues& row, int line,
                                   Attendee& a) {
  std::string given = row.Get(ImportField::kGivenName);
  std::string family = row.Get(ImportField::kFamilyName);
  std::string particle = row.Get(ImportField::kParticle);
  if (!particle.empty() && !family.empty()) family = particle + " " + family;
  if (given.empty() && family.empty()) {
    SplitName split = SplitFullName(row.Get(ImportField::kFullName));
    given = std::move(split.given);
    family = std::move(split.family);
  }
  if (given.empty() && family.empty()) {
    return RowProblem{line, RowProblemKind::kNoName, ""};
  }
  std::string email = row.Get(ImportField::kEmail);
  if (!email.empty() && !IsPlausibleEmail(email)) {
    return RowProblem{line, RowProblemKind::kBadEmail, email};
  }
  a.given_name = std::move(given);
  a.family_name = std::move(family);
  if (row.Has(ImportField::kEmail)) a.email = std::move(email);
  if (row.Has(ImportField::kExternalId)) {
    a.external_id = row.Get(ImportField::kExternalId);
  }
  if (row.Has(ImportField::kOrganisation)) {
    a.organisation = row.Get(ImportField::kOrganisation);
  }
  if (row.Has(ImportField::kSector)) {
    a.sector =
        ParseSector(row.Get(ImportField::kSector)).value_or(Sector::kOther);
  }
  if (row.Has(ImportField::kRole)) {
    a.role = ParseRole(row.Get(ImportField::kRole)).value_or(Role::kGuest);
  }
  if (row.Has(ImportField::kTable)) a.table = row.Get(ImportField::kTable);
  if (row.Has(ImportField::kConsent)) {
    a.consent = IsYes(row.Get(ImportField::kConsent));
  }
  if (row.Has(ImportField::kSource)) {
    a.source =
        ParseSource(row.Get(ImportField::kSource)).value_or(Source::kInvited);
  }
  return std::nullopt;
}

std::string LowerAscii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// The attendees an import can update, keyed by external id and by email
// (case-insensitive, as SQLite's NOCASE), loaded once so that rows need no
// lookups of their own.
class ExistingAttendees {
 public:
  explicit ExistingAttendees(size_t expected) {
    by_external_id_.reserve(expected);
    by_email_.reserve(expected);
  }
  Status Load(Store& store) {
    auto stmt = store.db().Prepare(
        "SELECT id, external_id, email FROM attendee ORDER BY created_at");
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      Remember(ParseUuid(stmt->ColumnText(0)).value_or(Uuid{}),
               stmt->ColumnText(1), stmt->ColumnText(2));
    }
  }
  // The first attendee with that external id, else with that email.
  std::optional<Uuid> Find(const std::string& external_id,
                           const std::string& email) const {
    if (!external_id.empty()) {
      auto found = by_external_id_.find(external_id);
      if (found != by_external_id_.end()) return found->second;
    }
    if (!email.empty()) {
      auto found = by_email_.find(LowerAscii(email));
      if (found != by_email_.end()) return found->second;
    }
    return std::nullopt;
  }
  void Remember(const Uuid& id, const std::string& external_id,
                const std::string& email) {
    if (!external_id.empty()) by_external_id_.emplace(external_id, id);
    if (!email.empty()) by_email_.emplace(LowerAscii(email), id);
  }

 private:
  std::unordered_map<std::string, Uuid> by_external_id_;
  std::unordered_map<std::string, Uuid> by_email_;
};

// A larger page cache for the length of a bulk write, so SQLite does not
// read back the pages it has just written.
class BulkCache {
 public:
  explicit BulkCache(Database& db) : db_(db) {
    (void)db_.Exec("PRAGMA cache_size = -131072");  // 128 MiB at most
  }
  ~BulkCache() { (void)db_.Exec("PRAGMA cache_size = -2000"); }

 private:
  Database& db_;
};

}  // namespace

std::string_view ToString(ImportField field) {
  for (const auto& [value, name] : kFieldNames) {
    if (value == field) return name;
  }
  return "ignore";
}

std::optional<ImportField> ParseImportField(std::string_view text) {
  for (const auto& [value, name] : kFieldNames) {
    if (name == text) return value;
  }
  if (text == "organization") return ImportField::kOrganisation;
  return std::nullopt;
}

std::optional<ImportField> FieldForHeader(std::string_view header) {
  std::string folded = FoldForSearch(header);
  for (const auto& [name, field] : kHeaders) {
    if (name == folded) return field;
  }
  return std::nullopt;
}

std::string_view ToString(RowProblemKind kind) {
  switch (kind) {
    case RowProblemKind::kNoName:
      return "no_name";
    case RowProblemKind::kBadEmail:
      return "bad_email";
    case RowProblemKind::kUnclosedQuote:
      return "unclosed_quote";
  }
  return "no_name";
}

Result<std::map<std::string, std::string>> ParseColumnMap(
    std::string_view text) {
  std::map<std::string, std::string> map;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view pair = Trim(text.substr(pos, comma - pos));
    pos = comma + 1;
    if (pair.empty()) continue;
    size_t equals = pair.rfind('=');
    if (equals == std::string_view::npos || equals == 0) {
      return Status::Localized(StatusCode::kInvalidArgument, "error.map_syntax",
                               {std::string(pair)});
    }
    map[std::string(Trim(pair.substr(0, equals)))] =
        std::string(Trim(pair.substr(equals + 1)));
  }
  return map;
}

Result<ImportReport> ImportAttendees(Store& store, std::string_view csv_bytes,
                                     const ImportOptions& options) {
  CsvDocument doc = ParseCsv(csv_bytes);
  ImportReport report;
  report.delimiter = doc.delimiter;
  report.encoding = doc.encoding;
  if (doc.records.empty()) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.no_header",
                             {});
  }
  auto plan =
      PlanColumns(doc.records.front().fields, options, report.ignored_columns);
  if (!plan.ok()) return plan.status();

  BulkCache cache(store.db());
  auto tx = Transaction::Begin(store.db());
  if (!tx.ok()) return tx.status();
  ExistingAttendees existing(doc.records.size());
  ENTREE_RETURN_IF_ERROR(existing.Load(store));
  std::set<std::string> tables;
  for (size_t r = 1; r < doc.records.size(); ++r) {
    tables.insert(
        RowValues(*plan, doc.records[r].fields).Get(ImportField::kTable));
  }
  tables.erase("");
  for (const std::string& table : tables) {
    ENTREE_RETURN_IF_ERROR(store.EnsureTable(table));
  }
  for (size_t r = 1; r < doc.records.size(); ++r) {
    const CsvRecord& record = doc.records[r];
    RowValues row(*plan, record.fields);
    std::optional<Uuid> match = existing.Find(row.Get(ImportField::kExternalId),
                                              row.Get(ImportField::kEmail));
    Attendee attendee;
    if (match) {
      auto current = store.GetAttendee(*match);
      if (!current.ok()) return current.status();
      attendee = std::move(current).value();
    }
    if (auto problem = ApplyRow(row, record.line, attendee)) {
      report.problems.push_back(*problem);
      continue;
    }
    attendee.updated_at = options.now;
    if (match) {
      ENTREE_RETURN_IF_ERROR(store.UpdateAttendee(attendee));
      ++report.updated;
    } else {
      attendee.id = NewUuid();
      attendee.created_at = options.now;
      ENTREE_RETURN_IF_ERROR(store.InsertAttendee(attendee));
      ++report.imported;
    }
    existing.Remember(attendee.id, attendee.external_id, attendee.email);
  }
  if (doc.unclosed_quote_line) {
    report.problems.push_back(
        {*doc.unclosed_quote_line, RowProblemKind::kUnclosedQuote, ""});
  }
  report.rejected = static_cast<int>(report.problems.size());
  if (options.strict && report.rejected > 0) {
    report.written = false;  // the transaction rolls back
    return report;
  }
  ENTREE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace entree
