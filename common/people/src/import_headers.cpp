// Import columns: which shop a list comes from, which attendee field each
// of its headers names, and the --map text that overrides it.
#include <set>
#include <utility>

#include "entree/base/text.h"
#include "entree/people/import.h"

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
    {ImportField::kShopCode, "shop_code"},
    {ImportField::kTicket, "ticket"},
    {ImportField::kVoided, "voided"},
    {ImportField::kOrderCode, "order_code"},
    {ImportField::kPosition, "position"},
    {ImportField::kLanguage, "language"},
    {ImportField::kIgnore, "ignore"},
};

struct HeaderRole {
  std::string_view folded;  // as FoldForSearch leaves it
  ImportField field;
  int rank = 0;
};

// Headers of the organiser's own sheets and forms, Dutch and English.
constexpr HeaderRole kSheetHeaders[] = {
    {"external id", ImportField::kExternalId},
    {"id", ImportField::kExternalId},
    {"attendee id", ImportField::kExternalId},
    {"ticket id", ImportField::kExternalId},
    {"registration id", ImportField::kExternalId},
    {"deelnemernummer", ImportField::kExternalId},
    {"registratienummer", ImportField::kExternalId},
    {"relatienummer", ImportField::kExternalId},
    {"first name", ImportField::kGivenName},
    {"firstname", ImportField::kGivenName},
    {"given name", ImportField::kGivenName},
    {"voornaam", ImportField::kGivenName},
    {"voornamen", ImportField::kGivenName},
    {"roepnaam", ImportField::kGivenName},
    {"last name", ImportField::kFamilyName},
    {"lastname", ImportField::kFamilyName},
    {"surname", ImportField::kFamilyName},
    {"family name", ImportField::kFamilyName},
    {"achternaam", ImportField::kFamilyName},
    {"familienaam", ImportField::kFamilyName},
    {"tussenvoegsel", ImportField::kParticle},
    {"tussenvoegsels", ImportField::kParticle},
    {"voorvoegsel", ImportField::kParticle},
    {"name", ImportField::kFullName},
    {"full name", ImportField::kFullName},
    {"your name", ImportField::kFullName},
    {"naam", ImportField::kFullName},
    {"volledige naam", ImportField::kFullName},
    {"naam deelnemer", ImportField::kFullName},
    {"uw naam", ImportField::kFullName},
    {"je naam", ImportField::kFullName},
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
    {"email", ImportField::kEmail},
    {"e mail", ImportField::kEmail},
    {"email address", ImportField::kEmail},
    {"e mail address", ImportField::kEmail},
    {"e mailadres", ImportField::kEmail},
    {"emailadres", ImportField::kEmail},
    {"mail", ImportField::kEmail},
    {"barcode", ImportField::kShopCode},
    {"qr", ImportField::kShopCode},
    {"qr code", ImportField::kShopCode},
    {"qrcode", ImportField::kShopCode},
    {"ticket code", ImportField::kShopCode},
    {"ticketcode", ImportField::kShopCode},
    // Not a bare "status": the attendance list's says who came.
    {"ticket status", ImportField::kTicket},
    {"order status", ImportField::kTicket},
    {"bestelstatus", ImportField::kTicket},
    {"ticketstatus", ImportField::kTicket},
    {"payment status", ImportField::kTicket},
    {"betaalstatus", ImportField::kTicket},
    {"cancelled", ImportField::kVoided},
    {"canceled", ImportField::kVoided},
    {"geannuleerd", ImportField::kVoided},
    {"void", ImportField::kVoided},
};

