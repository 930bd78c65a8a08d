// The entree command line: shared context, argument parsing, exit codes.
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/catalog.h"
#include "entree/base/clock.h"
#include "entree/base/status.h"
#include "entree/base/time_zone.h"
#include "entree/codes/checkin_rules.h"
#include "entree/store/store.h"

namespace entree::cli {

// Process exit codes. Documented in docs/cli.md; scripts rely on them.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,
  kExitUsage = 2,
  kExitBadInput = 3,
  kExitNotFound = 4,
  kExitDatabase = 5,
  kExitKey = 6,
  kExitAlreadyExists = 7,
  kExitIo = 8,
  kExitNotPrinted = 9,  // the badge did not come out of the printer
  // Verdicts that do not let the guest through.
  kExitAlreadyInside = 10,
  kExitRevoked = 11,
  kExitWrongEvent = 12,
  kExitInvalid = 13,
  kExitNotOpen = 14,
  kExitClosed = 15,
  kExitCancelled = 16,
  kExitUnpaid = 17,
  // Some invitations were not sent: refused, or their outcome unknown.
  kExitNotSent = 18,
};

// The exit code for a failure class, and for a door verdict.
int ExitCodeFor(const Status& status);
int ExitCodeFor(Verdict verdict);

// A command line split into positional words and --options.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;  // --opt VALUE
  std::map<std::string, bool> flags;                       // --flag

  bool Flag(std::string_view name) const;
  // The last value given for --name, or nullopt.
  std::optional<std::string> Value(std::string_view name) const;
  std::vector<std::string> Values(std::string_view name) const;
};

// Options a command accepts: name (without dashes) to whether it takes a
// value. "o" stands for -o.
using OptionSpec = std::map<std::string, bool, std::less<>>;

// Splits `argv` according to `spec`. Fails with kInvalidArgument naming an
// unknown option or a missing value.
Result<Args> ParseArgs(const std::vector<std::string>& argv,
                       const OptionSpec& spec);

// What every command gets.
struct Context {
  Args args;
  std::string db_path;
  std::string key_path;
  bool json = false;
  const Catalog* text = nullptr;
  const Clock* clock = nullptr;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;

  const Catalog& tr() const { return *text; }
  // Opens the database, which must exist (only `init` creates one).
  Result<Store> OpenStore() const;
  // Prints a failure in the user's language; returns its exit code.
  int Fail(const Status& status) const;
  // Prints a usage problem; returns kExitUsage.
  int UsageError(std::string_view message) const;
  // The usage error of a command that takes no words, naming the first one
  // given; returns kExitUsage.
  int NeedsNoArguments() const;
};

// The kiosk id the CLI writes badges, check-ins and print jobs as.
inline constexpr std::string_view kCliKioskId = "cli";
// The sync server's owner connection: --server, else $ENTREE_SERVER;
// nullopt when neither is given.
std::optional<std::string> ServerOption(const Context& ctx);
// The kiosk id of this command: --kiosk, else the device's name when the
// database joined as a device (entree device join), else kCliKioskId.
std::string KioskIdOf(const Context& ctx);

// One subcommand.
struct Command {
  std::string_view name;
  OptionSpec options;  // besides the global ones
  std::function<int(Context&)> run;
};

// All subcommands, in the order `entree --help` lists them.
const std::vector<Command>& Commands();

// The commands, grouped by file.
int RunInit(Context& ctx);
int RunKeygen(Context& ctx);
int RunEvent(Context& ctx);
int RunImport(Context& ctx);
int RunList(Context& ctx);
int RunSearch(Context& ctx);
int RunStats(Context& ctx);
int RunExport(Context& ctx);
int RunToken(Context& ctx);
int RunVerify(Context& ctx);
int RunCheckin(Context& ctx);
int RunPin(Context& ctx);
int RunBadge(Context& ctx);
int RunBadges(Context& ctx);
int RunInvite(Context& ctx);
int RunPrint(Context& ctx);
int RunPrintLog(Context& ctx);
int RunDecode(Context& ctx);
int RunServer(Context& ctx);
int RunSync(Context& ctx);
int RunConflicts(Context& ctx);
int RunDevice(Context& ctx);
int RunReport(Context& ctx);
int RunPurge(Context& ctx);
int RunPerson(Context& ctx);
int RunSeating(Context& ctx);

// A guest's invitation as a line: "sent 2026-11-29 21:04:05 (250 OK)",
// "not sent", "refused ...", noting a code older than `current_serial`.
std::string InviteStateLine(const Catalog& tr, const TimeZone& zone,
                            const std::optional<InviteRecord>& record,
                            uint32_t current_serial);

// The value of -o or --output; "" when neither is given.
std::string OutputPath(const Context& ctx);
// Whether `path` ends with `suffix` (lower case), in any case: ".pdf".
bool EndsWith(std::string_view path, std::string_view suffix);

// The whole number given as --`name`, or `fallback` when it is not given.
// Fails with kInvalidArgument for text that is not a number from `min` to
// `max`.
Result<int> IntOption(const Context& ctx, std::string_view name, int fallback,
                      int min, int max);

// Reads a whole file, or standard input for "-".
Result<std::string> ReadInput(const std::string& path);
// The time option --`name` (ISO 8601, on the clocks of `zone` unless an
// offset is given); nullopt when absent, kInvalidArgument on text that is
// not a time or a local time that does not name one instant there.
Result<std::optional<Instant>> TimeOption(const Context& ctx,
                                          std::string_view name,
                                          const TimeZone& zone);
// The zone the event in `store` keeps (EventZone); this machine's when
// the store holds no event.
TimeZone ZoneOf(Store& store);
// Sets `event`'s zone, locale and times from --timezone, --locale,
// --starts, --ends and --doors-open where given, and checks that the event
// ends after it starts and after its doors open; kInvalidArgument names
// what is wrong. Times are read in the event's (new) zone; a new zone
// keeps the clock times of the event's own times not given again.
Status ReadLocaleAndTimes(const Context& ctx, Event& event);
// Writes `data` to `path` atomically (temporary file, fsync, rename), or to
// standard output for "-".
Status WriteOutput(const std::string& path, std::string_view data,
                   std::ostream& out);

}  // namespace entree::cli
