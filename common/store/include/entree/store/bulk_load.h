// Writing many attendees at once, as an import does: one transaction with
// the settings and deferred indexes that make a large write cheap.
#pragma once

#include <memory>
#include <optional>

#include "entree/base/status.h"
#include "entree/store/database.h"

namespace entree {

class BulkSettings;
class DeferredIndexes;
class Store;

// One bulk write of attendees. Begin takes the write lock (BEGIN
// IMMEDIATE). Into an empty attendee list it also switches to a rollback
// journal and drops the attendee table's secondary indexes, which Commit
// builds again from the finished table before committing. Destroyed
// without a successful Commit, everything is rolled back, the indexes
// included, and the settings are put back.
class BulkLoad {
 public:
  static Result<BulkLoad> Begin(Store& store);
  BulkLoad(BulkLoad&&) noexcept;
  BulkLoad& operator=(BulkLoad&&) = delete;
  ~BulkLoad();

  // Rebuilds any dropped index, then commits. A unique index that fails on
  // a duplicate fails the commit (kDatabase) and nothing is written.
  Status Commit();

 private:
  BulkLoad() = default;
  // Declared in the order they are made; destroyed the other way round:
  // the indexes, then the transaction, then the settings.
  std::unique_ptr<BulkSettings> settings_;
  std::optional<Transaction> transaction_;
  std::unique_ptr<DeferredIndexes> indexes_;
};

}  // namespace entree
