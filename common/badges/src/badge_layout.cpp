// Reading badge layout files and finding the built-in presets.
#include "entree/badges/badge_layout.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "embedded_layouts.h"
#include "entree/base/held_file.h"
#include "entree/base/text.h"

namespace entree {
namespace {

// A line that is not understood, or (line 0) a part that is missing or
// does not fit the page.
Status LayoutError(std::string_view name, int line, std::string_view what) {
  if (line == 0) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.layout_part",
                             {std::string(name), std::string(what)});
  }
  return Status::Localized(
      StatusCode::kInvalidArgument, "error.layout_line",
      {std::string(name), std::to_string(line), std::string(what)});
}

// Splits `value` at spaces (and 'x', so "105 x 148" reads as two numbers)
// into exactly `count` non-negative numbers.
std::optional<std::vector<double>> Numbers(std::string_view value,
                                           size_t count) {
  std::vector<double> numbers;
  size_t at = 0;
  while (at < value.size()) {
    char c = value[at];
    if (c == ' ' || c == '\t' || c == 'x') {
      ++at;
      continue;
    }
    double number = 0;
    auto [end, error] =
        std::from_chars(value.data() + at, value.data() + value.size(), number);
    if (error != std::errc() || !std::isfinite(number) || number < 0) {
      return std::nullopt;
    }
    numbers.push_back(number);
    at = static_cast<size_t>(end - value.data());
  }
  if (numbers.size() != count) return std::nullopt;
  return numbers;
}

std::optional<Colour> ParseColour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  unsigned value = 0;
  auto [end, error] =
      std::from_chars(text.data() + 1, text.data() + 7, value, 16);
  if (error != std::errc() || end != text.data() + 7) return std::nullopt;
  return Colour{((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
                (value & 0xff) / 255.0};
}

bool InsidePage(const MmBox& box, const BadgeLayout& layout) {
  constexpr double kSlack = 1e-6;
  return box.x + box.width <= layout.width_mm + kSlack &&
         box.y + box.height <= layout.height_mm + kSlack;
}

TextField* FieldNamed(BadgeLayout& layout, std::string_view name) {
  if (name == "event") return &layout.event;
  if (name == "name") return &layout.name;
  if (name == "organisation") return &layout.organisation;
  if (name == "sector") return &layout.sector;
  if (name == "table") return &layout.table;
  return nullptr;
}

// Applies one "FIELD.property = value" line; false when it is not one.
bool ApplyFieldKey(TextField& field, std::string_view property,
                   std::string_view value) {
  if (property.empty()) {
    auto box = Numbers(value, 4);
    if (!box) return false;
    field.box = {(*box)[0], (*box)[1], (*box)[2], (*box)[3]};
    field.enabled = field.box.width > 0 && field.box.height > 0;
    return field.enabled;
  }
  if (property == "font") {
    field.font = value;
    return !value.empty();
  }
  if (property == "size") {
    auto sizes = Numbers(value, 2);
    if (!sizes || (*sizes)[1] <= 0 || (*sizes)[0] < (*sizes)[1]) return false;
    field.max_points = (*sizes)[0];
    field.min_points = (*sizes)[1];
    return true;
  }
  if (property == "lines") {
    auto lines = Numbers(value, 1);
    if (!lines || (*lines)[0] < 1 || (*lines)[0] > 4) return false;
    field.max_lines = static_cast<int>((*lines)[0]);
    return true;
  }
  if (property == "align") {
    if (value == "left") {
      field.align = TextAlign::kLeft;
    } else if (value == "center") {
      field.align = TextAlign::kCenter;
    } else if (value == "right") {
      field.align = TextAlign::kRight;
    } else {
      return false;
    }
    return true;
  }
  if (property == "colour") {
    auto colour = ParseColour(value);
    if (!colour) return false;
    field.colour = *colour;
    return true;
  }
  return false;
}

// Applies one line; false when the key is unknown or its value is bad.
bool ApplyKey(BadgeLayout& layout, std::string_view key,
              std::string_view value) {
  if (key == "title") {
    layout.title = value;
    return true;
  }
  if (key == "page") {
    auto size = Numbers(value, 2);
    if (!size || (*size)[0] <= 0 || (*size)[1] <= 0) return false;
    layout.width_mm = (*size)[0];
    layout.height_mm = (*size)[1];
    return true;
  }
  if (key == "dpi") {
    auto dpi = Numbers(value, 1);
    if (!dpi || (*dpi)[0] < 72 || (*dpi)[0] > 2400) return false;
    layout.dpi = static_cast<int>((*dpi)[0]);
    return true;
  }
  if (key == "media") {
    layout.media = value;
    return !value.empty();
  }
  if (key == "band" || key == "logo") {
    auto box = Numbers(value, 4);
    if (!box) return false;
    (key == "band" ? layout.band : layout.logo) = {(*box)[0], (*box)[1],
                                                   (*box)[2], (*box)[3]};
    return true;
  }
  if (key == "qr") {
    auto box = Numbers(value, 3);
    if (!box || (*box)[2] <= 0) return false;
    layout.qr = {(*box)[0], (*box)[1], (*box)[2], (*box)[2]};
    return true;
  }
  if (key.starts_with("colour.")) {
    auto sector = ParseSector(key.substr(7));
    auto colour = ParseColour(value);
    if (!sector || !colour) return false;
    layout.sector_colours[static_cast<size_t>(*sector)] = *colour;
    return true;
  }
  size_t dot = key.find('.');
  TextField* field = FieldNamed(layout, key.substr(0, dot));
  if (field == nullptr) return false;
  std::string_view property =
      dot == std::string_view::npos ? std::string_view() : key.substr(dot + 1);
  return ApplyFieldKey(*field, property, value);
}

std::string MediaForPage(double width_mm, double height_mm) {
  auto mm = [](double value) {
    std::ostringstream out;
    out << std::round(value * 100) / 100;
    return out.str();
  };
  return "custom_" + mm(width_mm) + "x" + mm(height_mm) + "mm_" + mm(width_mm) +
         "x" + mm(height_mm) + "mm";
}

}  // namespace

