// The settings and deferred indexes of a bulk write (see bulk_load.h).
#include "bulk_settings.h"

#include <utility>

namespace entree {
namespace {

// Sets the journal mode and returns the one in force afterwards: the old
// one when SQLite could not change it.
Result<std::string> SetJournalMode(Database& db, std::string_view mode) {
  ENTREE_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("PRAGMA journal_mode = " + std::string(mode)));
  auto row = stmt.Step();
  if (!row.ok()) return row.status();
  return *row ? stmt.ColumnText(0) : std::string();
}

}  // namespace

Result<bool> AttendeeListIsEmpty(Database& db) {
  ENTREE_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT NOT EXISTS (SELECT 1 FROM attendee)"));
  auto row = stmt.Step();
  if (!row.ok()) return row.status();
  return *row && stmt.ColumnInt(0) == 1;
}

BulkSettings::BulkSettings(Database& db, bool into_empty_list) : db_(db) {
  // Both only make the write faster: should either fail, it is slower,
  // never wrong.
  db_.Exec("PRAGMA cache_size = -131072").ok();  // 128 MiB at most
  db_.Exec("PRAGMA foreign_keys = OFF").ok();
  if (into_empty_list) {
    // Leaving the log needs the file to ourselves: with another connection
    // open SQLite refuses at once (busy), and the import keeps the log.
    auto mode = SetJournalMode(db_, "DELETE");
    left_log_ = mode.ok() && *mode == "delete";
  }
}

BulkSettings::~BulkSettings() {
  // Should the log not come back now, the next Database::Open puts it back.
  if (left_log_) SetJournalMode(db_, "WAL").ok();
  // Should the lookups not come back on, no write may begin without them
  // (Database::RequireForeignKeys).
  if (!db_.Exec("PRAGMA foreign_keys = ON").ok()) db_.RequireForeignKeys();
  db_.Exec("PRAGMA cache_size = -2000").ok();
}

Result<DeferredIndexes> DeferredIndexes::Drop(Database& db) {
  auto stmt = db.Prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
      "tbl_name = 'attendee' AND sql IS NOT NULL ORDER BY name");
  if (!stmt.ok()) return stmt.status();
  auto indexes = CollectRows<std::pair<std::string, std::string>>(
      *stmt,
      [](Statement& s) { return std::pair(s.ColumnText(0), s.ColumnText(1)); });
  if (!indexes.ok()) return indexes.status();
  std::vector<std::string> definitions;
  for (auto& [name, sql] : *indexes) {
    ENTREE_RETURN_IF_ERROR(db.Exec("DROP INDEX \"" + name + "\""));
    definitions.push_back(std::move(sql));
  }
  return DeferredIndexes(db, std::move(definitions));
}

Status DeferredIndexes::Rebuild() {
  for (const std::string& definition : definitions_) {
    ENTREE_RETURN_IF_ERROR(db_->Exec(definition));
  }
  definitions_.clear();
  return Status::Ok();
}

}  // namespace entree
