// The organiser's report: headline numbers, the arrival curve, the
// breakdowns and the attendance list, as PDF, as an Excel workbook, and the
// arrival chart as pixels for the kiosk's screen.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "entree/catalog.h"
#include "entree/picture.h"
#include "entree/store.h"

namespace entree {

// First arrivals counted per interval of the clock.
struct ArrivalCurve {
  Instant start{};  // start of the first interval, on a whole interval
  std::chrono::minutes interval{5};
  std::vector<int> arrivals;  // guests who first entered in each interval
  int expected = 0;           // guests on the list

  // Guests arrived by the end of interval `i` (all of them past the end).
  int ArrivedBy(size_t i) const;
  Instant IntervalStart(size_t i) const { return start + interval * i; }
};

// The curve of the rows' first entries, from the interval of the first
// arrival to that of the last, or to `until` when that is later by at most
// twelve hours (a live chart runs to now). `interval` 0 picks 5 minutes when
// that span is three hours or less, else 15. No arrivals: an empty curve
// starting at `until` (or the epoch).
ArrivalCurve ArrivalCurveOf(const std::vector<AttendanceRow>& rows,
                            std::chrono::minutes interval,
                            std::optional<Instant> until);

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

// Colours of a chart, 0xRRGGBB.
struct ChartColours {
  uint32_t background = 0xFFFFFF;
  uint32_t ink = 0x1F2A44;  // axes, labels
  uint32_t grid = 0xD8DDE6;
  uint32_t bars = 0x2E6FD0;  // arrivals per interval
  uint32_t line = 0xE07B00;  // share of the expected guests arrived
};

// The arrival chart as pixels of `width` x `height` (at least 100 x 60;
// smaller sizes are raised to that). Fails with kIo when cairo fails.
Result<ArgbImage> RenderArrivalChart(const ArrivalCurve& curve,
                                     const Catalog& catalog, int width,
                                     int height, const ChartColours& colours);

// The files an organiser takes away, written atomically into `directory`:
// the attendance list as CSV, the workbook and the PDF report, named after
// the event and the local time ("worldcafe-20261012-2130-..."). Returns
// their paths; on failure no partial file is left under a final name.
Result<std::vector<std::string>> ExportReportFiles(Store& store,
                                                   const Catalog& catalog,
                                                   const std::string& directory,
                                                   Instant now);

}  // namespace entree
