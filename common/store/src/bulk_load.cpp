// One bulk write of attendees: settings, transaction and deferred indexes
// made and undone in the right order.
#include "entree/store/bulk_load.h"

#include <utility>

#include "bulk_settings.h"
#include "entree/store/store.h"

namespace entree {

Result<BulkLoad> BulkLoad::Begin(Store& store) {
  Database& db = store.db_;
  auto empty = AttendeeListIsEmpty(db);
  if (!empty.ok()) return empty.status();
  BulkLoad load;
  load.settings_ = std::make_unique<BulkSettings>(db, *empty);
  auto transaction = Transaction::Begin(db);
  if (!transaction.ok()) return transaction.status();
  load.transaction_.emplace(std::move(transaction).value());
  if (*empty) {
    auto dropped = DeferredIndexes::Drop(db);
    if (!dropped.ok()) return dropped.status();
    load.indexes_ = std::make_unique<DeferredIndexes>(std::move(*dropped));
  }
  return load;
}

BulkLoad::BulkLoad(BulkLoad&&) noexcept = default;
BulkLoad::~BulkLoad() = default;

Status BulkLoad::Commit() {
  if (indexes_) ENTREE_RETURN_IF_ERROR(indexes_->Rebuild());
  return transaction_->Commit();
}

}  // namespace entree
