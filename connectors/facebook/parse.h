#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/json.h"
#include "schoolmod/connectors/types.h"

// Facebook Page posts and comments from Graph JSON (platform-apis.md section 1.3).
namespace schoolmod::connectors::facebook {

// Asked for every comment: enough to normalise it, nothing the daemon does not use.
inline constexpr std::string_view kCommentFields =
    "id,message,created_time,from{id,name},parent{id},is_hidden,permalink_url";

struct Post {
  std::string id;  // "{page-id}_{post-id}"
  TimePoint created;
  std::optional<TimePoint> updated;  // moves when the post is commented on (unconfirmed)
  std::string permalink;
};

// nullopt when the post has no usable id or created_time; `reason` says which.
std::optional<Post> ParsePost(const graph::Json& j, std::string& reason);

// nullopt only when the comment has no usable id or created_time. Everything else Graph may
// withhold is optional: no `from` is an unknown author (the comment is kept), no `message` (a
// sticker or photo) is empty text. `own` when from.id is the Page itself.
std::optional<Comment> ParseComment(const graph::Json& j, const Post& post,
                                    std::string_view page_id, std::string& reason);

}  // namespace schoolmod::connectors::facebook
