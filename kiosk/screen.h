// Screens: plain state that composes a Scene and reacts to input. The app
// (KioskApp) owns the stack; screens reach it through KioskContext.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "entree/base/catalog.h"
#include "entree/base/time_zone.h"
#include "entree/codes/staff_pin.h"
#include "entree/desk/kiosk_config.h"
#include "entree/desk/print_desk.h"
#include "entree/desk/registration.h"
#include "entree/desk/scan_at_desk.h"
#include "entree/door/door.h"
#include "entree/door/walk_in_seater.h"
#include "entree/scan/camera.h"
#include "entree/store/store.h"
#include "entree/sync/sync_worker.h"
#include "ui.h"

namespace entree::kiosk {

class Screen;

// What screens may use and ask of the app.
class KioskContext {
 public:
  virtual ~KioskContext() = default;
  virtual Language language() const = 0;
  virtual Instant Now() const = 0;
  virtual const KioskConfig& config() const = 0;
  virtual const Event& event() const = 0;
  // The organiser's logo, a PNG or SVG file's bytes; empty when none.
  virtual std::string_view logo() const = 0;
  // Null when the database could not be opened.
  virtual Store* store() = 0;
  // Null on a kiosk that does not check people in.
  virtual Door* door() = 0;
  // Null without the event's secret key (door-only kiosks).
  virtual BadgeIssuer* issuer() = 0;
  // The badge printer; null when the kiosk has none (or cannot make
  // badges).
  virtual PrintDesk* printer() = 0;
  // The background sync; null when the kiosk works alone.
  virtual const SyncWorker* sync() const = 0;
  // Records written here that the sync server does not have yet.
  virtual int64_t sync_waiting() const = 0;
  // The camera that scans badges; null when the kiosk has none.
  virtual const CameraScanner* camera() const = 0;
  // Wrong PINs are counted across PIN screens.
  virtual PinGuard& pin_guard() = 0;

  // Stack changes take effect after the current event is handled, so a
  // screen may pop itself.
  virtual void Push(std::unique_ptr<Screen> screen) = 0;
  virtual void Pop() = 0;
  virtual void PopToRoot() = 0;
  // Shows a door verdict on top of whatever is shown now.
  virtual void ShowVerdict(const ScanOutcome& outcome) = 0;
  // Something went wrong that a guest cannot fix: the calm staff screen,
  // and `why` in the log; staff mode names it (fault()) until the kiosk
  // works again.
  virtual void ShowFault(const Status& why) = 0;
  void ShowFault(const std::string& why) { ShowFault(Status::Database(why)); }
  // Why the fault screen shows; Ok when it does not.
  virtual const Status& fault() const = 0;
  // The box joined an event (the setup screen): open it and start.
  virtual void JoinedEvent() = 0;
  virtual void PlayCue(Cue cue) = 0;
  virtual void RequestQuit() = 0;
};

class Screen {
 public:
  explicit Screen(KioskContext& ctx) : ctx_(ctx) {}
  virtual ~Screen() = default;

  // A short stable name ("attract", "verdict", ...) for logs and tests.
  virtual std::string Name() const = 0;
  virtual Scene Compose(const Layout& layout) const = 0;
  // A tap on the button `id` of the last composed scene.
  virtual void OnButton(const std::string& id) { (void)id; }
  // Characters typed on a physical keyboard (never a scanned code).
  virtual void OnTyped(const std::string& text) { (void)text; }
  virtual void OnKey(Key key) { (void)key; }
  virtual void Step(Instant now) { (void)now; }
  // A walk-in let in a moment ago has been seated (Door::ScanOutcome's
  // seating_pending): the verdict still showing them adds their tables and
  // returns true.
  virtual bool OnSeated(const WalkInSeater::Seated& seated) {
    (void)seated;
    return false;
  }
  // A code scanned while this screen shows; true when the screen took it
  // (the setup screen's setup code), else it goes to the door.
  virtual bool TakeScan(const std::string& code) {
    (void)code;
    return false;
  }
  // Staff screens are locked (popped) when the kiosk is left alone; guest
  // screens simply go back to the start.
  virtual bool IsStaffScreen() const { return false; }
  // A screen a scan put up (a verdict, a scanned badge): the next scan
  // replaces it.
  virtual bool ShowsScan() const { return false; }

