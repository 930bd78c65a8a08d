// Staff mode behind the PIN: numbers, check in by hand, undo, reissue,
// lock, quit.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "entree/base/text.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

constexpr size_t kMaxPinLength = 12;
constexpr size_t kMaxQueryLength = 60;
constexpr int kMaxMatches = 5;
constexpr std::chrono::seconds kNumbersRefresh{2};

// One dot per digit typed, so staff see how many they entered and the
// PIN itself shows nowhere.
std::string PinDots(size_t digits) {
  std::string dots;
  for (size_t i = 0; i < digits; ++i) {
    dots += i == 0 ? "\xE2\x97\x8F" : " \xE2\x97\x8F";  // U+25CF
  }
  return dots;
}

class PinScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "pin"; }
  bool IsStaffScreen() const override { return true; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int h = layout.height();
    int w = layout.width();
    scene.texts.push_back(
        {layout.TitleBand(), std::string(tr().Get("kiosk.pin_title")), u * 5});
    scene.texts.push_back(
        {layout.Band(layout.ContentTop(), u * 7), PinDots(pin_.size()), u * 6});
    if (!message_.empty()) {
      scene.texts.push_back(
          {layout.Band(u * 19, u * 6), message_, u * 3, theme::kWarningText});
    }
    int key = std::min(h * 15 / 100, w / 5);
    int left = (w - 3 * key) / 2;
    int top = u * 26;
    const char* labels[] = {"1", "2", "3", "4",    "5", "6",
                            "7", "8", "9", "back", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
      std::string id = labels[i];
      std::string label = id == "back" ? "\xE2\x8C\xAB"
                          : id == "ok" ? std::string(tr().Get("kiosk.ok"))
                                       : id;
      scene.buttons.push_back(
          {{left + (i % 3) * key + u, top + (i / 3) * key + u, key - 2 * u,
            key - 2 * u},
           "pin:" + id,
           label,
           id == "ok" ? theme::kPrimary : theme::kKey,
           theme::kText,
           u * 5});
    }
    AddBottomButton(scene, layout, Edge::kLeft, "back", tr().Get("kiosk.back"),
                    theme::kKey);
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "back") return ctx_.Pop();
    if (id == "pin:back") {
      if (!pin_.empty()) pin_.pop_back();
    } else if (id == "pin:ok") {
      Check();
    } else if (id.rfind("pin:", 0) == 0 && pin_.size() < kMaxPinLength) {
      pin_ += id.substr(4);
    }
  }
  void OnTyped(const std::string& text) override {
    if (text.size() == 1 && text[0] >= '0' && text[0] <= '9') {
      OnButton("pin:" + text);
    }
  }
  void OnKey(Key key) override {
    if (key == Key::kEnter) Check();
    if (key == Key::kBackspace) OnButton("pin:back");
  }

 private:
  void Check() {
    Instant now = ctx_.Now();
    PinGuard& guard = ctx_.pin_guard();
    const std::string& hash = ctx_.config().staff_pin_hash;
    if (hash.empty()) {
      message_ = tr().Get("kiosk.pin_closed");
    } else if (auto until = guard.LockedUntil(now)) {
      message_ = tr().Format(
          "kiosk.pin_locked",
          {FormatLocal(*until, EventZone(ctx_.event())).substr(11, 8)});
    } else if (VerifyStaffPin(hash, pin_)) {
      guard.Record(true, now);
      ctx_.Pop();
      ctx_.Push(MakeStaffScreen(ctx_));
    } else {
      guard.Record(false, now);
      auto locked = guard.LockedUntil(now);
      message_ =
          locked ? tr().Format("kiosk.pin_locked",
                               {FormatLocal(*locked, EventZone(ctx_.event()))
                                    .substr(11, 8)})
                 : std::string(tr().Get("kiosk.pin_wrong"));
    }
    pin_.clear();
  }

  std::string pin_;
  std::string message_;
};