Result<BadgeLayout> ParseBadgeLayout(std::string_view text,
                                     std::string_view name) {
  BadgeLayout layout;
  layout.id = name;
  for (const KeyValueLine& kv : KeyValueLines(text)) {
    std::string_view value = kv.value;
    if (size_t hash = value.find(" #"); hash != std::string_view::npos) {
      value = Trim(value.substr(0, hash));
    }
    if (!kv.has_equals || !ApplyKey(layout, kv.key, value)) {
      return LayoutError(name, kv.line, kv.key);
    }
  }
  if (layout.width_mm <= 0) return LayoutError(name, 0, "page");
  if (layout.qr.width <= 0) return LayoutError(name, 0, "qr");
  if (!layout.name.enabled) return LayoutError(name, 0, "name");
  if (!InsidePage(layout.qr, layout)) return LayoutError(name, 0, "qr");
  if (!InsidePage(layout.band, layout)) return LayoutError(name, 0, "band");
  if (!InsidePage(layout.logo, layout)) return LayoutError(name, 0, "logo");
  for (const char* field_name :
       {"event", "name", "organisation", "sector", "table"}) {
    const TextField* field = FieldNamed(layout, field_name);
    if (field->enabled && !InsidePage(field->box, layout)) {
      return LayoutError(name, 0, field_name);
    }
  }
  if (layout.title.empty()) layout.title = layout.id;
  if (layout.media.empty()) {
    layout.media = MediaForPage(layout.width_mm, layout.height_mm);
  }
  return layout;
}

std::vector<std::string> BadgeLayoutNames() {
  std::vector<std::string> names;
  for (const EmbeddedLayout& preset : EmbeddedLayouts()) {
    names.emplace_back(preset.name);
  }
  return names;
}

Result<BadgeLayout> LoadBadgeLayout(std::string_view name_or_path) {
  for (const EmbeddedLayout& preset : EmbeddedLayouts()) {
    if (preset.name == name_or_path) {
      return ParseBadgeLayout(preset.text, preset.name);
    }
  }
  ENTREE_RETURN_IF_ERROR(RefuseHeldFileAsInput(std::string(name_or_path)));
  std::ifstream file{std::string(name_or_path), std::ios::binary};
  if (!file) {
    std::string presets;
    for (const std::string& name : BadgeLayoutNames()) {
      presets += (presets.empty() ? "" : ", ") + name;
    }
    return Status::Localized(StatusCode::kNotFound, "error.no_layout",
                             {std::string(name_or_path), presets});
  }
  std::ostringstream text;
  text << file.rdbuf();
  return ParseBadgeLayout(text.str(), name_or_path);
}

}  // namespace entree
