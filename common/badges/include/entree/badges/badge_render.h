// The badges module: what a badge shows and how it is drawn.
//
// A layout (badge_layout.h, presets compiled in) says where each field goes
// on the paper; MakeBadgeFace (badge_face.h) gathers what one guest's badge
// says; the renderers here draw it with cairo and pango as pixels for the
// kiosk's preview, PNG at the printer's resolution or a vector PDF; and
// WriteBadgeSheetPdf (badge_sheet.h) puts a whole list on A4 sheets with cut
// marks. The QR symbol comes from qr.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entree/badges/badge_face.h"
#include "entree/badges/badge_layout.h"
#include "entree/base/catalog.h"
#include "entree/base/model.h"
#include "entree/base/picture.h"
#include "entree/base/status.h"

namespace entree {

// Renders at `dpi` pixels per inch (the layout's own for print quality, less
// for a screen). Fails with kInvalidArgument when the code does not fit a
// QR symbol, kIo when cairo cannot draw.
Result<ArgbImage> RenderBadgeImage(const BadgeLayout& layout,
                                   const BadgeFace& face, double dpi);
// How many characters of the badge's texts no installed font has (drawn
// as boxes). Fails as RenderBadgeImage.
Result<int> CountUnknownGlyphs(const BadgeLayout& layout,
                               const BadgeFace& face);
// A PNG file's bytes at the layout's dpi. Fails as RenderBadgeImage.
Result<std::string> RenderBadgePng(const BadgeLayout& layout,
                                   const BadgeFace& face);
// A one-page vector PDF's bytes, the page the layout's size. Fails as
// RenderBadgeImage.
Result<std::string> RenderBadgePdf(const BadgeLayout& layout,
                                   const BadgeFace& face);

}  // namespace entree
