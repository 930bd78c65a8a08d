// The drawing module: cairo and pango pieces shared by badges, reports and
// the seating plan.
//
// - pdf_pages.h (here): A4 pages of flowing text for the organiser's PDFs
//   (report, seating plan): lines, rules, shading, numbered footers.
// - pango_text.h: shaping text with pango on a cairo context.
// - png_writer.h: pixels to a PNG file.
// - cairo_util.h: cairo's status as a Status, surfaces into strings.
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "entree/base/catalog.h"
#include "entree/base/status.h"
#include "entree/drawing/pango_text.h"

namespace entree {

// A4 in points, and the margins.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 42.0;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kFooterTop = kPageHeight - kMargin + 12;
constexpr double kListRowHeight = 12.5;
constexpr uint32_t kInk = 0x1F2A44;
constexpr uint32_t kMuted = 0x667085;
constexpr uint32_t kRule = 0xD0D5DD;
constexpr uint32_t kShade = 0xF2F4F7;

enum class Weight { kRegular, kBold };
enum class Place { kLeft, kRight };

// Pages of text flowing down, each with a footer ("page N" from the
// catalog's report.page).
class PdfWriter {
 public:
  PdfWriter(cairo_t* cr, const Catalog& catalog, std::string footer);

  cairo_t* cr() { return cr_; }
  double y() const { return y_; }
  void Advance(double by) { y_ += by; }

  // One line of text in the column from `x`, `width` wide, at `size`
  // points, cut with an ellipsis when longer.
  void Text(std::string_view text, double x, double width, double size,
            Weight weight = Weight::kRegular, uint32_t colour = kInk,
            Place place = Place::kLeft);
  // Starts a new page unless `height` more points fit on this one.
  void Need(double height);
  void NewPage();
  // Draws the last page's footer.
  void Finish();
  void Rule(double x, double width, uint32_t colour = kRule);
  void Shade(double height);

 private:
  void Footer();

  cairo_t* cr_;
  const Catalog& catalog_;
  std::string footer_;
  ContextPtr context_;
  LayoutPtr layout_;
  FontPtr regular_;
  FontPtr bold_;
  double y_ = 0;
  int page_ = 1;
};

// A column of a table on the page.
struct Column {
  double x;
  double width;
  Place place;
};
// One row of `cells` in `columns` on the current line.
void TableRow(PdfWriter& pdf, const std::vector<Column>& columns,
              const std::vector<std::string>& cells, Weight weight,
              double size);

// An A4 PDF document's bytes: `draw` fills the pages of a PDF surface whose
// title metadata is `title`. Fails with kIo when cairo cannot draw (`what`
// names the document in the message).
Result<std::string> RenderA4Pdf(const std::string& title,
                                const std::function<void(cairo_t*)>& draw,
                                std::string_view what);

}  // namespace entree
