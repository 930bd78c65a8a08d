// A made-up guest list of any size, as an organiser's CSV export, for the
// benchmarks.
#pragma once

#include <string>

namespace entree::bench {

// `count` guests with Dutch-looking names (particles, diacritics), an
// organisation, sector, email and World Café table; ids G0, G1, ...
std::string MakeGuestCsv(int count);

}  // namespace entree::bench
