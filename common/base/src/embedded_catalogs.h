// Internal: the catalogs of assets/i18n, compiled into the library.
#pragma once

#include <string_view>

#include "entree/base/catalog.h"

namespace entree {

// The raw text of assets/i18n/<language>.catalog.
std::string_view EmbeddedCatalogText(Language language);

}  // namespace entree
