// The parts of a bulk write of attendees (BulkLoad): the settings around its
// transaction, and the indexes of an empty attendee list built after the
// rows instead of row by row.
#pragma once

#include <string>
#include <vector>

#include "entree/base/status.h"
#include "entree/store/database.h"

namespace entree {

// Whether the event has no attendees yet. Fails as a query does.
Result<bool> AttendeeListIsEmpty(Database& db);

// Settings for the length of one bulk write: made before its transaction
// begins, undone when this is destroyed, after the transaction has been
// committed or rolled back.
// - A larger page cache, so SQLite does not read back pages it has just
//   written.
// - No foreign-key lookups. The only foreign key an attendee row has is its
//   table, and ImportWriter makes each table before a row names it; a
//   lookup per row would cost a tenth of the write.
// - Into an empty attendee list, and only while no other connection has the
//   file open, a rollback journal instead of the write-ahead log. Nearly
//   every page is new then, and new pages go to the file once, where the
//   log would take them at the commit and copy them into the file at the
//   next checkpoint. A power cut halfway leaves a journal that rolls the
//   import back on the next open, as the log would. Afterwards the file is
//   in write-ahead-log mode again; should that fail (another process got
//   in), the next Database::Open puts it back.
class BulkSettings {
 public:
  BulkSettings(Database& db, bool into_empty_list);
  BulkSettings(const BulkSettings&) = delete;
  BulkSettings& operator=(const BulkSettings&) = delete;
  ~BulkSettings();

 private:
  Database& db_;
  bool left_log_ = false;
};

// The attendee table's secondary indexes, dropped inside an import's
// transaction and made again before it commits. Made from the finished
// table, an index is sorted once and written in full pages, which for an
// empty list costs far less than an entry per row. Should the import end
// without Rebuild(), rolling its transaction back brings the indexes back.
class DeferredIndexes {
 public:
  // Drops the indexes, keeping their definitions. Call inside the
  // transaction.
  static Result<DeferredIndexes> Drop(Database& db);

  // Makes the indexes again from the rows now in the table; a unique index
  // fails on a duplicate, and then the transaction must be rolled back.
  Status Rebuild();

 private:
  DeferredIndexes(Database& db, std::vector<std::string> definitions)
      : db_(&db), definitions_(std::move(definitions)) {}
  Database* db_;
  std::vector<std::string> definitions_;  // CREATE INDEX statements
};

}  // namespace entree
