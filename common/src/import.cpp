// Spreadsheet import: the file's columns, row checks, upsert in one
// transaction.
#include "entree/import.h"

#include <array>
#include <deque>
#include <utility>

#include "bulk_load.h"
#include "entree/csv.h"
#include "entree/text.h"
#include "entree/uuid.h"
#include "import_writer.h"
#include "key_index.h"

namespace entree {
namespace {

// Consent as a spreadsheet writes it; nullopt for a word that is neither
// yes nor no.
std::optional<bool> ParseConsent(std::string_view text) {
  std::string folded = FoldForSearch(text);
  for (std::string_view yes : {"1", "yes", "y", "ja", "j", "true", "waar", "x",
                               "akkoord", "agree", "agreed", "ok"}) {
    if (folded == yes) return true;
  }
  for (std::string_view no : {"", "0", "no", "n", "nee", "false", "onwaar",
                              "geen", "none", "niet akkoord", "disagree"}) {
    if (folded == no) return false;
  }
  return std::nullopt;
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
    if (*field == ImportField::kIgnore) continue;
    if (auto taken = plan.ColumnOf(*field); taken && *taken != column->second) {
      return Status::Localized(
          StatusCode::kInvalidArgument, "error.map_field_twice",
          {field_name, headers[*taken], headers[column->second]});
    }
    plan.Set(*field, column->second, false);
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (mapped[i]) continue;
    auto field = FieldForHeader(headers[i]);
    if (!field) {
      if (!Trim(headers[i]).empty()) ignored.push_back(headers[i]);
      continue;
    }
    // The first column of a kind wins; a second one (another "Email") is
    // said to be left out, never dropped silently.
    if (plan.Has(*field)) {
      ignored.push_back(headers[i]);
      continue;
    }
    plan.Set(*field, i, true);
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

// One row's values by field: the record's cells, trimmed, with line breaks
// and tabs as spaces, cleaned in place.
class RowValues {
 public:
  RowValues(const ColumnPlan& plan, std::vector<std::string>& fields)
      : plan_(plan), fields_(fields) {
    for (size_t f = 0; f <= static_cast<size_t>(ImportField::kIgnore); ++f) {
      std::optional<size_t> column =
          plan_.ColumnOf(static_cast<ImportField>(f));
      if (column && *column < fields_.size()) Clean(fields_[*column]);
    }
  }
  bool Has(ImportField field) const { return plan_.Has(field); }
  std::string_view Get(ImportField field) const {
    std::optional<size_t> column = plan_.ColumnOf(field);
    if (!column || *column >= fields_.size()) return {};
    return fields_[*column];
  }
  // The value, moved out of the record.
  std::string Take(ImportField field) {
    std::optional<size_t> column = plan_.ColumnOf(field);
    if (!column || *column >= fields_.size()) return {};
    return std::move(fields_[*column]);
  }

 private:
  static void Clean(std::string& value) {
    StripControlCharacters(value);
    std::string_view trimmed = Trim(value);
    if (trimmed.size() != value.size()) {
      value.erase(0, static_cast<size_t>(trimmed.data() - value.data()));
      value.resize(trimmed.size());
    }
  }

  const ColumnPlan& plan_;
  std::vector<std::string>& fields_;
};

// Writes the row's values into `a`, leaving fields the file lacks alone.
// Returns the problem when the row cannot be imported; then `a` is as it
// was. Values that were not understood are taken as the default and added
// to `notes`. Moves the values out of the row.
std::optional<RowProblem> ApplyRow(RowValues& row, int line, Attendee& a,
                                   std::vector<RowProblem>& notes) {
  std::string given = row.Take(ImportField::kGivenName);
  std::string family = row.Take(ImportField::kFamilyName);
  std::string_view particle = row.Get(ImportField::kParticle);
  if (!particle.empty() && !family.empty()) {
    family = std::string(particle) + " " + family;
  }
  if (given.empty() && family.empty()) {
    SplitName split = SplitFullName(row.Get(ImportField::kFullName));
    given = std::move(split.given);
    family = std::move(split.family);
  }
  if (given.empty() && family.empty()) {
    return RowProblem{line, RowProblemKind::kNoName, ""};
  }
  std::string_view email = row.Get(ImportField::kEmail);
  // Bounds first: a megabyte of text is named, never echoed.
  const std::pair<std::string_view, size_t> sizes[] = {
      {"given_name", given.size()},
      {"family_name", family.size()},
      {"email", email.size()},
      {"external_id", row.Get(ImportField::kExternalId).size()},
      {"organisation", row.Get(ImportField::kOrganisation).size()},
      {"table", row.Get(ImportField::kTable).size()}};
  for (const auto& [field, bytes] : sizes) {
    if (auto oversized = Oversized(field, bytes)) {
      return RowProblem{line, RowProblemKind::kTooLong,
                        std::string(oversized->field) + " (" +
                            std::to_string(oversized->bytes) + " > " +
                            std::to_string(oversized->limit) + " bytes)"};
    }
  }
  if (!email.empty() && !IsPlausibleEmail(email)) {
    return RowProblem{line, RowProblemKind::kBadEmail, std::string(email)};
  }
  a.given_name = std::move(given);
  a.family_name = std::move(family);
  if (row.Has(ImportField::kEmail)) a.email = row.Take(ImportField::kEmail);
  if (row.Has(ImportField::kExternalId)) {
    a.external_id = row.Take(ImportField::kExternalId);
  }
  if (row.Has(ImportField::kOrganisation)) {
    a.organisation = row.Take(ImportField::kOrganisation);
  }
  // A value not understood becomes the default, and the organiser is told.
  auto read = [&](ImportField field, auto parse, auto fallback,
                  RowProblemKind kind) {
    std::string_view text = row.Get(field);
    auto value = parse(text);
    if (!value && !text.empty()) {
      notes.push_back({line, kind, std::string(text.substr(0, 80))});
    }
    return value.value_or(fallback);
  };
  if (row.Has(ImportField::kSector)) {
    a.sector = read(ImportField::kSector, ParseSector, Sector::kOther,
                    RowProblemKind::kUnknownSector);
  }
  if (row.Has(ImportField::kRole)) {
    a.role = read(ImportField::kRole, ParseRole, Role::kGuest,
                  RowProblemKind::kUnknownRole);
  }
  if (row.Has(ImportField::kTable)) a.table = row.Take(ImportField::kTable);
  if (row.Has(ImportField::kConsent)) {
    a.consent = read(ImportField::kConsent, ParseConsent, false,
                     RowProblemKind::kUnknownConsent);
  }
  if (row.Has(ImportField::kSource)) {
    a.source = read(ImportField::kSource, ParseSource, Source::kInvited,
                    RowProblemKind::kUnknownSource);
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
// stored, then those the file adds. A row matches the first slot with its
// external id, else the first with its email (case-insensitive, as
// SQLite's NOCASE). A slot's attendee, once handed to the writer, is not
// changed again: a later row makes it a new version.
class ImportSlots {
 public:
  explicit ImportSlots(size_t rows) : by_external_id_(rows), by_email_(rows) {}

  Status LoadStored(Store& store) {
    auto stored = store.ListAttendeesByCreation();
    if (!stored.ok()) return stored.status();
    for (Attendee& a : *stored) Put(std::nullopt, std::move(a), 0);
    stored_count_ = current_.size();
    changed_.assign(stored_count_, false);
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
  const Attendee& Current(size_t slot) const { return *current_[slot]; }

  // The line of an earlier row of this file that claimed `slot` (the one a
  // row's id or email found) or `email`; nullopt when none did. Two rows
  // of one file for one person are a mistake to report, not to fold.
  std::optional<int> ClaimedInFile(std::optional<size_t> slot,
                                   std::string_view email) {
    if (slot && line_[*slot] != 0) return line_[*slot];
    // Without a slot, Find looked the email up already and found nobody;
    // with one that holds this very email, it is the email's first slot.
    if (!slot || email.empty() ||
        LowerAscii(current_[*slot]->email, other_lowered_) ==
            LowerAscii(email, lowered_)) {
      return std::nullopt;
    }
    if (!email.empty()) {
      auto other = by_email_.Find(LowerAscii(email, lowered_));
      if (other && line_[*other] != 0) return line_[*other];
    }
    return std::nullopt;
  }

  // Makes `a` the attendee of `slot` (nullopt: a new slot), as the file's
  // row at `line` (0 for one already stored) says. Returns where it is
  // kept, which stays valid as long as the slots do.
  const Attendee* Put(std::optional<size_t> slot, Attendee a, int line) {
    versions_.push_back(std::move(a));
    const Attendee* kept = &versions_.back();
    if (!slot) {
      current_.push_back(kept);
      line_.push_back(line);
      slot = current_.size() - 1;
    } else {
      line_[*slot] = line;
      current_[*slot] = kept;
      if (IsStored(*slot)) changed_[*slot] = true;
    }
    Remember(*slot, kept->external_id, kept->email);
    return kept;
  }

  bool IsStored(size_t slot) const { return slot < stored_count_; }

  // The stored attendees that rows changed, as they leave them.
  std::vector<const Attendee*> ChangedStored() const {
    std::vector<const Attendee*> changed;
    for (size_t slot = 0; slot < stored_count_; ++slot) {
      if (changed_[slot]) changed.push_back(current_[slot]);
    }
    return changed;
  }

 private:
  void Remember(size_t slot, std::string_view external_id,
                std::string_view email) {
    auto value = static_cast<uint32_t>(slot);
    if (!external_id.empty()) by_external_id_.Add(external_id, value);
    if (!email.empty()) by_email_.Add(LowerAscii(email, lowered_), value);
  }

  std::deque<Attendee> versions_;         // every version, never moved
  std::vector<const Attendee*> current_;  // by slot
  std::vector<int> line_;                 // by slot: the file's row, or 0
  size_t stored_count_ = 0;
  std::vector<bool> changed_;  // by stored slot
  KeyIndex by_external_id_;
  KeyIndex by_email_;
  std::string lowered_;        // scratch for LowerAscii
  std::string other_lowered_;  // a second one, to compare two
};

}  // namespace

Result<ImportReport> ImportAttendees(Store& store, std::string_view csv_bytes,
                                     const ImportOptions& options) {
  CsvStream csv(csv_bytes);
  ImportReport report;
  report.delimiter = csv.delimiter();
  report.encoding = csv.encoding();
  CsvRecord record;
  if (!csv.Next(record)) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.no_header",
                             {});
  }
  auto plan = PlanColumns(record.fields, options, report.ignored_columns);
  if (!plan.ok()) return plan.status();

  // Into an empty list the import loads in bulk: see bulk_load.h.
  auto empty = AttendeeListIsEmpty(store.db());
  if (!empty.ok()) return empty.status();
  BulkSettings settings(store.db(), *empty);
  auto tx = Transaction::Begin(store.db());
  if (!tx.ok()) return tx.status();
  std::optional<DeferredIndexes> indexes;
  if (*empty) {
    auto dropped = DeferredIndexes::Drop(store.db());
    if (!dropped.ok()) return dropped.status();
    indexes.emplace(std::move(*dropped));
  }
  // About one row per 80 bytes: the indexes start near their final size.
  ImportSlots slots(csv_bytes.size() / 80);
  ENTREE_RETURN_IF_ERROR(slots.LoadStored(store));
  // New attendees are written while the file is still read. Their ids
  // ascend in file order, so the primary key grows at its end.
  ImportWriter writer(store);
  Uuid last_id{};
  // A row matches a stored attendee by external id, else email; a row that
  // claims the id or email of an earlier row of the file is reported.
  while (csv.Next(record)) {
    if (record.not_utf8) {
      report.problems.push_back(
          {record.line, RowProblemKind::kNotUtf8, record.not_utf8_byte});
      continue;
    }
    RowValues row(*plan, record.fields);
    std::string_view email = row.Get(ImportField::kEmail);
    std::optional<size_t> slot =
        slots.Find(row.Get(ImportField::kExternalId), email);
    if (auto earlier = slots.ClaimedInFile(slot, email)) {
      report.problems.push_back(
          {record.line, RowProblemKind::kDuplicate, std::to_string(*earlier)});
      continue;
    }
    Attendee attendee = slot ? slots.Current(*slot) : Attendee{};
    if (auto problem = ApplyRow(row, record.line, attendee, report.notes)) {
      report.problems.push_back(*problem);
      continue;
    }
    attendee.updated_at = options.now;
    if (!slot) {
      attendee.id = last_id = NewUuidAfter(last_id);
      attendee.created_at = options.now;
      ++report.imported;
      writer.Insert(slots.Put(slot, std::move(attendee), record.line));
      continue;
    }
    ++report.updated;
    const Attendee* kept = slots.Put(slot, std::move(attendee), record.line);
    // Stored attendees are written once, at the end.
    if (!slots.IsStored(*slot)) writer.Update(kept);
  }
  if (csv.unclosed_quote_line()) {
    report.problems.push_back(
        {*csv.unclosed_quote_line(), RowProblemKind::kUnclosedQuote, ""});
  }
  for (const Attendee* changed : slots.ChangedStored()) writer.Update(changed);
  ENTREE_RETURN_IF_ERROR(writer.Finish());
  report.rejected = static_cast<int>(report.problems.size());
  if (options.strict && report.rejected > 0) {
    report.written = false;  // the transaction is rolled back
    return report;
  }
  if (indexes) ENTREE_RETURN_IF_ERROR(indexes->Rebuild());
  ENTREE_RETURN_IF_ERROR(tx->Commit());
  return report;
}

}  // namespace entree
