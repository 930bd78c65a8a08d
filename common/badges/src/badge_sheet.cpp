// A4 sheets of badges with cut marks, for printing a whole guest list.
#include "entree/badges/badge_sheet.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numbers>

#include "badge_draw.h"
#include "entree/base/atomic_file.h"

namespace entree {
namespace {

constexpr double kA4Width = 210;
constexpr double kA4Height = 297;
constexpr double kPageMargin = 10;  // most office printers cannot print closer
constexpr double kGap = 6;          // between badges, where the marks go
constexpr double kMarkLength = 4;
constexpr double kMarkOffset = 1;  // marks stop short of the badge

int FitCount(double room, double size) {
  return static_cast<int>(std::floor((room + kGap) / (size + kGap)));
}

// Draws the eight cut marks around a badge of `width` x `height` at the
// origin.
void DrawCutMarks(cairo_t* cr, double width, double height) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.15);
  for (double x : {0.0, width}) {
    for (double y : {0.0, height}) {
      double out_x = x == 0 ? -1 : 1;
      double out_y = y == 0 ? -1 : 1;
      cairo_move_to(cr, x + out_x * kMarkOffset, y);
      cairo_line_to(cr, x + out_x * (kMarkOffset + kMarkLength), y);
      cairo_move_to(cr, x, y + out_y * kMarkOffset);
      cairo_line_to(cr, x, y + out_y * (kMarkOffset + kMarkLength));
    }
  }
  cairo_stroke(cr);
  cairo_restore(cr);
}

cairo_status_t WriteToStream(void* closure, const unsigned char* data,
                             unsigned int length) {
  auto* out = static_cast<std::ofstream*>(closure);
  out->write(reinterpret_cast<const char*>(data), length);
  return *out ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

}  // namespace

SheetPlan PlanSheet(const BadgeLayout& layout) {
  double room_width = kA4Width - 2 * kPageMargin;
  double room_height = kA4Height - 2 * kPageMargin;
  SheetPlan upright{FitCount(room_width, layout.width_mm),
                    FitCount(room_height, layout.height_mm), false};
  SheetPlan turned{FitCount(room_width, layout.height_mm),
                   FitCount(room_height, layout.width_mm), true};
  SheetPlan plan = turned.per_page() > upright.per_page() ? turned : upright;
  plan.cell_width_mm = plan.rotated ? layout.height_mm : layout.width_mm;
  plan.cell_height_mm = plan.rotated ? layout.width_mm : layout.height_mm;
  plan.gap_mm = kGap;
  // Centred, on whole printer dots so the QR modules stay whole dots.
  double dots_per_mm = layout.dpi / kMmPerInch;
  auto on_dot = [&](double mm) {
    return std::round(mm * dots_per_mm) / dots_per_mm;
  };
  double gap_dots = kGap * dots_per_mm;
  plan.gap_mm = std::round(gap_dots) / dots_per_mm;
  double used_width =
      plan.columns * (plan.cell_width_mm + plan.gap_mm) - plan.gap_mm;
  double used_height =
      plan.rows * (plan.cell_height_mm + plan.gap_mm) - plan.gap_mm;
  plan.left_mm = on_dot((kA4Width - used_width) / 2);
  plan.top_mm = on_dot((kA4Height - used_height) / 2);
  return plan;
}

Status WriteBadgeSheetPdf(const BadgeLayout& layout,
                          const std::vector<BadgeFace>& faces,
                          const std::string& path) {
  SheetPlan plan = PlanSheet(layout);
  if (plan.per_page() < 1) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.layout_too_big_for_a4", {layout.id});
  }
  if (faces.empty()) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.no_badges",
                             {});
  }
  std::vector<QrSymbol> symbols;
  symbols.reserve(faces.size());
  for (const BadgeFace& face : faces) {
    Result<QrSymbol> qr = EncodeQr(face.code);
    if (!qr.ok()) return qr.status();
    symbols.push_back(std::move(*qr));
  }

  ENTREE_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  std::ofstream out(file.temp_path(), std::ios::binary | std::ios::trunc);
  if (!out) {
    return Status::Localized(StatusCode::kIo, "error.cannot_write",
                             {path, std::strerror(errno)});
  }
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      WriteToStream, &out, kA4Width * kPointsPerMm, kA4Height * kPointsPerMm);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Entree");
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kPointsPerMm, kPointsPerMm);

  double dots_per_mm = layout.dpi / kMmPerInch;
  for (size_t i = 0; i < faces.size(); ++i) {
    int slot = static_cast<int>(i % static_cast<size_t>(plan.per_page()));
    if (slot == 0 && i > 0) cairo_show_page(cr);
    MmBox cell = plan.Slot(slot);
    cairo_save(cr);
    cairo_translate(cr, cell.x, cell.y);
    DrawCutMarks(cr, cell.width, cell.height);
    if (plan.rotated) {
      cairo_translate(cr, cell.width, 0);
      cairo_rotate(cr, std::numbers::pi / 2);
    }
    DrawBadge(cr, layout, faces[i], symbols[i], dots_per_mm);
    cairo_restore(cr);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  Status status = CairoStatus(cairo_surface_status(surface), "badge sheet");
  cairo_surface_destroy(surface);
  out.close();
  if (status.ok() && !out) {
    status = Status::Localized(StatusCode::kIo, "error.cannot_write",
                               {path, std::strerror(errno)});
  }
  return status.ok() ? file.Commit() : status;
}

}  // namespace entree
