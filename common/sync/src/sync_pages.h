// A pull's pages: how much of one table a pull reads at once, by rows and
// by bytes, so that no row a login wrote makes a pull slow or large.
// Internal to libentree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "entree/base/status.h"
#include "sync_connection.h"

namespace entree {

// A pull takes each table in pages: at most kPullRows rows and kPullBytes
// bytes of rows (the first row always) after the cursor, and a row of more
// than kMaxPulledRowBytes is not fetched at all but set aside by its
// change number. So no row, however a login wrote it, makes a pull slow or
// large; a pull that was cut is followed by the next page at once.
inline constexpr int kPullRows = 2000;
inline constexpr int64_t kPullBytes = 4 << 20;
inline constexpr int64_t kMaxPulledRowBytes = 16 << 10;

// One table as a pull reads it: the record's columns (seq first) as the
// login may read them.
struct PulledTable {
  const char* kind;
  std::string columns;
  const char* table;
};

// The rows of one table's page: which to fetch, which are too large, and
// the last change number the page reaches when it was cut (rows or bytes).
struct Page {
  std::vector<std::string> fetch;  // change numbers
  std::vector<int64_t> too_large;
  std::optional<int64_t> cut_at;
  int64_t last = 0;
};

// The page of `t` after the change number `after` in `event`: the rows to
// fetch, those too large to, and where the page was cut.
Result<Page> PageOf(PgServer& server, const PulledTable& t,
                    const std::string& event, const std::string& after);

}  // namespace entree