class StaffScreen final : public Screen {
 public:
  explicit StaffScreen(KioskContext& ctx) : Screen(ctx) { Refresh(); }
  std::string Name() const override { return "staff"; }
  bool IsStaffScreen() const override { return true; }

  Scene Compose(const Layout& layout) const override {
    int u = layout.Unit();
    int h = layout.height();
    int w = layout.width();
    Scene scene = StaffScene(layout, Title(), w / 2);
    // Live numbers, left column.
    int top = layout.ContentTop();
    int line = top;
    int column = w * 45 / 100;
    // The column ends above the keyboard, or the bottom buttons.
    bool searching = mode_ == Mode::kCheckIn || mode_ == Mode::kReissue;
    int keyboard_h =
        std::max(KeyboardHeight(layout, KeyboardKind{}), h * 30 / 100);
    int keyboard_top = layout.BottomRowTop() - u * 2 - keyboard_h;
    int bottom = searching ? keyboard_top - u : layout.BottomRowTop() - u;
    int left_out = 0;  // lines without room, counted in the last line
    // Each line gets the height its wrapped text needs, so that a long one
    // (a server's message) never runs into the next; lines that find no
    // room below are counted instead.
    auto add_line = [&](const std::string& text, int size) {
      int height = size * 3 / 2 * layout.LinesOf(text, size, column);
      if (line + height + size * 3 / 2 > bottom) {
        ++left_out;
        return;
      }
      scene.texts.push_back({{u * 4, line, column, height},
                             text,
                             size,
                             theme::kText,
                             Align::kLeft});
      line += height;
    };
    // What staff must act on comes first, each beside its action.
    for (const Warning& warning : warnings_) {
      int used = AddWarningBand(
          scene, layout, {u * 4, line, column, bottom - line}, warning.text,
          warning.action,
          warning.action.empty() ? std::string_view()
                                 : tr().Get("kiosk.staff_" + warning.action));
      if (used == 0) ++left_out;
      line += used + (used ? u : 0);
    }
    add_line(
        tr().Format("kiosk.staff_total", {std::to_string(stats_.total.arrived),
                                          std::to_string(stats_.total.expected),
                                          std::to_string(stats_.total.inside),
                                          std::to_string(stats_.walk_ins)}),
        u * 3);
    // The devices' state comes before the numbers by group, so it always
    // finds room.
    for (const std::string& printer_line : device_lines_) {
      add_line(printer_line, u * 3);
    }
    if (!message_.empty()) add_line(message_, u * 3);
    line += u;
    for (const auto& [sector, tally] : stats_.by_sector) {
      add_line(tr().Format("kiosk.staff_group",
                           {std::string(tr().Get("sector." + sector)),
                            std::to_string(tally.arrived),
                            std::to_string(tally.expected)}),
               u * 3);
    }
    for (const auto& [table, tally] : stats_.by_table) {
      if (table.empty()) continue;
      add_line(tr().Format("kiosk.staff_group",
                           {table, std::to_string(tally.arrived),
                            std::to_string(tally.expected)}),
               u * 3);
    }
    if (left_out > 0) {
      scene.texts.push_back(
          {{u * 4, line, column, u * 9 / 2},
           tr().Format("kiosk.staff_more_lines", {std::to_string(left_out)}),
           u * 3,
           theme::kMutedText,
           Align::kLeft,
           Weight::kRegular});
    }

    // Search on the right when a search action is chosen.
    int right = w / 2;
    if (mode_ == Mode::kConfirmUndo || mode_ == Mode::kConfirmQuit) {
      // The question, then the action named again and a way back, below
      // the language buttons and each as tall as its text needs.
      int width = w / 2 - u * 4;
      int asked = u * 6 * layout.LinesOf(question_, u * 4, width);
      int asked_top = top + u;
      scene.texts.push_back({{right, asked_top, width, asked},
                             question_,
                             u * 4,
                             theme::kText,
                             Align::kLeft});
      int yes = asked_top + asked + u * 2;
      int button_h = layout.Control(9);
      scene.buttons.push_back(
          {{right, yes, width, button_h},
           "confirm",
           std::string(tr().Get(mode_ == Mode::kConfirmUndo
                                    ? "kiosk.staff_yes_undo"
                                    : "kiosk.staff_yes_quit")),
           theme::kDanger,
           theme::kText,
           button_h * 4 / 9});
      scene.buttons.push_back({{right, yes + button_h + u * 2, width, button_h},
                               "menu",
                               std::string(tr().Get("kiosk.cancel")),
                               theme::kKey,
                               theme::kText,
                               button_h * 4 / 9});
    } else if (searching) {
      int field_h = layout.Control(8);
      scene.buttons.push_back({{right, top, w / 2 - u * 4, field_h},
                               "field:query",
                               query_ + "|",
                               theme::kFieldFocused,
                               theme::kInk,
                               field_h / 2});
      // The matches that fit between the field and the keyboard.
      int match_h = layout.Control(6);
      int match_top = top + field_h + u;
      for (size_t i = 0;
           i < matches_.size() && match_top + match_h <= keyboard_top - u;
           ++i, match_top += match_h + u) {
        scene.buttons.push_back(
            {{right, match_top, w / 2 - u * 4, match_h},
             "match:" + std::to_string(i),
             matches_[i].FullName() + " \xC2\xB7 " + matches_[i].organisation,
             theme::kPrimary,
             theme::kText,
             match_h / 2});
      }
      AddKeyboard(scene, {u * 4, keyboard_top, w - u * 8, keyboard_h},
                  KeyboardKind{});
    } else {
      std::vector<std::string> actions = {
          "dashboard", "checkin", "undo", "reissue", "export", "lock", "quit"};
      // One column, or two when one would make the buttons too small to
      // touch.
      int count = static_cast<int>(actions.size());
      int columns = 1;
      int most = std::max(u * 11, layout.Target() + u * 2);
      int step = std::min(most, (h - top - u * 2) / count);
      if (step - u * 2 < layout.Target()) {
        columns = 2;
        step = std::min(most, (h - top - u * 2) / ((count + 1) / 2));
      }
      int column_w = (w / 2 - u * 4 - (columns - 1) * u * 2) / columns;
      for (int i = 0; i < count; ++i) {
        const std::string& id = actions[i];
        int row = columns == 1 ? i : i / 2;
        int x = right + (columns == 1 ? 0 : (i % 2) * (column_w + u * 2));
        int button_h = step - u * 2;
        scene.buttons.push_back({{x, top + row * step, column_w, button_h},
                                 id,
                                 std::string(tr().Get("kiosk.staff_" + id)),
                                 id == "quit" ? theme::kDanger : theme::kKey,
                                 theme::kText,
                                 std::min(u * 4, button_h * 4 / 9)});
      }
    }
    if (searching) {
      AddBottomButton(scene, layout, Edge::kLeft, "menu",
                      tr().Get("kiosk.back"), theme::kKey);
    }
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if ((mode_ == Mode::kCheckIn || mode_ == Mode::kReissue) &&
        ApplyKeyboardButton(id, query_, kMaxQueryLength)) {
      return Search();
    }
    if (id == "checkin") {
      Enter(Mode::kCheckIn);
    } else if (id == "reissue") {
      Enter(Mode::kReissue);
    } else if (id == "dashboard") {
      ctx_.Push(MakeDashboardScreen(ctx_));
    } else if (id == "export") {
      ctx_.Push(MakeExportScreen(ctx_));
    } else if (id == "menu") {
      mode_ = Mode::kMenu;
    } else if (id == "undo") {
      AskUndo();
    } else if (id == "confirm" && mode_ == Mode::kConfirmUndo) {
      Undo();
    } else if (id == "confirm" && mode_ == Mode::kConfirmQuit) {
      ctx_.RequestQuit();
    } else if (id == "reprint") {
      Reprint();
    } else if (id == "lock") {
      ctx_.PopToRoot();
    } else if (id == "quit") {
      question_ = tr().Get("kiosk.staff_confirm_quit");
      mode_ = Mode::kConfirmQuit;
    } else if (id.rfind("match:", 0) == 0) {
      size_t index = std::stoul(id.substr(6));
      if (index < matches_.size()) Act(matches_[index]);
    }
  }
  void OnTyped(const std::string& text) override {
    if (mode_ != Mode::kCheckIn && mode_ != Mode::kReissue) return;
    if (query_.size() + text.size() <= kMaxQueryLength) query_ += text;
    Search();
  }
  void OnKey(Key key) override {
    if (key == Key::kBackspace) OnButton("key:back");
  }
  void Step(Instant now) override {
    if (now - refreshed_ < kNumbersRefresh || !ctx_.store()) return;
    // Recounting a large event takes a while: only when something changed.
    refreshed_ = now;
    auto mark = ctx_.store()->ChangeMark();
    if (mark.ok() && *mark != mark_) {
      Refresh();
    } else {
      LookAround();
    }
  }

