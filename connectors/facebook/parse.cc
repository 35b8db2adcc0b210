#include "facebook/parse.h"

namespace schoolmod::connectors::facebook {
namespace {

using graph::GetObject;
using graph::GetString;
using graph::Json;

// Links end up as hrefs in the admin UI: only web links.
std::string WebLink(const std::string* url) {
  if (url == nullptr || !url->starts_with("https://") || url->size() > 2048) return "";
  return *url;
}

}  // namespace

std::optional<Post> ParsePost(const Json& j, std::string& reason) {
  const std::string* id = GetString(j, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    reason = "post without a usable id";
    return std::nullopt;
  }
  auto created = graph::GetTime(j, "created_time");
  if (!created) {
    reason = "post without a usable created_time";
    return std::nullopt;
  }
  Post post;
  post.id = *id;
  post.created = *created;
  post.updated = graph::GetTime(j, "updated_time");
  post.permalink = WebLink(GetString(j, "permalink_url"));
  return post;
}

std::optional<Comment> ParseComment(const Json& j, const Post& post, std::string_view page_id,
                                    std::string& reason) {
  const std::string* id = GetString(j, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    reason = "comment without a usable id";
    return std::nullopt;
  }
  auto created = graph::GetTime(j, "created_time");
  if (!created) {
    reason = "comment without a usable created_time";
    return std::nullopt;
  }
  Comment c;
  c.platform_id = *id;
  c.post_id = post.id;
  c.created_at = *created;
  if (const std::string* message = GetString(j, "message")) c.text = *message;
  c.hidden = graph::GetBool(j, "is_hidden").value_or(false);
  c.permalink = WebLink(GetString(j, "permalink_url"));
  if (c.permalink.empty()) c.permalink = post.permalink;
  if (const Json* parent = GetObject(j, "parent")) {
    const std::string* parent_id = GetString(*parent, "id");
    if (parent_id != nullptr && graph::IsGraphId(*parent_id)) c.parent_id = *parent_id;
  }
  if (const Json* from = GetObject(j, "from")) {
    const std::string* author = GetString(*from, "id");
    if (author != nullptr && graph::IsGraphId(*author)) {
      c.author_id = *author;
      c.own = *author == page_id;
    }
    if (const std::string* name = GetString(*from, "name")) c.author_name = *name;
  }
  return c;
}

}  // namespace schoolmod::connectors::facebook
