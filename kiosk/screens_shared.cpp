// Pieces every screen uses: verdict colours, language buttons, keyboard.
#include <array>

#include "screen.h"
#include "theme.h"

namespace entree::kiosk {

void AddLanguageButtons(Scene& scene, const Layout& layout, Language current) {
  int u = layout.Unit();
  int size = u * 9;
  int top = u * 2;
  int right = layout.width() - u * 2;
  for (Language language : {Language::kEnglish, Language::kDutch}) {
    right -= size;
    bool active = language == current;
    scene.buttons.push_back({{right, top, size, size},
                             "lang:" + std::string(ToString(language)),
                             language == Language::kDutch ? "NL" : "EN",
                             active ? theme::kChosen : theme::kKey,
                             active ? theme::kInk : theme::kText,
                             u * 4});
    right -= u;
  }
}

void AddStaffButton(Scene& scene, const Layout& layout, const Catalog& tr) {
  int u = layout.Unit();
  scene.buttons.push_back({{u * 2, layout.height() - u * 10, u * 22, u * 8},
                           "staff",
                           std::string(tr.Get("kiosk.staff_button")),
                           theme::kStaffKey,
                           theme::kStaffText,
                           u * 3});
}

Scene StaffScene(const Layout& layout, std::string_view title,
                 int title_width) {
  Scene scene;
  scene.background = theme::kBackground;
  int u = layout.Unit();
  scene.texts.push_back({{u * 4, u * 2, title_width, u * 7},
                         std::string(title),
                         u * 4,
                         theme::kText,
                         Align::kLeft});
  return scene;
}

void AddBottomButton(Scene& scene, const Layout& layout, Edge edge,
                     const std::string& id, std::string_view label,
                     uint32_t fill, int width_units) {
  int u = layout.Unit();
  int width = u * width_units;
  int x = u * 4;
  if (edge == Edge::kRight) x = layout.width() - u * 4 - width;
  if (edge == Edge::kMiddle) x = (layout.width() - width) / 2;
  scene.buttons.push_back({{x, layout.height() - u * 11, width, u * 9},
                           id,
                           std::string(label),
                           fill,
                           theme::kText,
                           u * 4});
}

void AddKeyboard(Scene& scene, const Rect& area, bool with_digits) {
  std::vector<std::string_view> rows = {"qwertyuiop", "asdfghjkl'",
                                        "zxcvbnm-@."};
  if (with_digits) rows.insert(rows.begin(), "1234567890");
  int row_count = static_cast<int>(rows.size()) + 1;
  int key_h = area.h / row_count;
  int key_w = area.w / 10;
  int gap = std::max(2, std::min(key_w, key_h) / 12);
  int font = key_h * 45 / 100;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      std::string key(1, rows[r][c]);
      std::string label = key;
      if (label[0] >= 'a' && label[0] <= 'z') label[0] -= 'a' - 'A';
      scene.buttons.push_back({{area.x + static_cast<int>(c) * key_w + gap,
                                area.y + static_cast<int>(r) * key_h + gap,
                                key_w - 2 * gap, key_h - 2 * gap},
                               "key:" + key,
                               label,
                               theme::kKey,
                               theme::kText,
                               font});
    }
  }
  int last = area.y + static_cast<int>(rows.size()) * key_h;
  scene.buttons.push_back({{area.x + 2 * key_w + gap, last + gap,
                            6 * key_w - 2 * gap, key_h - 2 * gap},
                           "key:space",
                           "",
                           theme::kKey,
                           theme::kText,
                           font});
  scene.buttons.push_back({{area.x + 8 * key_w + gap, last + gap,
                            2 * key_w - 2 * gap, key_h - 2 * gap},
                           "key:back",
                           "\xE2\x8C\xAB",
                           theme::kDelete,
                           theme::kText,
                           font});
}

bool ApplyKeyboardButton(const std::string& id, std::string& text,
                         size_t max_length) {
  if (id.rfind("key:", 0) != 0) return false;
  std::string key = id.substr(4);
  if (key == "back") {
    // Remove one UTF-8 character.
    while (!text.empty()) {
      unsigned char last = static_cast<unsigned char>(text.back());
      text.pop_back();
      if ((last & 0xC0) != 0x80) break;
    }
  } else if (text.size() < max_length) {
    text += key == "space" ? " " : key;
  }
  return true;
}

void AddCameraView(Scene& scene, const Rect& box, const CameraScanner* camera) {
  if (camera == nullptr) return;
  CameraView view = camera->view();
  if (!view.preview || view.preview->width <= 0) return;
  scene.image = ImageItem{box, view.preview};
  // The same fit as the renderer's: centred, proportions kept.
  double scale = std::min(static_cast<double>(box.w) / view.preview->width,
                          static_cast<double>(box.h) / view.preview->height);
  int left =
      box.x + (box.w - static_cast<int>(view.preview->width * scale)) / 2;
  int top =
      box.y + (box.h - static_cast<int>(view.preview->height * scale)) / 2;
  for (const FoundCode& code : view.codes) {
    OutlineItem outline;
    for (size_t i = 0; i < code.corners.size(); ++i) {
      outline.corners[i] = {left + static_cast<int>(code.corners[i].x * scale),
                            top + static_cast<int>(code.corners[i].y * scale)};
    }
    scene.outlines.push_back(outline);
  }
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
