// Tests of badge layout files and the built-in presets.
#include <catch2/catch.hpp>

#include "entree/badges/badge_layout.h"
#include "support.h"

using namespace entree;

namespace {

constexpr const char* kMinimalLayout =
    "page = 80 x 50\n"
    "name = 5 5 70 20\n"
    "qr = 50 25 24\n";

bool Inside(const MmBox& box, const BadgeLayout& layout) {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width_mm &&
         box.y + box.height <= layout.height_mm;
}

}  // namespace

TEST_CASE("the five presets load and keep everything on the page",
          "[badge_layout]") {
  std::vector<std::string> names = BadgeLayoutNames();
  REQUIRE(names ==
          std::vector<std::string>{"a6", "4x3in", "cr80", "ql62", "54x90"});
  for (const std::string& name : names) {
    INFO(name);
    auto layout = LoadBadgeLayout(name);
    REQUIRE(layout.ok());
    CHECK(layout->id == name);
    CHECK(layout->dpi == 300);
    CHECK_FALSE(layout->media.empty());
    CHECK(layout->name.enabled);
    CHECK(layout->name.max_lines == 2);
    CHECK(Inside(layout->qr, *layout));
    CHECK(Inside(layout->name.box, *layout));
    CHECK(Inside(layout->band, *layout));
    // Sector colours differ, so the band tells sectors apart at a glance.
    CHECK(layout->sector_colours[0].blue != layout->sector_colours[1].blue);
  }
  CHECK(LoadBadgeLayout("a6")->width_mm == 105);
  CHECK(LoadBadgeLayout("a6")->height_mm == 148);
  CHECK(LoadBadgeLayout("cr80")->width_mm == Approx(85.6));
  CHECK(LoadBadgeLayout("4x3in")->width_mm == Approx(101.6));
  CHECK(LoadBadgeLayout("ql62")->width_mm == 62);
  CHECK(LoadBadgeLayout("54x90")->height_mm == 90);
  CHECK(LoadBadgeLayout("a6")->media == "iso_a6_105x148mm");
}

TEST_CASE("a layout file is read with its fields and defaults",
          "[badge_layout]") {
  auto layout = ParseBadgeLayout(std::string(kMinimalLayout) +
                                     "name.font = DejaVu Serif Bold\n"
                                     "name.size = 30 12   # points\n"
                                     "name.lines = 3\n"
                                     "name.align = left\n"
                                     "name.colour = #102030\n"
                                     "colour.education = #00ff00\n",
                                 "mine");
  REQUIRE(layout.ok());
  CHECK(layout->title == "mine");
  CHECK(layout->media == "custom_80x50mm_80x50mm");
  CHECK(layout->name.font == "DejaVu Serif Bold");
  CHECK(layout->name.max_points == 30);
  CHECK(layout->name.min_points == 12);
  CHECK(layout->name.max_lines == 3);
  CHECK(layout->name.align == TextAlign::kLeft);
  CHECK(layout->name.colour.blue == Approx(0x30 / 255.0));
  CHECK(layout->sector_colours[static_cast<size_t>(Sector::kEducation)].green ==
        1.0);
  CHECK(layout->qr.width == 24);
  CHECK_FALSE(layout->organisation.enabled);
}

TEST_CASE("a layout file with a mistake is refused, naming the line",
          "[badge_layout]") {
  struct Case {
    std::string text;
    std::string line;  // "" when the message names a part, not a line
  };
  for (const Case& c : std::vector<Case>{
           {std::string(kMinimalLayout) + "shadow = 2\n", "4"},
           {std::string(kMinimalLayout) + "name.size = 10 20\n", "4"},
           {std::string(kMinimalLayout) + "name.colour = red\n", "4"},
           {std::string(kMinimalLayout) + "dpi = 12\n", "4"},
           {std::string(kMinimalLayout) + "name.align = justified\n", "4"},
           {"page = 80 x fifty\n", "1"},
           {"page = 80 x 50\nname = 5 5 70 20\n", ""},                 // no QR
           {"page = 80 x 50\nqr = 60 30 24\nname = 5 5 70 20\n", ""},  // off
           {"page = 80 x 50\nqr = 5 5 20\n", ""},  // no name
       }) {
    INFO(c.text);
    auto layout = ParseBadgeLayout(c.text, "broken.layout");
    REQUIRE_FALSE(layout.ok());
    CHECK(layout.status().code() == StatusCode::kInvalidArgument);
    if (c.line.empty()) {
      CHECK(layout.status().text_key() == "error.layout_part");
    } else {
      CHECK(layout.status().text_key() == "error.layout_line");
      CHECK(layout.status().text_args()[1] == c.line);
    }
  }
}

TEST_CASE("a layout is loaded from a file, and an unknown name is refused",
          "[badge_layout]") {
  testing::TempDir dir;
  testing::WriteFile(dir.File("door.layout"), kMinimalLayout);
  auto layout = LoadBadgeLayout(dir.File("door.layout"));
  REQUIRE(layout.ok());
  CHECK(layout->width_mm == 80);

  auto missing = LoadBadgeLayout("a4-poster");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().text_args()[1] == "a6, 4x3in, cr80, ql62, 54x90");
}
