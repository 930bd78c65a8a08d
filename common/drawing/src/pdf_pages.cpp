// A4 pages of text: the writer the organiser's PDFs share.
#include "entree/drawing/pdf_pages.h"

#include <cairo-pdf.h>

#include "entree/drawing/cairo_util.h"

namespace entree {

PdfWriter::PdfWriter(cairo_t* cr, const Catalog& catalog, std::string footer)
    : cr_(cr),
      catalog_(catalog),
      footer_(std::move(footer)),
      context_(MakeTextContext(cr, 72.0)),
      layout_(pango_layout_new(context_.get())),
      regular_(pango_font_description_from_string("Sans")),
      bold_(pango_font_description_from_string("Sans Bold")) {
  pango_layout_set_ellipsize(layout_.get(), PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode(layout_.get(), TRUE);
  y_ = kMargin;
}

void PdfWriter::Text(std::string_view text, double x, double width, double size,
                     Weight weight, uint32_t colour, Place place) {
  if (text.empty()) return;
  PangoFontDescription* font =
      weight == Weight::kBold ? bold_.get() : regular_.get();
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_layout_set_font_description(layout_.get(), font);
  pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout_.get(), place == Place::kRight
                                                ? PANGO_ALIGN_RIGHT
                                                : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout_.get(), text.data(),
                        static_cast<int>(text.size()));
  SetSourceColour(cr_, colour);
  cairo_move_to(cr_, x, y_);
  pango_cairo_show_layout(cr_, layout_.get());
}

void PdfWriter::Need(double height) {
  if (y_ + height > kFooterTop - 16) NewPage();
}

void PdfWriter::NewPage() {
  Footer();
  cairo_show_page(cr_);
  ++page_;
  y_ = kMargin;
}

void PdfWriter::Finish() { Footer(); }

void PdfWriter::Rule(double x, double width, uint32_t colour) {
  SetSourceColour(cr_, colour);
  cairo_set_line_width(cr_, 0.6);
  cairo_move_to(cr_, x, y_);
  cairo_line_to(cr_, x + width, y_);
  cairo_stroke(cr_);
}

void PdfWriter::Shade(double height) {
  SetSourceColour(cr_, kShade);
  cairo_rectangle(cr_, kMargin, y_, kContentWidth, height);
  cairo_fill(cr_);
}

void PdfWriter::Footer() {
  double keep = y_;
  y_ = kFooterTop;
  Text(footer_, kMargin, kContentWidth * 0.7, 7.5, Weight::kRegular, kMuted);
  Text(catalog_.Format("report.page", {std::to_string(page_)}), kMargin,
       kContentWidth, 7.5, Weight::kRegular, kMuted, Place::kRight);
  y_ = keep;
}

void TableRow(PdfWriter& pdf, const std::vector<Column>& columns,
              const std::vector<std::string>& cells, Weight weight,
              double size) {
  for (size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
    pdf.Text(cells[i], columns[i].x, columns[i].width, size, weight, kInk,
             columns[i].place);
  }
}

Result<std::string> RenderA4Pdf(const std::string& title,
                                const std::function<void(cairo_t*)>& draw,
                                std::string_view what) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      AppendToCairoString, &bytes, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Entree");
  cairo_t* cr = cairo_create(surface);
  draw(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  Status status = CairoStatus(cairo_surface_status(surface), what);
  cairo_surface_destroy(surface);
  if (!status.ok()) return status;
  return bytes;
}

}  // namespace entree
