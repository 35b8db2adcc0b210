#include "graph/tracker.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_map>

#include "graph/json.h"

namespace schoolmod::connectors::graph {
namespace {

constexpr int kCursorVersion = 1;

std::optional<TimePoint> GetUnix(const Json& j) {
  if (!j.is_number_integer()) return std::nullopt;
  return FromUnixSeconds(j.get<std::int64_t>());
}

std::optional<PostState> DecodePost(const Json& j) {
  PostState state;
  const Json* floor = Find(j, "f");
  if (floor == nullptr || !GetUnix(*floor)) return std::nullopt;
  state.floor = *GetUnix(*floor);
  state.count = static_cast<int>(GetInt(j, "n").value_or(-1));
  const Json* seen = GetArray(j, "s");
  if (seen == nullptr) return std::nullopt;
  for (const auto& e : *seen) {
    if (!e.is_array() || e.size() != 4 || !e[0].is_string() || !GetUnix(e[1]) ||
        !e[2].is_string() || !e[3].is_number_integer()) {
      return std::nullopt;
    }
    SeenComment s;
    s.id = e[0].get<std::string>();
    s.created = *GetUnix(e[1]);
    const auto& hex = e[2].get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), s.digest, 16);
    if (ec != std::errc() || end != hex.data() + hex.size()) return std::nullopt;
    s.hidden = e[3].get<int>() != 0;
    state.seen.push_back(std::move(s));
  }
  return state;
}

bool NewerFirst(const SeenComment& a, const SeenComment& b) {
  return a.created != b.created ? a.created > b.created : a.id > b.id;
}

}  // namespace

std::uint64_t Digest(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a: stable across builds, unlike std::hash
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::optional<GraphCursor> DecodeCursor(std::string_view value) {
  GraphCursor cursor;
  if (value.empty()) return cursor;
  Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || GetInt(j, "v") != kCursorVersion) return std::nullopt;
  if (const Json* at = Find(j, "swept_at")) {
    if (!GetUnix(*at)) return std::nullopt;
    cursor.swept_at = GetUnix(*at);
  }
  if (const std::string* user = GetString(j, "user")) cursor.own_username = *user;
  const Json* posts = GetObject(j, "posts");
  if (posts == nullptr) return std::nullopt;
  for (const auto& [id, post] : posts->items()) {
    auto state = DecodePost(post);
    if (!state) return std::nullopt;
    cursor.posts.emplace(id, std::move(*state));
  }
  if (const Json* old = GetObject(j, "old")) {
    for (const auto& [id, count] : old->items()) {
      if (!count.is_number_integer()) return std::nullopt;
      cursor.old_counts.emplace(id, count.get<int>());
    }
  }
  return cursor;
}

std::string EncodeCursor(const GraphCursor& cursor) {
  Json posts = Json::object();
  for (const auto& [id, state] : cursor.posts) {
    Json seen = Json::array();
    for (const auto& s : state.seen) {
      seen.push_back({s.id, ToUnixSeconds(s.created), fmt::format("{:x}", s.digest),
                      s.hidden ? 1 : 0});
    }
    Json post = {{"f", ToUnixSeconds(state.floor)}, {"s", std::move(seen)}};
    if (state.count >= 0) post["n"] = state.count;
    posts[id] = std::move(post);
  }
  Json j = {{"v", kCursorVersion}, {"posts", std::move(posts)}};
  if (cursor.swept_at) j["swept_at"] = ToUnixSeconds(*cursor.swept_at);
  if (!cursor.own_username.empty()) j["user"] = cursor.own_username;
  if (!cursor.old_counts.empty()) j["old"] = cursor.old_counts;
  // Platform ids and usernames are untrusted: replace invalid UTF-8 rather than throw.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

PostDiff DiffPost(const PostState& prev, const PostView& view, std::size_t max_tracked) {
  PostDiff diff;
  std::unordered_map<std::string_view, const SeenComment*> known;
  for (const auto& s : prev.seen) known.emplace(s.id, &s);

  std::vector<SeenComment> merged;
  std::set<std::string_view> listed;
  for (const auto& c : view.listed) {
    if (!listed.insert(c.platform_id).second) continue;  // listed twice by a paging glitch
    const std::uint64_t digest = Digest(c.text);
    auto it = known.find(c.platform_id);
    if (it != known.end()) {
      if (it->second->digest != digest || it->second->hidden != c.hidden) {
        diff.changed.push_back(c);
      }
    } else if (c.created_at >= prev.floor) {
      diff.changed.push_back(c);
    }
    merged.push_back({c.platform_id, c.created_at, digest, c.hidden});
  }
  for (const auto& s : prev.seen) {
    if (listed.contains(s.id)) continue;
    const bool covered =
        view.coverage == PostView::Coverage::kAll ||
        (view.coverage == PostView::Coverage::kNewerThan && s.created > view.newer_than);
    if (covered && !(view.hidden_may_be_unlisted && s.hidden)) diff.missing.push_back(s);
    merged.push_back(s);
  }
  std::sort(merged.begin(), merged.end(), NewerFirst);

  diff.next.floor = prev.floor;
  diff.next.count = prev.count;
  if (merged.size() > max_tracked && max_tracked > 0) {
    // Whatever is cut shares the last kept second or is older; raising the floor past that
    // second keeps it from coming back as "new" on every poll.
    diff.next.floor = std::max(prev.floor, merged[max_tracked - 1].created + Seconds{1});
    merged.resize(max_tracked);
  }
  diff.next.seen = std::move(merged);
  return diff;
}

bool NeedsOlder(const PostState& prev, const Comment& oldest_listed) {
  TimePoint stop_at = prev.floor;
  if (!prev.seen.empty()) stop_at = std::max(stop_at, prev.seen.front().created);
  if (oldest_listed.created_at != stop_at) return oldest_listed.created_at > stop_at;
  return std::none_of(prev.seen.begin(), prev.seen.end(), [&](const SeenComment& s) {
    return s.id == oldest_listed.platform_id;
  });
}

void Forget(PostState& state, std::string_view comment_id) {
  std::erase_if(state.seen, [&](const SeenComment& s) { return s.id == comment_id; });
}

void MarkUnlisted(PostState& state, std::string_view comment_id) {
  for (auto& s : state.seen) {
    if (s.id == comment_id) s.hidden = true;
  }
}

Comment Tombstone(const SeenComment& seen, const std::string& post_id) {
  Comment c;
  c.platform_id = seen.id;
  c.post_id = post_id;
  c.created_at = seen.created;
  c.hidden = seen.hidden;
  c.deleted = true;
  return c;
}

}  // namespace schoolmod::connectors::graph
