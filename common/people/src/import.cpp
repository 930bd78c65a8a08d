// Spreadsheet import: the file's columns, row checks, upsert in one
// transaction.
#include "entree/people/import.h"

#include <array>
#include <deque>
#include <set>
#include <unordered_map>
#include <utility>

#include "entree/base/catalog.h"
#include "entree/base/csv.h"
#include "entree/base/text.h"
#include "entree/base/uuid.h"
#include "entree/store/bulk_load.h"
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

// A voided flag as Tito and organisers' sheets write it: empty or a no is
// not voided, anything else is.
bool IsVoided(std::string_view text) {
  if (text.empty()) return false;
  return ParseConsent(text) != false;
}

// The columns that feed each field present in the file, the winning
// column first.
class ColumnPlan {
 public:
  const std::vector<size_t>& ColumnsOf(ImportField field) const {
    return columns_[static_cast<size_t>(field)];
  }
  bool Has(ImportField field) const { return !ColumnsOf(field).empty(); }
  // Adds `column` to the field's columns by rank; a mapped column (rank
  // -1) comes before any recognised one.
  void Add(ImportField field, size_t column, int rank) {
    auto& slots = columns_[static_cast<size_t>(field)];
    auto& ranks = ranks_[static_cast<size_t>(field)];
    size_t at = 0;
    while (at < ranks.size() && ranks[at] <= rank) ++at;
    slots.insert(slots.begin() + static_cast<std::ptrdiff_t>(at), column);
    ranks.insert(ranks.begin() + static_cast<std::ptrdiff_t>(at), rank);
  }
  int RankOf(ImportField field, size_t index) const {
    return ranks_[static_cast<size_t>(field)][index];
  }
  // The ranks of the columns that name a guest (given, family or full
  // name), lowest first, each once.
  const std::vector<int>& NameRanks() const { return name_ranks_; }
  // Works out NameRanks once every column is added.
  void Finish() {
    std::set<int> ranks;
    for (ImportField field : {ImportField::kGivenName, ImportField::kFamilyName,
                              ImportField::kFullName}) {
      for (int rank : ranks_[static_cast<size_t>(field)]) ranks.insert(rank);
    }
    name_ranks_.assign(ranks.begin(), ranks.end());
  }

 private:
  static constexpr size_t kFields = static_cast<size_t>(ImportField::kIgnore);
  std::array<std::vector<size_t>, kFields + 1> columns_{};
  std::array<std::vector<int>, kFields + 1> ranks_{};
  std::vector<int> name_ranks_;
};

// Plans the columns of a list from `source`: --map first, then what the
// headers say. Columns it leaves unread are added to `ignored`, the ones
// it reads to `used`.
Result<ColumnPlan> PlanColumns(const std::vector<std::string>& headers,
                               ListSource source, const ImportOptions& options,
                               std::vector<std::string>& ignored,
                               std::vector<ColumnUse>& used) {
  std::map<std::string, size_t> header_index;
  for (size_t i = 0; i < headers.size(); ++i) {
    header_index.emplace(FoldForSearch(headers[i]), i);
  }
  ColumnPlan plan;
  std::vector<std::optional<ImportField>> field_of(headers.size());
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
    if (plan.Has(*field) && plan.ColumnsOf(*field).front() != column->second) {
      return Status::Localized(
          StatusCode::kInvalidArgument, "error.map_field_twice",
          {field_name, headers[plan.ColumnsOf(*field).front()],
           headers[column->second]});
    }
    plan.Add(*field, column->second, -1);
    field_of[column->second] = *field;
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (mapped[i]) continue;
    auto role = RoleForHeader(source, headers, i);
    if (!role) {
      if (!Trim(headers[i]).empty()) ignored.push_back(headers[i]);
      continue;
    }
    // One column per field and rank: a second one (another "Email") is
    // said to be left out, never dropped silently.
    bool taken = false;
    const std::vector<size_t>& columns = plan.ColumnsOf(role->field);
    for (size_t k = 0; k < columns.size(); ++k) {
      taken |= plan.RankOf(role->field, k) <= role->rank;
    }
    if (taken && role->rank == 0) {
      ignored.push_back(headers[i]);
      continue;
    }
    plan.Add(role->field, i, role->rank);
    field_of[i] = role->field;
  }
  bool has_name = plan.Has(ImportField::kFullName) ||
                  plan.Has(ImportField::kGivenName) ||
                  plan.Has(ImportField::kFamilyName);
  if (!has_name) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.no_name_column", {});
  }
  for (size_t i = 0; i < headers.size(); ++i) {
    if (field_of[i]) used.push_back({headers[i], *field_of[i]});
  }
  plan.Finish();
  return plan;
}

