// Internal: the catalogs of assets/i18n, compiled into the library.
#pragma once

#include <string_view>

#include "entree/base/catalog.h"

namespace entree {

// The raw text of the PO file of `language` in assets/i18n (entree.pot
// for English).
std::string_view EmbeddedCatalogText(Language language);

}  // namespace entree
