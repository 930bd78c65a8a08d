// Guest screens at the door: attract, verdict, fault.
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

constexpr std::chrono::milliseconds kVerdictShownFor{3000};
// Longer for each World Café round to read (a new scan replaces it at once).
constexpr std::chrono::milliseconds kVerdictShownPerSeat{1500};
// How much longer a verdict waits for a walk-in's tables being found.
constexpr std::chrono::milliseconds kSeatsAwaitedFor{5000};

class AttractScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "attract"; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int h = layout.height();
    bool exit = ctx_.config().direction == Direction::kExit;
    if (exit) {
      // An exit door says so first, above the event's name, so nobody
      // mistakes it for the way in.
      scene.texts.push_back({layout.TitleBand(),
                             std::string(tr().Get("kiosk.exit_title")), u * 8});
    }
    // The organiser's logo top left, the event's name, and when and where.
    if (!ctx_.logo().empty()) {
      Rect box{u * 4, u * 2, u * 28, u * 10};
      if (auto image = logo_.At(ctx_.logo(), box.w, box.h)) {
        scene.logo = ImageItem{box, image};
      }
    }
    // On the organiser's colour, when there is one, in the ink that reads
    // best on it.
    uint32_t name_ink = theme::kText;
    if (std::optional<uint32_t> accent = ctx_.event().accent) {
      scene.boxes.push_back(
          {{0, h * 16 / 100, layout.width(), h * 19 / 100}, *accent});
      name_ink = theme::InkOn(*accent);
    }
    scene.texts.push_back({layout.Band(h * 17 / 100, h * 17 / 100),
                           ctx_.event().name, u * 9, name_ink});
    if (std::string when = WhenAndWhere(); !when.empty()) {
      scene.texts.push_back({layout.Band(h * 34 / 100, h * 7 / 100), when,
                             u * 4, theme::kMutedText, Align::kCenter,
                             Weight::kRegular});
    }
    // An exit door asks for badges on the way out; it registers no one.
    bool registers = ctx_.config().role != KioskRole::kDoor && !exit;
    const CameraScanner* camera = ctx_.camera();
    const char* invitation = exit        ? "kiosk.attract_exit"
                             : registers ? "kiosk.attract"
                                         : "kiosk.attract_door";
    scene.texts.push_back(
        {layout.Band(h * 42 / 100, (camera ? 13 : 19) * h / 100),
         std::string(tr().Get(invitation)),
         std::max(u * 6, layout.CapMm(Layout::kGuestLineCapMm))});
    if (camera) {
      int w = layout.width();
      AddCameraView(scene,
                    {w * 60 / 100, h * 56 / 100, w * 36 / 100, h * 36 / 100},
                    camera, tr());
    }
    std::optional<Side> registration = ctx_.config().registration_side;
    if (!registers && !exit && registration) {
      // A guest without a code is pointed to registration, where the
      // button would be.
      Rect row = layout.Band(h * 62 / 100, h * 12 / 100);
      if (camera) row.w = layout.width() * 56 / 100 - row.x;
      AddPointer(scene, row, *registration,
                 tr().Get("kiosk.registration_there"), u);
    }
    if (registers) {
      // An invited guest finds themselves; a guest not on the list goes
      // straight to the form, a tap sooner.
      Rect row = layout.Band(h * 62 / 100, h * 14 / 100);
      row.x += camera ? 0 : row.w / 8;
      row.w = camera ? row.w / 2 : row.w * 3 / 4;
      Rect find = row, walk_in = row;
      find.w = (row.w - u * 2) / 2;
      walk_in.x = find.x + find.w + u * 2;
      walk_in.w = row.x + row.w - walk_in.x;
      scene.buttons.push_back({find, "register",
                               std::string(tr().Get("kiosk.register_button")),
                               Primary(), theme::InkOn(Primary()), u * 5});
      scene.buttons.push_back(
          {walk_in, "walk_in", std::string(tr().Get("kiosk.not_on_list")),
           theme::kAlternative, theme::InkOn(theme::kAlternative), u * 5});
    }
    if (std::optional<Side> side = ctx_.config().scanner_side) {
      // "Scan your badge here", pointing at the scanner, in a row of its
      // own below the button and clear of the camera's view.
      int w = layout.width();
      int top = h * 78 / 100;
      int staff_top = h - u * 3 - layout.Control(8);  // the staff button's
      Rect row{u * 4, top, (camera ? w * 56 / 100 : w) - u * 8,
               std::min(h * 12 / 100, staff_top - top)};
      AddPointer(scene, row, *side, tr().Get("kiosk.scan_here"), u);
    }
    AddStaffButton(scene, layout, tr());
    AddLanguageButtons(scene, layout, ctx_.language());
    AddSyncState(scene, layout, ctx_, tr());
    return scene;
  }

  void OnButton(const std::string& id) override {
    bool registers = ctx_.config().role != KioskRole::kDoor &&
                     ctx_.config().direction != Direction::kExit;
    if (id == "register" && registers) {
      ctx_.Push(MakeFindInvitationScreen(ctx_));
    }
    if (id == "walk_in" && registers) ctx_.Push(MakeWalkInScreen(ctx_));
    if (id == "staff") ctx_.Push(MakePinScreen(ctx_));
  }

 private:
  // "Monday 12 October 2026 · 18:30 · IQ BLVD, Coevorden": when the event
  // starts (else when the doors open) and where, what is known of it.
  std::string WhenAndWhere() const {
    const Event& event = ctx_.event();
    std::vector<std::string> parts;
    std::optional<Instant> at =
        event.starts_at ? event.starts_at : event.doors_open_at;
    if (at) {
      std::tm day = LocalCalendar(*at, EventZone(event));
      parts.push_back(tr().Format(
          "kiosk.date",
          {tr().Get("kiosk.weekday." + std::to_string(day.tm_wday)),
           std::to_string(day.tm_mday),
           tr().Get("kiosk.month." + std::to_string(day.tm_mon + 1)),
           std::to_string(day.tm_year + 1900)}));
      parts.push_back(FormatLocal(*at, EventZone(event)).substr(11, 5));
    }
    if (!event.venue.empty()) parts.push_back(event.venue);
    std::string line;
    for (const std::string& part : parts) {
      line += (line.empty() ? "" : " \xC2\xB7 ") + part;
    }
    return line;
  }

  mutable LogoImage logo_;
};