 protected:
  const Catalog& tr() const { return Catalog::For(ctx_.language()); }
  // The colour of the button a guest screen is for: the event's accent
  // when it can be read, else the kiosk's own.
  uint32_t Primary() const { return theme::PrimaryFor(ctx_.event().accent); }
  KioskContext& ctx_;
};

// The first screen: event name, "scan your badge or tap to register".
std::unique_ptr<Screen> MakeAttractScreen(KioskContext& ctx);
// A door verdict, back by itself after 3 seconds.
std::unique_ptr<Screen> MakeVerdictScreen(KioskContext& ctx,
                                          const ScanOutcome& outcome);
// "Please ask our staff": shown when the kiosk cannot do its work.
std::unique_ptr<Screen> MakeFaultScreen(KioskContext& ctx);
// A box without an event: the organiser's setup code joins it to one.
std::unique_ptr<Screen> MakeSetupScreen(KioskContext& ctx);
// Find your invitation by typing part of your name.
std::unique_ptr<Screen> MakeFindInvitationScreen(KioskContext& ctx);
// Register on the spot.
std::unique_ptr<Screen> MakeWalkInScreen(KioskContext& ctx);
struct BadgeRequest {
  bool reissue = false;  // a new badge, voiding the older ones (staff)
  // Set when the guest scanned their code (DecideScanAtDesk): where they
  // go next. Unset: found by name or registered here.
  std::optional<AfterScan> scanned;
  bool print = true;   // sent to the printer when there is one
  bool again = false;  // also when this badge was printed before
  // A walk-in just registered: the screen asks the one optional question
  // beyond the event (may the organiser email them later), which the
  // badge does not wait on.
  bool ask_beyond_event = false;
};
// The guest's badge with its QR code, ready for printing.
std::unique_ptr<Screen> MakeBadgeScreen(KioskContext& ctx, Attendee attendee,
                                        BadgeRequest request = {});
// The staff PIN pad, then staff mode.
std::unique_ptr<Screen> MakePinScreen(KioskContext& ctx);
std::unique_ptr<Screen> MakeStaffScreen(KioskContext& ctx);
// Staff mode's live numbers, arrival chart and who has not arrived.
std::unique_ptr<Screen> MakeDashboardScreen(KioskContext& ctx);
// Staff mode's export of the attendance files to a USB stick.
std::unique_ptr<Screen> MakeExportScreen(KioskContext& ctx);

// The organiser's logo drawn for a box, drawn again only when the box's
// size changes; null when the logo cannot be drawn.
class LogoImage {
 public:
  std::shared_ptr<const ArgbImage> At(std::string_view logo, int width,
                                      int height);

 private:
  std::shared_ptr<const ArgbImage> image_;
  int width_ = 0, height_ = 0;
};

// Shared pieces of screens.
// An empty staff-mode scene: its dark background and `title` top left,
// `title_width` pixels wide.
Scene StaffScene(const Layout& layout, std::string_view title, int title_width);
// NL / EN / DE buttons in the top right corner ("lang:nl", "lang:en",
// "lang:de").
void AddLanguageButtons(Scene& scene, const Layout& layout, Language current);
// The discreet staff button in the bottom left corner ("staff").
void AddStaffButton(Scene& scene, const Layout& layout, const Catalog& tr);
// A button along the bottom edge: on the left (back, cancel) or on the
// right (next, done).
enum class Edge { kLeft, kRight, kMiddle };
void AddBottomButton(Scene& scene, const Layout& layout, Edge edge,
                     const std::string& id, std::string_view label,
                     uint32_t fill, int width_units = 24);
// "Online · 0 waiting" in the bottom right corner when the kiosk syncs.
void AddSyncState(Scene& scene, const Layout& layout, const KioskContext& ctx,
                  const Catalog& tr);
// The camera's live view fitted into `box` with an aiming frame in its
// middle and the codes it sees outlined, and below it what to do; nothing
// without a camera.
void AddCameraView(Scene& scene, const Rect& box, const CameraScanner* camera,
                   const Catalog& tr);
// An arrow pointing to `side` (where a scanner or printer stands) and
// `text` beside it, in `row`.
// When the event's doors open, on the venue's clocks: "15:30" today, else
// "2026-10-13 15:30"; "" without a doors-open time.
std::string WhenDoorsOpen(KioskContext& ctx);
void AddPointer(Scene& scene, const Rect& row, Side side, std::string_view text,
                int unit);
// A warning staff must act on, as an amber band across `area` from its top:
// an exclamation mark, `text`, and at the band's end the button `action`
// labelled `label` (none when `action` is empty). Returns the band's
// height, or 0 (and adds nothing) when it does not fit in `area`.
int AddWarningBand(Scene& scene, const Layout& layout, const Rect& area,
                   const std::string& text, const std::string& action,
                   std::string_view label);
// What an on-screen keyboard offers beyond its letters: a row of digits; for
// typing names a Shift key ("key:shift") and an accent key ("key:accent")
// that the screen turns into `accents`: the page of accented letters in
// place of the plain ones, one tap each ("key:é"), until a letter is typed
// or the key ("abc") is tapped again; and whether the letter keys show
// capitals (the case the next letter takes).
struct KeyboardKind {
  bool digits = false;
  bool for_names = false;
  bool capitals = true;
  bool accents = false;
};
// The least height an on-screen keyboard of `kind` needs for keys a finger
// can hit.
int KeyboardHeight(const Layout& layout, KeyboardKind kind);
// An on-screen keyboard in `area`: buttons "key:<text>" (letters in lower
// case), "key:space", "key:back", and those `kind` adds.
void AddKeyboard(Scene& scene, const Rect& area, KeyboardKind kind);
// The most bytes a guest may type into one field.
inline constexpr size_t kMaxFieldLength = 60;
// A text field: a button `id` that takes focus, showing `value`. The
// `label` stays visible: inside the empty field, and small above the text
// once there is any (or the field has focus); a `problem` takes its place
// until the guest changes the field.
void AddField(Scene& scene, const Rect& box, const std::string& id,
              std::string label, const std::string& value, bool focused,
              int font, const std::string& problem = "");
// Applies an on-screen keyboard button to `text` (a letter, an accented
// letter, space, backspace; "key:shift" and "key:accent" change nothing
// here, they are the screen's to apply); false when `id` is not one of its
// buttons.
bool ApplyKeyboardButton(const std::string& id, std::string& text,
                         size_t max_length);

}  // namespace entree::kiosk
