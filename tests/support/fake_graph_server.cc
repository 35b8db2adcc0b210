#include "support/fake_graph_server.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace schoolmod::testing {
namespace {

using Json = nlohmann::json;

// One entry of a `fields` parameter: name.mod(value).mod(value){children}.
struct Field {
  std::string name;
  std::map<std::string, std::string> mods;
  std::vector<Field> children;
};

std::vector<Field> ParseFields(std::string_view s, std::size_t& pos) {
  std::vector<Field> out;
  while (pos < s.size() && s[pos] != '}') {
    Field f;
    while (pos < s.size() && std::string_view(",.{}()").find(s[pos]) == std::string_view::npos) {
      f.name += s[pos++];
    }
    while (pos < s.size() && s[pos] == '.') {
      auto open = s.find('(', pos);
      auto close = s.find(')', open);
      if (open == std::string_view::npos || close == std::string_view::npos) break;
      f.mods[std::string(s.substr(pos + 1, open - pos - 1))] =
          std::string(s.substr(open + 1, close - open - 1));
      pos = close + 1;
    }
    if (pos < s.size() && s[pos] == '{') {
      ++pos;
      f.children = ParseFields(s, pos);
      if (pos < s.size() && s[pos] == '}') ++pos;
    }
    out.push_back(std::move(f));
    if (pos < s.size() && s[pos] == ',') ++pos;
  }
  return out;
}

std::vector<Field> ParseFields(std::string_view s) {
  std::size_t pos = 0;
  return ParseFields(s, pos);
}

std::string GraphTime(TimePoint t) {
  std::string s = FormatRfc3339Utc(t);  // "...Z"; Graph writes "+0000"
  s.pop_back();
  return s + "+0000";
}

FakeResponse GraphError(int status, int code, int subcode, const std::string& message) {
  Json e = {{"message", message}, {"type", "OAuthException"}, {"code", code},
            {"fbtrace_id", "FakeTrace"}};
  if (subcode != 0) e["error_subcode"] = subcode;
  return FakeResponse::Json(status, Json{{"error", e}}.dump());
}

FakeResponse Gone(const std::string& id) {
  return GraphError(400, 100, 33,
                    "Unsupported request. Object with ID '" + id + "' does not exist");
}

// Keeps the requested fields of `full`; edges are rendered by `edge` (nullopt: not an edge).
template <typename EdgeFn>
Json Select(const Json& full, const std::vector<Field>& fields, EdgeFn edge) {
  Json out = {{"id", full["id"]}};
  for (const auto& f : fields) {
    if (auto rendered = edge(f)) {
      if (!rendered->is_null()) out[f.name] = std::move(*rendered);
      continue;
    }
    if (!full.contains(f.name)) continue;
    const Json& v = full[f.name];
    if (!f.children.empty() && v.is_object()) {
      Json sub = Json::object();
      for (const auto& c : f.children) {
        if (v.contains(c.name)) sub[c.name] = v[c.name];
      }
      out[f.name] = std::move(sub);
    } else {
      out[f.name] = v;
    }
  }
  return out;
}

int ToInt(const std::string& s, int fallback) {
  try {
    return s.empty() ? fallback : std::stoi(s);
  } catch (...) {
    return fallback;
  }
}

std::string EncodeCursor(std::size_t offset) { return "QVFIcursor" + std::to_string(offset); }
std::size_t DecodeCursor(const std::string& c) {
  return c.starts_with("QVFIcursor") ? static_cast<std::size_t>(ToInt(c.substr(10), 0)) : 0;
}

}  // namespace

FakeGraphServer::FakeGraphServer(GraphFlavour flavour, std::string owner_id, std::string token)
    : flavour_(flavour), owner_id_(std::move(owner_id)), token_(std::move(token)) {
  auto handler = [this](const RecordedRequest& r) { return Handle(r); };
  http_.Route("*", std::string("/") + kVersion + "/*", handler);
  http_.Route("*", std::string("/") + kVersion + "/*/*", handler);
}

void FakeGraphServer::AddPost(const GraphPost& post) {
  std::lock_guard lock(mu_);
  PostEntry& e = posts_[post.id];
  e.post = post;
  if (e.post.updated < e.post.created) e.post.updated = e.post.created;
}

void FakeGraphServer::AddComment(const std::string& post_id, const GraphComment& comment) {
  std::lock_guard lock(mu_);
  PostEntry& e = posts_.at(post_id);
  e.comments.push_back(comment);
  e.post.updated = std::max(e.post.updated, comment.created);
}

