// Argument parsing, exit codes, and the context every command shares.
#include "cli.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <tuple>

#include "entree/base/atomic_file.h"
#include "entree/base/held_file.h"

namespace entree::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitBadInput;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kAlreadyExists:
      return kExitAlreadyExists;
    case StatusCode::kDatabase:
      return kExitDatabase;
    case StatusCode::kKey:
      return kExitKey;
    case StatusCode::kIo:
      return kExitIo;
  }
  return kExitInternal;
}

int ExitCodeFor(Verdict verdict) {
  switch (verdict) {
    case Verdict::kWelcome:
    case Verdict::kWelcomeBack:
    case Verdict::kGoodbye:
      return kExitOk;
    case Verdict::kAlreadyInside:
      return kExitAlreadyInside;
    case Verdict::kRevoked:
      return kExitRevoked;
    case Verdict::kWrongEvent:
      return kExitWrongEvent;
    case Verdict::kInvalid:
      return kExitInvalid;
    case Verdict::kNotOpen:
      return kExitNotOpen;
    case Verdict::kClosed:
      return kExitClosed;
    case Verdict::kCancelled:
      return kExitCancelled;
    case Verdict::kUnpaid:
      return kExitUnpaid;
  }
  return kExitInternal;
}

bool Args::Flag(std::string_view name) const {
  auto found = flags.find(std::string(name));
  return found != flags.end() && found->second;
}

std::optional<std::string> Args::Value(std::string_view name) const {
  auto found = values.find(std::string(name));
  if (found == values.end() || found->second.empty()) return std::nullopt;
  return found->second.back();
}

std::vector<std::string> Args::Values(std::string_view name) const {
  auto found = values.find(std::string(name));
  return found == values.end() ? std::vector<std::string>{} : found->second;
}

Result<Args> ParseArgs(const std::vector<std::string>& argv,
                       const OptionSpec& spec) {
  Args args;
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (options_done || word == "-" || word.size() < 2 || word[0] != '-') {
      args.positional.push_back(word);
      continue;
    }
    if (word == "--") {
      options_done = true;
      continue;
    }
    std::string name = word.substr(word[1] == '-' ? 2 : 1);
    std::optional<std::string> inline_value;
    if (size_t equals = name.find('='); equals != std::string::npos) {
      inline_value = name.substr(equals + 1);
      name.resize(equals);
    }
    auto option = spec.find(name);
    if (option == spec.end()) {
      return Status::Localized(StatusCode::kInvalidArgument,
                               "error.unknown_option", {word});
    }
    if (!option->second) {
      if (inline_value) {
        return Status::Localized(StatusCode::kInvalidArgument,
                                 "error.option_takes_no_value", {"--" + name});
      }
      args.flags[name] = true;
      continue;
    }
    if (!inline_value) {
      if (i + 1 >= argv.size()) {
        return Status::Localized(StatusCode::kInvalidArgument,
                                 "error.option_needs_value", {"--" + name});
      }
      inline_value = argv[++i];
    }
    args.values[name].push_back(*inline_value);
  }
  return args;
}

Result<Store> Context::OpenStore() const {
  struct stat info {};
  if (::stat(db_path.c_str(), &info) != 0) {
    return Status::Localized(StatusCode::kNotFound, "error.no_database",
                             {db_path});
  }
  auto store = Store::Open(db_path);
  if (store.ok() && !store->zone_given().empty() && err) {
    *err << tr().Format("event.zone_given", {store->zone_given()}) << "\n";
  }
  if (store.ok() && err) {
    auto event = store->GetEvent();
    auto zone =
        event.ok() ? KnownEventZone(*event) : Result<TimeZone>(TimeZone::Utc());
    if (!zone.ok()) {
      *err << tr().Format("event.zone_unknown", {tr().Describe(zone.status())})
           << "\n";
    }
  }
  return store;
}

int Context::Fail(const Status& status) const {
  std::string_view kind;
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      kind = "error.bad_input";
      break;
    case StatusCode::kNotFound:
      kind = "error.not_found";
      break;
    case StatusCode::kAlreadyExists:
      kind = "error.already_exists";
      break;
    case StatusCode::kDatabase:
      kind = "error.database";
      break;
    case StatusCode::kKey:
      kind = "error.key";
      break;
    case StatusCode::kIo:
      kind = "error.io";
      break;
  }
  *err << "entree: " << tr().Get(kind) << ": " << tr().Describe(status) << "\n";
  return ExitCodeFor(status);
}

int Context::UsageError(std::string_view message) const {
  *err << "entree: " << message << "\n" << tr().Get("error.see_help") << "\n";
  return kExitUsage;
}

int Context::NeedsNoArguments() const {
  return UsageError(
      tr().Format("error.unexpected_argument", {args.positional.front()}));
}

Result<int> IntOption(const Context& ctx, std::string_view name, int fallback,
                      int min, int max) {
  auto text = ctx.args.Value(name);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  long value = std::strtol(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || value < min ||
      value > max) {
    return Status::InvalidArgument(ctx.tr().Format(
        "error.bad_number_range", {"--" + std::string(name), *text,
                                   std::to_string(min), std::to_string(max)}));
  }
  return static_cast<int>(value);
}