Icon VerdictIcon(Verdict verdict) {
  switch (verdict) {
    case Verdict::kWelcome:
    case Verdict::kWelcomeBack:
    case Verdict::kGoodbye:
      return Icon::kCheck;
    case Verdict::kAlreadyInside:
      return Icon::kAttention;
    case Verdict::kNotOpen:
    case Verdict::kClosed:
      return Icon::kClock;
    case Verdict::kRevoked:
    case Verdict::kWrongEvent:
    case Verdict::kInvalid:
    case Verdict::kCancelled:
    case Verdict::kUnpaid:
      return Icon::kCross;
  }
  return Icon::kCross;
}

class VerdictScreen final : public Screen {
 public:
  VerdictScreen(KioskContext& ctx, ScanOutcome outcome)
      : Screen(ctx),
        outcome_(std::move(outcome)),
        until_(ctx.Now() + kVerdictShownFor +
               kVerdictShownPerSeat * static_cast<int>(outcome_.seats.size())) {
    if (outcome_.attendee && !outcome_.attendee->table.empty() &&
        ctx_.store()) {
      auto hosts = ctx_.store()->TableHosts(outcome_.attendee->table);
      if (hosts.ok() && !hosts->empty()) host_ = hosts->front();
    }
  }
  std::string Name() const override { return "verdict"; }
  bool ShowsScan() const override { return true; }

  Scene Compose(const Layout& layout) const override {
    Scene scene;
    scene.background = theme::VerdictColour(outcome_.verdict);
    int u = layout.Unit();
    int h = layout.height();
    std::string name =
        GreetingName(outcome_, tr().Get("verdict.unknown_guest"));
    TimeZone zone = EventZone(ctx_.event());
    std::string since =
        outcome_.first_entry
            ? FormatLocal(*outcome_.first_entry, zone).substr(11, 5)
            : std::string();
    std::string opens = WhenDoorsOpen(ctx_);
    std::string title = tr().Format(
        "verdict." + std::string(ToString(outcome_.verdict)),
        {name, outcome_.verdict == Verdict::kNotOpen ? opens : since});
    // Below the icon, each text as tall as its lines need: the guest's
    // name readable from 2 m, the lines after it at a guest line's size.
    bool named = outcome_.attendee && Admits(outcome_.verdict);
    named = named || outcome_.verdict == Verdict::kAlreadyInside;
    int line_size = std::max(u * 5, layout.CapMm(Layout::kGuestLineCapMm));
    int title_size =
        std::max(u * 8, named ? layout.CapMm(Layout::kNameCapMm) : line_size);
    std::vector<std::pair<std::string, int>> texts = {{title, title_size}};
    for (const std::string& line : SeatLines()) {
      texts.push_back({line, line_size});
    }
    // The title in narrow margins ("Willkommen," at a name's size just fits
    // a 10-inch panel in portrait), the lines below it in the usual ones.
    auto band = [&](size_t i, int top, int height) {
      return i == 0 ? Rect{u, top, layout.width() - u * 2, height}
                    : layout.Band(top, height);
    };
    int margin = u * 3;
    int most_room = h - margin * 3 - h * 8 / 100;  // below the smallest icon
    std::vector<int> heights;
    int text_h = 0;
    // Many rounds and a long name on a small screen: all a little smaller
    // until they fit.
    for (int step = 0; step < 8; ++step) {
      heights.clear();
      text_h = 0;
      for (size_t i = 0; i < texts.size(); ++i) {
        const auto& [text, size] = texts[i];
        heights.push_back(size * 6 / 5 *
                          layout.LinesOf(text, size, band(i, 0, 0).w));
        text_h += heights.back();
      }
      if (text_h <= most_room) break;
      for (auto& text : texts) text.second = text.second * 9 / 10;
    }
    int icon = std::clamp(h - text_h - margin * 3, h * 8 / 100, h * 26 / 100);
    scene.icons.push_back({{(layout.width() - icon) / 2, margin, icon, icon},
                           VerdictIcon(outcome_.verdict),
                           theme::kText});
    // All that is left below the icon is shared as the texts need it: a
    // text given more room than it needs stays at its size.
    int top = margin * 2 + icon;
    int room = h - margin - top;
    for (size_t i = 0; i < texts.size(); ++i) {
      int height = heights[i] * room / std::max(1, text_h);
      scene.texts.push_back(
          {band(i, top, height), texts[i].first, texts[i].second});
      top += height;
    }
    // Dark ink on the light amber, white on green and red.
    uint32_t ink = theme::VerdictInk(outcome_.verdict);
    for (TextItem& text : scene.texts) text.colour = ink;
    for (IconItem& shown : scene.icons) shown.colour = ink;
    // No language buttons: a verdict shows for three seconds in the
    // language chosen on the start screen, and no button colour stands out
    // 3:1 from all three verdict grounds.
    return scene;
  }