void FakeGraphServer::EditComment(const std::string& id, const std::string& text) {
  std::lock_guard lock(mu_);
  if (auto [post, c] = FindComment(id); c != nullptr) c->text = text;
}

void FakeGraphServer::RemoveComment(const std::string& id) {
  std::lock_guard lock(mu_);
  if (auto [post, c] = FindComment(id); post != nullptr) {
    std::erase_if(post->comments,
                  [&](const GraphComment& x) { return x.id == id || x.parent_id == id; });
  }
}

void FakeGraphServer::set_owner_username(std::string username) {
  std::lock_guard lock(mu_);
  owner_username_ = std::move(username);
}

void FakeGraphServer::set_list_hidden(bool list_hidden) {
  std::lock_guard lock(mu_);
  list_hidden_ = list_hidden;
}

std::optional<GraphComment> FakeGraphServer::comment(const std::string& id) const {
  std::lock_guard lock(mu_);
  for (const auto& [pid, e] : posts_) {
    for (const auto& c : e.comments) {
      if (c.id == id) return c;
    }
  }
  return std::nullopt;
}

std::set<std::string> FakeGraphServer::blocked_users() const {
  std::lock_guard lock(mu_);
  return blocked_;
}

void FakeGraphServer::set_response_headers(
    std::vector<std::pair<std::string, std::string>> headers) {
  std::lock_guard lock(mu_);
  headers_ = std::move(headers);
}

void FakeGraphServer::FailNext(FakeResponse response, int times) {
  std::lock_guard lock(mu_);
  for (int i = 0; i < times; ++i) failures_.push_back(response);
}

FakeGraphServer::PostEntry* FakeGraphServer::FindPost(const std::string& id) {
  auto it = posts_.find(id);
  return it == posts_.end() ? nullptr : &it->second;
}

std::pair<FakeGraphServer::PostEntry*, GraphComment*> FakeGraphServer::FindComment(
    const std::string& id) {
  for (auto& [pid, e] : posts_) {
    for (auto& c : e.comments) {
      if (c.id == id) return {&e, &c};
    }
  }
  return {nullptr, nullptr};
}

FakeResponse FakeGraphServer::Handle(const RecordedRequest& request) {
  std::lock_guard lock(mu_);
  if (!failures_.empty()) {
    FakeResponse r = failures_.front();
    failures_.pop_front();
    return r;
  }
  FakeResponse r = HandleLocked(request);
  for (const auto& h : headers_) r.headers.push_back(h);
  return r;
}

FakeResponse FakeGraphServer::HandleLocked(const RecordedRequest& request) {
  if (request.header("authorization") != "Bearer " + token_) {
    return GraphError(400, 190, 467, "Invalid OAuth access token.");
  }
  const auto seg = request.segments();
  if (request.method == "GET") return Get(seg, request);
  std::map<std::string, std::string> params;
  for (const auto& [k, v] : request.query) params.emplace(k, v);
  // Form body: a=1&b=2, '+' is a space.
  std::string_view body = request.body;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    auto eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    auto decode = [](std::string s) {
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
          out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size()) {
          out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += s[i];
        }
      }
      return out;
    };
    params[decode(name)] = decode(value);
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  if (request.method == "POST") return Post(seg, params);
  if (request.method == "DELETE" && seg.size() == 2) return Delete(seg[1]);
  return GraphError(400, 100, 0, "Unsupported method");
}

