// A device's standing: its purges, its removal, and the one copy of its
// file that holds its login.
#include "sync_device_check.h"

#include <sys/stat.h>

#include <cstdint>
#include <fstream>

namespace entree {
namespace {

// This box and this file: the machine's id and the file's inode. A copy
// of the file, here or on another machine, is another instance.
std::string BoxInstance(const std::string& database) {
  std::string machine;
  std::ifstream id("/etc/machine-id");
  std::getline(id, machine);
  struct stat info {};
  uint64_t inode = ::stat(database.c_str(), &info) == 0
                       ? static_cast<uint64_t>(info.st_ino)
                       : 0;
  return machine.substr(0, 64) + ":" + std::to_string(inode);
}

}  // namespace

Status CheckDevice(PgServer& server, Store& store, const std::string& event,
                   Instant now) {
  ENTREE_ASSIGN_OR_RETURN(
      auto rows,
      server.Run("SELECT event_id, revoked, purged, purge_confirmed, "
                 "coalesce(purged_at, 0) FROM entree_device_state()"));
  if (PQntuples(rows.get()) != 1) {
    return Status::Localized(StatusCode::kKey, "error.device_revoked", {});
  }
  if (Text(rows.get(), 0, 0) != event) {
    return Status::Localized(StatusCode::kKey, "error.device_other_event", {});
  }
  bool purged = Text(rows.get(), 0, 2) == "t";
  std::string purge = Text(rows.get(), 0, 4);
  if (purged) {
    // Every copy of the file carries out each purge it has not, revoked
    // or not; the blanked rows are not sent back (the server was purged
    // first).
    ENTREE_ASSIGN_OR_RETURN(int64_t applied, store.ServerPurgeApplied());
    if (std::to_string(applied) != purge) {
      ENTREE_RETURN_IF_ERROR(
          store.PurgePersonalData(now, PurgeReach::kThisFileOnly).status());
      ENTREE_RETURN_IF_ERROR(
          store.NoteServerPurgeApplied(DecodeNumber(purge).value_or(0)));
    }
  }
  // A copy of this file on another box (or another copy here) shares the
  // login: the first to sync keeps it, the other must pair again.
  ENTREE_ASSIGN_OR_RETURN(auto claimed,
                          server.Run("SELECT entree_claim_instance($1)",
                                     {BoxInstance(store.path())}));
  bool ours = Text(claimed.get(), 0, 0) == "t";
  if (purged && ours && Text(rows.get(), 0, 3) != "t") {
    ENTREE_RETURN_IF_ERROR(
        server.Exec("SELECT entree_confirm_purge($1)", {purge}));
  }
  if (Text(rows.get(), 0, 1) == "t") {
    return Status::Localized(StatusCode::kKey, "error.device_revoked", {});
  }
  if (!ours) {
    ENTREE_RETURN_IF_ERROR(store.MarkRefusedCopy());
    return Status::Localized(StatusCode::kKey, "error.device_copied", {});
  }
  return Status::Ok();
}

}  // namespace entree
