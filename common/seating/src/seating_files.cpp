// The seating plan for the hosts: a CSV line per guest per round, and a PDF
// page per table.
#include "entree/seating/seating_files.h"

#include <map>
#include <string>
#include <vector>

#include "entree/base/csv.h"
#include "entree/base/uuid.h"
#include "entree/drawing/pdf_pages.h"

namespace entree {
namespace {

std::string SectorWord(const Catalog& tr, Sector sector) {
  return std::string(tr.Get("sector." + std::string(ToString(sector))));
}

// "Business 9 · Government 4 · Education 3" for one table in one round.
std::string SectorMix(const TableRound& cell, const Catalog& tr) {
  std::map<Sector, int> counts;
  for (const Attendee& guest : cell.guests) ++counts[guest.sector];
  std::string mix;
  for (const auto& [sector, count] : counts) {
    if (!mix.empty()) mix += " \xC2\xB7 ";
    mix += SectorWord(tr, sector) + " " + std::to_string(count);
  }
  return mix;
}

void TablePage(PdfWriter& pdf, const SeatingOverview& overview,
               const SeatingTable& table, const Catalog& tr) {
  pdf.Text(tr.Get("seating.title"), kMargin, kContentWidth, 10,
           Weight::kRegular, kMuted);
  pdf.Advance(14);
  pdf.Text(table.Title(), kMargin, kContentWidth, 20, Weight::kBold);
  pdf.Advance(28);
  std::vector<std::string> hosts;
  for (const TableRound& cell : overview.cells) {
    if (cell.table.name == table.name) hosts = cell.hosts;
  }
  std::string subtitle =
      hosts.empty() ? std::string(tr.Get("seating.no_host"))
                    : tr.Format("seating.hosted_by", {JoinHosts(hosts)});
  if (table.Title() != table.name) {
    subtitle =
        tr.Format("seating.table_name", {table.name}) + " \xC2\xB7 " + subtitle;
  }
  pdf.Text(subtitle, kMargin, kContentWidth, 10, Weight::kRegular, kMuted);
  pdf.Advance(24);

  std::vector<Column> columns = {{kMargin + 3, 170, Place::kLeft},
                                 {kMargin + 178, 210, Place::kLeft},
                                 {kMargin + 393, 115, Place::kLeft}};
  for (const TableRound& cell : overview.cells) {
    if (cell.table.name != table.name) continue;
    pdf.Need(60);
    pdf.Text(
        tr.Format("seating.round_guests", {std::to_string(cell.round),
                                           std::to_string(cell.guests.size())}),
        kMargin, kContentWidth, 12, Weight::kBold);
    pdf.Advance(17);
    pdf.Text(SectorMix(cell, tr), kMargin, kContentWidth, 8.5, Weight::kRegular,
             kMuted);
    pdf.Advance(13);
    pdf.Rule(kMargin, kContentWidth);
    pdf.Advance(2);
    for (size_t i = 0; i < cell.guests.size(); ++i) {
      pdf.Need(kListRowHeight);
      const Attendee& guest = cell.guests[i];
      if (i % 2 == 1) pdf.Shade(kListRowHeight);
      pdf.Advance(2);
      TableRow(
          pdf, columns,
          {guest.FullName(), guest.organisation, SectorWord(tr, guest.sector)},
          Weight::kRegular, 8);
      pdf.Advance(kListRowHeight - 2);
    }
    pdf.Advance(16);
  }
}

}  // namespace

std::string SeatingCsv(const SeatingOverview& overview,
                       const Catalog& catalog) {
  CsvWriter csv(',');
  std::vector<std::string> header;
  for (std::string_view key :
       {"seating.round", "export.table", "seating.theme", "report.hosts",
        "export.given_name", "export.family_name", "export.organisation",
        "export.sector", "export.id"}) {
    header.emplace_back(catalog.Get(key));
  }
  csv.Row(header);
  for (const TableRound& cell : overview.cells) {
    for (const Attendee& guest : cell.guests) {
      csv.Row({std::to_string(cell.round), cell.table.name, cell.table.theme,
               JoinHosts(cell.hosts), guest.given_name, guest.family_name,
               guest.organisation, SectorWord(catalog, guest.sector),
               ToString(guest.id)});
    }
  }
  return csv.Take();
}

Result<std::string> SeatingPdf(const SeatingOverview& overview,
                               const Catalog& catalog) {
  std::string title = std::string(catalog.Get("seating.title")) + " \xC2\xB7 " +
                      overview.event.name;
  return RenderA4Pdf(
      title,
      [&](cairo_t* cr) {
        PdfWriter pdf(cr, catalog, overview.event.name);
        for (size_t t = 0; t < overview.tables.size(); ++t) {
          if (t > 0) pdf.NewPage();
          TablePage(pdf, overview, overview.tables[t], catalog);
        }
        if (overview.tables.empty()) {
          pdf.Text(catalog.Get("seating.no_plan"), kMargin, kContentWidth, 12);
        }
        pdf.Finish();
      },
      "seating plan");
}

}  // namespace entree