 private:
  // The menu; a search for a guest to check in or give a new badge; or a
  // question before an action that cannot be taken back at a tap.
  enum class Mode { kMenu, kCheckIn, kReissue, kConfirmUndo, kConfirmQuit };

  // The title of what the screen shows now.
  std::string Title() const {
    switch (mode_) {
      case Mode::kCheckIn:
        return std::string(tr().Get("kiosk.staff_checkin"));
      case Mode::kReissue:
        return std::string(tr().Get("kiosk.staff_reissue"));
      case Mode::kConfirmUndo:
        return std::string(tr().Get("kiosk.staff_undo"));
      case Mode::kConfirmQuit:
        return std::string(tr().Get("kiosk.staff_quit"));
      case Mode::kMenu:
        break;
    }
    return std::string(tr().Get("kiosk.staff_title"));
  }

  void Enter(Mode mode) {
    mode_ = mode;
    query_.clear();
    matches_.clear();
    message_.clear();
  }
  // The sync's, the camera's and the printer's state and the last badge
  // sent to the printer: lines that inform, and warnings with the action
  // that answers them (a failed badge can be printed again; when offline,
  // the attendance can go by USB stick).
  void LookAround() {
    device_lines_.clear();
    warnings_.clear();
    failed_print_.reset();
    if (const SyncWorker* sync = ctx_.sync()) {
      SyncStatus status = sync->status();
      std::string last = status.last_sync ? FormatLocal(*status.last_sync,
                                                        EventZone(ctx_.event()))
                                                .substr(11, 8)
                                          : std::string("-");
      if (status.state == SyncState::kRevoked) {
        warnings_.push_back(
            {std::string(tr().Get("error.device_revoked")), "export"});
      } else if (status.state == SyncState::kOffline) {
        std::string text =
            tr().Format("kiosk.sync_state_offline",
                        {last, std::to_string(ctx_.sync_waiting())});
        if (!status.detail.empty()) {
          std::string detail = status.detail;  // a server's lines, as one
          StripControlCharacters(detail);
          text += " " + std::string(Trim(detail));
        }
        warnings_.push_back({text, "export"});
      } else {
        device_lines_.push_back(
            status.state == SyncState::kOnline
                ? tr().Format("kiosk.sync_state_online", {last})
                : tr().Format("kiosk.sync_state_offline",
                              {last, std::to_string(ctx_.sync_waiting())}));
      }
      if (status.set_aside > 0) {
        warnings_.push_back({tr().Format("kiosk.sync_set_aside",
                                         {std::to_string(status.set_aside)}),
                             ""});
      }
      for (const KioskSeen& kiosk : status.kiosks) {
        device_lines_.push_back(tr().Format(
            "kiosk.sync_kiosk",
            {kiosk.kiosk_id,
             FormatLocal(kiosk.last_sync_at, EventZone(ctx_.event()))
                 .substr(11, 8),
             std::to_string(kiosk.waiting)}));
      }
    }
    // Why the door stopped (a full disk, a moved file), while it lasts.
    if (!ctx_.fault().ok() && !ctx_.fault().text_key().empty()) {
      warnings_.push_back({tr().Describe(ctx_.fault()), ""});
    }
    if (conflicts_ > 0) {
      warnings_.push_back(
          {tr().Format("kiosk.staff_conflicts",
                       {std::to_string(conflicts_), last_conflict_name_}),
           ""});
    }
    if (overfull_ > 0) {
      warnings_.push_back(
          {tr().Format("kiosk.staff_overfull", {std::to_string(overfull_)}),
           ""});
    }
    if (const CameraScanner* camera = ctx_.camera()) {
      CameraStatus status = camera->status();
      char fps[16];
      std::snprintf(fps, sizeof fps, "%.0f", status.fps);
      std::string text =
          tr().Format("kiosk.camera_" + std::string(ToString(status.state)),
                      {camera->source_name(), fps});
      if (status.state == CameraState::kAbsent) {
        warnings_.push_back({text, ""});
      } else {
        device_lines_.push_back(text);
      }
    }
    PrintDesk* printer = ctx_.printer();
    if (!printer) return;
    QueueState state = printer->queue_state();
    bool healthy = state.health == PrintOutcome::kCompleted;
    std::string health =
        healthy ? tr().Format("kiosk.printer_ready", {printer->queue()})
                : tr().Format(
                      "print.outcome." + std::string(ToString(state.health)),
                      {printer->queue()});
    auto log = ctx_.store()->PrintLog(1);
    std::string last_line;
    if (log.ok() && !log->empty()) {
      const PrintRecord& last = log->front();
      auto who = ctx_.store()->GetAttendee(last.attendee_id);
      last_line = tr().Format(
          "kiosk.printer_last",
          {who.ok() ? who->FullName() : std::string("?"),
           tr().Format("print.outcome." + last.outcome, {last.printer})});
      auto outcome = ParsePrintOutcome(last.outcome);
      if (outcome && !Printed(*outcome) && *outcome != PrintOutcome::kSent) {
        failed_print_ = last;
      }
    }
    if (healthy && !failed_print_) {
      device_lines_.push_back(health);
      if (!last_line.empty()) device_lines_.push_back(last_line);
      return;
    }
    // The printer's trouble and the badge it did not print, beside
    // "print again".
    std::string text = healthy ? last_line : health;
    if (!healthy && failed_print_) text += " " + last_line;
    warnings_.push_back({text, failed_print_ ? "reprint" : ""});
  }
  void Reprint() {
    PrintDesk* printer = ctx_.printer();
    if (!failed_print_ || !printer || !ctx_.issuer()) return;
    auto who = ctx_.store()->GetAttendee(failed_print_->attendee_id);
    if (!who.ok()) return ctx_.ShowFault(who.status());
    // A ticket cancelled since the failed print gets no badge now.
    if (std::string_view refused = WhyNoBadge(*who); !refused.empty()) {
      message_ = who->FullName() + ": " + std::string(tr().Get(refused));
      return;
    }
    auto badge = ctx_.issuer()->BadgeFor(who->id, false, ctx_.Now());
    if (!badge.ok()) return ctx_.ShowFault(badge.status());
    auto sent = printer->PrintAsked(*who, *badge, ctx_.Now(), failed_print_);
    if (!sent.ok()) return ctx_.ShowFault(sent.status());
    message_ = tr().Format("kiosk.staff_reprinting", {who->FullName()});
    LookAround();
  }
  // Recounts what depends on the check-ins: the numbers and the guests
  // let in at two doors while offline.
  void Refresh() {
    refreshed_ = ctx_.Now();
    if (Store* store = ctx_.store()) {
      if (auto mark = store->ChangeMark(); mark.ok()) mark_ = *mark;
      auto stats = store->Stats();
      if (stats.ok()) stats_ = std::move(stats).value();
      if (auto conflicts = store->Conflicts(); conflicts.ok()) {
        conflicts_ = conflicts->size();
        if (!conflicts->empty()) {
          auto who = store->GetAttendee(conflicts->back().first.attendee_id);
          last_conflict_name_ = who.ok() ? who->FullName() : "?";
        }
      }
      if (auto overfull = store->OverfullTables(); overfull.ok()) {
        overfull_ = overfull->size();
      }
    }
    LookAround();
  }
  void Search() {
    matches_.clear();
    if (query_.size() < 2 || !ctx_.store()) return;
    auto found = ctx_.store()->SearchAttendees(query_, kMaxMatches);
    if (found.ok()) matches_ = std::move(found).value();
  }
  void Act(const Attendee& attendee) {
    if (mode_ == Mode::kReissue) {
      mode_ = Mode::kMenu;
      BadgeRequest reissue;
      reissue.reissue = true;
      ctx_.Push(MakeBadgeScreen(ctx_, attendee, reissue));
      return;
    }
    if (!ctx_.door()) {
      message_ = tr().Get("kiosk.staff_no_door");
      return;
    }
    auto outcome = ctx_.door()->CheckInByHand(attendee.id);
    mode_ = Mode::kMenu;
    if (!outcome.ok()) return ctx_.ShowFault(outcome.status());
    Refresh();
    ctx_.ShowVerdict(*outcome);
  }
  // Finds this kiosk's last admission and asks whether to take it back,
  // naming the guest and the time.
  void AskUndo() {
    if (!ctx_.store()) return;
    Store& store = *ctx_.store();
    auto last = store.LastAdmissionAt(ctx_.config().kiosk_id);
    if (!last.ok()) return ctx_.ShowFault(last.status());
    if (!last->has_value()) {
      message_ = tr().Get("kiosk.staff_nothing_to_undo");
      return;
    }
    auto who = store.GetAttendee((*last)->attendee_id);
    undo_ = **last;
    undo_name_ = who.ok() ? who->FullName() : std::string("?");
    question_ = tr().Format(
        "kiosk.staff_confirm_undo",
        {undo_name_,
         FormatLocal(undo_->at, EventZone(ctx_.event())).substr(11, 5)});
    mode_ = Mode::kConfirmUndo;
  }

