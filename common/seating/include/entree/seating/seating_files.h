// The World Café plan as files for the hosts: a CSV and a PDF with a page
// per table.
#pragma once

#include <string>

#include "entree/base/catalog.h"
#include "entree/base/status.h"
#include "entree/seating/seating_event.h"

namespace entree {

// CSV (UTF-8 with BOM, `;`-free RFC 4180 with `,`): one line per guest per
// round, with the round, table, theme, hosts, and the guest's name,
// organisation and sector; header words from `catalog`.
std::string SeatingCsv(const SeatingOverview& overview, const Catalog& catalog);
// An A4 PDF with a page per table: its theme and hosts, then the guests of
// each round. Fails with kIo when cairo cannot draw.
Result<std::string> SeatingPdf(const SeatingOverview& overview,
                               const Catalog& catalog);

}  // namespace entree
