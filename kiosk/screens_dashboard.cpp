// Staff mode's live numbers: arrived of expected in total, per sector and
// per table, the arrival chart, and who has not arrived yet.
#include <algorithm>
#include <future>

#include "entree/base/time_zone.h"
#include "entree/reports/arrival_chart.h"
#include "entree/reports/report.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

constexpr std::chrono::seconds kRefresh{2};

// `text` cut with an ellipsis to about `width` pixels at `size` (DejaVu
// Sans averages under 0.6 em a character), so a line never wraps.
std::string FitLine(const std::string& text, int width, int size) {
  size_t fits = static_cast<size_t>(width / std::max(1.0, size * 0.6));
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++characters == fits) return text.substr(0, i) + "\xE2\x80\xA6";
  }
  return text;
}

// What the screen shows, counted from the database.
struct Numbers {
  Statistics stats;
  std::map<std::string, std::vector<std::string>> hosts;
  ArrivalCurve curve;                // runs on to `now`
  std::vector<std::string> missing;  // who has not arrived, a line each
};

// Counts on a connection of its own, so it may run away from the screen's
// thread: a large event takes tens of milliseconds.
Result<Numbers> Count(const std::string& database, Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto store, Store::Open(database));
  auto report = GatherReport(store, now);
  if (!report.ok()) return report.status();
  Numbers numbers;
  numbers.stats = std::move(report->stats);
  numbers.hosts = std::move(report->hosts);
  numbers.curve = ArrivalCurveOf(report->rows, std::chrono::minutes(0), now);
  numbers.curve.zone = EventZone(report->event);
  for (const AttendanceRow& row : report->rows) {
    if (row.first_entry) continue;
    std::string line = row.attendee.FullName();
    if (!row.attendee.table.empty()) line += " \xC2\xB7 " + row.attendee.table;
    numbers.missing.push_back(std::move(line));
  }
  return numbers;
}

class DashboardScreen final : public Screen {
 public:
  explicit DashboardScreen(KioskContext& ctx) : Screen(ctx) {
    if (!ctx_.store()) return;
    StartCount();
    Take(counting_.get());
  }
  std::string Name() const override { return "dashboard"; }
  bool IsStaffScreen() const override { return true; }

