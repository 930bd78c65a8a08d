// Removing personal data after the event while the counts stay.
#include "entree/store/store.h"

namespace entree {

Result<int> Store::PurgePersonalData(Instant now, PurgeReach reach) {
  // Freed and overwritten content is zeroed, not left in free space.
  ENTREE_RETURN_IF_ERROR(db_.Exec("PRAGMA secure_delete = ON"));
  int cleared = 0;
  {
    ENTREE_ASSIGN_OR_RETURN(auto transaction, Transaction::Begin(db_));
    if (reach == PurgeReach::kThisFileOnly)
      ENTREE_RETURN_IF_ERROR(BeginApplying());
    auto stmt = Cached(
        "UPDATE attendee SET external_id = '', given_name = '', "
        "family_name = '', organisation = '', email = '', search_key = '', "
        "sort_key = '', shop_code = '', updated_at = ?1 "
        "WHERE external_id <> '' OR given_name <> '' OR family_name <> '' "
        "OR organisation <> '' OR email <> '' OR shop_code <> ''");
    if (!stmt.ok()) return stmt.status();
    (*stmt)->Bind(1, ToMillis(now));
    ENTREE_RETURN_IF_ERROR((*stmt)->Run());
    cleared = db_.Changes();
    // The invitations' send log keeps its states, not where they went or
    // the server's words about the address.
    ENTREE_RETURN_IF_ERROR(
        db_.Exec("UPDATE invitation SET address = '', detail = '' "
                 "WHERE address <> '' OR detail <> ''"));
    if (reach == PurgeReach::kThisFileOnly)
      ENTREE_RETURN_IF_ERROR(EndApplying());
    ENTREE_RETURN_IF_ERROR(transaction.Commit());
  }
  // VACUUM rewrites every page, so no old copy of a row survives in the
  // file; the checkpoint moves it from the write-ahead log into the file and
  // empties the log, which held the rows' earlier versions.
  ENTREE_RETURN_IF_ERROR(db_.Exec("VACUUM"));
  ENTREE_ASSIGN_OR_RETURN(auto checkpoint,
                          db_.Prepare("PRAGMA wal_checkpoint(TRUNCATE)"));
  auto row = checkpoint.Step();
  if (!row.ok()) return row.status();
  if (*row && checkpoint.ColumnInt(0) != 0) {
    return Status::Localized(StatusCode::kDatabase, "error.purge_busy", {});
  }
  return cleared;
}

}  // namespace entree
