// The kiosk without its window: services, the screen stack, scanner
// detection, idle timeout. The SDL shell feeds it events and draws what it
// composes; tests do the same without a window.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "entree/codes/staff_pin.h"
#include "entree/desk/kiosk_config.h"
#include "entree/desk/registration.h"
#include "entree/door/door.h"
#include "entree/scan/serial_scanner.h"
#include "entree/store/store.h"
#include "scan_burst.h"
#include "screen.h"

namespace entree::kiosk {

class KioskApp final : public KioskContext {
 public:
  // Opens the database and, on registration kiosks, the secret key named
  // by `config`. Whatever fails is logged and shown as the staff screen;
  // construction itself never fails. `clock` must outlive the app.
  // `wake`, when given, is called from other threads when input arrives
  // outside Handle() (a serial scanner's code), to end the shell's wait.
  KioskApp(KioskConfig config, const Clock& clock,
           std::function<void()> wake = nullptr);
  ~KioskApp() override;

  // Feeds one input event. Taps hit the buttons of the last Compose().
  void Handle(const UiEvent& event);
  // Lets time pass: releases held keystrokes, closes verdicts, idles out.
  void Step(uint32_t ms);
  // The top screen's scene for a screen of this size.
  Scene Compose(const Layout& layout);
  std::string ScreenName() const;
  // How many verdicts have been put on screen so far.
  uint64_t verdicts_shown() const { return verdicts_shown_; }
  // How many walk-ins' tables were added to their verdict after it showed.
  uint64_t seats_shown() const { return seats_shown_; }
  // The verdict shown last; nullopt before the first.
  const std::optional<ScanOutcome>& last_verdict() const {
    return last_verdict_;
  }
  // The sound to play now, once.
  Cue TakeCue();
  bool quit_requested() const { return quit_; }

  // KioskContext.
  Language language() const override { return language_; }
  Instant Now() const override { return clock_.Now(); }
  const KioskConfig& config() const override { return config_; }
  const Event& event() const override { return event_; }
  std::string_view logo() const override { return logo_; }
  Store* store() override { return store_ ? &*store_ : nullptr; }
  Door* door() override;
  BadgeIssuer* issuer() override { return issuer_ ? &*issuer_ : nullptr; }
  PrintDesk* printer() override { return print_desk_.get(); }
  const CameraScanner* camera() const override { return camera_.get(); }
  const SyncWorker* sync() const override { return sync_.get(); }
  int64_t sync_waiting() const override { return sync_waiting_; }
  // When the frame that showed the code of the verdict shown last was
  // captured, once; nullopt when that verdict did not come from the camera.
  std::optional<std::chrono::steady_clock::time_point> TakeCameraCapture() {
    return std::exchange(camera_capture_, std::nullopt);
  }
  PinGuard& pin_guard() override { return pin_guard_; }
  void Push(std::unique_ptr<Screen> screen) override;
  void Pop() override;
  void PopToRoot() override;
  void ShowVerdict(const ScanOutcome& outcome) override;
  using KioskContext::ShowFault;
  void ShowFault(const Status& why) override;
  const Status& fault() const override { return fault_; }
  void JoinedEvent() override;
  void PlayCue(Cue cue) override { cue_ = cue; }
  void RequestQuit() override { quit_ = true; }

 private:
  // Opens the event's database and starts what needs it (door, camera,
  // scanner, sync, badges); the problem when it cannot, else empty.
  std::string OpenEvent();
  // While a fault or the setup screen shows (or a fault is not known to be
  // over), every kFaultRetryEvery: once a write to the store goes through
  // again (a lock let go, room on the disk), or it opens (a file put in
  // place), that screen goes and the start screen is back.
  void RetryAfterFault(Instant now);
  // Every kFileWatchEvery: when the database file was moved or replaced,
  // saves what was written into the open file and shows the fault screen;
  // the same screen when the server refused the file as a copy of a
  // device's.
  void WatchFile(Instant now);
  void OnScan(const std::string& code);
  // Shows the walk-ins seated since the last step on the verdict still
  // showing them.
  void CollectSeated();
  void Deliver(const std::vector<ScanBurst::Output>& outputs);
  void ApplyPending();
  // Starts the print desk when the settings name a printer.
  void StartPrinter();
  // Starts the camera when the settings name one (or frame files).
  void StartCamera();
  // The logo and accent colour of kiosk.conf over the event's; a logo file
  // that cannot be used is logged and the event's kept.
  void UseOwnLook();
  // A box that joined the event as a device (entree device join) syncs
  // with its own login and under its own name, whatever kiosk.conf says.
  void UseDeviceLogin();
  Screen& Top() { return *stack_.back(); }

  KioskConfig config_;
  const Clock& clock_;
  std::function<void()> wake_;
  Event event_;
  std::string logo_;
  std::optional<Store> store_;
  std::optional<Door> door_;
  std::unique_ptr<WalkInSeater> seater_;
  std::optional<BadgeIssuer> issuer_;
  std::unique_ptr<PrintDesk> print_desk_;  // uses store_: declared after it
  // The last code that put up a badge, and when: a scanner's double read
  // within kDeskRepeat changes nothing.
  static constexpr std::chrono::seconds kDeskRepeat{3};
  std::string last_desk_code_;
  Instant last_desk_scan_{};
  std::unique_ptr<CameraScanner> camera_;
  std::unique_ptr<SerialScanner> scanner_;
  std::optional<ScanOutcome> last_verdict_;
  std::unique_ptr<SyncWorker> sync_;
  int64_t sync_waiting_ = 0;
  Instant outbox_counted_{};
  std::optional<std::chrono::steady_clock::time_point> camera_capture_;
  Instant printer_asked_{};
  PinGuard pin_guard_;
  Language language_;
  ScanBurst burst_;
  std::vector<std::unique_ptr<Screen>> stack_;
  std::vector<std::function<void()>> pending_;
  Scene last_scene_;
  Cue cue_ = Cue::kNone;
  bool quit_ = false;
  uint64_t verdicts_shown_ = 0;
  uint64_t seats_shown_ = 0;
  Instant last_input_{};
  Instant fault_checked_{};
  Status fault_;  // why the fault screen shows
  Instant file_watched_{};
};

}  // namespace entree::kiosk
