// Guest screens at registration: find your invitation, and your badge
// (registering on the spot is screens_walk_in.cpp).

#include "entree/badges/badge_render.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {

void AddField(Scene& scene, const Rect& box, const std::string& id,
              std::string label, const std::string& value, bool focused,
              int font, const std::string& problem) {
  uint32_t fill = focused ? theme::kFieldFocused : theme::kFieldIdle;
  if (!problem.empty()) {
    // What is wrong takes the label's place until the guest changes it.
    fill = theme::kFieldProblem;
    label = problem;
  }
  scene.buttons.push_back({box, id, "", fill, theme::kInk, font});
  int pad = font / 2;
  // Empty and waiting, or empty with a problem: the label (or the
  // problem) fills the field.
  if (value.empty() && (!focused || !problem.empty())) {
    scene.texts.push_back({{box.x + pad, box.y, box.w - 2 * pad, box.h},
                           label,
                           font,
                           theme::kInk,
                           Align::kLeft,
                           Weight::kRegular});
    return;
  }
  // A problem above a value is a little larger than a label.
  int small = font * (problem.empty() ? 55 : 65) / 100;
  scene.texts.push_back(
      {{box.x + pad, box.y + small / 4, box.w - 2 * pad, small * 5 / 4},
       label,
       small,
       theme::kInk,
       Align::kLeft,
       Weight::kRegular});
  // What is typed scrolls: its end, where typing goes on, stays in view.
  int top = box.y + small * 3 / 2;
  scene.texts.push_back(
      {{box.x + pad, top, box.w - 2 * pad, box.y + box.h - top},
       value + (focused ? "|" : ""),
       font * 85 / 100,
       theme::kInk,
       Align::kLeft,
       Weight::kBold,
       Overflow::kKeepEnd});
}

namespace {

// Matches shown for a name: enough to find yourself, too few to browse
// the guest list.
constexpr int kMaxMatches = 4;
constexpr size_t kMinQueryLength = 3;

class FindInvitationScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "find"; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int h = layout.height();
    scene.texts.push_back(
        {layout.TitleBand(), std::string(tr().Get("kiosk.find_title")), u * 6});
    // The keyboard above the bottom row; the matches beside the field in
    // landscape, below it in portrait, as many as fit above the keyboard.
    int keyboard_h =
        std::max(KeyboardHeight(layout, KeyboardKind{}), h * 40 / 100);
    Rect keyboard{u * 4, layout.BottomRowTop() - u * 2 - keyboard_h,
                  layout.width() - u * 8, keyboard_h};
    Rect field = layout.Band(layout.ContentTop(), layout.Control(10));
    Rect results = field;
    if (layout.Portrait()) {
      results.y = field.y + field.h + u * 2;
    } else {
      field.w = field.w / 2;
      results.x = field.x + field.w + u * 2;
      results.w = layout.width() - field.x - field.w - u * 6;
    }
    results.h = keyboard.y - u * 2 - results.y;
    AddField(scene, field, "field:query",
             std::string(tr().Get("kiosk.find_hint")), query_, true,
             field.h / 2);
    // Each match a full button: the name large, the organisation below.
    int shown = std::clamp(results.h / (layout.Target() + u), 1, kMaxMatches);
    int row_h = std::min(results.h / shown, u * 16);
    bool too_many = too_many_ || static_cast<int>(matches_.size()) > shown;
    if (query_.size() < kMinQueryLength) {
      scene.texts.push_back(
          {results, std::string(tr().Get("kiosk.find_hint")), u * 3});
    } else if (too_many) {
      scene.texts.push_back(
          {results, tr().Format("kiosk.find_more", {std::to_string(shown)}),
           u * 3});
    } else if (matches_.empty()) {
      scene.texts.push_back(
          {results, std::string(tr().Get("kiosk.find_none")), u * 3});
    }
    for (size_t i = 0; i < matches_.size() && !too_many; ++i) {
      const Attendee& a = matches_[i];
      Rect row{results.x, results.y + static_cast<int>(i) * row_h, results.w,
               row_h - u};
      int font = std::min(u * 4, (row_h - u) * 2 / 5);
      // A ticket the door refuses gets no badge here: the door's words in
      // place of a button.
      if (std::string_view refused = WhyNoBadge(a); !refused.empty()) {
        Rect name_row = row, why_row = row;
        name_row.h = row.h / 2;
        why_row.y = row.y + name_row.h;
        why_row.h = row.h - name_row.h;
        scene.texts.push_back({name_row, a.FullName(), font});
        scene.texts.push_back({why_row, std::string(tr().Get(refused)),
                               font * 3 / 4, theme::kWarningText});
        continue;
      }
      std::string label = a.FullName();
      if (!a.organisation.empty()) label += "\n" + a.organisation;
      scene.buttons.push_back({row, "match:" + std::to_string(i), label,
                               Primary(), theme::InkOn(Primary()), font});
    }
    AddKeyboard(scene, keyboard, KeyboardKind{});
    AddBottomButton(scene, layout, Edge::kLeft, "back", tr().Get("kiosk.back"),
                    theme::kKey);
    AddBottomButton(scene, layout, Edge::kRight, "walk_in",
                    tr().Get("kiosk.not_on_list"), theme::kAlternative, 50);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (ApplyKeyboardButton(id, query_, kMaxFieldLength)) {
      Search();
    } else if (id == "back") {
      ctx_.Pop();
    } else if (id == "walk_in") {
      ctx_.Push(MakeWalkInScreen(ctx_));
    } else if (id.rfind("match:", 0) == 0) {
      size_t index = std::stoul(id.substr(6));
      if (index < matches_.size() && WhyNoBadge(matches_[index]).empty()) {
        ctx_.Push(MakeBadgeScreen(ctx_, matches_[index]));
      }
    }
  }
  void OnTyped(const std::string& text) override {
    if (query_.size() + text.size() <= kMaxFieldLength) query_ += text;
    Search();
  }
  void OnKey(Key key) override {
    if (key == Key::kBackspace) OnButton("key:back");
  }

 private:
  void Search() {
    matches_.clear();
    too_many_ = false;
    if (query_.size() < kMinQueryLength || !ctx_.store()) return;
    auto found = ctx_.store()->SearchAttendees(query_, kMaxMatches + 1);
    if (!found.ok()) {
      ctx_.ShowFault(found.status());
      return;
    }
    too_many_ = static_cast<int>(found->size()) > kMaxMatches;
    matches_ = std::move(found).value();
  }

  std::string query_;
  std::vector<Attendee> matches_;
  bool too_many_ = false;
};

