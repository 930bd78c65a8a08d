// Registering on the spot: one form with the guest's name, organisation,
// email (optional) and sector, what is kept of it and why, and one button
// that makes the badge.
#include <array>

#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

// The form's text fields, in the order of WalkInScreen::values_.
constexpr std::array<const char*, 4> kFields = {"given_name", "family_name",
                                                "organisation", "email"};

class WalkInScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "walk_in"; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int h = layout.height();
    int w = layout.width();
    // A problem with a field is told in the field; one with the sector
    // takes the title's place and marks the sectors.
    if (problem_at_ != kProblemSector && problem_at_ != kProblemElsewhere) {
      scene.texts.push_back({layout.TitleBand(),
                             std::string(tr().Get("kiosk.walk_in_title")),
                             u * 5});
    } else {
      scene.texts.push_back({layout.MessageBand(), problem_, u * 3,
                             theme::kWarningText, Align::kLeft});
    }
    KeyboardKind keys{true, true, NextIsCapital(), accents_};
    if (layout.Compact() && typing_) {
      // A small panel types into one field at a time, the keyboard below
      // it, and goes back to the form with OK.
      Rect box = layout.Band(layout.ContentTop(), layout.Control(8));
      AddField(
          scene, box, std::string("field:") + kFields[focus_],
          std::string(tr().Get(std::string("kiosk.field.") + kFields[focus_])),
          values_[focus_], true, box.h / 2,
          problem_at_ == focus_ ? problem_ : "");
      int top = box.y + box.h + u * 2;
      AddKeyboard(scene,
                  {u * 4, top, w - u * 8, layout.BottomRowTop() - u - top},
                  keys);
      AddBottomButton(scene, layout, Edge::kRight, "typed",
                      tr().Get("kiosk.ok"), Primary());
      AddLanguageButtons(scene, layout, ctx_.language());
      return scene;
    }
    // Two fields a row; in portrait one a row, taller, the keyboard kept
    // at the bottom where thumbs are.
    bool tall = layout.Portrait();
    int columns = tall ? 1 : 2;
    int field_w = (w - u * 8 - (columns - 1) * u * 2) / columns;
    int field_h = std::max(layout.Control(8), tall ? h * 6 / 100 : 0);
    int fields_top = layout.ContentTop();
    for (size_t i = 0; i < kFields.size(); ++i) {
      int column = static_cast<int>(i) % columns;
      int row = static_cast<int>(i) / columns;
      Rect box{u * 4 + column * (field_w + u * 2),
               fields_top + row * (field_h + u), field_w, field_h};
      AddField(scene, box, std::string("field:") + kFields[i],
               std::string(tr().Get(std::string("kiosk.field.") + kFields[i])),
               values_[i], focus_ == i, std::min(field_h / 2, u * 5),
               problem_at_ == i ? problem_ : "");
    }
    int rows = static_cast<int>(kFields.size()) / columns;
    int sector_top = fields_top + rows * (field_h + u) + u;
    int sector_w = (w - u * 8) / 4;
    for (int s = 0; s < 4; ++s) {
      Sector sector = static_cast<Sector>(s);
      bool chosen = sector_ && sector == *sector_;
      uint32_t fill = chosen ? theme::kChosen : theme::kKey;
      if (problem_at_ == kProblemSector) fill = theme::kFieldProblem;
      scene.buttons.push_back(
          {{u * 4 + s * sector_w, sector_top, sector_w - u, field_h},
           "sector:" + std::string(ToString(sector)),
           std::string(tr().Get("sector." + std::string(ToString(sector)))),
           fill,
           chosen || problem_at_ == kProblemSector ? theme::kInk : theme::kText,
           std::min(field_h * 3 / 8, u * 4)});
    }
    // What is kept, by whom, why and how long: in the room below the
    // sectors (in portrait and on a small panel, where the keys leave it),
    // else in the bottom row beside the button.
    int free_top = sector_top + field_h + u * 2;
    int free_bottom = layout.BottomRowTop() - u * 2;
    bool notice_in_bottom_row = !layout.Compact() && !tall;
    if (!layout.Compact()) {
      // Below the form, as tall as its keys need or more on a tall screen;
      // in portrait down against the bottom row.
      int top = sector_top + field_h + u * 3;
      int room = free_bottom - top;
      int height =
          std::min(room, std::max(KeyboardHeight(layout, keys), h * 38 / 100));
      if (tall) top += room - height;
      free_bottom = top - u;
      AddKeyboard(scene, {u * 4, top, w - u * 8, height}, keys);
    }
    if (!notice_in_bottom_row) {
      AddNotice(scene,
                {u * 4, free_top, w - u * 8,
                 std::min(u * 16, free_bottom - free_top)},
                u);
    }
    AddBottomButton(scene, layout, Edge::kLeft, "back", tr().Get("kiosk.back"),
                    theme::kKey);
    AddBottomButton(scene, layout, Edge::kRight, "make_badge",
                    tr().Get("kiosk.check_make_badge"), Primary(), 36);
    if (notice_in_bottom_row) AddNotice(scene, BesideButton(scene, u), u);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "key:shift") {
      shift_ = !shift_;
      return;
    }
    if (id == "key:accent") {
      accents_ = !accents_;
      return;
    }
    std::string& value = values_[focus_];
    if (id.size() == 5 && id.rfind("key:", 0) == 0 && id[4] >= 'a' &&
        id[4] <= 'z') {
      // A letter: a capital where the keyboard shows capitals.
      if (value.size() < kMaxFieldLength) {
        value +=
            NextIsCapital() ? static_cast<char>(id[4] - ('a' - 'A')) : id[4];
      }
      shift_ = false;
      return Changed(focus_);
    }
    if (ApplyKeyboardButton(id, value, kMaxFieldLength)) {
      // An accented letter typed: back to the plain letters, as on a
      // phone.
      if (id != "key:space" && id != "key:back") {
        accents_ = false;
        shift_ = false;
      }
      return Changed(focus_);
    }
    if (id.rfind("field:", 0) == 0) {
      constexpr std::array<std::string_view, 4> kIds = {
          "field:given_name", "field:family_name", "field:organisation",
          "field:email"};
      for (size_t i = 0; i < kIds.size(); ++i) {
        if (id == kIds[i]) focus_ = i;
      }
      typing_ = true;
    } else if (id == "typed") {
      typing_ = false;
    } else if (id.rfind("sector:", 0) == 0) {
      sector_ = ParseSector(id.substr(7));
      Changed(kProblemSector);
    } else if (id == "back") {
      ctx_.Pop();
    } else if (id == "make_badge") {
      Submit();
    }
  }
  void OnTyped(const std::string& text) override {
    if (values_[focus_].size() + text.size() <= kMaxFieldLength) {
      values_[focus_] += text;
    }
    Changed(focus_);
  }
  void OnKey(Key key) override {
    if (key == Key::kBackspace) OnButton("key:back");
    if (key == Key::kTab) focus_ = (focus_ + 1) % values_.size();
    if (key == Key::kEnter) Submit();
  }

 private:
  // Registers the guest and shows their badge, or says in the form what
  // is wrong with it.
  void Submit() {
    if (!ctx_.store()) return ctx_.ShowFault("no database");
    // The optional question beyond the event comes with the badge.
    WalkInForm form{values_[0], values_[1], values_[2],
                    sector_,    values_[3], false};
    auto attendee = RegisterWalkIn(*ctx_.store(), form, ctx_.Now());
    if (!attendee.ok()) {
      if (attendee.status().code() != StatusCode::kInvalidArgument) {
        return ctx_.ShowFault(attendee.status().message());
      }
      problem_ = tr().Describe(attendee.status());
      problem_at_ = ProblemPlace(attendee.status().text_key());
      return;
    }
    BadgeRequest request;
    request.ask_beyond_event = true;
    ctx_.Push(MakeBadgeScreen(ctx_, *attendee, request));
  }

  // The bottom row between Back and the button that makes the badge.
  static Rect BesideButton(const Scene& scene, int u) {
    Rect back{}, make{};
    for (const ButtonItem& button : scene.buttons) {
      if (button.id == "back") back = button.box;
      if (button.id == "make_badge") make = button.box;
    }
    int left = back.x + back.w + u * 2;
    int top = std::min(back.y, make.y);
    return {left, top, make.x - u * 2 - left,
            std::max(back.y + back.h, make.y + make.h) - top};
  }
  // What is kept, by whom, why and how long, in `box`.
  void AddNotice(Scene& scene, const Rect& box, int u) const {
    scene.texts.push_back({box, PrivacyNotice(), u * 3, theme::kText,
                           Align::kLeft, Weight::kRegular});
  }

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

  // Where the problem with the message `key` is shown: a field's index,
  // kProblemSector or kProblemElsewhere (the title).
  size_t ProblemPlace(const std::string& key) const {
    if (key == "error.walk_in_no_name") return 0;
    if (key == "error.walk_in_bad_email") return kEmailField;
    if (key == "error.walk_in_no_sector") return kProblemSector;
    if (key == "error.walk_in_too_long") {
      size_t longest = 0;
      for (size_t i = 1; i < values_.size(); ++i) {
        if (values_[i].size() > values_[longest].size()) longest = i;
      }
      return longest;
    }
    return kProblemElsewhere;
  }

  // The guest changed `place`: a problem shown there is gone, and one
  // shown in the title goes with any change.
  void Changed(size_t place) {
    if (problem_at_ == place || problem_at_ == kProblemElsewhere) {
      problem_.clear();
      problem_at_ = kNoProblem;
    }
  }

  // Whether the on-screen keyboard's next letter is a capital: at the
  // start of a word of a name or organisation (not in the email), turned
  // the other way by Shift. "van Dam" takes a Shift before the v.
  bool NextIsCapital() const {
    const std::string& value = values_[focus_];
    bool word_start =
        focus_ != kEmailField &&
        (value.empty() || value.back() == ' ' || value.back() == '-');
    return word_start != shift_;
  }

  static constexpr size_t kEmailField = 3;  // in values_, as in kFields
  std::array<std::string, 4> values_;
  size_t focus_ = 0;
  bool typing_ = false;   // a field was tapped: a small panel shows its keys
  bool shift_ = false;    // the next letter's case turned around
  bool accents_ = false;  // the keyboard shows the accented letters
  std::optional<Sector> sector_;  // none until the guest chooses
  std::string problem_;
  // Where problem_ is shown: an index of values_, or one of these.
  static constexpr size_t kProblemSector = 4;
  static constexpr size_t kProblemElsewhere = 5;
  static constexpr size_t kNoProblem = 6;
  size_t problem_at_ = kNoProblem;
};

// The guest's badge as it is printed, drawn by the same renderer, and how
// the printing goes.
}  // namespace

std::unique_ptr<Screen> MakeWalkInScreen(KioskContext& ctx) {
  return std::make_unique<WalkInScreen>(ctx);
}

}  // namespace entree::kiosk
