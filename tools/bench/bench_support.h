// What the benchmarks share: a made-up guest list, percentiles.
#pragma once

#include <string>
#include <vector>

namespace entree::bench {

// `count` guests with Dutch-looking names (particles, diacritics), an
// organisation, sector, email and World Café table; ids G0, G1, ...
std::string MakeGuestCsv(int count);

// The p-th percentile (0..1) of `samples`, by nearest rank; 0 when empty.
double Percentile(std::vector<double> samples, double p);

}  // namespace entree::bench
