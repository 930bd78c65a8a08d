// Devices: kiosk boxes and CLI databases that join an event on the sync
// server with a one-time setup code, each as its own PostgreSQL login that
// the organiser can revoke.
//
// The organiser (with the server's owner login) adds a device: AddDevice
// makes its login with the setup code as first password, valid for a set
// time, and publishes the event. The device joins with the code
// (JoinEvent): it downloads the event and everything its role may hold
// into a new database, then spends the code by setting a password only it
// knows, kept beside the database (DeviceLogin). Row-level security on the
// server (sync_schema.cpp) keeps each login to its own event and name.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/codes/badge_token.h"
#include "entree/store/store.h"

namespace entree {

// What a device does, and so which guests' fields it holds: a door holds
// names, organisation, sector, table, ticket state and shop barcodes but
// never emails or external ids; registration holds everything.
enum class DeviceRole { kDoor, kRegistration, kBoth };
std::string_view ToString(DeviceRole role);
std::optional<DeviceRole> ParseDeviceRole(std::string_view text);

// A setup code as the organiser hands it over.
struct SetupCode {
  std::string code;     // "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ", typed by hand
  std::string address;  // the server as devices reach it (libpq, no login)
  std::string qr_text;  // "ENTREE-SETUP <code> <address>": scanned instead
  Instant expires_at{};
};

struct DeviceRequest {
  std::string name;  // 1 to 40 letters, digits, '-', '_' or '.'; the kiosk id
  DeviceRole role = DeviceRole::kDoor;
  std::chrono::seconds valid_for = std::chrono::hours(24);
  // How devices reach the server: the admin connection string without its
  // user and password when empty.
  std::string address;
  // The event's secret key, sealed for the device with its setup code:
  // required for registration and both (they make badges), unused for a
  // door.
  std::optional<SecretKey> secret_key;
};

// On the organiser's machine, with the server owner's `admin` connection:
// publishes `store`'s event (settings, key, logo) and adds the device.
// Sync the store first (SyncOnce) so that its guests are there to fetch.
// Fails with kAlreadyExists when the event has a device of that name,
// kInvalidArgument for a bad name or validity, kIo when the server cannot
// be reached.
Result<SetupCode> AddDevice(Store& store, const std::string& admin,
                            const DeviceRequest& request, Instant now);

struct DeviceSeen {
  std::string name;
  DeviceRole role = DeviceRole::kDoor;
  Instant added_at{};
  Instant expires_at{};              // of its setup code
  std::optional<Instant> joined_at;  // the code was spent
  std::optional<Instant> revoked_at;
  std::optional<Instant> last_contact;
  int64_t waiting = 0;        // records it had not sent then
  bool event_purged = false;  // PurgeServer ran for the event
  std::optional<Instant> purge_confirmed_at;
};
// Every device of `event`, by name.
Result<std::vector<DeviceSeen>> ListDevices(const std::string& admin,
                                            const EventId& event);
// Shuts the device out at once: its login sees and writes nothing of the
// event any more and its open connections are ended. kNotFound for an
// unknown name.
Status RevokeDevice(const std::string& admin, const EventId& event,
                    std::string_view name);

// Purges the event on the server: every guest's name, organisation,
// email, external id and shop barcode is blanked (the counts stay), and
// each device purges its own file at its next contact, revoked or not, and
// confirms it (DeviceSeen::purge_confirmed_at). Purge the organiser's file
// after this (Store::PurgePersonalData). Returns how many guests were
// blanked; kIo when the server cannot be reached, and nothing changed.
Result<int> PurgeServer(const std::string& admin, const EventId& event,
                        Instant now);

// A joined device's own login, kept in DeviceLoginPath(database) (mode
// 0600): the connection string with its password, and its name.
struct DeviceLogin {
  std::string conninfo;
  std::string name;
  DeviceRole role = DeviceRole::kDoor;
};
std::string DeviceLoginPath(const std::string& database);
// nullopt when the database has no device login beside it.
Result<std::optional<DeviceLogin>> ReadDeviceLogin(const std::string& database);

// Reads a setup code as typed ("abcd efgh-…", any case) or scanned
// (qr_text); `address` is taken from a scanned text, else left alone.
// kInvalidArgument when it is not one.
Status ParseSetupCode(std::string_view text, std::string& code,
                      std::string& address);

// On the device: joins with `code` at `address` and makes `database` (which
// must not exist) holding the event and what the device's role may hold,
// the secret key file for a registering device, and the device's login.
// Nothing is written and the code stays valid unless all of it worked.
// kKey when the server refuses the code (used, expired, revoked or
// mistyped), kAlreadyExists when `database` exists.
Result<DeviceLogin> JoinEvent(const std::string& address, std::string_view code,
                              const std::string& database, Instant now);

}  // namespace entree
