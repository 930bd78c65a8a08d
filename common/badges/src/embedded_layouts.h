// The badge layout presets of assets/badges, built into the library.
#pragma once

#include <string_view>
#include <vector>

namespace entree {

struct EmbeddedLayout {
  std::string_view name;  // the file name without ".layout"
  std::string_view text;
};

// In the order of kBadgePresetOrder in common/CMakeLists.txt.
const std::vector<EmbeddedLayout>& EmbeddedLayouts();

}  // namespace entree
