#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/json.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::graph {

// Graph pages look like {"data":[...], "paging":{"cursors":{"before","after"}, "next":URL}}:
// `next` is absent on the last page and `paging` is absent when `data` is empty.
//
// The `after` cursor for the page that follows `page`, or nullopt on the last page. `next`
// itself is never followed: it points at the real host and embeds an access token, so the
// caller repeats its own request with after=<cursor> against the configured base. When `next`
// is there but cursors.after is not, the `after` parameter of `next` is used; a page that says
// there is more but gives no usable cursor is kTransient.
Result<std::optional<std::string>> NextCursor(const Json& page, std::string_view account_id,
                                              std::string_view what);

// Caps pages per edge in one poll, so a server that keeps handing out cursors cannot keep a poll
// running for ever. 100 pages of 100 comments is more than any school post gets.
inline constexpr int kMaxPagesPerEdge = 100;

}  // namespace schoolmod::connectors::graph
