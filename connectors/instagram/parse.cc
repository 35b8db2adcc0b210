#include "instagram/parse.h"

namespace schoolmod::connectors::instagram {
namespace {

using graph::GetObject;
using graph::GetString;
using graph::Json;

}  // namespace

std::optional<Media> ParseMedia(const Json& j, std::string& reason) {
  const std::string* id = GetString(j, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    reason = "media without a usable id";
    return std::nullopt;
  }
  auto created = graph::GetTime(j, "timestamp");
  if (!created) {
    reason = "media without a usable timestamp";
    return std::nullopt;
  }
  Media media;
  media.id = *id;
  media.created = *created;
  if (const std::string* link = GetString(j, "permalink");
      link != nullptr && link->starts_with("https://") && link->size() <= 2048) {
    media.permalink = *link;
  }
  if (auto count = graph::GetInt(j, "comments_count"); count && *count >= 0 && *count < 1 << 30) {
    media.comments_count = static_cast<int>(*count);
  }
  return media;
}

std::optional<Comment> ParseComment(const Json& j, const Media& media, const Owner& owner,
                                    const std::optional<std::string>& parent,
                                    std::string& reason) {
  const std::string* id = GetString(j, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    reason = "comment without a usable id";
    return std::nullopt;
  }
  auto created = graph::GetTime(j, "timestamp");
  if (!created) {
    reason = "comment without a usable timestamp";
    return std::nullopt;
  }
  Comment c;
  c.platform_id = *id;
  c.post_id = media.id;
  c.permalink = media.permalink;
  c.created_at = *created;
  if (const std::string* text = GetString(j, "text")) c.text = *text;
  c.hidden = graph::GetBool(j, "hidden").value_or(false);
  const std::string* parent_id = GetString(j, "parent_id");
  if (parent_id != nullptr && graph::IsGraphId(*parent_id)) {
    c.parent_id = *parent_id;
  } else if (parent) {
    c.parent_id = parent;
  }
  const std::string* username = GetString(j, "username");
  if (const Json* from = GetObject(j, "from")) {
    const std::string* author = GetString(*from, "id");
    if (author != nullptr && graph::IsGraphId(*author)) c.author_id = *author;
    if (username == nullptr) username = GetString(*from, "username");
  }
  if (username != nullptr && !username->empty()) c.author_name = *username;
  c.own = (c.author_id && *c.author_id == owner.id) ||
          (!owner.username.empty() && c.author_name && *c.author_name == owner.username);
  return c;
}

}  // namespace schoolmod::connectors::instagram