FakeResponse FakeGraphServer::Get(const std::vector<std::string>& seg,
                                  const RecordedRequest& request) {
  const bool fb = flavour_ == GraphFlavour::kFacebook;
  const std::vector<Field> fields = ParseFields(request.param("fields"));
  const std::string& id = seg[1];

  auto comment_json = [&](const GraphComment& c, const PostEntry& post) {
    Json j = {{"id", c.id}};
    if (fb) {
      j["message"] = c.text;
      j["created_time"] = GraphTime(c.created);
      if (!c.author_id.empty()) j["from"] = {{"id", c.author_id}, {"name", c.author_name}};
      if (!c.parent_id.empty()) j["parent"] = {{"id", c.parent_id}};
      j["is_hidden"] = c.hidden;
      j["can_hide"] = c.author_id != owner_id_;
      j["can_remove"] = true;
      j["comment_count"] = 0;
      j["permalink_url"] = post.post.permalink + "?comment_id=" + c.id;
    } else {
      j["text"] = c.text;
      j["timestamp"] = GraphTime(c.created);
      if (!c.author_id.empty()) {
        j["username"] = c.author_name;
        j["from"] = {{"id", c.author_id}, {"username", c.author_name}};
      }
      j["hidden"] = c.hidden;
      j["like_count"] = 0;
      if (!c.parent_id.empty()) j["parent_id"] = c.parent_id;
    }
    return j;
  };
  auto visible = [&](const GraphComment& c) { return fb || list_hidden_ || !c.hidden; };

  // A page of `items` (already filtered and ordered) as Graph renders an edge.
  auto page = [&](const std::vector<Json>& items, const std::map<std::string, std::string>& mods,
                  const std::string& edge_path, bool nested) -> Json {
    const std::size_t limit = static_cast<std::size_t>(ToInt(
        mods.contains("limit") ? mods.at("limit") : "", 25));
    const std::size_t start =
        std::min(items.size(), DecodeCursor(mods.contains("after") ? mods.at("after") : ""));
    const std::size_t end = std::min(items.size(), start + std::max<std::size_t>(limit, 1));
    if (nested && items.empty()) return Json();  // Graph leaves out empty nested edges
    Json out = {{"data", Json::array()}};
    for (std::size_t i = start; i < end; ++i) out["data"].push_back(items[i]);
    if (start == end) return out;  // no paging on an empty page
    out["paging"] = {{"cursors", {{"before", EncodeCursor(start)}, {"after", EncodeCursor(end)}}}};
    if (end < items.size()) {
      out["paging"]["next"] = "https://graph.facebook.com/" + std::string(kVersion) + "/" +
                              edge_path + "?access_token=" + token_ + "&limit=" +
                              std::to_string(limit) + "&after=" + EncodeCursor(end);
    }
    return out;
  };

  // The comments listed under `post` (parent "": top-level, or replies of `parent`).
  auto comments_of = [&](const PostEntry& post, const std::map<std::string, std::string>& mods,
                         const std::string& parent, const std::vector<Field>& sub) {
    const bool stream = fb && mods.contains("filter") && mods.at("filter") == "stream";
    std::vector<const GraphComment*> list;
    for (const auto& c : post.comments) {
      if (!visible(c)) continue;
      if (stream ? parent.empty() : c.parent_id == parent) list.push_back(&c);
    }
    std::stable_sort(list.begin(), list.end(), [](const GraphComment* a, const GraphComment* b) {
      return a->created < b->created;
    });
    if (fb && mods.contains("order") && mods.at("order") == "reverse_chronological") {
      std::reverse(list.begin(), list.end());
    }
    std::vector<Json> items;
    for (const GraphComment* c : list) {
      Json full = comment_json(*c, post);
      items.push_back(Select(full, sub, [&](const Field& f) -> std::optional<Json> {
        if (f.name != (fb ? "comments" : "replies")) return std::nullopt;
        return Json();  // nested replies are rendered below
      }));
      for (const auto& f : sub) {
        if (f.name == (fb ? "comments" : "replies") && c->parent_id.empty()) {
          std::vector<Json> replies;
          for (const auto& r : post.comments) {
            if (r.parent_id == c->id && visible(r)) {
              replies.push_back(Select(comment_json(r, post), f.children,
                                       [](const Field&) { return std::optional<Json>(); }));
            }
          }
          Json rendered = page(replies, f.mods, c->id + (fb ? "/comments" : "/replies"), true);
          if (!rendered.is_null()) items.back()[f.name] = std::move(rendered);
        }
      }
    }
    return items;
  };

  auto post_json = [&](const PostEntry& e) {
    Json j = {{"id", e.post.id}};
    if (fb) {
      j["message"] = "Post " + e.post.id;
      j["created_time"] = GraphTime(e.post.created);
      j["updated_time"] = GraphTime(e.post.updated);
      j["permalink_url"] = e.post.permalink;
    } else {
      // Hidden comments still count, whether or not they are listed.
      const int count = static_cast<int>(e.comments.size());
      j["caption"] = "Media " + e.post.id;
      j["media_type"] = "IMAGE";
      j["permalink"] = e.post.permalink;
      j["timestamp"] = GraphTime(e.post.created);
      j["comments_count"] = count;
      j["like_count"] = 0;
    }
    return j;
  };
  auto render_post = [&](const PostEntry& e, const std::vector<Field>& sub) {
    return Select(post_json(e), sub, [&](const Field& f) -> std::optional<Json> {
      if (f.name != "comments") return std::nullopt;
      auto items = comments_of(e, f.mods, "", f.children);
      return page(items, f.mods, e.post.id + "/comments", true);
    });
  };

  std::map<std::string, std::string> query;
  for (const auto& [k, v] : request.query) query.emplace(k, v);

  if (seg.size() == 2) {
    if (id == owner_id_) {
      Json j = {{"id", owner_id_}};
      if (!fb) j["username"] = owner_username_;
      return FakeResponse::Json(200, j.dump());
    }
    if (PostEntry* e = FindPost(id)) return FakeResponse::Json(200, render_post(*e, fields).dump());
    if (auto [post, c] = FindComment(id); c != nullptr) {
      return FakeResponse::Json(
          200, Select(comment_json(*c, *post), fields, [](const Field&) {
                 return std::optional<Json>();
               }).dump());
    }
    return Gone(id);
  }
  const std::string& edge = seg[2];
  if (id == owner_id_ && (edge == (fb ? "published_posts" : "media"))) {
    std::vector<const PostEntry*> list;
    const int since = ToInt(query.contains("since") ? query["since"] : "", INT32_MIN);
    const int until = ToInt(query.contains("until") ? query["until"] : "", INT32_MAX);
    for (const auto& [pid, e] : posts_) {
      const auto t = ToUnixSeconds(e.post.created);
      if (t >= since && t <= until) list.push_back(&e);
    }
    std::stable_sort(list.begin(), list.end(), [](const PostEntry* a, const PostEntry* b) {
      return a->post.created > b->post.created;
    });
    std::vector<Json> items;
    for (const PostEntry* e : list) items.push_back(render_post(*e, fields));
    return FakeResponse::Json(200, page(items, query, id + "/" + edge, false).dump());
  }
  if (PostEntry* e = FindPost(id); e != nullptr && edge == "comments") {
    auto items = comments_of(*e, query, "", fields);
    return FakeResponse::Json(200, page(items, query, id + "/comments", false).dump());
  }
  if (auto [post, c] = FindComment(id); c != nullptr && edge == (fb ? "comments" : "replies")) {
    std::vector<Json> items;
    auto mods = query;
    mods.erase("filter");
    for (auto& item : comments_of(*post, mods, c->id, fields)) items.push_back(std::move(item));
    return FakeResponse::Json(200, page(items, query, id + "/" + edge, false).dump());
  }
  return Gone(id);
}

