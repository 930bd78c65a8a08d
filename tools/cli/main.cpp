// entree: prepare an event, check badges, and get the results out.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli.h"
#include "entree/base/atomic_file.h"

namespace entree::cli {
namespace {

// Options every command accepts.
const OptionSpec kGlobalOptions = {{"db", true},    {"key", true},
                                   {"json", false}, {"lang", true},
                                   {"help", false}, {"h", false}};

// $ENTREE_DB, else $XDG_DATA_HOME/entree/entree.db, else
// ~/.local/share/entree/entree.db.
std::string DefaultDatabasePath() {
  if (const char* db = std::getenv("ENTREE_DB"); db && *db) return db;
  std::filesystem::path base;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
    base = data;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::filesystem::path(home) / ".local" / "share";
  } else {
    base = ".";
  }
  return (base / "entree" / "entree.db").string();
}

// $ENTREE_KEY, else the database path with ".key" appended.
std::string DefaultKeyPath(const std::string& db_path) {
  if (const char* key = std::getenv("ENTREE_KEY"); key && *key) return key;
  return db_path + ".key";
}

void PrintOverview(const Catalog& tr, std::ostream& out) {
  out << tr.Get("help.overview") << "\n\n";
  for (const Command& command : Commands()) {
    out << "  " << tr.Get("help.line." + std::string(command.name)) << "\n";
  }
  out << "\n" << tr.Get("help.global") << "\n";
}

// The value of --lang, looked for before anything else is parsed so that
// every message, the first one included, is in that language.
std::optional<std::string> LangOption(const std::vector<std::string>& words) {
  std::optional<std::string> lang;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "--") break;
    if (words[i] == "--lang" && i + 1 < words.size()) lang = words[i + 1];
    if (words[i].rfind("--lang=", 0) == 0) lang = words[i].substr(7);
  }
  return lang;
}

// Fails a command whose standard output could not be written (a full disk,
// a device that refuses): a list or a code that was lost must not look
// delivered. Keeps a failing command's own exit code.
int FlushStandardOutput(const Catalog& tr, int exit_code) {
  std::cout.flush();
  errno = 0;
  bool written =
      std::cout.good() && std::fflush(stdout) == 0 && std::ferror(stdout) == 0;
  if (written) return exit_code;
  std::string reason = errno != 0 ? std::strerror(errno) : "write error";
  std::cerr << "entree: " << tr.Format("error.stdout_failed", {reason}) << "\n";
  return exit_code == kExitOk ? kExitIo : exit_code;
}