  // Takes back the admission staff confirmed.
  void Undo() {
    mode_ = Mode::kMenu;
    if (!ctx_.store() || !undo_) return;
    Status undone =
        ctx_.store()->UndoCheckin(*undo_, ctx_.config().kiosk_id, ctx_.Now());
    undo_.reset();
    if (!undone.ok()) return ctx_.ShowFault(undone);
    message_ = tr().Format("kiosk.staff_undone", {undo_name_});
    Refresh();
  }

  Mode mode_ = Mode::kMenu;
  std::string question_;               // in a confirming mode
  std::optional<CheckinRecord> undo_;  // the admission Undo would take back
  std::string undo_name_;
  std::string query_;
  std::vector<Attendee> matches_;
  std::string message_;
  Statistics stats_;
  std::vector<std::string> device_lines_;
  // What staff must act on, and the action's button id ("" for none).
  struct Warning {
    std::string text;
    std::string action;
  };
  std::vector<Warning> warnings_;
  size_t conflicts_ = 0;  // guests let in at two doors while offline
  size_t overfull_ = 0;   // World Café tables fuller than their places
  std::string last_conflict_name_;
  std::optional<PrintRecord> failed_print_;
  Instant refreshed_{};
  std::pair<int64_t, int64_t> mark_{-1, -1};  // Store::ChangeMark at the count
};

}  // namespace

std::unique_ptr<Screen> MakePinScreen(KioskContext& ctx) {
  return std::make_unique<PinScreen>(ctx);
}

std::unique_ptr<Screen> MakeStaffScreen(KioskContext& ctx) {
  return std::make_unique<StaffScreen>(ctx);
}

}  // namespace entree::kiosk