Result<std::optional<Instant>> TimeOption(const Context& ctx,
                                          std::string_view name,
                                          const TimeZone& zone) {
  auto text = ctx.args.Value(name);
  if (!text) return std::optional<Instant>();
  LocalTimeProblem problem;
  auto parsed = ParseIsoTime(*text, zone, &problem);
  if (!parsed) {
    std::string option = "--" + std::string(name);
    if (problem.gap == LocalTimeGap::kNone) {
      return Status::InvalidArgument(
          ctx.tr().Format("error.bad_time", {option, *text}));
    }
    return Status::InvalidArgument(ctx.tr().Format(
        problem.gap == LocalTimeGap::kSkipped ? "error.time_skipped"
                                              : "error.time_twice",
        {option, *text, zone.name(), problem.earlier, problem.later}));
  }
  return std::optional<Instant>(*parsed);
}

namespace {

// The same clock time as `t` in `from`, read on the clocks of `to`;
// kInvalidArgument, naming the event's time `label`, when `to` skips it or
// shows it twice.
Result<Instant> SameClockTime(const Context& ctx, std::string_view label,
                              Instant t, const TimeZone& from,
                              const TimeZone& to) {
  std::string text = FormatLocal(t, from);
  text[10] = 'T';
  LocalTimeProblem problem;
  auto moved = ParseIsoTime(text, to, &problem);
  if (moved) return *moved;
  return Status::InvalidArgument(ctx.tr().Format(
      problem.gap == LocalTimeGap::kSkipped ? "error.time_skipped"
                                            : "error.time_twice",
      {std::string(label), text, to.name(), problem.earlier, problem.later}));
}

}  // namespace

TimeZone ZoneOf(Store& store) {
  auto event = store.GetEvent();
  return EventZone(event.ok() ? *event : Event{});
}

Status ReadLocaleAndTimes(const Context& ctx, Event& event) {
  const Catalog& tr = ctx.tr();
  if (auto zone_name = ctx.args.Value("timezone")) {
    ENTREE_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Named(*zone_name));
    // The event's own times keep their clock times; from a zone this
    // machine lacks they keep their instants (their clock time is unknown).
    auto before = KnownEventZone(event);
    event.time_zone = zone.name();
    for (auto [field, option, label] :
         {std::tuple{&event.starts_at, "starts", "event.starts"},
          std::tuple{&event.ends_at, "ends", "event.ends"},
          std::tuple{&event.doors_open_at, "doors-open", "event.doors_open"}}) {
      if (!*field || ctx.args.Value(option) || !before.ok()) continue;
      ENTREE_ASSIGN_OR_RETURN(
          *field, SameClockTime(ctx, tr.Get(label), **field, *before, zone));
    }
  }
  if (auto locale = ctx.args.Value("locale")) {
    auto language = ParseLanguage(*locale);
    if (!language) {
      return Status::InvalidArgument(
          tr.Format("error.bad_language", {*locale}));
    }
    event.locale = std::string(ToString(*language));
  }
  // A time typed for an event whose zone this machine lacks is refused,
  // not read as UTC.
  bool typed = ctx.args.Value("starts") || ctx.args.Value("ends") ||
               ctx.args.Value("doors-open");
  if (typed) ENTREE_RETURN_IF_ERROR(KnownEventZone(event).status());
  TimeZone zone = EventZone(event);
  for (auto [field, option] : {std::pair{&event.starts_at, "starts"},
                               std::pair{&event.ends_at, "ends"},
                               std::pair{&event.doors_open_at, "doors-open"}}) {
    ENTREE_ASSIGN_OR_RETURN(auto time, TimeOption(ctx, option, zone));
    if (time) *field = *time;
  }
  if (event.starts_at && event.ends_at && *event.ends_at <= *event.starts_at) {
    return Status::InvalidArgument(
        std::string(tr.Get("error.ends_before_start")));
  }
  if (event.doors_open_at && event.ends_at &&
      *event.ends_at <= *event.doors_open_at) {
    return Status::InvalidArgument(
        std::string(tr.Get("error.ends_before_doors_open")));
  }
  return Status::Ok();
}

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  ENTREE_RETURN_IF_ERROR(RefuseHeldFileAsInput(path));
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.cannot_read",
                             {path, std::strerror(errno)});
  }
  std::ostringstream data;
  data << in.rdbuf();
  return data.str();
}

std::string OutputPath(const Context& ctx) {
  return ctx.args.Value("o").value_or(ctx.args.Value("output").value_or(""));
}

bool EndsWith(std::string_view path, std::string_view suffix) {
  if (path.size() < suffix.size()) return false;
  std::string tail(path.substr(path.size() - suffix.size()));
  for (char& c : tail) c = static_cast<char>(std::tolower(c));
  return tail == suffix;
}

Status WriteOutput(const std::string& path, std::string_view data,
                   std::ostream& out) {
  if (path == "-") {
    out << data;
    out.flush();
    return out ? Status::Ok()
               : Status::Localized(StatusCode::kIo, "error.cannot_write",
                                   {"-", std::strerror(errno)});
  }
  return WriteFileAtomically(path, data);
}

}  // namespace entree::cli