// Headers any list may carry as the organiser's own questions (a shop's
// custom question "Sector", a form's "Tafel").
constexpr HeaderRole kQuestionHeaders[] = {
    {"sector", ImportField::kSector},
    {"category", ImportField::kSector},
    {"categorie", ImportField::kSector},
    {"doelgroep", ImportField::kSector},
    {"type organisatie", ImportField::kSector},
    {"organisation type", ImportField::kSector},
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
    {"language", ImportField::kLanguage},
    {"preferred language", ImportField::kLanguage},
    {"locale", ImportField::kLanguage},
    {"order locale", ImportField::kLanguage},
    {"taal", ImportField::kLanguage},
    {"voorkeurstaal", ImportField::kLanguage},
    {"sprache", ImportField::kLanguage},
    {"source", ImportField::kSource},
    {"bron", ImportField::kSource},
    // A shop's own company column comes first.
    {"organisation", ImportField::kOrganisation, 2},
    {"organization", ImportField::kOrganisation, 2},
    {"organisatie", ImportField::kOrganisation, 2},
    {"company", ImportField::kOrganisation, 2},
    {"bedrijf", ImportField::kOrganisation, 2},
    {"instelling", ImportField::kOrganisation, 2},
};

// pretix: the order positions sheet of "Order data" and the check-in list,
// in English and Dutch, before and after "Company" was split into the
// attendee's and the invoice address's. The attendee's name, email and
// company come first; the buyer's (invoice address, order email) fill in
// where the ticket has none.
constexpr HeaderRole kPretixHeaders[] = {
    {"order code", ImportField::kOrderCode},
    {"bestelcode", ImportField::kOrderCode},
    {"position id", ImportField::kPosition},
    {"positie id", ImportField::kPosition},
    {"ticket secret", ImportField::kShopCode},
    {"ticketgeheim", ImportField::kShopCode},
    {"secret", ImportField::kShopCode},
    {"geheim", ImportField::kShopCode},
    {"status", ImportField::kTicket},
    {"attendee name", ImportField::kFullName},
    {"naam deelnemer", ImportField::kFullName},
    {"attendee name given name", ImportField::kGivenName},
    {"naam deelnemer voornaam", ImportField::kGivenName},
    {"attendee name family name", ImportField::kFamilyName},
    {"naam deelnemer achternaam", ImportField::kFamilyName},
    {"attendee email", ImportField::kEmail},
    {"e mailadres van deelnemer", ImportField::kEmail},
    {"attendee company", ImportField::kOrganisation},
    {"bedrijf deelnemer", ImportField::kOrganisation},
    {"email", ImportField::kEmail, 1},
    {"e mail", ImportField::kEmail, 1},
    {"invoice address name", ImportField::kFullName, 1},
    {"factuuradres naam", ImportField::kFullName, 1},
    {"invoice address name given name", ImportField::kGivenName, 1},
    {"factuuradres naam voornaam", ImportField::kGivenName, 1},
    {"invoice address name family name", ImportField::kFamilyName, 1},
    {"factuuradres naam achternaam", ImportField::kFamilyName, 1},
    {"invoice address company", ImportField::kOrganisation, 1},
    {"factuuradres bedrijf", ImportField::kOrganisation, 1},
};

// Eventbrite's attendee report (US and UK wording): the attendee's fields,
// then the buyer's.
constexpr HeaderRole kEventbriteHeaders[] = {
    {"attendee", ImportField::kExternalId},  // "Attendee #"
    {"attendee no", ImportField::kExternalId},
    {"barcode", ImportField::kShopCode},  // "Barcode #"
    {"attendee status", ImportField::kTicket},
    {"first name", ImportField::kGivenName},
    {"last name", ImportField::kFamilyName},
    {"surname", ImportField::kFamilyName},
    {"email", ImportField::kEmail},
    {"company", ImportField::kOrganisation},
    {"buyer first name", ImportField::kGivenName, 1},
    {"buyer last name", ImportField::kFamilyName, 1},
    {"buyer surname", ImportField::kFamilyName, 1},
    {"buyer email", ImportField::kEmail, 1},
};

// Tito's tickets export: the ticket's fields, then the order's.
constexpr HeaderRole kTitoHeaders[] = {
    {"ticket reference", ImportField::kExternalId},
    {"void status", ImportField::kVoided},
    {"ticket first name", ImportField::kGivenName},
    {"ticket last name", ImportField::kFamilyName},
    {"ticket full name", ImportField::kFullName},
    {"ticket email", ImportField::kEmail},
    {"ticket company name", ImportField::kOrganisation},
    {"order name", ImportField::kFullName, 1},
    {"order email", ImportField::kEmail, 1},
    {"order company name", ImportField::kOrganisation, 1},
};

