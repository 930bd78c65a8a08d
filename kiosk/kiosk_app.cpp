// The kiosk's state: services, screens, input routing.
#include "kiosk_app.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "camera_v4l2.h"
#include "entree/base/atomic_file.h"
#include "entree/desk/scan_at_desk.h"
#include "entree/drawing/logo.h"
#include "entree/scan/file_frame_source.h"
#include "entree/sync/devices.h"

namespace entree::kiosk {
namespace {

Cue CueFor(Verdict verdict) {
  if (Admits(verdict)) return Cue::kWelcome;
  return verdict == Verdict::kAlreadyInside ? Cue::kAlreadyInside
                                            : Cue::kRefused;
}

// How often the outbox is counted, for the screen and to send new records.
constexpr std::chrono::milliseconds kOutboxCountEvery{100};

// How often the printer's state is asked for staff mode.
constexpr std::chrono::seconds kPrinterLookEvery{5};
// How often a fault screen looks whether the database works again.
constexpr std::chrono::seconds kFaultRetryEvery{2};
// How often the kiosk looks whether its database file was moved or
// replaced while it runs.
constexpr std::chrono::seconds kFileWatchEvery{1};

void Log(const std::string& line) {
  std::cerr << "entree-kiosk: " << line << "\n";
}

// The bytes of the logo file `path` when it is a PNG or SVG that can be
// drawn (see ReadLogoFile for what is read).
std::optional<std::string> ReadLogo(const std::string& path) {
  Result<std::string> bytes = ReadLogoFile(path);
  if (!bytes.ok() || !SniffLogo(*bytes) || !RenderLogo(*bytes, 64, 64).ok()) {
    return std::nullopt;
  }
  return std::move(bytes).value();
}

}  // namespace

KioskApp::KioskApp(KioskConfig config, const Clock& clock,
                   std::function<void()> wake)
    : config_(std::move(config)),
      clock_(clock),
      wake_(std::move(wake)),
      language_(config_.language) {
  if (config_.kiosk_id.empty()) {
    char host[64] = "kiosk";
    ::gethostname(host, sizeof host - 1);
    config_.kiosk_id = host;
  }
  event_.name = "Entree";
  burst_.set_code_check([this](std::string_view line) {
    return door_ && door_->KnowsCode(line);
  });
  last_input_ = fault_checked_ = file_watched_ = clock_.Now();
  std::string problem = OpenEvent();
  if (problem.empty()) {
    stack_.push_back(MakeAttractScreen(*this));
  } else if (!std::filesystem::exists(config_.database)) {
    // A new box: it joins the event with the organiser's setup code, which
    // a camera may read too.
    Log(problem + ": waiting for a setup code");
    StartCamera();
    stack_.push_back(MakeSetupScreen(*this));
  } else {
    Log(problem);
    stack_.push_back(MakeFaultScreen(*this));
  }
}

void KioskApp::JoinedEvent() {
  pending_.push_back([this] {
    // Opened already when the retry found the new file first.
    std::string problem = store_ ? std::string() : OpenEvent();
    stack_.clear();
    if (problem.empty()) {
      Log("joined the event " + event_.name + " as " + config_.kiosk_id);
      stack_.push_back(MakeAttractScreen(*this));
    } else {
      Log(problem);
      stack_.push_back(MakeFaultScreen(*this));
    }
  });
}

std::string KioskApp::OpenEvent() {
  std::string problem;
  if (!std::filesystem::exists(config_.database)) {
    problem = "there is no database at " + config_.database;
  } else if (auto opened = Store::Open(config_.database); !opened.ok()) {
    problem = opened.status().message();
  } else if (auto event = opened->GetEvent(); !event.ok()) {
    problem = event.status().message();
  } else if (Status sound = opened->CheckDoorTables(); !sound.ok()) {
    problem = sound.message();
  } else if (auto copied = opened->IsRefusedCopy(); !copied.ok() || *copied) {
    fault_ = copied.ok() ? Status::Localized(StatusCode::kKey,
                                             "error.device_copied", {})
                         : copied.status();
    problem = fault_.message();
  } else if (!event->public_key) {
    problem = "the event has no signing key (run entree keygen)";
  } else {
    event_ = *event;
    // A logo that cannot be read leaves the start screen without one.
    auto logo = opened->GetEventLogo();
    logo_ = logo.ok() ? *logo : std::string();
    UseOwnLook();
    UseDeviceLogin();
    store_.emplace(std::move(opened).value());
    door_.emplace(*store_, clock_, event_,
                  DoorSettingsFor(event_, config_.direction), config_.kiosk_id);
    if (config_.role != KioskRole::kRegistration) {
      door_->set_defer_walk_in_seating(true);
      seater_ = std::make_unique<WalkInSeater>(config_.database, wake_);
    }
    StartCamera();
    if (!config_.scanner.empty()) {
      scanner_ = std::make_unique<SerialScanner>(config_.scanner, wake_);
    }
    if (!config_.server.empty()) {
      sync_ = std::make_unique<SyncWorker>(config_.database, config_.server,
                                           config_.kiosk_id, clock_);
    }
    if (config_.role != KioskRole::kDoor) {
      std::string key_path = config_.secret_key.empty()
                                 ? config_.database + ".key"
                                 : config_.secret_key;
      ProtectFromOutputs(key_path);
      auto key = ReadSecretKeyFile(key_path, event_.id, event_.public_key);
      if (key.ok()) {
        issuer_.emplace(*store_, event_.id, *key, config_.kiosk_id);
        StartPrinter();
      } else {
        Log("no badges from this kiosk: " + key.status().message());
      }
    }
  }
  return problem;
}

void KioskApp::RetryAfterFault(Instant now) {
  // Also after staff left the fault screen: staff mode names the fault
  // until a write shows it is over.
  bool waiting =
      Top().Name() == "fault" || Top().Name() == "setup" || !fault_.ok();
  if (!waiting || now - fault_checked_ < kFaultRetryEvery) return;
  fault_checked_ = now;
  if (!store_) {
    if (std::string problem = OpenEvent(); !problem.empty()) return;
    Log("the event's database can be used again");
    fault_ = Status::Ok();
    stack_.clear();
    stack_.push_back(MakeAttractScreen(*this));
    return;
  }
  // A write lock taken and let go at once: the file is there, is the one
  // opened, and nobody holds it any more. A copy of a device's file stays
  // stopped whatever its file does.
  if (sync_ && sync_->status().copied) return;
  if (auto copied = store_->IsRefusedCopy(); !copied.ok() || *copied) return;
  if (!store_->ProbeWrite().ok()) return;
  Log("the event's database can be written again");
  fault_ = Status::Ok();
  while (stack_.size() > 1 && Top().Name() == "fault") stack_.pop_back();
}

void KioskApp::WatchFile(Instant now) {
  if (!store_ || Top().Name() == "fault" ||
      now - file_watched_ < kFileWatchEvery) {
    return;
  }
  file_watched_ = now;
  // A copy of a device's file is no door: it stops until it is paired
  // again, so no badge is let in where nobody will ever hear of it.
  if (sync_ && sync_->status().copied) {
    return ShowFault(
        Status::Localized(StatusCode::kKey, "error.device_copied", {}));
  }
  // Moved or replaced: what this kiosk recorded goes into the file it has
  // open, and the door stops until staff put the event back in place.
  if (Status kept = store_->SaveIntoOpenFile(); !kept.ok()) {
    ShowFault(kept);
  }
}

KioskApp::~KioskApp() = default;

void KioskApp::UseOwnLook() {
  if (config_.accent) event_.accent = config_.accent;
  if (config_.logo.empty()) return;
  if (std::optional<std::string> logo = ReadLogo(config_.logo)) {
    logo_ = std::move(*logo);
  } else {
    Log("the logo " + config_.logo +
        " is not a PNG or SVG of at most 1 MB that can be drawn; the "
        "event's is shown");
  }
}

void KioskApp::UseDeviceLogin() {
  auto device = ReadDeviceLogin(config_.database);
  if (!device.ok()) {
    Log("the device login: " + device.status().message());
  } else if (*device) {
    config_.server = (*device)->conninfo;
    config_.kiosk_id = (*device)->name;
    // What the organiser added it as: the server lets it do no more.
    switch ((*device)->role) {
      case DeviceRole::kDoor:
        config_.role = KioskRole::kDoor;
        break;
      case DeviceRole::kRegistration:
        config_.role = KioskRole::kRegistration;
        break;
      case DeviceRole::kBoth:
        config_.role = KioskRole::kBoth;
        break;
    }
  }
}

void KioskApp::StartCamera() {
  if (!config_.camera_frames.empty()) {
    camera_ = std::make_unique<CameraScanner>(MakeFileFrameSource(
        config_.camera_frames, config_.camera_width, config_.camera_height,
        config_.camera_fps, /*loop=*/true));
  } else if (!config_.camera.empty()) {
    camera_ = std::make_unique<CameraScanner>(MakeV4l2Camera(
        config_.camera, config_.camera_width, config_.camera_height));
  }
}

void KioskApp::StartPrinter() {
  if (config_.printer.empty()) return;
  auto layout = LoadBadgeLayout(config_.badge_layout);
  if (!layout.ok()) {
    Log("no printing: " + layout.status().message());
    return;
  }
  Language words = ParseLanguage(event_.locale).value_or(Language::kDutch);
  print_desk_ = std::make_unique<PrintDesk>(
      *store_, PrintDeskSettings{config_.printer, config_.print_server,
                                 std::move(*layout), config_.kiosk_id, words,
                                 config_.print_wait});
}

Door* KioskApp::door() {
  if (!door_ || config_.role == KioskRole::kRegistration) return nullptr;
  return &*door_;
}

void KioskApp::Push(std::unique_ptr<Screen> screen) {
  auto shared = std::make_shared<std::unique_ptr<Screen>>(std::move(screen));
  pending_.push_back([this, shared] { stack_.push_back(std::move(*shared)); });
}

void KioskApp::Pop() {
  pending_.push_back([this] {
    if (stack_.size() > 1) stack_.pop_back();
  });
}

void KioskApp::PopToRoot() {
  pending_.push_back([this] { stack_.resize(1); });
}

void KioskApp::ApplyPending() {
  // Applying may queue more (a screen built now may ask for changes).
  while (!pending_.empty()) {
    auto work = std::move(pending_);
    pending_.clear();
    for (auto& change : work) change();
  }
}

void KioskApp::ShowVerdict(const ScanOutcome& outcome) {
  // Before the guest sees it, the row goes from the log into the file
  // itself: moved, or its log deleted, the file keeps what was shown.
  if (outcome.recorded && store_) {
    if (Status saved = store_->Checkpoint(); !saved.ok()) {
      Log("checkpoint: " + saved.message());
    }
  }
  PlayCue(CueFor(outcome.verdict));
  auto verdict = MakeVerdictScreen(*this, outcome);
  auto shared = std::make_shared<std::unique_ptr<Screen>>(std::move(verdict));
  pending_.push_back([this, shared, outcome] {
    if (stack_.size() > 1 && stack_.back()->ShowsScan()) {
      stack_.pop_back();
    }
    stack_.push_back(std::move(*shared));
    last_verdict_ = outcome;
    ++verdicts_shown_;
  });
}

void KioskApp::ShowFault(const Status& why) {
  Log(why.message());
  fault_ = why;
  pending_.push_back([this] {
    if (stack_.back()->Name() != "fault") {
      stack_.push_back(MakeFaultScreen(*this));
    }
  });
}

void KioskApp::OnScan(const std::string& code) {
  if (Top().TakeScan(code)) return;
  // A stopped door decides nothing, not even a refusal, until it works.
  if (Top().Name() == "fault") {
    Log("a code was scanned while the door is stopped");
    return;
  }
  if (!door_)
    return ShowFault("a badge was scanned but the kiosk is not ready");
  // A scanner that reads the code shown to it twice: the badge it put up
  // stays, and is not printed twice.
  Instant now = clock_.Now();
  if (code == last_desk_code_ && now - last_desk_scan_ < kDeskRepeat &&
      Top().ShowsScan() && Top().Name() == "badge") {
    return;
  }
  bool dry_run = config_.role == KioskRole::kRegistration;
  auto outcome = door_->Scan(code, dry_run);
  if (!outcome.ok()) return ShowFault(outcome.status());
  if (outcome->verdict == Verdict::kInvalid) {
    Log("unreadable code (" + std::string(ToString(outcome->token)) + ")");
  }
  // A kiosk that makes badges shows and prints the guest's badge for the
  // code they were sent (docs/kiosk.md, "Scan to badge").
  ScanAtDesk desk =
      issuer_
          ? DecideScanAtDesk(outcome->verdict, outcome->attendee, config_.role,
                             config_.print_on_scan, print_desk_ != nullptr)
          : ScanAtDesk{};
  if (!desk.badge) {
    if (outcome->seating_pending && seater_) {
      seater_->Seat(*outcome->attendee, now);
    }
    return ShowVerdict(*outcome);
  }
  if (outcome->recorded && store_) {
    // On disk before the guest sees anything, as for a verdict.
    if (Status saved = store_->Checkpoint(); !saved.ok()) {
      Log("checkpoint: " + saved.message());
    }
  }
  last_desk_code_ = code;
  last_desk_scan_ = now;
  BadgeRequest request;
  request.scanned = desk.next;
  request.print = desk.print;
  request.again = desk.again;
  PlayCue(desk.next == AfterScan::kLetIn ? CueFor(outcome->verdict)
                                         : Cue::kClick);
  // Made when the stack changes, so that a fault it meets (shown from its
  // constructor) goes on top of it; it replaces a verdict or a scanned
  // badge, and leaves anything else (a walk-in's form) beneath it. Its
  // tables are told as it is made, so no seater is asked.
  Attendee guest = *outcome->attendee;
  pending_.push_back([this, guest, request] {
    if (stack_.size() > 1 && stack_.back()->ShowsScan()) stack_.pop_back();
    stack_.push_back(MakeBadgeScreen(*this, guest, request));
  });
}

void KioskApp::CollectSeated() {
  if (!seater_) return;
  for (const WalkInSeater::Seated& seated : seater_->TakeSeated()) {
    if (!seated.status.ok()) {
      Log("a walk-in could not be seated: " + seated.status.message());
    }
    if (Top().OnSeated(seated)) ++seats_shown_;
  }
}

void KioskApp::Deliver(const std::vector<ScanBurst::Output>& outputs) {
  for (const ScanBurst::Output& output : outputs) {
    switch (output.kind) {
      case ScanBurst::Output::Kind::kTyped:
        Top().OnTyped(output.text);
        break;
      case ScanBurst::Output::Kind::kEnter:
        Top().OnKey(Key::kEnter);
        break;
      case ScanBurst::Output::Kind::kScan:
        OnScan(output.text);
        break;
    }
    ApplyPending();
  }
}

void KioskApp::Handle(const UiEvent& event) {
  last_input_ = clock_.Now();
  switch (event.kind) {
    case UiEvent::Kind::kText:
      Deliver(burst_.OnText(event.text, event.ms));
      break;
    case UiEvent::Kind::kKey:
      if (event.key == Key::kEnter) {
        Deliver(burst_.OnEnter(event.ms));
      } else {
        // Keys other than Enter end any burst; Escape does nothing at all.
        Deliver(burst_.OnOtherKey());
        if (event.key != Key::kEscape) Top().OnKey(event.key);
      }
      break;
    case UiEvent::Kind::kTap: {
      auto id = last_scene_.ButtonAt(event.x, event.y);
      if (!id) break;
      PlayCue(Cue::kClick);
      if (id->rfind("lang:", 0) == 0) {
        language_ = ParseLanguage(id->substr(5)).value_or(language_);
      } else {
        Top().OnButton(*id);
      }
      break;
    }
  }
  ApplyPending();
}

void KioskApp::Step(uint32_t ms) {
  Deliver(burst_.Step(ms));
  Instant now = clock_.Now();
  if (sync_ && now - outbox_counted_ >= kOutboxCountEvery) {
    // New records here go to the server now, not at the next poll.
    outbox_counted_ = now;
    auto waiting = store_->OutboxSize();
    if (waiting.ok() && *waiting > 0 && *waiting != sync_waiting_) {
      sync_->Nudge();
    }
    if (waiting.ok()) sync_waiting_ = *waiting;
  }
  if (scanner_) {
    for (const std::string& code : scanner_->TakeCodes()) {
      OnScan(code);
      ApplyPending();
    }
  }
  if (camera_) {
    // A code the camera saw goes through the same door as a scanned one.
    for (SeenCode& seen : camera_->TakeNewCodes()) {
      OnScan(seen.text);
      camera_capture_ = seen.captured;
      ApplyPending();
    }
  }
  if (print_desk_) {
    if (auto finished = print_desk_->Collect(now); !finished.ok()) {
      Log("print log: " + finished.status().message());
    }
    if (now - printer_asked_ >= kPrinterLookEvery) {
      printer_asked_ = now;
      print_desk_->RefreshState();
    }
  }
  CollectSeated();
  WatchFile(now);
  RetryAfterFault(now);
  Top().Step(now);
  if (stack_.size() > 1 && now - last_input_ >= config_.idle_timeout &&
      Top().Name() != "verdict") {
    PopToRoot();
    language_ = config_.language;
  }
  ApplyPending();
}

Scene KioskApp::Compose(const Layout& layout) {
  last_scene_ = Top().Compose(layout);
  return last_scene_;
}

std::string KioskApp::ScreenName() const { return stack_.back()->Name(); }

Cue KioskApp::TakeCue() { return std::exchange(cue_, Cue::kNone); }

}  // namespace entree::kiosk
