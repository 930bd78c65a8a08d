// Status: the one piece that needs the catalogs, a message in English kept
// beside its catalog key so each screen can say it in its own language.
#include "entree/base/status.h"

#include "entree/base/catalog.h"

namespace entree {

Status Status::Localized(StatusCode code, std::string key,
                         std::vector<std::string> args) {
  Status status(code, Catalog::For(Language::kEnglish).Format(key, args));
  status.text_key_ = std::move(key);
  status.text_args_ = std::move(args);
  return status;
}

}  // namespace entree