// One row's values by field: the record's cells, trimmed, with line breaks
// and tabs as spaces, cleaned in place. A field fed by several columns
// has the value of the first that holds one.
class RowValues {
 public:
  RowValues(const ColumnPlan& plan, std::vector<std::string>& fields)
      : plan_(plan), fields_(fields) {
    for (size_t f = 0; f <= static_cast<size_t>(ImportField::kIgnore); ++f) {
      for (size_t column : plan_.ColumnsOf(static_cast<ImportField>(f))) {
        if (column < fields_.size()) Clean(fields_[column]);
      }
    }
  }
  bool Has(ImportField field) const { return plan_.Has(field); }
  std::string_view Get(ImportField field) const {
    std::string* cell = Cell(field);
    return cell ? std::string_view(*cell) : std::string_view();
  }
  // The rank of the column whose value Get gives; 0 when none does. A
  // rank above 0 is the buyer's value filling in for the attendee's.
  int RankOfValue(ImportField field) const {
    const std::vector<size_t>& columns = plan_.ColumnsOf(field);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (columns[k] < fields_.size() && !fields_[columns[k]].empty()) {
        return plan_.RankOf(field, k);
      }
    }
    return 0;
  }
  // The value of the field's column of rank `rank`; empty when none.
  std::string_view GetRanked(ImportField field, int rank) const {
    const std::vector<size_t>& columns = plan_.ColumnsOf(field);
    for (size_t k = 0; k < columns.size(); ++k) {
      if (plan_.RankOf(field, k) == rank && columns[k] < fields_.size()) {
        return fields_[columns[k]];
      }
    }
    return {};
  }
  const ColumnPlan& plan() const { return plan_; }
  // The value, moved out of the record.
  std::string Take(ImportField field) {
    std::string* cell = Cell(field);
    return cell ? std::move(*cell) : std::string();
  }

 private:
  std::string* Cell(ImportField field) const {
    for (size_t column : plan_.ColumnsOf(field)) {
      if (column < fields_.size() && !fields_[column].empty()) {
        return &fields_[column];
      }
    }
    return nullptr;
  }

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

// The ticket identity a row of a list from `source` claims: the shop's
// name and its ticket's id, or a spreadsheet's own id; empty when the row
// has none.
std::string IdentityOf(ListSource source, const RowValues& row) {
  std::string id(row.Get(ImportField::kExternalId));
  std::string_view order = row.Get(ImportField::kOrderCode);
  std::string_view position = row.Get(ImportField::kPosition);
  // An order holds several tickets: its code alone is nobody's identity.
  if (id.empty() && !order.empty() && !position.empty()) {
    id = std::string(order) + "-" + std::string(position);
  }
  if (id.empty() && source == ListSource::kPretix) {
    id = row.Get(ImportField::kShopCode);  // the check-in list's "Secret"
  }
  if (id.empty() || source == ListSource::kSpreadsheet) return id;
  return std::string(ToString(source)) + ":" + id;
}

// The row's name in `a`: given and family name, else the full name split
// the Dutch way, from the columns of the lowest rank that name anyone (the
// attendee's before the buyer's, never half of each). Returns that rank.
int NameOf(const RowValues& row, Attendee& a) {
  a.given_name.clear();
  a.family_name.clear();
  for (int rank : row.plan().NameRanks()) {
    a.given_name = row.GetRanked(ImportField::kGivenName, rank);
    a.family_name = row.GetRanked(ImportField::kFamilyName, rank);
    std::string_view particle = row.Get(ImportField::kParticle);
    if (!particle.empty() && !a.family_name.empty()) {
      a.family_name = std::string(particle) + " " + a.family_name;
    }
    if (a.given_name.empty() && a.family_name.empty()) {
      SplitName split =
          SplitFullName(row.GetRanked(ImportField::kFullName, rank));
      a.given_name = std::move(split.given);
      a.family_name = std::move(split.family);
    }
    if (!a.given_name.empty() || !a.family_name.empty()) return rank;
  }
  return 0;
}