  // What a guest let in is told of where to sit: "Round 1: Smart Industry,
  // host Robin Burghard", a line per round; or their table.
  std::vector<std::string> SeatLines() const {
    std::vector<std::string> lines;
    for (const SeatLine& seat : outcome_.seats) {
      lines.push_back(SeatText(seat, tr()));
      if (seat.hosting) break;  // the same table every round
    }
    if (outcome_.seating_pending) {
      lines.push_back(std::string(tr().Get("kiosk.seat_finding")));
    }
    bool welcome = outcome_.verdict == Verdict::kWelcome ||
                   outcome_.verdict == Verdict::kWelcomeBack;
    if (lines.empty() && welcome && outcome_.attendee &&
        !outcome_.attendee->table.empty()) {
      lines.push_back(
          host_.empty()
              ? tr().Format("kiosk.your_table", {outcome_.attendee->table})
              : tr().Format("kiosk.your_table_host",
                            {outcome_.attendee->table, host_}));
    }
    return lines;
  }

  void Step(Instant now) override {
    // A walk-in whose tables are being found keeps the screen a little
    // longer, to read them.
    bool waiting = outcome_.seating_pending && now < until_ + kSeatsAwaitedFor;
    if (now >= until_ && !waiting && !closed_) {
      closed_ = true;
      ctx_.Pop();
    }
  }

  bool OnSeated(const WalkInSeater::Seated& seated) override {
    if (!outcome_.seating_pending || !outcome_.attendee ||
        outcome_.attendee->id != seated.attendee_id || closed_) {
      return false;
    }
    outcome_.seating_pending = false;
    outcome_.seats = seated.seats;
    until_ = std::max(until_,
                      ctx_.Now() + kVerdictShownPerSeat *
                                       static_cast<int>(outcome_.seats.size()));
    return true;
  }

 private:
  ScanOutcome outcome_;
  Instant until_;
  std::string host_;
  bool closed_ = false;
};

class FaultScreen final : public Screen {
 public:
  using Screen::Screen;
  std::string Name() const override { return "fault"; }
  Scene Compose(const Layout& layout) const override {
    Scene scene;
    int u = layout.Unit();
    int h = layout.height();
    scene.icons.push_back(
        {{(layout.width() - h / 5) / 2, h * 10 / 100, h / 5, h / 5},
         Icon::kAttention,
         theme::kText});
    scene.texts.push_back({layout.Band(h * 38 / 100, h * 16 / 100),
                           std::string(tr().Get("kiosk.fault_title")), u * 8});
    scene.texts.push_back({layout.Band(h * 56 / 100, h * 14 / 100),
                           std::string(tr().Get("kiosk.fault_text")), u * 5});
    AddStaffButton(scene, layout, tr());
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }
  void OnButton(const std::string& id) override {
    if (id == "staff") ctx_.Push(MakePinScreen(ctx_));
  }
};

}  // namespace

std::unique_ptr<Screen> MakeAttractScreen(KioskContext& ctx) {
  return std::make_unique<AttractScreen>(ctx);
}

std::unique_ptr<Screen> MakeVerdictScreen(KioskContext& ctx,
                                          const ScanOutcome& outcome) {
  return std::make_unique<VerdictScreen>(ctx, outcome);
}

std::unique_ptr<Screen> MakeFaultScreen(KioskContext& ctx) {
  return std::make_unique<FaultScreen>(ctx);
}

}  // namespace entree::kiosk
