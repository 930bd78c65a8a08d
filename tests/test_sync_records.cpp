// Decoding the rows the sync server sends back: whole or refused.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "entree/base/uuid.h"
#include "entree/sync/sync_records.h"

namespace entree {
namespace {

const std::string kId = "7f1c2a9e-4b0d-4c8e-9a51-3d2e6f7a8b90";
const std::string kOther = "0b6e1f0a-2c3d-4e5f-8a9b-0c1d2e3f4a5b";

std::vector<std::string_view> Views(const std::vector<std::string>& fields) {
  return {fields.begin(), fields.end()};
}

}  // namespace

TEST_CASE("an attendee row decodes whole or not at all", "[sync]") {
  std::vector<std::string> row = {kId,
                                  "WC-001",
                                  "Marjolein",
                                  "de Gelder",
                                  "Dion",
                                  "business",
                                  "m@dion.nl",
                                  "host",
                                  "Human Capital",
                                  "invited",
                                  "t",
                                  "1760284800000",
                                  "1760284900000",
                                  "cancelled",
                                  "pretix-secret-4f9k"};
  auto a = DecodeAttendeeFields(Views(row));
  REQUIRE(a);
  CHECK(ToString(a->id) == kId);
  CHECK(a->family_name == "de Gelder");
  CHECK(a->sector == Sector::kBusiness);
  CHECK(a->role == Role::kHost);
  CHECK(a->consent);
  CHECK(ToMillis(a->updated_at) == 1760284900000);
  CHECK(a->ticket == TicketState::kCancelled);
  CHECK(a->shop_code == "pretix-secret-4f9k");

  struct Damage {
    size_t field;
    std::string value;
  };
  const Damage damages[] = {{0, "not-a-uuid"}, {5, "astronauts"},
                            {7, "king"},       {9, "smuggled"},
                            {10, "yes"},       {11, "12.5"},
                            {12, ""},          {12, "99999999999999999999"},
                            {11, "1e9"},       {13, "Geannuleerd"},
                            {13, ""}};
  for (const Damage& d : damages) {
    std::vector<std::string> bad = row;
    bad[d.field] = d.value;
    INFO("field " << d.field << " = " << d.value);
    CHECK_FALSE(DecodeAttendeeFields(Views(bad)));
  }
  // A lying server's text comes in as the import would leave it.
  std::vector<std::string> tricky = row;
  tricky[3] = "de \xE2\x80\xAEGelder\x1B";
  auto cleaned = DecodeAttendeeFields(Views(tricky));
  REQUIRE(cleaned);
  CHECK(cleaned->family_name == "de Gelder");
  tricky[3] = "de \xFFGelder";
  CHECK_FALSE(DecodeAttendeeFields(Views(tricky)));

  row.pop_back();
  CHECK_FALSE(DecodeAttendeeFields(Views(row)));
}

TEST_CASE("a badge row needs a UUID and a serial in range", "[sync]") {
  std::vector<std::string> row = {kId, "2", "1760284800000", "desk-1"};
  auto badge = DecodeBadgeFields(Views(row));
  REQUIRE(badge);
  CHECK(badge->serial == 2);
  CHECK(badge->kiosk_id == "desk-1");
  for (const char* serial : {"0", "-1", "4294967296", "two"}) {
    row[1] = serial;
    INFO(serial);
    CHECK_FALSE(DecodeBadgeFields(Views(row)));
  }
  row[1] = "4294967295";
  CHECK(DecodeBadgeFields(Views(row)));
}

TEST_CASE("a check-in row decodes its undo link or is refused", "[sync]") {
  std::vector<std::string> row = {kId,     kOther,          "1",       "door-2",
                                  "entry", "1760284800000", "welcome", ""};
  auto c = DecodeCheckinFields(Views(row));
  REQUIRE(c);
  CHECK_FALSE(c->undoes);
  CHECK(c->direction == Direction::kEntry);
  CHECK(c->verdict == Verdict::kWelcome);
  row[7] = kOther;
  REQUIRE(DecodeCheckinFields(Views(row)));
  CHECK(ToString(*DecodeCheckinFields(Views(row))->undoes) == kOther);
  for (auto [field, value] :
       std::vector<std::pair<size_t, std::string>>{{7, "garbage"},
                                                   {4, "sideways"},
                                                   {6, "maybe"},
                                                   {5, "soon"},
                                                   {1, ""}}) {
    std::vector<std::string> bad = row;
    bad[field] = value;
    INFO("field " << field << " = " << value);
    CHECK_FALSE(DecodeCheckinFields(Views(bad)));
  }
}

TEST_CASE("numbers are whole decimal numbers that fit", "[sync]") {
  CHECK(DecodeNumber("0") == 0);
  CHECK(DecodeNumber("-42") == -42);
  CHECK(DecodeNumber("9223372036854775807") == INT64_MAX);
  for (const char* bad :
       {"", " 1", "1 ", "+1", "0x10", "9223372036854775808", "1.0", "-"}) {
    INFO(bad);
    CHECK_FALSE(DecodeNumber(bad));
  }
}

}  // namespace entree
