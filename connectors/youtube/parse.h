#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "schoolmod/connectors/types.h"

// YouTube Data API resources (CommentThread, Comment, list responses) to our Comment. Everything
// the API sends is untrusted: types, sizes and ids are checked; a bad item is skipped with a
// reason that never quotes comment text.
namespace schoolmod::connectors::youtube {

using Json = nlohmann::json;

struct ParsedComment {
  Comment comment;
  TimePoint activity;  // publishedAt, or updatedAt when later (an edit)
};

struct ParsedThread {
  std::string id;  // the thread's id, which is also its top-level comment's id
  ParsedComment top;
  std::vector<ParsedComment> replies;  // the ones embedded in the thread: not necessarily all
  int total_reply_count = 0;
  int skipped_replies = 0;  // embedded replies too malformed to use
  TimePoint activity;       // the newest activity among `top` and `replies`
};

// A list response's items and continuation. nullopt with `reason` when the page is unusable
// (no items array, a next page token that is not a string).
struct Page {
  const Json* items = nullptr;
  std::optional<std::string> next_page_token;  // absent or empty on the last page
};
std::optional<Page> ReadPage(const Json& body, std::string& reason);

// A comment resource. `fallback_post` is the video when the snippet lacks videoId (replies
// fetched with comments.list may). `channel_id` decides Comment::own.
std::optional<ParsedComment> ParseComment(const Json& item, const std::string& channel_id,
                                          const std::string& fallback_post, std::string& reason);
std::optional<ParsedThread> ParseThread(const Json& item, const std::string& channel_id,
                                        std::string& reason);

// The item's "id" when it is a usable id, for naming a skipped item in the log.
std::string ItemId(const Json& item);

// "https://www.youtube.com/watch?v=VIDEO&lc=COMMENT": opens the video with the comment
// highlighted; works for replies too.
std::string Permalink(const std::string& video_id, const std::string& comment_id);

}  // namespace schoolmod::connectors::youtube
