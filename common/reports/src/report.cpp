// Gathering a report's contents, and writing the files an organiser takes
// away.
#include "entree/reports/report.h"

#include <cstdio>
#include <filesystem>

#include "entree/base/atomic_file.h"
#include "entree/base/text.h"
#include "entree/base/time_zone.h"
#include "entree/people/export.h"

namespace entree {
namespace {

// "World Café IQ Blvd" -> "world-cafe-iq-blvd"; "event" when nothing is
// left.
std::string FileStem(std::string_view event_name) {
  std::string folded = FoldForSearch(event_name);
  std::string stem;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      stem += c;
    } else if (!stem.empty() && stem.back() != '-') {
      stem += '-';
    }
    if (stem.size() >= 40) break;
  }
  while (!stem.empty() && stem.back() == '-') stem.pop_back();
  return stem.empty() ? "event" : stem;
}

}  // namespace

std::string Report::HostNames(const std::string& table) const {
  std::string names;
  if (auto found = hosts.find(table); found != hosts.end()) {
    for (const std::string& host : found->second) {
      names += (names.empty() ? "" : ", ") + host;
    }
  }
  return names;
}

Result<Report> GatherReport(Store& store, Instant now,
                            std::chrono::minutes interval) {
  Report report;
  report.made_at = now;
  auto event = store.GetEvent();
  if (!event.ok()) return event.status();
  report.event = std::move(event).value();
  auto stats = store.Stats();
  if (!stats.ok()) return stats.status();
  report.stats = std::move(stats).value();
  auto rows = store.Attendance();
  if (!rows.ok()) return rows.status();
  report.rows = std::move(rows).value();
  ENTREE_ASSIGN_OR_RETURN(auto tables, store.ListTables());
  for (const SeatingTable& table : tables) {
    auto hosts = store.TableHosts(table.name);
    if (!hosts.ok()) return hosts.status();
    report.hosts[table.name] = std::move(hosts).value();
  }
  report.curve = ArrivalCurveOf(report.rows, interval, std::nullopt);
  report.curve.zone = EventZone(report.event);
  return report;
}

std::string MadeAt(const Report& report) {
  return ZonedHeading(
      FormatLocal(report.made_at, report.curve.zone).substr(0, 16),
      report.curve.zone);
}

Result<std::vector<std::string>> ExportReportFiles(Store& store,
                                                   const Catalog& catalog,
                                                   const std::string& directory,
                                                   Instant now) {
  ENTREE_ASSIGN_OR_RETURN(auto report, GatherReport(store, now));
  std::tm local = LocalCalendar(now, EventZone(report.event));
  char when[32];
  std::snprintf(when, sizeof when, "%04d%02d%02d-%02d%02d",
                local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                local.tm_hour, local.tm_min);
  std::string base = (std::filesystem::path(directory) /
                      (FileStem(report.event.name) + "-" + when + "-"))
                         .string();
  std::vector<std::string> written = {
      base + std::string(catalog.Get("report.file_attendance")) + ".csv",
      base + std::string(catalog.Get("report.file_workbook")) + ".xlsx",
      base + std::string(catalog.Get("report.file_report")) + ".pdf"};

  char delimiter = catalog.language() == Language::kDutch ? ';' : ',';
  Status status = WriteFileAtomically(
      written[0],
      AttendanceCsv(report.rows, report.curve.zone, catalog, delimiter));
  if (!status.ok()) return status;
  status = WriteReportXlsx(report, catalog, written[1]);
  if (!status.ok()) return status;
  auto pdf = ReportPdf(report, catalog);
  if (!pdf.ok()) return pdf.status();
  status = WriteFileAtomically(written[2], *pdf);
  if (!status.ok()) return status;
  return written;
}

}  // namespace entree
