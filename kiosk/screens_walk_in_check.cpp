// The walk-in's last step before the badge: their details to check, what
// is kept of them, by whom, why and for how long, and one optional
// question beyond the event that the badge does not wait on.
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

class WalkInCheckScreen final : public Screen {
 public:
  WalkInCheckScreen(KioskContext& ctx, WalkInForm form, Attendee shown)
      : Screen(ctx), form_(std::move(form)), shown_(std::move(shown)) {}
  std::string Name() const override { return "walk_in_check"; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int w = layout.width();
    if (problem_.empty()) {
      scene.texts.push_back({layout.TitleBand(),
                             std::string(tr().Get("kiosk.check_title")),
                             u * 5});
    } else {
      scene.texts.push_back({layout.MessageBand(), problem_, u * 3,
                             theme::kWarningText, Align::kLeft});
    }
    // What the badge and the list will say, one line each.
    int top = layout.ContentTop();
    int bottom = layout.BottomRowTop() - u;
    int consent_h = layout.Control(9);
    int room = bottom - top - consent_h - u * 2;
    int details_h = room * 55 / 100;
    std::vector<std::pair<std::string, std::string>> lines = {
        {"kiosk.check_name", shown_.FullName()},
        {"kiosk.field.organisation", shown_.organisation},
        {"kiosk.check_sector",
         std::string(
             tr().Get("sector." + std::string(ToString(shown_.sector))))},
        {"kiosk.check_email", shown_.email}};
    int line_h = details_h / static_cast<int>(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      int y = top + static_cast<int>(i) * line_h;
      int label_w = (w - u * 8) * 30 / 100;
      scene.texts.push_back({{u * 4, y, label_w - u, line_h},
                             std::string(tr().Get(lines[i].first)),
                             u * 4,
                             theme::kMutedText,
                             Align::kLeft,
                             Weight::kRegular});
      scene.texts.push_back({{u * 4 + label_w, y, w - u * 8 - label_w, line_h},
                             lines[i].second.empty()
                                 ? std::string("\xE2\x80\x94")
                                 : lines[i].second,
                             u * 5,
                             theme::kText,
                             Align::kLeft});
    }
    // Who keeps it, why and how long, beside the consent.
    int notice_top = top + details_h + u;
    scene.texts.push_back({{u * 4, notice_top, w - u * 8, room - details_h - u},
                           PrivacyNotice(),
                           u * 3,
                           theme::kText,
                           Align::kLeft,
                           Weight::kRegular});
    scene.buttons.push_back(
        {{u * 4, bottom - consent_h, w - u * 8, consent_h},
         "consent",
         (form_.consent ? "\xE2\x98\x91 " : "\xE2\x98\x90 ") +
             std::string(tr().Get("kiosk.consent")),
         form_.consent ? theme::kConsentGiven : theme::kKey,
         theme::kText,
         std::min(u * 3, consent_h * 2 / 5)});
    AddBottomButton(scene, layout, Edge::kLeft, "back",
                    tr().Get("kiosk.check_change"), theme::kKey);
    AddBottomButton(scene, layout, Edge::kRight, "make_badge",
                    tr().Get("kiosk.check_make_badge"), Primary(), 36);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "consent") {
      form_.consent = !form_.consent;
      problem_.clear();
    } else if (id == "back") {
      ctx_.Pop();
    } else if (id == "make_badge") {
      Register();
    }
  }
  void OnKey(Key key) override {
    if (key == Key::kEnter) Register();
  }

 private:
  // "<keeper> keeps these details to make your badge and to know who came,
  // passes them to no one, and deletes them <n> days after the event."
  std::string PrivacyNotice() const {
    const Event& event = ctx_.event();
    std::string keeper = event.data_keeper.empty()
                             ? std::string(tr().Get("kiosk.privacy_organiser"))
                             : event.data_keeper;
    if (event.keep_days > 0) {
      return tr().Format("kiosk.privacy_days",
                         {keeper, std::to_string(event.keep_days)});
    }
    return tr().Format("kiosk.privacy", {keeper});
  }

  void Register() {
    if (!ctx_.store()) return ctx_.ShowFault("no database");
    auto attendee = RegisterWalkIn(*ctx_.store(), form_, ctx_.Now());
    if (!attendee.ok()) {
      if (attendee.status().code() != StatusCode::kInvalidArgument) {
        return ctx_.ShowFault(attendee.status().message());
      }
      problem_ = tr().Describe(attendee.status());
      return;
    }
    ctx_.Push(MakeBadgeScreen(ctx_, *attendee));
  }

  WalkInForm form_;
  Attendee shown_;       // the form as CheckWalkIn cleaned it: what is printed
  std::string problem_;  // why the badge was not made; shown in the title
};

}  // namespace

std::unique_ptr<Screen> MakeWalkInCheckScreen(KioskContext& ctx,
                                              WalkInForm form, Attendee shown) {
  return std::make_unique<WalkInCheckScreen>(ctx, std::move(form),
                                             std::move(shown));
}

}  // namespace entree::kiosk
