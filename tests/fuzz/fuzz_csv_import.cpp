// Fuzz target: the CSV importer, from bytes to rows in a real SQLite store.
// Whatever the file, the import reports every row it refused, and the
// database grows by exactly the attendees it says it imported.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "entree/base/uuid.h"
#include "entree/people/import.h"
#include "entree/store/store.h"
#include "support.h"

namespace {

int64_t AttendeeCount(entree::Store& store) {
  auto count = store.Number("SELECT count(*) FROM attendee");
  if (!count.ok()) std::abort();
  return *count;
}

entree::Store& FuzzStore() {
  static entree::Store store = [] {
    // In memory-backed /dev/shm and without syncs: this target is about the
    // importer's logic, and durability is tested elsewhere.
    std::string path =
        "/dev/shm/entree-fuzz-import-" + std::to_string(::getpid()) + ".db";
    ::unlink(path.c_str());
    auto opened = entree::Store::Open(path);
    if (!opened.ok()) std::abort();
    if (!entree::StoreInspector::Db(*opened)
             .Exec("PRAGMA synchronous = OFF")
             .ok())
      std::abort();
    entree::Event event;
    event.id = entree::NewEventId();
    event.name = "Fuzz";
    if (!opened->CreateEvent(event).ok()) std::abort();
    return std::move(opened).value();
  }();
  return store;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  entree::Store& store = FuzzStore();
  if (AttendeeCount(store) > 100) {
    (void)entree::StoreInspector::Db(store).Exec("DELETE FROM attendee");
  }
  int64_t before = AttendeeCount(store);
  entree::ImportOptions options;
  options.strict = size > 0 && data[0] % 5 == 0;
  std::string_view csv(reinterpret_cast<const char*>(data), size);
  auto report = entree::ImportAttendees(store, csv, options);
  int64_t after = AttendeeCount(store);
  if (!report.ok()) {
    if (after != before) std::abort();  // a refused file changes nothing
    return 0;
  }
  if (report->rejected != static_cast<int>(report->problems.size())) {
    std::abort();
  }
  int64_t grown = report->written ? report->imported : 0;
  if (after != before + grown) std::abort();
  return 0;
}
