#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/json.h"
#include "schoolmod/connectors/types.h"

// Instagram media and comments from Graph JSON (platform-apis.md section 2.2).
namespace schoolmod::connectors::instagram {

inline constexpr std::string_view kCommentFields =
    "id,text,timestamp,username,from,hidden,parent_id";

struct Media {
  std::string id;
  TimePoint created;                  // `timestamp`
  std::string permalink;              // the post's link; comments have none of their own
  std::optional<int> comments_count;  // moves when comments are added or removed
};

// Who the account itself is: Graph does not say which id appears in `from` on the account's own
// comments (unconfirmed), so both the id and the username are compared.
struct Owner {
  std::string_view id;
  std::string_view username;  // may be empty until fetched
};

// nullopt when the media has no usable id or timestamp; `reason` says which.
std::optional<Media> ParseMedia(const graph::Json& j, std::string& reason);

// nullopt only when the comment has no usable id or timestamp. Without `from`/`username` (the
// token lacks instagram_business_manage_comments) the author is unknown and the comment kept.
// `parent` is used for replies listed under their comment without parent_id.
std::optional<Comment> ParseComment(const graph::Json& j, const Media& media, const Owner& owner,
                                    const std::optional<std::string>& parent, std::string& reason);

}  // namespace schoolmod::connectors::instagram