int Main(int argc, char** argv) {
  const Catalog* tr =
      &Catalog::For(LanguageFromEnvironment(Language::kEnglish));
  std::vector<std::string> words(argv + 1, argv + argc);
  if (auto lang = LangOption(words)) {
    auto language = ParseLanguage(*lang);
    if (!language) {
      std::cerr << "entree: " << tr->Format("error.bad_language", {*lang})
                << "\n";
      return kExitUsage;
    }
    tr = &Catalog::For(*language);
  }

  // The command is the first word that is not an option or its value.
  const Command* command = nullptr;
  for (size_t i = 0; i < words.size() && !command; ++i) {
    const std::string& word = words[i];
    if (word.size() > 1 && word[0] == '-') {
      std::string name = word.substr(word.find_first_not_of('-'));
      auto spec = kGlobalOptions.find(name.substr(0, name.find('=')));
      bool takes_value = spec != kGlobalOptions.end() && spec->second &&
                         word.find('=') == std::string::npos;
      if (takes_value) ++i;
      continue;
    }
    for (const Command& candidate : Commands()) {
      if (candidate.name == word) command = &candidate;
    }
    if (!command) {
      std::cerr << "entree: " << tr->Format("error.unknown_command", {word})
                << "\n"
                << tr->Get("error.see_help") << "\n";
      return kExitUsage;
    }
    words.erase(words.begin() + static_cast<std::ptrdiff_t>(i));
  }

  OptionSpec spec = kGlobalOptions;
  if (command) spec.insert(command->options.begin(), command->options.end());
  auto args = ParseArgs(words, spec);
  if (!args.ok()) {
    std::cerr << "entree: " << tr->Describe(args.status()) << "\n"
              << tr->Get("error.see_help") << "\n";
    return kExitUsage;
  }
  if (!command) {
    PrintOverview(*tr, std::cout);
    return FlushStandardOutput(
        *tr, args->Flag("help") || args->Flag("h") ? kExitOk : kExitUsage);
  }
  if (args->Flag("help") || args->Flag("h")) {
    std::cout << tr->Get("help." + std::string(command->name)) << "\n\n"
              << tr->Get("help.global") << "\n";
    return FlushStandardOutput(*tr, kExitOk);
  }

  SystemClock clock;
  Context ctx;
  ctx.args = std::move(args).value();
  ctx.db_path = ctx.args.Value("db").value_or(DefaultDatabasePath());
  ctx.key_path = ctx.args.Value("key").value_or(DefaultKeyPath(ctx.db_path));
  ProtectFromOutputs(ctx.db_path);
  ProtectFromOutputs(ctx.key_path);
  ctx.json = ctx.args.Flag("json");
  ctx.text = tr;
  ctx.clock = &clock;
  ctx.out = &std::cout;
  ctx.err = &std::cerr;
  if (auto kiosk = ctx.args.Value("kiosk");
      kiosk && !IsPlausibleKioskId(*kiosk)) {
    return ctx.Fail(Status::Localized(StatusCode::kInvalidArgument,
                                      "error.bad_kiosk_id", {}));
  }
  return FlushStandardOutput(*tr, command->run(ctx));
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"init",
       {{"name", true},
        {"venue", true},
        {"starts", true},
        {"ends", true},
        {"doors-open", true},
        {"locale", true},
        {"timezone", true},
        {"table", true}},
       RunInit},
      {"keygen", {{"replace", false}}, RunKeygen},
      {"event",
       {{"name", true},
        {"venue", true},
        {"starts", true},
        {"ends", true},
        {"doors-open", true},
        {"locale", true},
        {"timezone", true},
        {"yes", false},
        {"data-keeper", true},
        {"keep-days", true},
        {"accent", true},
        {"logo", true}},
       RunEvent},
      {"import",
       {{"map", true}, {"strict", false}, {"dry-run", false}},
       RunImport},
      {"list", {{"table", true}, {"sector", true}}, RunList},
      {"search", {{"limit", true}}, RunSearch},
      {"token", {{"reissue", false}, {"kiosk", true}, {"qr", true}}, RunToken},
      {"verify", {{"exit", false}, {"kiosk", true}, {"at", true}}, RunVerify},
      {"checkin", {{"exit", false}, {"kiosk", true}, {"at", true}}, RunCheckin},
      {"export",
       {{"o", true},
        {"output", true},
        {"format", true},
        {"list", true},
        {"table", true},
        {"delimiter", true}},
       RunExport},
      {"stats", {}, RunStats},
      {"report",
       {{"o", true}, {"output", true}, {"interval", true}},
       RunReport},
      {"person", {}, RunPerson},
      {"purge", {{"yes", false}, {"server", true}}, RunPurge},
      {"seating",
       {{"rounds", true},
        {"seed", true},
        {"present-only", false},
        {"reset", false},
        {"theme", true},
        {"capacity", true},
        {"o", true},
        {"output", true}},
       RunSeating},
      {"pin", {}, RunPin},
      {"badge",
       {{"o", true},
        {"output", true},
        {"layout", true},
        {"reissue", false},
        {"kiosk", true}},
       RunBadge},
      {"invite",
       {{"from", true},
        {"from-name", true},
        {"reply-to", true},
        {"smtp", true},
        {"user", true},
        {"password-file", true},
        {"ca", true},
        {"no-tls", false},
        {"rate", true},
        {"retries", true},
        {"retry-wait", true},
        {"templates", true},
        {"write-templates", true},
        {"with-tables", false},
        {"layout", true},
        {"only", true},
        {"table", true},
        {"sector", true},
        {"source", true},
        {"resend", false},
        {"dry-run", false},
        {"o", true},
        {"output", true},
        {"status", false},
        {"kiosk", true}},
       RunInvite},
      {"badges",
       {{"o", true},
        {"output", true},
        {"layout", true},
        {"sector", true},
        {"table", true},
        {"source", true}},
       RunBadges},
      {"print",
       {{"printer", true},
        {"layout", true},
        {"reissue", false},
        {"kiosk", true},
        {"wait", true}},
       RunPrint},
      {"printlog", {{"limit", true}}, RunPrintLog},
      {"decode", {}, RunDecode},
      {"server", {{"server", true}}, RunServer},
      {"sync", {{"server", true}, {"kiosk", true}}, RunSync},
      {"conflicts", {}, RunConflicts},
      {"device",
       {{"server", true},
        {"role", true},
        {"valid", true},
        {"address", true},
        {"o", true},
        {"output", true}},
       RunDevice},
  };
  return commands;
}

}  // namespace entree::cli

int main(int argc, char** argv) { return entree::cli::Main(argc, argv); }