FakeResponse FakeGraphServer::Post(const std::vector<std::string>& seg,
                                   const std::map<std::string, std::string>& params) {
  const bool fb = flavour_ == GraphFlavour::kFacebook;
  const std::string& id = seg[1];
  auto param = [&](const std::string& k) { return params.contains(k) ? params.at(k) : ""; };
  if (seg.size() == 2) {
    auto [post, c] = FindComment(id);
    const std::string flag = param(fb ? "is_hidden" : "hide");
    if (c == nullptr) return Gone(id);
    if (flag != "true" && flag != "false") return GraphError(400, 100, 0, "Invalid parameter");
    c->hidden = flag == "true";
    return FakeResponse::Json(200, R"({"success":true})");
  }
  const std::string& edge = seg[2];
  if (fb && id == owner_id_ && edge == "blocked") {
    const std::string user = param("user");
    if (user.empty()) return GraphError(400, 100, 0, "(#100) Missing user");
    blocked_.insert(user);
    return FakeResponse::Json(200, Json{{user, true}}.dump());
  }
  if (edge == (fb ? "comments" : "replies")) {
    const std::string message = param("message");
    if (message.empty()) return GraphError(400, 100, 0, "(#100) Missing message");
    PostEntry* post = FindPost(id);
    std::string parent;
    if (post == nullptr) {
      auto [p, c] = FindComment(id);
      if (c == nullptr) return Gone(id);
      if (!fb && !c->parent_id.empty()) return GraphError(400, 100, 0, "Cannot reply to a reply");
      post = p;
      parent = c->parent_id.empty() ? c->id : c->parent_id;
    }
    GraphComment reply;
    reply.id = (fb ? post->post.id.substr(post->post.id.find('_') + 1) + "_" : "") + "90000" +
               std::to_string(next_id_++);
    reply.parent_id = parent;
    reply.author_id = owner_id_;
    reply.author_name = fb ? "The Page" : owner_username_;
    reply.text = message;
    TimePoint latest = post->post.created;
    for (const auto& c : post->comments) latest = std::max(latest, c.created);
    reply.created = latest + Seconds{1};
    post->comments.push_back(reply);
    return FakeResponse::Json(200, Json{{"id", reply.id}}.dump());
  }
  return GraphError(400, 100, 0, "Unsupported post request");
}

FakeResponse FakeGraphServer::Delete(const std::string& id) {
  auto [post, c] = FindComment(id);
  if (c == nullptr) return Gone(id);
  std::erase_if(post->comments,
                [&](const GraphComment& x) { return x.id == id || x.parent_id == id; });
  return FakeResponse::Json(200, R"({"success":true})");
}

}  // namespace schoolmod::testing
