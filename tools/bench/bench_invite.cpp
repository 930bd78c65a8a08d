// Invitations: N guests' messages rendered (QR, PDF ticket, calendar
// entry, MIME) and delivered to a private SMTP server on this machine
// (tests/mail/smtp_sandbox.py), rate limit off, each guest's state made
// durable before and after its message: the total time, messages per
// second and the peak memory, beside the target of 2,000 in under 60 s.
//
//   entree-bench-invite [--attendees N] [--dir DIR]
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "bench_support.h"
#include "entree/badges/badge_layout.h"
#include "entree/base/clock.h"
#include "entree/base/time_zone.h"
#include "entree/invites/invitations.h"

using namespace entree;
using namespace entree::bench;

namespace {

// Starts the SMTP sandbox delivering into `inbox` on `port`; its pid.
pid_t StartMailServer(const std::filesystem::path& inbox, int port) {
  std::filesystem::create_directories(inbox);
  pid_t pid = ::fork();
  if (pid < 0) Die("cannot fork the mail server");
  if (pid == 0) {
    std::string script = ENTREE_TESTS_DIR "/mail/smtp_sandbox.py";
    std::string dir = inbox.string();
    std::string port_text = std::to_string(port);
    ::execl("/usr/bin/python3", "/usr/bin/python3", script.c_str(), "--dir",
            dir.c_str(), "--port", port_text.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    if (std::filesystem::exists(inbox / "ready")) return pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  Die("the mail server (python3-aiosmtpd) did not start");
}

}  // namespace

int main(int argc, char** argv) {
  BenchOptions defaults;
  defaults.attendees = 2000;
  BenchOptions options = ParseBenchOptions(argc, argv, defaults);
  int port = 20000 + static_cast<int>(::getpid() % 20000);
  pid_t server = StartMailServer(options.dir / "inbox", port);

  Event event;
  event.name = "Worldcafé IQ BLVD";
  event.venue = "IQ Blvd, Coevorden";
  event.starts_at = ParseIsoTime("2026-12-10T15:00+01:00", TimeZone::Utc());
  event.ends_at = ParseIsoTime("2026-12-10T18:00+01:00", TimeZone::Utc());
  SystemClock clock;
  GuestEvent guests = MakeGuestEvent(options.dir / "event.db", event,
                                     options.attendees, clock.Now());

  InviteSettings settings;
  settings.from_address = "organisatie@iqblvd.example";
  settings.kiosk_id = "bench";
  auto layout = LoadBadgeLayout(kDefaultBadgeLayout);
  if (!layout.ok()) Die(layout.status().message());
  settings.layout = *layout;
  auto templates = LoadInviteTemplates("");
  if (!templates.ok()) Die(templates.status().message());
  settings.templates = *templates;
  auto invitations =
      Invitations::Open(guests.store, guests.keys.secret_key, settings, clock);
  if (!invitations.ok()) Die(invitations.status().message());
  auto invitees = SelectInvitees(guests.store, {});
  if (!invitees.ok()) Die(invitees.status().message());
  SmtpSettings smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(port);
  smtp.plain = true;
  auto sender = SmtpSender::Open(smtp);
  if (!sender.ok()) Die(sender.status().message());

  SendPacing pacing;
  pacing.per_minute = 0;
  auto start = std::chrono::steady_clock::now();
  auto tally = invitations->Send(*invitees, *sender, pacing, {});
  double seconds = MillisSince(start) / 1000.0;
  if (!tally.ok()) Die(tally.status().message());
  ::kill(server, SIGTERM);
  ::waitpid(server, nullptr, 0);

  int delivered = 0;
  std::ifstream log(options.dir / "inbox" / "deliveries.log");
  for (std::string line; std::getline(log, line);) ++delivered;
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  double rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;

  std::printf("invitations: %zu guests, %d sent, %d delivered\n",
              invitees->size(), tally->sent, delivered);
  std::printf(
      "total %.2f s, %.1f messages/s, peak RSS %.0f MB (target: "
      "2,000 in under 60 s)\n",
      seconds, tally->sent / seconds, rss_mb);
  if (delivered != tally->sent ||
      tally->sent != static_cast<int>(invitees->size())) {
    Die("not every invitation was delivered exactly once");
  }
  std::string count = std::to_string(tally->sent);
  TableRow(count +
               " invitations rendered and delivered to a local SMTP "
               "server, rate limit off",
           Fixed(seconds, 1, "s") + ", " +
               Fixed(tally->sent / seconds, 1, "messages/s") + ", peak RSS " +
               Fixed(rss_mb, 0, "MB"),
           "target 2,000 in < 60 s");
  return 0;
}