class BadgeScreen final : public Screen {
 public:
  BadgeScreen(KioskContext& ctx, Attendee attendee, BadgeRequest request)
      : Screen(ctx), attendee_(std::move(attendee)), request_(request) {
    // No code and no print for a ticket the door refuses, however this
    // screen was reached: asked of the guest as the file has them now.
    if (ctx_.store()) {
      if (auto fresh = ctx_.store()->GetAttendee(attendee_.id); fresh.ok()) {
        attendee_ = std::move(fresh).value();
      }
    }
    refused_ = WhyNoBadge(attendee_);
    if (!refused_.empty() || !ctx_.issuer() || !ctx_.store()) return;
    auto issued =
        ctx_.issuer()->BadgeFor(attendee_.id, request_.reissue, ctx_.Now());
    if (!issued.ok()) {
      ctx_.ShowFault(issued.status());
      return;
    }
    Language words =
        ParseLanguage(ctx_.event().locale).value_or(Language::kDutch);
    // The badge lists the guest's tables: from now on they know them.
    auto seats = TellSeats(*ctx_.store(), attendee_, ctx_.Now());
    if (!seats.ok()) {
      ctx_.ShowFault(seats.status());
      return;
    }
    auto face = MakeBadgeFace(*ctx_.store(), attendee_, issued->code, words);
    if (!face.ok()) {
      ctx_.ShowFault(face.status());
      return;
    }
    face_ = std::move(*face);
    auto layout = LoadBadgeLayout(ctx_.config().badge_layout);
    if (!layout.ok()) layout = LoadBadgeLayout(kDefaultBadgeLayout);
    layout_ = std::move(*layout);
    PrintDesk* printer = ctx_.printer();
    if (printer && request_.print) StartPrinting(*printer, *issued);
  }
  std::string Name() const override { return "badge"; }
  bool ShowsScan() const override { return request_.scanned.has_value(); }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int w = layout.width();
    scene.texts.push_back({layout.TitleBand(), Title(), u * 5});
    // The badge, and beside it (below it in portrait) how the printing
    // goes and where the printer is.
    int top = layout.ContentTop();
    int bottom = layout.BottomRowTop() - u;
    if (std::string next = NextStep(); !next.empty()) {
      // Where to go next, whole, above the button.
      int band = u * 12;
      bottom -= band;
      scene.texts.push_back(
          {{u * 4, bottom + u, w - u * 8, band - u}, next, u * 5});
    }
    if (AsksBeyondEvent()) {
      // The one question beyond the event, optional: a toggle above the
      // button, with the badge already made.
      int band = layout.Control(9);
      bottom -= band + u;
      scene.buttons.push_back(
          {{u * 4, bottom + u, w - u * 8, band},
           "consent",
           (attendee_.consent ? "\xE2\x98\x91 " : "\xE2\x98\x90 ") +
               std::string(tr().Get("kiosk.consent")),
           attendee_.consent ? theme::kConsentGiven : theme::kKey,
           theme::kText,
           std::min(u * 3, band * 2 / 5)});
    }
    Rect card{u * 4, top, w - u * 8, bottom - top};
    Rect status{};
    if (printing_ != Printing::kNone) {
      if (layout.Portrait()) {
        card.h = (bottom - top) * 60 / 100;
        status = {u * 4, card.y + card.h + u * 2, w - u * 8,
                  bottom - card.y - card.h - u * 2};
      } else {
        card.w = w * 55 / 100 - u * 4;
        status = {card.x + card.w + u * 4, top, w - card.w - u * 12,
                  bottom - top};
      }
      AddPrintStatus(scene, status, u);
    }
    if (!refused_.empty()) {
      scene.texts.push_back(
          {card, std::string(tr().Get(refused_)), u * 5, theme::kWarningText});
    } else if (face_) {
      scene.image = ImageItem{card, Preview(card)};
    } else {
      scene.texts.push_back({card, std::string(tr().Get("kiosk.badge_no_key")),
                             u * 3, theme::kWarningText});
    }
    AddBottomButton(scene, layout, Edge::kMiddle, "done",
                    tr().Get("kiosk.badge_done"), Primary(), 40);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "consent" && AsksBeyondEvent()) return ToggleConsent();
    if (id != "done") return;
    // A scanned badge goes back to what the scan came over.
    if (request_.scanned) return ctx_.Pop();
    // At a kiosk that also keeps the door, registering lets you in.
    if (refused_.empty() && !request_.scanned && ctx_.door() &&
        ctx_.config().role == KioskRole::kBoth) {
      auto outcome = ctx_.door()->CheckInByHand(attendee_.id);
      ctx_.PopToRoot();
      if (!outcome.ok()) return ctx_.ShowFault(outcome.status());
      ctx_.ShowVerdict(*outcome);
      return;
    }
    ctx_.PopToRoot();
  }

  void Step(Instant now) override {
    if (printing_ != Printing::kUnderway || now - looked_ < kLookEvery) return;
    looked_ = now;
    auto job = ctx_.store()->GetPrintJob(print_id_);
    if (!job.ok() || job->outcome == ToString(PrintOutcome::kSent)) return;
    printing_ = job->outcome == ToString(PrintOutcome::kCompleted)
                    ? Printing::kDone
                    : Printing::kFailed;
  }

 private:
  enum class Printing { kNone, kUnderway, kDone, kFailed, kDoneBefore };
  static constexpr std::chrono::milliseconds kLookEvery{200};

  // What the guest reads above the badge: a welcome when the scan let them
  // in, else the screen's name.
  std::string Title() const {
    if (request_.scanned == AfterScan::kLetIn && refused_.empty()) {
      return tr().Format("verdict.welcome", {attendee_.FullName()});
    }
    return std::string(tr().Get("kiosk.badge_title"));
  }
  bool AsksBeyondEvent() const {
    return request_.ask_beyond_event && refused_.empty() && ctx_.store();
  }
  // The guest's answer to the optional question, kept at once.
  void ToggleConsent() {
    Attendee changed = attendee_;
    changed.consent = !changed.consent;
    changed.updated_at = ctx_.Now();
    Status saved = ctx_.store()->UpdateAttendee(changed);
    if (!saved.ok()) return ctx_.ShowFault(saved);
    attendee_ = std::move(changed);
  }
  // Where a guest who scanned their code goes with the badge; "" when the
  // screen needs no such line.
  std::string NextStep() const {
    if (!request_.scanned || !refused_.empty()) return "";
    switch (*request_.scanned) {
      case AfterScan::kToEntrance:
        return std::string(tr().Get("kiosk.badge_to_entrance"));
      case AfterScan::kDoorsLater:
        return tr().Format("kiosk.badge_doors_later", {WhenDoorsOpen(ctx_)});
      case AfterScan::kLetIn:
        break;
    }
    return "";
  }

  void StartPrinting(PrintDesk& printer, const IssuedBadge& badge) {
    Result<std::optional<Uuid>> sent = std::optional<Uuid>();
    if (request_.again) {
      auto asked = printer.PrintAsked(attendee_, badge, ctx_.Now());
      sent = asked.ok()
                 ? Result<std::optional<Uuid>>(std::optional<Uuid>(*asked))
                 : Result<std::optional<Uuid>>(asked.status());
    } else {
      sent = printer.PrintOnce(attendee_, badge, ctx_.Now());
    }
    if (!sent.ok()) {
      printing_ = Printing::kFailed;
    } else if (!sent->has_value()) {
      printing_ = Printing::kDoneBefore;
    } else {
      print_id_ = **sent;
      printing_ = Printing::kUnderway;
    }
  }

  // How the printing goes in `box`: a sign on top (dots that run while
  // printing, a check mark, or an exclamation mark when the guest must go
  // to staff), the news, and where the printer is.
  void AddPrintStatus(Scene& scene, const Rect& box, int u) const {
    int sign = std::min(box.h / 3, box.w / 3);
    Rect sign_box{box.x + (box.w - sign) / 2, box.y, sign, sign};
    if (printing_ == Printing::kUnderway) {
      // Three dots, one lit in turn, a step every 400 ms.
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    ctx_.Now().time_since_epoch())
                    .count();
      int lit = static_cast<int>((ms / 400) % 3);
      int dot = sign / 5;
      for (int i = 0; i < 3; ++i) {
        scene.boxes.push_back({{sign_box.x + i * dot * 2,
                                sign_box.y + (sign - dot) / 2, dot, dot},
                               i == lit ? theme::kText : theme::kKey});
      }
    } else {
      bool trouble = printing_ == Printing::kFailed;
      scene.icons.push_back({sign_box,
                             trouble ? Icon::kAttention : Icon::kCheck,
                             trouble ? theme::kWarningText : theme::kText});
    }
    int text_top = box.y + sign + u * 2;
    int news_h = (box.y + box.h - text_top) * 55 / 100;
    bool trouble = printing_ == Printing::kFailed;
    scene.texts.push_back({{box.x, text_top, box.w, news_h},
                           std::string(PrintNews()),
                           u * 4,
                           trouble ? theme::kWarningText : theme::kText});
    std::optional<Side> side = ctx_.config().printer_side;
    if (side && !trouble) {
      Rect row{box.x, text_top + news_h + u, box.w,
               box.y + box.h - text_top - news_h - u};
      row.h = std::min(row.h, u * 10);
      AddPointer(scene, row, *side,
                 tr().Get("kiosk.printer_at." + std::string(ToString(*side))),
                 u);
    }
  }

  std::string_view PrintNews() const {
    switch (printing_) {
      case Printing::kNone:
        return {};
      case Printing::kUnderway:
        return tr().Get("kiosk.badge_printing");
      case Printing::kDone:
        return tr().Get("kiosk.badge_printed");
      case Printing::kFailed:
        return tr().Get("kiosk.badge_print_failed");
      case Printing::kDoneBefore:
        return tr().Get("kiosk.badge_printed_before");
    }
    return {};
  }

  // The badge drawn to fill `card`, redrawn only when the card's size
  // changes.
  std::shared_ptr<const ArgbImage> Preview(const Rect& card) const {
    if (preview_ && preview_card_.w == card.w && preview_card_.h == card.h) {
      return preview_;
    }
    double dpi =
        25.4 * std::min(card.w / layout_.width_mm, card.h / layout_.height_mm);
    auto image = RenderBadgeImage(layout_, *face_, dpi);
    preview_card_ = card;
    preview_ = image.ok()
                   ? std::make_shared<const ArgbImage>(std::move(image).value())
                   : nullptr;
    return preview_;
  }

  Attendee attendee_;
  BadgeRequest request_;
  std::string_view refused_;  // the door's words for a refused ticket
  std::optional<BadgeFace> face_;
  BadgeLayout layout_;
  Printing printing_ = Printing::kNone;
  Uuid print_id_{};
  Instant looked_{};
  mutable std::shared_ptr<const ArgbImage> preview_;
  mutable Rect preview_card_;
};

}  // namespace

std::unique_ptr<Screen> MakeFindInvitationScreen(KioskContext& ctx) {
  return std::make_unique<FindInvitationScreen>(ctx);
}

std::unique_ptr<Screen> MakeBadgeScreen(KioskContext& ctx, Attendee attendee,
                                        BadgeRequest request) {
  return std::make_unique<BadgeScreen>(ctx, std::move(attendee), request);
}

}  // namespace entree::kiosk
