// The setup screen of a kiosk box without an event: the setup code from
// the organiser (scanned as a QR code, or typed) joins it to the event.
#include <cctype>
#include <future>

#include "entree/sync/devices.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

constexpr size_t kMaxCodeLength = 40;

class SetupScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "setup"; }

  Scene Compose(const Layout& layout) const override {
    Scene scene = StaffScene(layout, tr().Get("kiosk.setup_title"),
                             layout.width() * 2 / 3);
    int u = layout.Unit();
    int h = layout.height();
    // The keyboard at the bottom; above it the instruction, the code and
    // what went wrong, each given its share of what is left.
    int keyboard_h =
        std::max(KeyboardHeight(layout, KeyboardKind{true}), h * 36 / 100);
    Rect keyboard{u * 4, layout.BottomRowTop() - u * 2 - keyboard_h,
                  layout.width() - u * 8, keyboard_h};
    // Above it one line: what to do, or what is going on, or what went
    // wrong (in the warning colour); then the code as typed.
    int top = layout.ContentTop();
    int room = keyboard.y - u - top;
    int text_h = std::min(layout.Control(10), room * 2 / 5);
    int field_h = std::min(layout.Control(10), room - text_h - u);
    std::string says =
        joining_.valid()   ? std::string(tr().Get("kiosk.setup_connecting"))
        : problem_.empty() ? std::string(tr().Get("kiosk.setup_text"))
                           : problem_;
    scene.texts.push_back({layout.Band(top, text_h), says, u * 3,
                           problem_.empty() || joining_.valid()
                               ? theme::kText
                               : theme::kWarningText});
    top += text_h + u;
    Rect field = layout.Band(top, field_h);
    scene.boxes.push_back({field, theme::kKey});
    // As the organiser's sheet prints it, in capitals.
    std::string shown = code_.empty() ? "-" : code_;
    for (char& c : shown) c = static_cast<char>(std::toupper(c));
    scene.texts.push_back({field, shown, field.h / 2});
    AddKeyboard(scene, keyboard, KeyboardKind{true});
    if (!joining_.valid()) {
      AddBottomButton(scene, layout, Edge::kRight, "connect",
                      tr().Get("kiosk.setup_connect"), Primary(), 30);
    }
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (joining_.valid()) return;
    if (ApplyKeyboardButton(id, code_, kMaxCodeLength)) {
      problem_.clear();
    } else if (id == "connect") {
      Join(code_, ctx_.config().server);
    }
  }
  void OnTyped(const std::string& text) override {
    if (!joining_.valid() && code_.size() + text.size() <= kMaxCodeLength) {
      code_ += text;
    }
  }
  void OnKey(Key key) override {
    if (key == Key::kEnter) OnButton("connect");
  }
  // A scanned setup QR code carries the server's address too.
  bool TakeScan(const std::string& text) override {
    if (joining_.valid()) return true;
    std::string code;
    std::string address = ctx_.config().server;
    if (!ParseSetupCode(text, code, address).ok()) {
      problem_ = tr().Get("kiosk.setup_bad_code");
      return true;
    }
    code_ = code;
    Join(code, address);
    return true;
  }

  void Step(Instant) override {
    using namespace std::chrono_literals;
    if (!joining_.valid() ||
        joining_.wait_for(0s) != std::future_status::ready) {
      return;
    }
    Result<DeviceLogin> joined = joining_.get();
    if (joined.ok()) {
      ctx_.JoinedEvent();
      return;
    }
    const Status& why = joined.status();
    problem_ = why.code() == StatusCode::kKey
                   ? std::string(tr().Get("kiosk.setup_refused"))
               : why.code() == StatusCode::kInvalidArgument
                   ? std::string(tr().Get("kiosk.setup_bad_code"))
                   : tr().Format("kiosk.setup_failed", {why.message()});
  }

 private:
  void Join(const std::string& typed, const std::string& address) {
    std::string code;
    std::string ignored;
    if (!ParseSetupCode(typed, code, ignored).ok()) {
      problem_ = tr().Get("kiosk.setup_bad_code");
      return;
    }
    if (address.empty()) {
      problem_ = tr().Get("kiosk.setup_needs_qr");
      return;
    }
    problem_.clear();
    // The network may take seconds: the screen goes on meanwhile.
    joining_ = std::async(std::launch::async, JoinEvent, address, code,
                          ctx_.config().database, ctx_.Now());
  }

  std::string code_;
  std::string problem_;
  std::future<Result<DeviceLogin>> joining_;
};

}  // namespace

std::unique_ptr<Screen> MakeSetupScreen(KioskContext& ctx) {
  return std::make_unique<SetupScreen>(ctx);
}

}  // namespace entree::kiosk
