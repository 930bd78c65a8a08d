// A pull's pages, read by sizes before any row is fetched.
#include "sync_pages.h"

namespace entree {

Result<Page> PageOf(PgServer& server, const PulledTable& t,
                    const std::string& event, const std::string& after) {
  std::string sql = "SELECT r.seq, octet_length(r::text) FROM (SELECT " +
                    t.columns + " FROM " + t.table +
                    " WHERE event_id = $1 AND seq > $2 ORDER BY seq LIMIT " +
                    std::to_string(kPullRows) + ") r ORDER BY r.seq";
  ENTREE_ASSIGN_OR_RETURN(auto rows, server.Run(sql.c_str(), {event, after}));
  Page page;
  int64_t bytes = 0;
  int count = PQntuples(rows.get());
  for (int i = 0; i < count; ++i) {
    int64_t seq = Number(rows.get(), i, 0);
    int64_t size = Number(rows.get(), i, 1);
    if (size > kMaxPulledRowBytes) {
      page.too_large.push_back(seq);
    } else {
      if (!page.fetch.empty() && bytes + size > kPullBytes) {
        page.cut_at = page.last;
        return page;
      }
      bytes += size;
      page.fetch.push_back(std::to_string(seq));
    }
    page.last = seq;
  }
  if (count == kPullRows) page.cut_at = page.last;
  return page;
}

}  // namespace entree