  Scene Compose(const Layout& layout) const override {
    int u = layout.Unit();
    int w = layout.width();
    int h = layout.height();
    bool portrait = layout.Portrait();
    Scene scene = StaffScene(layout, tr().Get("kiosk.dashboard_title"), w / 2);
    int top = layout.ContentTop();
    Rect numbers = portrait ? Rect{u * 4, top, w - u * 8, h * 40 / 100}
                            : Rect{u * 4, top, w * 46 / 100, h - top - u * 13};
    Rect chart =
        portrait
            ? Rect{u * 4, numbers.y + numbers.h + u, w - u * 8, h * 22 / 100}
            : Rect{w / 2 + u * 2, top, w / 2 - u * 6, h * 38 / 100};
    Rect missing = portrait ? Rect{u * 4, chart.y + chart.h + u * 2, w - u * 8,
                                   h - (chart.y + chart.h + u * 2) - u * 13}
                            : Rect{chart.x, chart.y + chart.h + u * 2, chart.w,
                                   h - (chart.y + chart.h + u * 2) - u * 13};
    AddNumbers(scene, numbers, u);
    scene.image = ImageItem{chart, Chart(chart)};
    AddMissing(scene, missing, u);
    AddBottomButton(scene, layout, Edge::kLeft, "back", tr().Get("kiosk.back"),
                    theme::kKey);
    AddBottomButton(scene, layout, Edge::kRight, "export",
                    tr().Get("kiosk.dashboard_export"), theme::kPrimary, 30);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "back") {
      ctx_.Pop();
    } else if (id == "export") {
      ctx_.Push(MakeExportScreen(ctx_));
    } else if (id == "missing:next" && (page_ + 1) * per_page_ < Missing()) {
      ++page_;
    } else if (id == "missing:previous" && page_ > 0) {
      --page_;
    }
  }
  void Step(Instant now) override {
    if (counting_.valid() && counting_.wait_for(std::chrono::seconds(0)) ==
                                 std::future_status::ready) {
      Take(counting_.get());
    }
    if (now - looked_ < kRefresh || counting_.valid() || !ctx_.store()) return;
    looked_ = now;
    // Recount only when something changed.
    auto mark = ctx_.store()->ChangeMark();
    if (mark.ok() && *mark != mark_) StartCount();
  }

 private:
  int Missing() const { return static_cast<int>(numbers_.missing.size()); }

  // One line of text and a bar of `part` in `whole` under it.
  void AddBar(Scene& scene, const Rect& row, const std::string& label, int part,
              int whole) const {
    int text_h = row.h * 55 / 100;
    int size = std::max(10, text_h * 3 / 4);
    scene.texts.push_back({{row.x, row.y, row.w * 75 / 100, text_h},
                           FitLine(label, row.w * 75 / 100, size),
                           size,
                           theme::kText,
                           Align::kLeft});
    scene.texts.push_back(
        {{row.x + row.w * 75 / 100, row.y, row.w * 25 / 100, text_h},
         std::to_string(part) + " / " + std::to_string(whole),
         std::max(10, text_h * 3 / 4),
         theme::kMutedText});
    int bar_y = row.y + text_h;
    int bar_h = std::max(2, row.h * 25 / 100);
    scene.boxes.push_back({{row.x, bar_y, row.w, bar_h}, theme::kBarTrack});
    if (whole > 0 && part > 0) {
      scene.boxes.push_back(
          {{row.x, bar_y, std::max(1, row.w * part / whole), bar_h},
           theme::kBarFill});
    }
  }

  void AddNumbers(Scene& scene, const Rect& area, int u) const {
    const Statistics& s = numbers_.stats;
    // Up to two lines: the total matters most.
    scene.texts.push_back(
        {{area.x, area.y, area.w, u * 8},
         tr().Format(
             "kiosk.dashboard_total",
             {std::to_string(s.total.arrived), std::to_string(s.total.expected),
              std::to_string(s.total.inside), std::to_string(s.walk_ins)}),
         u * 3,
         theme::kText,
         Align::kLeft});
    std::vector<std::pair<std::string, Tally>> rows;
    for (const auto& [sector, tally] : s.by_sector) {
      rows.emplace_back(std::string(tr().Get("sector." + sector)), tally);
    }
    for (const auto& [table, tally] : s.by_table) {
      if (table.empty()) continue;
      std::string label = table;
      if (auto hosts = numbers_.hosts.find(table);
          hosts != numbers_.hosts.end() && !hosts->second.empty()) {
        label += " \xC2\xB7 " + hosts->second.front();
      }
      rows.emplace_back(label, tally);
    }
    int top = area.y + u * 10;
    int row_h = std::clamp((area.y + area.h - top) /
                               std::max<int>(1, static_cast<int>(rows.size())),
                           u * 4, u * 7);
    int fits = (area.y + area.h - top) / row_h;
    for (int i = 0; i < static_cast<int>(rows.size()) && i < fits; ++i) {
      AddBar(scene, {area.x, top + i * row_h, area.w, row_h - u}, rows[i].first,
             rows[i].second.arrived, rows[i].second.expected);
    }
    if (fits < static_cast<int>(rows.size())) {
      scene.texts.push_back({{area.x, area.y + area.h, area.w, u * 3},
                             tr().Format("kiosk.dashboard_more",
                                         {std::to_string(rows.size() - fits)}),
                             u * 2,
                             theme::kMutedText,
                             Align::kLeft});
    }
  }

  void AddMissing(Scene& scene, const Rect& area, int u) const {
    scene.texts.push_back(
        {{area.x, area.y, area.w - u * 20, u * 5},
         tr().Format("kiosk.dashboard_missing", {std::to_string(Missing())}),
         u * 3,
         theme::kText,
         Align::kLeft});
    int line_h = u * 3 + u / 2;
    per_page_ = std::max(1, (area.h - u * 6) / line_h);
    int pages = std::max(1, (Missing() + per_page_ - 1) / per_page_);
    if (pages > 1) {
      scene.buttons.push_back({{area.x + area.w - u * 19, area.y, u * 9, u * 5},
                               "missing:previous",
                               "\xE2\x97\x80",
                               theme::kKey,
                               theme::kText,
                               u * 3});
      scene.buttons.push_back({{area.x + area.w - u * 9, area.y, u * 9, u * 5},
                               "missing:next",
                               "\xE2\x96\xB6",
                               theme::kKey,
                               theme::kText,
                               u * 3});
    }
    int first = std::min(page_, pages - 1) * per_page_;
    for (int i = 0; i < per_page_ && first + i < Missing(); ++i) {
      scene.texts.push_back(
          {{area.x, area.y + u * 6 + i * line_h, area.w, line_h},
           FitLine(numbers_.missing[first + i], area.w, u * 2),
           u * 2,
           theme::kMutedText,
           Align::kLeft});
    }
    if (pages > 1) {
      scene.texts.push_back(
          {{area.x, area.y + area.h - u * 1, area.w, u * 3},
           tr().Format("kiosk.dashboard_page",
                       {std::to_string(std::min(page_, pages - 1) + 1),
                        std::to_string(pages)}),
           u * 2,
           theme::kMutedText});
    }
  }

  // The chart drawn to fill `box`, redrawn when the numbers or the box
  // change.
  std::shared_ptr<const ArgbImage> Chart(const Rect& box) const {
    if (chart_ && chart_box_.w == box.w && chart_box_.h == box.h) {
      return chart_;
    }
    ChartColours colours;
    colours.background = theme::kPanel;
    colours.ink = theme::kChartInk;
    colours.grid = theme::kChartGrid;
    colours.bars = theme::kChartBars;
    colours.line = theme::kChartLine;
    auto image =
        RenderArrivalChart(numbers_.curve, tr(), box.w, box.h, colours);
    chart_box_ = box;
    chart_ = image.ok()
                 ? std::make_shared<const ArgbImage>(std::move(image).value())
                 : nullptr;
    return chart_;
  }

  // Counts in the background; the change mark is taken first, so a change
  // during the count brings another.
  void StartCount() {
    looked_ = ctx_.Now();
    if (auto mark = ctx_.store()->ChangeMark(); mark.ok()) mark_ = *mark;
    counting_ = std::async(std::launch::async, Count, ctx_.config().database,
                           ctx_.Now());
  }
  void Take(Result<Numbers> counted) {
    if (!counted.ok()) return ctx_.ShowFault(counted.status());
    numbers_ = std::move(counted).value();
    chart_.reset();
  }

  Numbers numbers_;
  std::future<Result<Numbers>> counting_;
  int page_ = 0;
  mutable int per_page_ = 1;
  Instant looked_{};
  std::pair<int64_t, int64_t> mark_{-1, -1};  // Store::ChangeMark counted
  mutable std::shared_ptr<const ArgbImage> chart_;
  mutable Rect chart_box_;
};

}  // namespace

std::unique_ptr<Screen> MakeDashboardScreen(KioskContext& ctx) {
  return std::make_unique<DashboardScreen>(ctx);
}

}  // namespace entree::kiosk
