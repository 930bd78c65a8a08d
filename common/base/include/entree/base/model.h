// The event's data as plain values: event, attendee, table, badge, check-in.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "entree/base/clock.h"
#include "entree/base/status.h"

namespace entree {

enum class Sector { kBusiness, kGovernment, kEducation, kOther };
enum class Role { kGuest, kHost, kStaff, kPress, kSpeaker };
enum class Source { kInvited, kWalkIn };
enum class Direction { kEntry, kExit };
// A ticket's standing in the shop it was bought in: only a valid ticket
// lets its guest in.
enum class TicketState { kValid, kCancelled, kUnpaid };

// Stable names used in the database, CSV and JSON ("business", "walk_in"...).
std::string_view ToString(Sector sector);
std::string_view ToString(Role role);
std::string_view ToString(Source source);
std::string_view ToString(Direction direction);
std::string_view ToString(TicketState state);  // "valid", "cancelled", ...
// Reads the stable names above, and the Dutch and English words organisers
// write in their sheets ("overheid", "gemeente", "onderwijs", "gastheer",
// ...), case- and accent-insensitively. nullopt when nothing matches.
std::optional<Sector> ParseSector(std::string_view text);
std::optional<Role> ParseRole(std::string_view text);
std::optional<Source> ParseSource(std::string_view text);
std::optional<Direction> ParseDirection(std::string_view text);
// Also the words the ticket shops write in their status columns, in Dutch
// and English: "Paid", "Betaald", "Attending", "ACTIVE" (valid);
// "Canceled", "Geannuleerd", "Refunded", "Void", "Not Attending"
// (cancelled); "Pending", "Awaiting payment", "Openstaand" (unpaid); and
// longer wording by the words in it ("Cancelled (refunded)"). nullopt for
// anything else: a status is never guessed to be valid.
std::optional<TicketState> ParseTicketState(std::string_view text);

// The 8-byte event id carried in every badge code.
using EventId = std::array<uint8_t, 8>;
// An attendee's UUID as 16 bytes.
using Uuid = std::array<uint8_t, 16>;

// The one event a database holds.
struct Event {
  EventId id{};
  std::string name;
  std::string venue;
  std::optional<Instant> starts_at;
  std::optional<Instant> ends_at;        // after this the doors are closed
  std::optional<Instant> doors_open_at;  // before this entry is refused
  std::string locale = "nl";             // "nl", "en" or "de"
  // The venue's IANA time zone ("Europe/Amsterdam"): every time a person
  // reads or types is on its clocks. Empty: this machine's zone.
  std::string time_zone;
  std::optional<std::array<uint8_t, 32>> public_key;  // Ed25519
  // Who keeps the guests' data, and how many days after the event it is
  // deleted (0: not said): the walk-in's privacy notice.
  std::string data_keeper;
  int keep_days = 0;
  // The organiser's colour (0xRRGGBB) for the kiosk's main buttons.
  std::optional<uint32_t> accent;
};

// Reads "#RRGGBB" (or "RRGGBB"); nullopt for anything else.
std::optional<uint32_t> ParseColour(std::string_view text);
// "#RRGGBB".
std::string ColourToString(uint32_t colour);

struct Attendee {
  Uuid id{};
  std::string external_id;  // id in the organiser's source list; may be empty
  std::string given_name;
  std::string family_name;  // with its particle: "de Gelder", "van der Berg"
  std::string organisation;
  Sector sector = Sector::kOther;
  std::string email;
  Role role = Role::kGuest;
  std::string table;  // name of the World Café table; empty when none
  Source source = Source::kInvited;
  // Agreed to hear from the organiser beyond the event (a walk-in's
  // optional yes at the kiosk; an imported guest's from the list).
  bool consent = false;
  TicketState ticket = TicketState::kValid;
  // The barcode on the ticket the shop sent (pretix secret, Eventbrite
  // "Barcode #", ...): scanned at the door like a badge. Empty when none.
  std::string shop_code;
  Instant created_at{};
  Instant updated_at{};

  // "Marjolein de Gelder".
  std::string FullName() const;
};

// The longest text an attendee's field may hold, in bytes of UTF-8: room
// for any real name, organisation or address (RFC 5321 allows 254 for an
// email); longer input is refused where it comes in (import, registration,
// sync), so no screen, badge or list ever meets a megabyte of name.
inline constexpr size_t kMaxNameBytes = 200;
inline constexpr size_t kMaxOrganisationBytes = 300;
inline constexpr size_t kMaxEmailBytes = 254;
inline constexpr size_t kMaxExternalIdBytes = 200;
inline constexpr size_t kMaxTableBytes = 200;
inline constexpr size_t kMaxShopCodeBytes = 200;

// A kiosk's name in check-in records: 1 to 64 bytes of UTF-8 without
// control characters or text-direction overrides.
inline constexpr size_t kMaxKioskIdBytes = 64;
bool IsPlausibleKioskId(std::string_view id);

// One field of an attendee that is longer than its bound.
struct OversizedField {
  std::string_view field;  // "given_name", "organisation", ...
  size_t bytes = 0;
  size_t limit = 0;
};
// The field `field` ("given_name", ...) holding `bytes` bytes, when that is
// beyond its bound; nullopt when it fits.
std::optional<OversizedField> Oversized(std::string_view field, size_t bytes);
// The first field of `a` beyond its bound; nullopt when all fit.
std::optional<OversizedField> FindOversizedField(const Attendee& a);
// kInvalidArgument (error.field_too_long) naming the first field of `a`
// beyond its bound; ok when all fit.
Status CheckFieldBounds(const Attendee& a);

// A hosted World Café table. Its hosts are the attendees with role host
// seated at it.
struct SeatingTable {
  std::string name;
  int capacity = 0;   // people, hosts included; 0: no limit
  std::string theme;  // "Smart Industry"; empty when the name says it

  // What guests are told: the theme, or the name when there is none.
  const std::string& Title() const { return theme.empty() ? name : theme; }
};

// A guest's table in one World Café round.
struct Seat {
  Uuid attendee_id{};
  int round = 0;  // 1-based
  std::string table;
  std::optional<Instant> told_at;  // when the guest was shown it
};

// One issued badge. The current badge of an attendee is the one with the
// highest serial; issuing a new one revokes all older serials.
struct Badge {
  Uuid attendee_id{};
  uint32_t serial = 0;
  Instant issued_at{};
  std::string kiosk_id;
};

}  // namespace entree
