// Badge layouts: page size, fields, fonts, colours and where the QR goes,
// read from the files in assets/badges (built into the library).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/model.h"
#include "entree/base/status.h"

namespace entree {

// A rectangle on the badge in millimetres from its top-left corner.
struct MmBox {
  double x = 0, y = 0, width = 0, height = 0;
};

// An sRGB colour, each channel 0..1.
struct Colour {
  double red = 0, green = 0, blue = 0;
};

enum class TextAlign { kLeft, kCenter, kRight };

// One line (or a few) of text in a box: the renderer takes the largest
// size from `max_points` down to `min_points` at which the text fits in
// `max_lines` lines, and ellipsizes what still does not fit at the
// smallest.
struct TextField {
  MmBox box;
  std::string font = "DejaVu Sans";  // a fontconfig family, may end in Bold
  double max_points = 12;
  double min_points = 6;
  int max_lines = 1;
  TextAlign align = TextAlign::kCenter;
  Colour colour;
  bool enabled = false;  // the layout places this field
};

struct BadgeLayout {
  std::string id;     // the preset's name, or the file's path
  std::string title;  // "A6 portrait, 105 x 148 mm"
  double width_mm = 0;
  double height_mm = 0;
  // The printer's resolution: the QR's modules are whole dots at it.
  int dpi = 300;
  // The CUPS media name, e.g. "iso_a6_105x148mm"; derived from the page
  // size when the file gives none.
  std::string media;
  MmBox band;  // the sector colour band; empty when width or height is 0
  // Where the organiser's logo goes; when empty, at the start of the
  // event's name, whose box then begins after it.
  MmBox logo;
  // Band colours by sector, indexed by Sector.
  std::array<Colour, 4> sector_colours{};
  TextField event;         // the event's name
  TextField name;          // the guest's full name: the largest text
  TextField organisation;  // their organisation
  TextField sector;        // the sector's word, so colour is not the only cue
  TextField table;         // "Table 2 · host Jan Jansen"
  // The square the QR is centred in. Its quiet zone of 4 modules lies
  // inside the square.
  MmBox qr;
};

// Reads a layout file: "key = value" lines and '#' comments. Lengths are in
// millimetres. Keys: title, page (W H), dpi, media, band (X Y W H), logo
// (X Y W H),
// colour.SECTOR (#rrggbb), qr (X Y SIZE), and for each of event, name,
// organisation, sector, table: FIELD (X Y W H), FIELD.font, FIELD.size
// (MAX MIN points), FIELD.lines, FIELD.align (left|center|right),
// FIELD.colour. Fails with kInvalidArgument naming the line for an unknown
// key, a bad number, or a box, QR or page that does not fit the page.
Result<BadgeLayout> ParseBadgeLayout(std::string_view text,
                                     std::string_view name);

// The names of the built-in presets ("a6", "4x3in", "cr80", "ql62",
// "54x90"), in that order.
std::vector<std::string> BadgeLayoutNames();

// The preset called `name_or_path`, or else the layout file at that path.
// Fails with kNotFound naming the presets when it is neither, and as
// ParseBadgeLayout for a bad file.
Result<BadgeLayout> LoadBadgeLayout(std::string_view name_or_path);

// The layout the CLI and the kiosk use when none is chosen.
inline constexpr std::string_view kDefaultBadgeLayout = "a6";

}  // namespace entree
