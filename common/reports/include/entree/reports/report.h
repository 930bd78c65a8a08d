// The reports module: what an organiser takes away after the event.
//
// GatherReport reads headline numbers, the arrival curve, the breakdowns and
// the attendance list from one store at one moment; ReportPdf and
// WriteReportXlsx write them as a PDF and an Excel workbook, and
// ExportReportFiles writes the whole set into a folder. The arrival curve
// (arrival_curve.h) and its chart (arrival_chart.h, also drawn on the
// kiosk's dashboard) are their own headers.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "entree/base/catalog.h"
#include "entree/base/picture.h"
#include "entree/reports/arrival_curve.h"
#include "entree/store/store.h"

namespace entree {

// Everything a report shows, read from one store at one moment.
struct Report {
  Event event;
  Statistics stats;
  std::vector<AttendanceRow> rows;  // everyone, sorted like ListAttendees
  std::map<std::string, std::vector<std::string>> hosts;  // per table
  ArrivalCurve curve;
  Instant made_at{};

  // The hosts of `table`, "Marjolein de Gelder, Robin Burghard"; "" when
  // it has none.
  std::string HostNames(const std::string& table) const;
};

// When the report was made, on the event's clocks with the zone named:
// "2026-10-12 21:05 (Europe/Amsterdam)".
std::string MadeAt(const Report& report);

// Reads the report's contents. `interval` as for ArrivalCurveOf; the curve
// ends at the last arrival. Fails as the store does.
Result<Report> GatherReport(Store& store, Instant now,
                            std::chrono::minutes interval = {});

// The report as a PDF document (A4): a first page with the numbers, the
// arrival chart and the breakdowns, then the attendance list. Texts in the
// catalog's language, times local. Fails with kIo when cairo fails.
Result<std::string> ReportPdf(const Report& report, const Catalog& catalog);

// The report as an Excel workbook written atomically to `path`: sheets for
// the summary, the arrivals per interval, everyone, those not arrived, and
// one per table. Fails with kIo (error.cannot_write) and leaves `path`
// untouched when the workbook cannot be written.
Status WriteReportXlsx(const Report& report, const Catalog& catalog,
                       const std::string& path);

// The files an organiser takes away, written atomically into `directory`:
// the attendance list as CSV, the workbook and the PDF report, named after
// the event and the local time ("worldcafe-20261012-2130-..."). Returns
// their paths; on failure no partial file is left under a final name.
Result<std::vector<std::string>> ExportReportFiles(Store& store,
                                                   const Catalog& catalog,
                                                   const std::string& directory,
                                                   Instant now);

}  // namespace entree
