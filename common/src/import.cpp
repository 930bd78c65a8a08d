// Spreadsheet import: the file's columns, row checks, upsert in one
// transaction.
#include "entree/import.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "entree/csv.h"
#include "entree/text.h"
#include "entree/uuid.h"
#include "key_index.h"

namespace entree {
namespace {

bool IsYes(std::string_view text) {
  std::string folded = FoldForSearch(text);
  for (std::string_view yes : {"1", "yes", "y", "ja", "j", "true", "waar", "x",
                               "akkoord", "agree", "agreed", "ok"}) {
    if (folded == yes) return true;
  }
  return false;
}

// Column index of each field present in the file.
class ColumnPlan {
 public:
  std::optional<size_t> ColumnOf(ImportField field) const {
    return columns_[static_cast<size_t>(field)];
  }
  bool Has(ImportField field) const { return ColumnOf(field).has_value(); }
  // Sets the field's column; with keep_first, only when it has none.
  void Set(ImportField field, size_t column, bool keep_first) {
    auto& slot = columns_[static_cast<size_t>(field)];
    if (!slot || !keep_first) slot = column;
  }

 private:
  std::array<std::optional<size_t>,
             static_cast<size_t>(ImportField::kIgnore) + 1>
      columns_{};
};

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
    if (*field != ImportField::kIgnore) plan.Set(*field, column->second, false);
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (mapped[i]) continue;
    auto field = FieldForHeader(headers[i]);
    if (!field) {
      if (!Trim(headers[i]).empty()) ignored.push_back(headers[i]);
      continue;
    }
    plan.Set(*field, i, true);  // the first column of a kind wins
  }
  bool has_name = plan.Has(ImportField::kFullName) ||
                  plan.Has(ImportField::kGivenName) ||
                  plan.Has(ImportField::kFamilyName);
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
  bool Has(ImportField field) const { return plan_.Has(field); }
  std::string Get(ImportField field) const {
    std::optional<size_t> column = plan_.ColumnOf(field);
    if (!column || *column >= fields_.size()) return {};
    // Line breaks and tabs inside a cell become spaces.
    std::string value(Trim(fields_[*column]));
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

// `text` with A-Z in lower case, in `out`.
std::string_view LowerAscii(std::string_view text, std::string& out) {
  out.assign(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The attendees a file's rows lead to, each in a slot: first those already
// stored (read only when a row matches them), then those the file adds. A
// row matches the first slot with its external id, else the first with its
// email (case-insensitive, as SQLite's NOCASE).
class ImportSlots {
 public:
  explicit ImportSlots(size_t rows) : by_external_id_(rows), by_email_(rows) {}

  Status LoadStored(Store& store) {
    auto stmt = store.db().Prepare(
        "SELECT id, external_id, email FROM attendee ORDER BY created_at");
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      stored_ids_.push_back(ParseUuid(stmt->ColumnText(0)).value_or(Uuid{}));
      values_.emplace_back();
      Remember(values_.size() - 1, stmt->ColumnText(1), stmt->ColumnText(2));
    }
    return Status::Ok();
  }

  std::optional<size_t> Find(std::string_view external_id,
                             std::string_view email) {
    if (!external_id.empty()) {
      if (auto slot = by_external_id_.Find(external_id)) return *slot;
    }
    if (!email.empty()) {
      if (auto slot = by_email_.Find(LowerAscii(email, lowered_))) {
        return *slot;
      }
    }
    return std::nullopt;
  }

  // The slot's attendee as the rows so far leave it.
  Result<Attendee> Current(Store& store, size_t slot) const {
    if (values_[slot]) return *values_[slot];
    return store.GetAttendee(stored_ids_[slot]);
  }

  // Puts `a` in `slot` (nullopt: a new one).
  void Set(std::optional<size_t> slot, Attendee a) {
    if (!slot) {
      values_.emplace_back();
      slot = values_.size() - 1;
    }
    values_[*slot] = std::move(a);
    Remember(*slot, values_[*slot]->external_id, values_[*slot]->email);
  }

  bool IsStored(size_t slot) const { return slot < stored_ids_.size(); }
  // By slot; nullopt for stored attendees that no row changed.
  std::vector<std::optional<Attendee>>& values() { return values_; }

 private:
  void Remember(size_t slot, std::string_view external_id,
                std::string_view email) {
    auto value = static_cast<uint32_t>(slot);
    if (!external_id.empty()) by_external_id_.Add(external_id, value);
    if (!email.empty()) by_email_.Add(LowerAscii(email, lowered_), value);
  }

  std::vector<Uuid> stored_ids_;
  std::vector<std::optional<Attendee>> values_;
  KeyIndex by_external_id_;
  KeyIndex by_email_;
  std::string lowered_;  // scratch for LowerAscii
};

// Gives the added attendees ids in the order of their external ids, so
// that the primary key and the external-id index both grow at their end
// instead of at random pages: new version 7 ids made together, sorted.
void AssignIds(std::vector<Attendee*>& added) {
  std::stable_sort(added.begin(), added.end(),
                   [](const Attendee* a, const Attendee* b) {
                     return a->external_id < b->external_id;
                   });
  std::vector<Uuid> ids(added.size());
  for (Uuid& id : ids) id = NewUuid();
  std::sort(ids.begin(), ids.end());
  for (size_t i = 0; i < added.size(); ++i) added[i]->id = ids[i];
}

// Writes the slots' attendees: updates, then inserts in id order.
Status WriteSlots(Store& store, ImportSlots& slots) {
  std::set<std::string> tables;
  std::vector<Attendee*> added;
  for (size_t slot = 0; slot < slots.values().size(); ++slot) {
    std::optional<Attendee>& value = slots.values()[slot];
    if (!value) continue;
    if (!value->table.empty()) tables.insert(value->table);
    if (!slots.IsStored(slot)) added.push_back(&*value);
  }
  for (const std::string& table : tables) {
    ENTREE_RETURN_IF_ERROR(store.EnsureTable(table));
  }
  for (size_t slot = 0; slot < slots.values().size(); ++slot) {
    if (slots.IsStored(slot) && slots.values()[slot]) {
      ENTREE_RETURN_IF_ERROR(store.UpdateAttendee(*slots.values()[slot]));
    }
  }
  AssignIds(added);
  return store.InsertAttendees(added);
}

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
  ImportSlots slots(doc.records.size());
  ENTREE_RETURN_IF_ERROR(slots.LoadStored(store));
  // Rows apply in file order: a later row with the same external id or
  // email changes what an earlier one added.
  for (size_t r = 1; r < doc.records.size(); ++r) {
    const CsvRecord& record = doc.records[r];
    RowValues row(*plan, record.fields);
    std::optional<size_t> slot = slots.Find(row.Get(ImportField::kExternalId),
                                            row.Get(ImportField::kEmail));
    Attendee attendee;
    if (slot) {
      auto current = slots.Current(store, *slot);
      if (!current.ok()) return current.status();
      attendee = std::move(current).value();
    }
    if (auto problem = ApplyRow(row, record.line, attendee)) {
      report.problems.push_back(*problem);
      continue;
    }
    attendee.updated_at = options.now;
    if (slot) {
      ++report.updated;
    } else {
      attendee.created_at = options.now;
      ++report.imported;
    }
    slots.Set(slot, std::move(attendee));
  }
  if (doc.unclosed_quote_line) {
    report.problems.push_back(
        {*doc.unclosed_quote_line, RowProblemKind::kUnclosedQuote, ""});
  }
  report.rejected = static_cast<int>(report.problems.size());
  if (options.strict && report.rejected > 0) {
    report.written = false;  // nothing is written
    return report;
  }
  ENTREE_RETURN_IF_ERROR(WriteSlots(store, slots));
  ENTREE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace entree