// Hi.Events' attendee export; its tickets' QR codes carry the public id.
constexpr HeaderRole kHiEventsHeaders[] = {
    {"id", ImportField::kExternalId},
    {"public id", ImportField::kShopCode},
    {"status", ImportField::kTicket},
    {"first name", ImportField::kGivenName},
    {"last name", ImportField::kFamilyName},
    {"email", ImportField::kEmail},
};

template <size_t N>
std::optional<ColumnRole> Find(const HeaderRole (&table)[N],
                               std::string_view folded) {
  for (const HeaderRole& role : table) {
    if (role.folded == folded) return ColumnRole{role.field, role.rank};
  }
  return std::nullopt;
}

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

std::string_view ToString(ListSource source) {
  switch (source) {
    case ListSource::kSpreadsheet:
      return "spreadsheet";
    case ListSource::kPretix:
      return "pretix";
    case ListSource::kEventbrite:
      return "eventbrite";
    case ListSource::kTito:
      return "tito";
    case ListSource::kHiEvents:
      return "hi_events";
  }
  return "spreadsheet";
}

ListSource DetectListSource(const std::vector<std::string>& headers) {
  std::set<std::string> folded;
  bool numbered_attendee = false;  // Eventbrite's "Attendee #"
  for (const std::string& header : headers) {
    if (!IsValidUtf8(header)) continue;
    folded.insert(FoldForSearch(header));
    std::string_view trimmed = Trim(header);
    if (trimmed.ends_with("#") || trimmed.ends_with("no.")) {
      std::string f = FoldForSearch(trimmed);
      numbered_attendee |=
          f == "attendee" || f == "attendee no" || f == "barcode";
    }
  }
  auto has = [&folded](std::string_view name) {
    return folded.count(std::string(name)) > 0;
  };
  if ((has("order code") || has("bestelcode")) &&
      (has("position id") || has("positie id") || has("ticket secret") ||
       has("ticketgeheim") || has("secret") || has("geheim") ||
       has("attendee name") || has("naam deelnemer"))) {
    return ListSource::kPretix;
  }
  if (numbered_attendee) return ListSource::kEventbrite;
  if (has("ticket reference")) return ListSource::kTito;
  if (has("public id") && (has("short id") || has("product id"))) {
    return ListSource::kHiEvents;
  }
  return ListSource::kSpreadsheet;
}

std::optional<ColumnRole> RoleForHeader(ListSource source,
                                        const std::vector<std::string>& headers,
                                        size_t index) {
  if (!IsValidUtf8(headers[index])) return std::nullopt;
  std::string folded = FoldForSearch(headers[index]);
  std::optional<ColumnRole> role;
  switch (source) {
    case ListSource::kSpreadsheet:
      role = Find(kSheetHeaders, folded);
      break;
    case ListSource::kPretix:
      role = Find(kPretixHeaders, folded);
      if (!role && (folded == "company" || folded == "bedrijf")) {
        // Two columns of this name: the attendee's first, then the
        // invoice address's.
        bool second = false;
        for (size_t i = 0; i < index; ++i) {
          second |=
              IsValidUtf8(headers[i]) && FoldForSearch(headers[i]) == folded;
        }
        role = ColumnRole{ImportField::kOrganisation, second ? 1 : 0};
      }
      break;
    case ListSource::kEventbrite:
      role = Find(kEventbriteHeaders, folded);
      break;
    case ListSource::kTito:
      role = Find(kTitoHeaders, folded);
      break;
    case ListSource::kHiEvents:
      role = Find(kHiEventsHeaders, folded);
      break;
  }
  if (!role) role = Find(kQuestionHeaders, folded);
  return role;
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
    case RowProblemKind::kCodeTaken:
      return "code_taken";
    case RowProblemKind::kBuyerName:
      return "buyer_name";
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
    case RowProblemKind::kUnknownTicket:
      return "unknown_ticket";
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
