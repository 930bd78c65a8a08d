// Pieces every screen uses: verdict colours, language buttons, bands.
#include <cmath>

#include "entree/drawing/logo.h"
#include "screen.h"
#include "theme.h"

namespace entree::kiosk {

std::shared_ptr<const ArgbImage> LogoImage::At(std::string_view logo, int width,
                                               int height) {
  if (width != width_ || height != height_) {
    width_ = width;
    height_ = height;
    auto drawn = RenderLogo(logo, width, height);
    image_ = drawn.ok()
                 ? std::make_shared<const ArgbImage>(std::move(drawn).value())
                 : nullptr;
  }
  return image_;
}

void AddLanguageButtons(Scene& scene, const Layout& layout, Language current) {
  int u = layout.Unit();
  int size = layout.Control(9);
  int top = u * 2;
  int right = layout.width() - u * 2;
  // From the right: NL EN DE as read from the left.
  for (auto it = kLanguages.rbegin(); it != kLanguages.rend(); ++it) {
    Language language = *it;
    right -= size;
    bool active = language == current;
    std::string code(ToString(language));
    std::string label = code;
    for (char& c : label) c = static_cast<char>(c - 'a' + 'A');
    scene.buttons.push_back({{right, top, size, size},
                             "lang:" + code,
                             label,
                             active ? theme::kChosen : theme::kKey,
                             active ? theme::kInk : theme::kText,
                             size * 4 / 9});
    right -= u;
  }
}

void AddStaffButton(Scene& scene, const Layout& layout, const Catalog& tr) {
  int u = layout.Unit();
  int height = layout.Control(8);
  scene.buttons.push_back(
      {{u * 2, layout.height() - u * 2 - height, height * 11 / 4, height},
       "staff",
       std::string(tr.Get("kiosk.staff_button")),
       theme::kStaffKey,
       theme::kStaffText,
       height * 3 / 8});
}

Scene StaffScene(const Layout& layout, std::string_view title,
                 int title_width) {
  Scene scene;
  scene.background = theme::kBackground;
  int u = layout.Unit();
  // Clear of the language buttons' area.
  title_width =
      std::min(title_width, layout.width() - u * 6 - layout.LanguageArea());
  scene.texts.push_back({{u * 4, u * 2, title_width, layout.Control(7)},
                         std::string(title),
                         u * 4,
                         theme::kText,
                         Align::kLeft});
  return scene;
}

std::string WhenDoorsOpen(KioskContext& ctx) {
  if (!ctx.event().doors_open_at) return "";
  TimeZone zone = EventZone(ctx.event());
  std::string at = FormatLocal(*ctx.event().doors_open_at, zone);
  bool today = at.substr(0, 10) == FormatLocal(ctx.Now(), zone).substr(0, 10);
  return today ? at.substr(11, 5) : at.substr(0, 10) + " " + at.substr(11, 5);
}

void AddBottomButton(Scene& scene, const Layout& layout, Edge edge,
                     const std::string& id, std::string_view label,
                     uint32_t fill, int width_units) {
  int u = layout.Unit();
  int width = u * width_units;
  int x = u * 4;
  if (edge == Edge::kRight) x = layout.width() - u * 4 - width;
  if (edge == Edge::kMiddle) x = (layout.width() - width) / 2;
  int height = layout.Control(9);
  scene.buttons.push_back({{x, layout.BottomRowTop(), width, height},
                           id,
                           std::string(label),
                           fill,
                           theme::InkOn(fill),
                           height * 4 / 9});
}

int AddWarningBand(Scene& scene, const Layout& layout, const Rect& area,
                   const std::string& text, const std::string& action,
                   std::string_view label) {
  int u = layout.Unit();
  int size = u * 3;
  int icon = u * 4;
  int button_w =
      action.empty() ? 0 : std::max(area.w * 3 / 10, layout.Target());
  int text_x = area.x + u * 2 + icon + u * 2;
  int text_w =
      area.x + area.w - u * 2 - button_w - (button_w ? u * 2 : 0) - text_x;
  int text_h = size * 6 / 5 * layout.LinesOf(text, size, text_w);
  int height = std::max(layout.Target() + u * 2, text_h + u * 2);
  if (text_w <= 0 || height > area.h) return 0;
  scene.boxes.push_back(
      {{area.x, area.y, area.w, height}, theme::kFieldProblem});
  scene.icons.push_back(
      {{area.x + u * 2, area.y + (height - icon) / 2, icon, icon},
       Icon::kAttention,
       theme::kInk});
  scene.texts.push_back({{text_x, area.y + u, text_w, height - u * 2},
                         text,
                         size,
                         theme::kInk,
                         Align::kLeft});
  if (!action.empty()) {
    int button_h = std::min(height - u * 2, layout.Control(8));
    scene.buttons.push_back(
        {{area.x + area.w - u - button_w, area.y + (height - button_h) / 2,
          button_w, button_h},
         action,
         std::string(label),
         theme::kPanel,
         theme::kText,
         size});
  }
  return height;
}

void AddCameraView(Scene& scene, const Rect& box, const CameraScanner* camera,
                   const Catalog& tr) {
  if (camera == nullptr) return;
  // The picture above, what to do with it below.
  int says = box.h / 5;
  Rect view_box{box.x, box.y, box.w, box.h - says};
  scene.boxes.push_back({view_box, theme::kPanel});
  scene.texts.push_back({{box.x, box.y + box.h - says, box.w, says},
                         std::string(tr.Get("kiosk.camera_aim")),
                         says * 2 / 5,
                         theme::kText,
                         Align::kCenter,
                         Weight::kRegular});
  CameraView view = camera->view();
  bool live = view.preview && view.preview->width > 0;
  // The same fit as the renderer's: centred, proportions kept.
  double scale =
      live ? std::min(static_cast<double>(view_box.w) / view.preview->width,
                      static_cast<double>(view_box.h) / view.preview->height)
           : 1.0;
  int shown_w =
      live ? static_cast<int>(view.preview->width * scale) : view_box.w;
  int shown_h =
      live ? static_cast<int>(view.preview->height * scale) : view_box.h;
  int left = view_box.x + (view_box.w - shown_w) / 2;
  int top = view_box.y + (view_box.h - shown_h) / 2;
  // The aiming frame: the corners of a square in the middle of the
  // picture.
  int side = std::min(shown_w, shown_h) * 3 / 5;
  scene.icons.push_back(
      {{left + (shown_w - side) / 2, top + (shown_h - side) / 2, side, side},
       Icon::kAimFrame,
       theme::kAimFrame});
  if (!live) return;
  scene.image = ImageItem{view_box, view.preview};
  for (const FoundCode& code : view.codes) {
    OutlineItem outline;
    for (size_t i = 0; i < code.corners.size(); ++i) {
      outline.corners[i] = {left + static_cast<int>(code.corners[i].x * scale),
                            top + static_cast<int>(code.corners[i].y * scale)};
    }
    scene.outlines.push_back(outline);
  }
}

void AddPointer(Scene& scene, const Rect& row, Side side, std::string_view text,
                int unit) {
  Rect area = row;
  if (side == Side::kBelow) {
    // Centred, between two arrows pointing down.
    area.w = std::min(row.w, unit * 80);
    area.x = row.x + (row.w - area.w) / 2;
  }
  int side_px = std::min({area.h, area.w / 6, unit * 10});
  int arrow_y = area.y + (area.h - side_px) / 2;
  Rect first{area.x, arrow_y, side_px, side_px};
  Rect last{area.x + area.w - side_px, arrow_y, side_px, side_px};
  Rect words{area.x, area.y, area.w, area.h};
  switch (side) {
    case Side::kLeft:
      scene.icons.push_back({first, Icon::kArrowLeft, theme::kWarningText});
      words.x += side_px + unit;
      words.w -= side_px + unit;
      break;
    case Side::kRight:
      scene.icons.push_back({last, Icon::kArrowRight, theme::kWarningText});
      words.w -= side_px + unit;
      break;
    case Side::kBelow:
      scene.icons.push_back({first, Icon::kArrowDown, theme::kWarningText});
      scene.icons.push_back({last, Icon::kArrowDown, theme::kWarningText});
      words.x += side_px + unit;
      words.w -= 2 * (side_px + unit);
      break;
  }
  scene.texts.push_back({words, std::string(text),
                         std::min(area.h * 2 / 5, unit * 5),
                         theme::kWarningText,
                         side == Side::kLeft    ? Align::kLeft
                         : side == Side::kRight ? Align::kRight
                                                : Align::kCenter});
}

void AddSyncState(Scene& scene, const Layout& layout, const KioskContext& ctx,
                  const Catalog& tr) {
  const SyncWorker* sync = ctx.sync();
  if (sync == nullptr) return;
  int u = layout.Unit();
  bool online = sync->status().state == SyncState::kOnline;
  std::string waiting = std::to_string(ctx.sync_waiting());
  scene.texts.push_back(
      {{layout.width() - u * 44, layout.height() - u * 6, u * 42, u * 4},
       tr.Format(online ? "kiosk.sync_online" : "kiosk.sync_offline",
                 {waiting}),
       u * 2,
       online ? theme::kOnlineText : theme::kWarningText,
       Align::kLeft});
}

}  // namespace entree::kiosk
