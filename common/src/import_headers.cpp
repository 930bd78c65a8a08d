// Import columns: which attendee field a spreadsheet header names, and
// the --map text that overrides it.
#include <utility>

#include "entree/import.h"
#include "entree/text.h"

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
    case RowProblemKind::kTooLong:
      return "too_long";
    case RowProblemKind::kNotUtf8:
      return "not_utf8";
    case RowProblemKind::kDuplicate:
      return "duplicate";
    case RowProblemKind::kUnknownSector:
      return "unknown_sector";
    case RowProblemKind::kUnknownRole:
      return "unknown_role";
    case RowProblemKind::kUnknownConsent:
      return "unknown_consent";
    case RowProblemKind::kUnknownSource:
      return "unknown_source";
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

}  // namespace entree
