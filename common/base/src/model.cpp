// Stable names of the model's enums, and the words organisers use for them.
#include "entree/base/model.h"

#include <utility>

#include "entree/base/text.h"

namespace entree {
namespace {

// Finds `folded` among the synonyms of each value; nullopt when none.
template <typename Enum, size_t N>
std::optional<Enum> Lookup(
    std::string_view text,
    const std::pair<Enum, std::string_view> (&synonyms)[N]) {
  std::string folded = FoldForSearch(text);
  for (const auto& [value, word] : synonyms) {
    if (folded == word) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Sector sector) {
  switch (sector) {
    case Sector::kBusiness:
      return "business";
    case Sector::kGovernment:
      return "government";
    case Sector::kEducation:
      return "education";
    case Sector::kOther:
      return "other";
  }
  return "other";
}

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kGuest:
      return "guest";
    case Role::kHost:
      return "host";
    case Role::kStaff:
      return "staff";
    case Role::kPress:
      return "press";
    case Role::kSpeaker:
      return "speaker";
  }
  return "guest";
}

std::string_view ToString(Source source) {
  switch (source) {
    case Source::kInvited:
      return "invited";
    case Source::kWalkIn:
      return "walk_in";
  }
  return "invited";
}

std::string_view ToString(Direction direction) {
  switch (direction) {
    case Direction::kEntry:
      return "entry";
    case Direction::kExit:
      return "exit";
  }
  return "entry";
}

std::string_view ToString(TicketState state) {
  switch (state) {
    case TicketState::kValid:
      return "valid";
    case TicketState::kCancelled:
      return "cancelled";
    case TicketState::kUnpaid:
      return "unpaid";
  }
  return "valid";
}

std::optional<Sector> ParseSector(std::string_view text) {
  static const std::pair<Sector, std::string_view> kWords[] = {
      {Sector::kBusiness, "business"},
      {Sector::kBusiness, "bedrijf"},
      {Sector::kBusiness, "bedrijven"},
      {Sector::kBusiness, "bedrijfsleven"},
      {Sector::kBusiness, "ondernemer"},
      {Sector::kBusiness, "ondernemers"},
      {Sector::kBusiness, "industry"},
      {Sector::kBusiness, "company"},
      {Sector::kBusiness, "private"},
      {Sector::kBusiness, "bedrijfs"},
      {Sector::kGovernment, "government"},
      {Sector::kGovernment, "overheid"},
      {Sector::kGovernment, "gemeente"},
      {Sector::kGovernment, "provincie"},
      {Sector::kGovernment, "public"},
      {Sector::kGovernment, "rijk"},
      {Sector::kGovernment, "waterschap"},
      {Sector::kEducation, "education"},
      {Sector::kEducation, "onderwijs"},
      {Sector::kEducation, "school"},
      {Sector::kEducation, "university"},
      {Sector::kEducation, "universiteit"},
      {Sector::kEducation, "hogeschool"},
      {Sector::kEducation, "kennisinstelling"},
      {Sector::kEducation, "research"},
      {Sector::kOther, "other"},
      {Sector::kOther, "overig"},
      {Sector::kOther, "anders"},
  };
  return Lookup(text, kWords);
}

std::optional<Role> ParseRole(std::string_view text) {
  static const std::pair<Role, std::string_view> kWords[] = {
      {Role::kGuest, "guest"},       {Role::kGuest, "gast"},
      {Role::kGuest, "attendee"},    {Role::kGuest, "deelnemer"},
      {Role::kGuest, "genodigde"},   {Role::kHost, "host"},
      {Role::kHost, "gastheer"},     {Role::kHost, "gastvrouw"},
      {Role::kHost, "tafelhost"},    {Role::kHost, "begeleider"},
      {Role::kHost, "table host"},   {Role::kHost, "tafelvoorzitter"},
      {Role::kStaff, "staff"},       {Role::kStaff, "medewerker"},
      {Role::kStaff, "organisatie"}, {Role::kStaff, "crew"},
      {Role::kPress, "press"},       {Role::kPress, "pers"},
      {Role::kPress, "media"},       {Role::kSpeaker, "speaker"},
      {Role::kSpeaker, "spreker"},
  };
  return Lookup(text, kWords);
}

std::optional<Source> ParseSource(std::string_view text) {
  static const std::pair<Source, std::string_view> kWords[] = {
      {Source::kInvited, "invited"},
      {Source::kInvited, "uitgenodigd"},
      {Source::kWalkIn, "walk in"},
      {Source::kWalkIn, "walkin"},
      {Source::kWalkIn, "aanmelding ter plaatse"},
  };
  return Lookup(text, kWords);
}

std::optional<Direction> ParseDirection(std::string_view text) {
  static const std::pair<Direction, std::string_view> kWords[] = {
      {Direction::kEntry, "entry"},  {Direction::kEntry, "in"},
      {Direction::kEntry, "binnen"}, {Direction::kExit, "exit"},
      {Direction::kExit, "out"},     {Direction::kExit, "uit"},
      {Direction::kExit, "vertrek"},
  };
  return Lookup(text, kWords);
}

std::optional<TicketState> ParseTicketState(std::string_view text) {
  static const std::pair<TicketState, std::string_view> kWords[] = {
      {TicketState::kValid, "valid"},
      {TicketState::kValid, "geldig"},
      {TicketState::kValid, "paid"},
      {TicketState::kValid, "betaald"},
      {TicketState::kValid, "completed"},
      {TicketState::kValid, "complete"},
      {TicketState::kValid, "voltooid"},
      {TicketState::kValid, "confirmed"},
      {TicketState::kValid, "bevestigd"},
      {TicketState::kValid, "attending"},
      {TicketState::kValid, "checked in"},
      {TicketState::kValid, "ingecheckt"},
      {TicketState::kValid, "active"},
      {TicketState::kValid, "actief"},
      {TicketState::kValid, "free"},
      {TicketState::kValid, "gratis"},
      {TicketState::kValid, "not void"},
      {TicketState::kCancelled, "cancelled"},
      {TicketState::kCancelled, "canceled"},
      {TicketState::kCancelled, "geannuleerd"},
      {TicketState::kCancelled, "refunded"},
      {TicketState::kCancelled, "terugbetaald"},
      {TicketState::kCancelled, "void"},
      {TicketState::kCancelled, "voided"},
      {TicketState::kCancelled, "ongeldig"},
      {TicketState::kCancelled, "not attending"},
      {TicketState::kCancelled, "niet aanwezig"},
      {TicketState::kCancelled, "deleted"},
      {TicketState::kCancelled, "verwijderd"},
      {TicketState::kCancelled, "expired"},
      {TicketState::kCancelled, "verlopen"},
      {TicketState::kUnpaid, "unpaid"},
      {TicketState::kUnpaid, "pending"},
      {TicketState::kUnpaid, "awaiting payment"},
      {TicketState::kUnpaid, "in afwachting"},
      {TicketState::kUnpaid, "in afwachting van betaling"},
      {TicketState::kUnpaid, "wacht op betaling"},
      {TicketState::kUnpaid, "openstaand"},
      {TicketState::kUnpaid, "niet betaald"},
      {TicketState::kUnpaid, "onbetaald"},
      {TicketState::kUnpaid, "reserved"},
      {TicketState::kUnpaid, "gereserveerd"},
      // pretix's own one-letter codes: paid, pending, expired, canceled.
      {TicketState::kValid, "p"},
      {TicketState::kUnpaid, "n"},
      {TicketState::kCancelled, "e"},
      {TicketState::kCancelled, "c"},
  };
  if (auto word = Lookup(text, kWords)) return word;
  // Longer wording ("Cancelled (refunded)", "Transferred to ...") by the
  // words in it; a refusal wins over a payment.
  std::string folded = FoldForSearch(text);
  for (std::string_view part :
       {"cancel", "refund", "void", "annul", "storn", "not attending",
        "niet aanwezig", "transfer", "overgedragen", "deleted", "verwijderd",
        "expired", "verlopen"}) {
    if (folded.find(part) != std::string::npos) return TicketState::kCancelled;
  }
  for (std::string_view part :
       {"pending", "unpaid", "not paid", "awaiting", "openstaand", "onbetaald",
        "niet betaald", "wacht op"}) {
    if (folded.find(part) != std::string::npos) return TicketState::kUnpaid;
  }
  return std::nullopt;
}

std::string Attendee::FullName() const {
  if (given_name.empty()) return family_name;
  if (family_name.empty()) return given_name;
  return given_name + " " + family_name;
}

bool IsPlausibleKioskId(std::string_view id) {
  if (id.empty() || id.size() > kMaxKioskIdBytes || !IsValidUtf8(id)) {
    return false;
  }
  std::string cleaned(id);
  return !StripControlCharacters(cleaned);
}

std::optional<OversizedField> Oversized(std::string_view field, size_t bytes) {
  size_t limit = field == "organisation"  ? kMaxOrganisationBytes
                 : field == "email"       ? kMaxEmailBytes
                 : field == "external_id" ? kMaxExternalIdBytes
                 : field == "table"       ? kMaxTableBytes
                 : field == "shop_code"   ? kMaxShopCodeBytes
                                          : kMaxNameBytes;
  if (bytes <= limit) return std::nullopt;
  return OversizedField{field, bytes, limit};
}

std::optional<OversizedField> FindOversizedField(const Attendee& a) {
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"given_name", &a.given_name},     {"family_name", &a.family_name},
      {"organisation", &a.organisation}, {"email", &a.email},
      {"external_id", &a.external_id},   {"table", &a.table},
      {"shop_code", &a.shop_code}};
  for (const auto& [field, value] : fields) {
    if (auto oversized = Oversized(field, value->size())) return oversized;
  }
  return std::nullopt;
}

Status CheckFieldBounds(const Attendee& a) {
  auto oversized = FindOversizedField(a);
  if (!oversized) return Status::Ok();
  return Status::Localized(
      StatusCode::kInvalidArgument, "error.field_too_long",
      {std::string(oversized->field), std::to_string(oversized->bytes),
       std::to_string(oversized->limit)});
}

std::optional<uint32_t> ParseColour(std::string_view text) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  if (text.size() != 6) return std::nullopt;
  uint32_t colour = 0;
  for (char c : text) {
    int digit = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
    if (digit < 0) return std::nullopt;
    colour = colour * 16 + static_cast<uint32_t>(digit);
  }
  return colour;
}

std::string ColourToString(uint32_t colour) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text = "#";
  for (int shift = 20; shift >= 0; shift -= 4) {
    text.push_back(kHex[(colour >> shift) & 0xF]);
  }
  return text;
}

}  // namespace entree
