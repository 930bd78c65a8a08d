// Staff mode's export: the attendance files onto a USB stick (or the
// directory in the settings), written whole, and where they went.
#include <filesystem>
#include <future>

#include "entree/people/export_targets.h"
#include "entree/reports/report.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {
namespace {

constexpr std::chrono::seconds kLookForSticks{1};

class ExportScreen final : public Screen {
 public:
  explicit ExportScreen(KioskContext& ctx) : Screen(ctx) { LookForTargets(); }
  std::string Name() const override { return "export"; }
  bool IsStaffScreen() const override { return true; }

  Scene Compose(const Layout& layout) const override {
    int u = layout.Unit();
    int w = layout.width();
    Scene scene = StaffScene(layout, tr().Get("kiosk.export_title"), w);
    int y = layout.ContentTop();
    auto line = [&](const std::string& text, uint32_t colour, int size) {
      scene.texts.push_back({{u * 4, y, w - u * 8, size * 3 / 2},
                             text,
                             size,
                             colour,
                             Align::kLeft});
      y += size * 3 / 2;
    };
    if (writing_.valid()) {
      line(tr().Format("kiosk.export_writing", {chosen_}), theme::kText, u * 3);
    } else if (!outcome_.empty()) {
      for (const std::string& text : outcome_) {
        line(text, failed_ ? theme::kWarningText : theme::kText, u * 3);
      }
      y += u * 2;
    }
    if (!writing_.valid()) {
      if (targets_.empty()) {
        line(std::string(tr().Get("kiosk.export_none")), theme::kMutedText,
             u * 3);
      } else {
        line(std::string(tr().Get("kiosk.export_choose")), theme::kMutedText,
             u * 3);
        for (size_t i = 0; i < targets_.size() && i < 4; ++i) {
          int target_h = layout.Control(8);
          scene.buttons.push_back({{u * 4, y + u, w - u * 8, target_h},
                                   "target:" + std::to_string(i),
                                   targets_[i],
                                   theme::kPrimary,
                                   theme::kText,
                                   std::min(u * 3, target_h * 2 / 5)});
          y += target_h + u * 2;
        }
      }
    }
    AddBottomButton(scene, layout, Edge::kLeft, "back", tr().Get("kiosk.back"),
                    theme::kKey);
    AddLanguageButtons(scene, layout, ctx_.language());
    return scene;
  }

  void OnButton(const std::string& id) override {
    if (id == "back" && !writing_.valid()) return ctx_.Pop();
    if (id.rfind("target:", 0) != 0 || writing_.valid()) return;
    size_t index = std::stoul(id.substr(7));
    if (index >= targets_.size()) return;
    chosen_ = targets_[index];
    outcome_.clear();
    // The files are made from a connection of their own, away from the
    // screen's thread: a large event takes a second or two.
    writing_ =
        std::async(std::launch::async,
                   [database = ctx_.config().database, directory = chosen_,
                    catalog = &tr(),
                    now = ctx_.Now()]() -> Result<std::vector<std::string>> {
                     ENTREE_ASSIGN_OR_RETURN(auto store, Store::Open(database));
                     return ExportReportFiles(store, *catalog, directory, now);
                   });
  }

  void Step(Instant now) override {
    if (writing_.valid() && writing_.wait_for(std::chrono::seconds(0)) ==
                                std::future_status::ready) {
      Finish(writing_.get());
    }
    if (now - looked_ >= kLookForSticks) LookForTargets();
  }

 private:
  void LookForTargets() {
    looked_ = ctx_.Now();
    targets_ = ExportTargetsHere(ctx_.config().export_dir);
  }

  void Finish(const Result<std::vector<std::string>>& written) {
    outcome_.clear();
    failed_ = !written.ok();
    if (failed_) {
      outcome_.push_back(tr().Format(
          "kiosk.export_failed", {chosen_, tr().Describe(written.status())}));
      return;
    }
    outcome_.push_back(tr().Format("kiosk.export_done", {chosen_}));
    for (const std::string& path : *written) {
      outcome_.push_back(std::filesystem::path(path).filename().string());
    }
  }

  std::vector<std::string> targets_;
  std::string chosen_;
  std::future<Result<std::vector<std::string>>> writing_;
  std::vector<std::string> outcome_;  // lines saying where the files went
  bool failed_ = false;
  Instant looked_{};
};

}  // namespace

std::unique_ptr<Screen> MakeExportScreen(KioskContext& ctx) {
  return std::make_unique<ExportScreen>(ctx);
}

}  // namespace entree::kiosk