// The row's name and email, as ApplyRow would set them.
Attendee PersonOf(const RowValues& row) {
  Attendee a;
  NameOf(row, a);
  a.email = row.Get(ImportField::kEmail);
  return a;
}

// Writes the row's values into `a`, leaving fields the file lacks alone;
// `identity` is the row's ticket identity (IdentityOf), `shop_code` the
// barcode on its ticket (ShopCodeOf). Returns the
// problem when the row cannot be imported; then `a` is as it was. Values
// that were not understood are taken as the default and added to
// `notes`. Moves the values out of the row.
std::optional<RowProblem> ApplyRow(RowValues& row, int line,
                                   std::string_view identity,
                                   std::string_view shop_code, Attendee& a,
                                   std::vector<RowProblem>& notes) {
  Attendee named;
  int name_rank = NameOf(row, named);
  std::string& given = named.given_name;
  std::string& family = named.family_name;
  if (given.empty() && family.empty()) {
    return RowProblem{line, RowProblemKind::kNoName, ""};
  }
  std::string_view email = row.Get(ImportField::kEmail);
  // Bounds first: a megabyte of text is named, never echoed.
  const std::pair<std::string_view, size_t> sizes[] = {
      {"given_name", given.size()},
      {"family_name", family.size()},
      {"email", email.size()},
      {"external_id", identity.size()},
      {"organisation", row.Get(ImportField::kOrganisation).size()},
      {"table", row.Get(ImportField::kTable).size()},
      {"shop_code", shop_code.size()}};
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
  // A ticket status the import does not know refuses the row: read as
  // valid it could let a cancelled ticket in, read as cancelled it could
  // turn a paying guest away. An empty one changes nothing.
  std::string_view status = row.Get(ImportField::kTicket);
  std::optional<TicketState> ticket;
  if (!status.empty()) {
    ticket = ParseTicketState(status);
    if (!ticket) {
      return RowProblem{line, RowProblemKind::kUnknownTicket,
                        std::string(status.substr(0, 80))};
    }
  }
  // The buyer's name, email or company fill in for a guest the shop has
  // none for, and never replace what the guest's own columns gave.
  auto fills_in = [&row](ImportField field, const std::string& held) {
    return !held.empty() && row.RankOfValue(field) > 0;
  };
  bool name_used = name_rank <= 0 || a.FullName().empty();
  if (name_used) {
    a.given_name = std::move(given);
    a.family_name = std::move(family);
  }
  if (row.Has(ImportField::kEmail) && !fills_in(ImportField::kEmail, a.email)) {
    a.email = row.Take(ImportField::kEmail);
  }
  if (!identity.empty()) a.external_id = identity;
  if (row.Has(ImportField::kOrganisation) &&
      !fills_in(ImportField::kOrganisation, a.organisation)) {
    a.organisation = row.Take(ImportField::kOrganisation);
  }
  if (!shop_code.empty() || row.Has(ImportField::kShopCode)) {
    a.shop_code = shop_code;
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
  if (ticket) a.ticket = *ticket;
  if (row.Has(ImportField::kVoided)) {
    bool voided = IsVoided(row.Get(ImportField::kVoided));
    if (voided) {
      a.ticket = TicketState::kCancelled;
    } else if (!ticket) {
      a.ticket = TicketState::kValid;
    }
  }
  if (name_rank > 0 && name_used) {
    notes.push_back({line, RowProblemKind::kBuyerName, a.FullName()});
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

// The barcode on the row's ticket: its shop code column, or for Tito,
// whose tickets carry it, the ticket reference.
std::string_view ShopCodeOf(ListSource source, const RowValues& row) {
  std::string_view code = row.Get(ImportField::kShopCode);
  if (code.empty() && source == ListSource::kTito) {
    code = row.Get(ImportField::kExternalId);
  }
  return code;
}

// The key of a guest without a ticket identity: their email when it is
// theirs alone, else their email and name. In `out`.
std::string_view PersonKey(std::string_view lowered_email, bool email_unique,
                           const Attendee& a, std::string& out) {
  out.assign(email_unique ? "e\x1f" : "n\x1f");
  out.append(lowered_email);
  if (!email_unique) {
    out += '\x1f';
    out += FoldForSearch(a.FullName());
  }
  return out;
}

// The attendees a file's rows lead to, each in a slot: first those already
// stored, then those the file adds. A slot is found by its ticket identity
// (external id), its shop code, or its person key (PersonKey); the n-th
// row of a file claiming one identity or key finds the key's n-th slot
// ("~n" added to an id, "#n" to a key). A slot's attendee, once handed to
// the writer, is not changed again: a later row makes it a new version.
class ImportSlots {
 public:
  explicit ImportSlots(size_t rows) : by_id_(rows), by_code_(0), by_key_(0) {}

  Status LoadStored(Store& store) {
    ENTREE_ASSIGN_OR_RETURN(auto stored, store.ListAttendeesByCreation());
    for (Attendee& a : stored) Put(std::nullopt, std::move(a), 0);
    stored_count_ = current_.size();
    changed_.assign(stored_count_, false);
    return Status::Ok();
  }

  // The slot of `identity` that no earlier row of the file claimed, and
  // how many rows claimed it before (0: none). Sets `id` to the identity
  // that slot holds or a new attendee takes ("X", "X~2", ...).
  std::optional<size_t> FindIdentity(std::string_view identity, std::string& id,
                                     int& earlier) {
    return FindFree(by_id_, identity, "~", id, earlier);
  }
  std::optional<size_t> FindShopCode(std::string_view code) const {
    if (code.empty()) return std::nullopt;
    return by_code_.Find(code);
  }
  // As FindIdentity, for a row without an identity, by email (lower
  // case) and name; `email_unique_in_file` says whether the file gives
  // this email to this row alone.
  std::optional<size_t> FindPerson(const Attendee& row_person,
                                   std::string_view lowered_email,
                                   bool email_unique_in_file, std::string& key,
                                   int& earlier) {
    IndexPeople();
    auto stored = stored_emails_.find(std::string(lowered_email));
    bool unique = !lowered_email.empty() && email_unique_in_file &&
                  (stored == stored_emails_.end() || stored->second <= 1);
    std::string base;
    PersonKey(lowered_email, unique, row_person, base);
    return FindFree(by_key_, base, "#", key, earlier);
  }

  // The line of the file's row that claimed `slot`; 0 when none did.
  int LineOf(size_t slot) const { return line_[slot]; }
  // The slot's attendee as the rows so far leave it.
  const Attendee& Current(size_t slot) const { return *current_[slot]; }

  // Makes `a` the attendee of `slot` (nullopt: a new slot), as the file's
  // row at `line` (0 for one already stored) says; `key` is the person key
  // it was found or is to be found by, if any. Returns where it is kept,
  // which stays valid as long as the slots do.
  const Attendee* Put(std::optional<size_t> slot, Attendee a, int line,
                      std::string_view key = {}) {
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
    auto value = static_cast<uint32_t>(*slot);
    by_id_.Add(kept->external_id, value);
    by_code_.Add(kept->shop_code, value);
    if (people_indexed_ && !key.empty()) by_key_.Add(key, value);
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
  // The first of `base`, `base` + mark + "2", ... whose slot no row of the
  // file claimed yet, in `found`; `earlier` counts the claimed ones.
  std::optional<size_t> FindFree(const KeyIndex& index, std::string_view base,
                                 std::string_view mark, std::string& found,
                                 int& earlier) {
    found.assign(base);
    for (earlier = 0;; ++earlier) {
      if (earlier > 0) {
        found.assign(base).append(mark).append(std::to_string(earlier + 1));
      }
      std::optional<uint32_t> slot = index.Find(found);
      if (!slot || line_[*slot] == 0) return slot;
    }
  }

  // Indexes the stored attendees by person key, the first time a row
  // needs it: a list of tickets never pays for it.
  void IndexPeople() {
    if (people_indexed_) return;
    people_indexed_ = true;
    std::string lowered, key, numbered;
    for (size_t slot = 0; slot < stored_count_; ++slot) {
      const Attendee& a = *current_[slot];
      if (!a.email.empty()) {
        ++stored_emails_[std::string(LowerAscii(a.email, lowered))];
      }
    }
    for (size_t slot = 0; slot < stored_count_; ++slot) {
      const Attendee& a = *current_[slot];
      LowerAscii(a.email, lowered);
      for (bool unique : {true, false}) {
        if (unique && (lowered.empty() || stored_emails_.at(lowered) != 1)) {
          continue;
        }
        PersonKey(lowered, unique, a, key);
        numbered = key;
        for (int n = 2; by_key_.Find(numbered); ++n) {
          numbered = key + "#" + std::to_string(n);
        }
        by_key_.Add(numbered, static_cast<uint32_t>(slot));
      }
    }
  }

  std::deque<Attendee> versions_;         // every version, never moved
  std::vector<const Attendee*> current_;  // by slot
  std::vector<int> line_;                 // by slot: the file's row, or 0
  size_t stored_count_ = 0;
  std::vector<bool> changed_;  // by stored slot
  KeyIndex by_id_;
  KeyIndex by_code_;
  KeyIndex by_key_;
  bool people_indexed_ = false;
  std::unordered_map<std::string, int> stored_emails_;  // lower case
};

// The slot of the ticket a row names by its identity when no slot holds
// that identity yet, but one holds its barcode: the same ticket of the
// same shop, once read from an export that had only the barcode (pretix's
// check-in list) and once from one with the ticket's id, in either order.
// Sets `id` to the identity the slot keeps. nullopt for anyone else's
// barcode: a ticket never takes over another guest.
std::optional<size_t> SameTicket(ImportSlots& slots, ListSource source,
                                 const std::string& identity,
                                 std::string_view shop_code, std::string& id) {
  if (source == ListSource::kSpreadsheet || shop_code.empty()) {
    return std::nullopt;
  }
  std::optional<size_t> owner = slots.FindShopCode(shop_code);
  if (!owner || slots.LineOf(*owner) != 0) return std::nullopt;
  std::string prefix = std::string(ToString(source)) + ":";
  std::string by_code = prefix + std::string(shop_code);
  const std::string& held = slots.Current(*owner).external_id;
  if (identity == by_code && held.starts_with(prefix)) {
    id = held;  // the row knows only the barcode: the id stays
    return owner;
  }
  if (held == by_code) return owner;  // the id replaces the barcode's
  return std::nullopt;
}

// How many rows of the file give each email (lower case), for a list
// without ticket identities.
std::unordered_map<std::string, int> CountEmails(std::string_view csv_bytes,
                                                 const ColumnPlan& plan) {
  std::unordered_map<std::string, int> counts;
  CsvStream csv(csv_bytes);
  CsvRecord record;
  if (!csv.Next(record)) return counts;
  std::string lowered;
  while (csv.Next(record)) {
    if (record.not_utf8) continue;
    RowValues row(plan, record.fields);
    std::string_view email = row.Get(ImportField::kEmail);
    if (!email.empty()) ++counts[std::string(LowerAscii(email, lowered))];
  }
  return counts;
}

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
  report.source = DetectListSource(record.fields);
  auto plan = PlanColumns(record.fields, report.source, options,
                          report.ignored_columns, report.columns);
  if (!plan.ok()) return plan.status();
  // A row without a ticket identity may match by email when no other row
  // of the file gives the same one: counted when the first such row comes.
  std::optional<std::unordered_map<std::string, int>> file_emails;

  // Into an empty list the import loads in bulk: see bulk_load.h.
  ENTREE_ASSIGN_OR_RETURN(auto load, BulkLoad::Begin(store));
  // About one row per 80 bytes: the indexes start near their final size.
  ImportSlots slots(csv_bytes.size() / 80);
  ENTREE_RETURN_IF_ERROR(slots.LoadStored(store));
  // New attendees are written while the file is still read. Their ids
  // ascend in file order, so the primary key grows at its end.
  ImportWriter writer(store);
  // The guests' languages where the list gives one, written at the end.
  std::vector<std::pair<Uuid, Language>> languages;
  Uuid last_id{};
  std::string identity, id, key, lowered;
  while (csv.Next(record)) {
    if (record.not_utf8) {
      report.problems.push_back(
          {record.line, RowProblemKind::kNotUtf8, record.not_utf8_byte});
      continue;
    }
    RowValues row(*plan, record.fields);
    identity = IdentityOf(report.source, row);
    std::string_view shop_code = ShopCodeOf(report.source, row);
    std::optional<size_t> slot;
    int earlier = 0;
    key.clear();
    if (!identity.empty()) {
      slot = slots.FindIdentity(identity, id, earlier);
      if (!slot && earlier == 0) {
        slot = SameTicket(slots, report.source, identity, shop_code, id);
      }
    } else {
      Attendee person = PersonOf(row);
      LowerAscii(person.email, lowered);
      if (!file_emails) file_emails = CountEmails(csv_bytes, *plan);
      auto count = file_emails->find(lowered);
      bool unique_in_file = count != file_emails->end() && count->second == 1;
      slot = slots.FindPerson(person, lowered, unique_in_file, key, earlier);
      id.clear();
    }
    if (auto owner = slots.FindShopCode(shop_code);
        owner && (!slot || *owner != *slot)) {
      // The barcode stays its holder's: this row's guest comes in without
      // it, and the organiser is told.
      report.notes.push_back({record.line, RowProblemKind::kCodeTaken,
                              std::string(shop_code.substr(0, 80))});
      shop_code = {};
    }
    Attendee attendee = slot ? slots.Current(*slot) : Attendee{};
    if (auto problem =
            ApplyRow(row, record.line, id, shop_code, attendee, report.notes)) {
      report.problems.push_back(*problem);
      continue;
    }
    if (earlier > 0) {
      report.duplicates.push_back(
          {record.line, RowProblemKind::kDuplicate,
           identity.empty() ? attendee.FullName() : identity});
    }
    if (attendee.ticket != TicketState::kValid) ++report.not_admitted;
    attendee.updated_at = options.now;
    std::optional<Language> language;
    if (row.Has(ImportField::kLanguage)) {
      language = ParseLanguage(Trim(row.Get(ImportField::kLanguage)));
    }
    if (!slot) {
      attendee.id = last_id = NewUuidAfter(last_id);
      attendee.created_at = options.now;
      ++report.imported;
      if (language) languages.emplace_back(attendee.id, *language);
      writer.Insert(slots.Put(slot, std::move(attendee), record.line, key));
      continue;
    }
    ++report.updated;
    if (language) languages.emplace_back(attendee.id, *language);
    const Attendee* kept =
        slots.Put(slot, std::move(attendee), record.line, key);
    // Stored attendees are written once, at the end.
    if (!slots.IsStored(*slot)) writer.Update(kept);
  }
  if (csv.unclosed_quote_line()) {
    report.problems.push_back(
        {*csv.unclosed_quote_line(), RowProblemKind::kUnclosedQuote, ""});
  }
  for (const Attendee* changed : slots.ChangedStored()) writer.Update(changed);
  ENTREE_RETURN_IF_ERROR(writer.Finish());
  // In the same transaction, once every guest is written.
  for (const auto& [attendee_id, language] : languages) {
    ENTREE_RETURN_IF_ERROR(
        store.SetAttendeeLanguage(attendee_id, ToString(language)));
  }
  report.rejected = static_cast<int>(report.problems.size());
  report.refused =
      options.strict && (report.rejected > 0 || !report.duplicates.empty());
  if (report.refused || options.dry_run) {
    report.written = false;  // the transaction is rolled back
    return report;
  }
  ENTREE_RETURN_IF_ERROR(load.Commit());
  return report;
}

}  // namespace entree
