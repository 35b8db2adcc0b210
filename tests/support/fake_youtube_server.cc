#include "support/fake_youtube_server.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace schoolmod::testing {
namespace {

using Json = nlohmann::json;

constexpr char kApiPrefix[] = "/youtube/v3/";
constexpr char kPageTokenPrefix[] = "ytpage-";

FakeResponse GoogleError(int status, const std::string& reason, const std::string& message) {
  Json body = {{"error",
                {{"code", status},
                 {"message", message},
                 {"errors", Json::array({{{"message", message},
                                          {"domain", "youtube.api"},
                                          {"reason", reason}}})}}}};
  return FakeResponse::Json(status, body.dump());
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded, as the token endpoint receives it.
std::map<std::string, std::string> ParseForm(const std::string& body) {
  auto decode = [](const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out += ' ';
      } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
                 HexValue(s[i + 2]) >= 0) {
        out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  };
  std::map<std::string, std::string> form;
  for (const auto& pair : Split(body, '&')) {
    auto eq = pair.find('=');
    form[decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : decode(pair.substr(eq + 1));
  }
  return form;
}

std::string Activity(const FakeYoutubeComment& c) {
  return std::max(c.published_at, c.updated_at);  // RFC 3339 in Z compares as text
}

Json CommentJson(const FakeYoutubeComment& c, bool with_status, bool id_only) {
  Json j = {{"kind", "youtube#comment"}, {"etag", "etag-" + c.id}, {"id", c.id}};
  if (id_only) return j;
  Json s = Json::object();
  s["channelId"] = "";  // filled by the caller
  s["videoId"] = c.video_id;
  s["textDisplay"] = c.text;
  s["textOriginal"] = c.text;
  if (!c.parent_id.empty()) s["parentId"] = c.parent_id;
  if (!c.author_name.empty()) s["authorDisplayName"] = c.author_name;
  s["authorProfileImageUrl"] = "https://yt3.ggpht.com/ytc/fakeAvatar=s48-c-k-c0x00ffffff-no-rj";
  if (c.author_channel_id) {
    s["authorChannelUrl"] = "http://www.youtube.com/channel/" + *c.author_channel_id;
    s["authorChannelId"] = {{"value", *c.author_channel_id}};
  }
  s["canRate"] = true;
  s["viewerRating"] = "none";
  s["likeCount"] = 0;
  if (with_status) s["moderationStatus"] = c.moderation_status;
  s["publishedAt"] = c.published_at;
  s["updatedAt"] = c.updated_at.empty() ? c.published_at : c.updated_at;
  j["snippet"] = std::move(s);
  return j;
}

// Pages over `count` items: [offset, offset + size) and the next token, or an error answer.
struct Window {
  std::size_t offset = 0;
  std::size_t size = 20;
  std::optional<FakeResponse> error;
};

Window PageWindow(const RecordedRequest& r, int cap) {
  Window w;
  if (r.has_param("maxResults")) {
    int n = 0;
    try {
      n = std::stoi(r.param("maxResults"));
    } catch (const std::exception&) {
      n = 0;
    }
    if (n < 1 || n > 100) {
      w.error = GoogleError(400, "invalidParameter", "maxResults must be 1 to 100");
      return w;
    }
    w.size = static_cast<std::size_t>(n);
  }
  w.size = std::min<std::size_t>(w.size, static_cast<std::size_t>(cap));
  if (r.has_param("pageToken")) {
    const std::string token = r.param("pageToken");
    try {
      if (token.rfind(kPageTokenPrefix, 0) != 0) throw std::invalid_argument("prefix");
      w.offset = std::stoul(token.substr(sizeof kPageTokenPrefix - 1));
    } catch (const std::exception&) {
      w.error = GoogleError(400, "invalidPageToken", "The page token is not valid.");
    }
  }
  return w;
}

Json ListBody(const char* kind, const Json& items, std::size_t total, const Window& w) {
  Json body = {{"kind", kind},
               {"etag", "list-etag"},
               {"pageInfo", {{"totalResults", total}, {"resultsPerPage", w.size}}},
               {"items", items}};
  if (w.offset + w.size < total) {
    body["nextPageToken"] = kPageTokenPrefix + std::to_string(w.offset + w.size);
  }
  return body;
}

std::string FixturesDir() { return SCHOOLMOD_YOUTUBE_FIXTURES; }

}  // namespace

FakeYoutubeServer::FakeYoutubeServer() : FakeYoutubeServer(Options{}) {}

FakeYoutubeServer::FakeYoutubeServer(Options options)
    : options_(std::move(options)), now_(options_.now) {
  const std::string api = kApiPrefix;
  http_.Route("GET", api + "commentThreads",
              [this](const RecordedRequest& r) { return Threads(r); });
  http_.Route("GET", api + "comments", [this](const RecordedRequest& r) { return Comments(r); });
  http_.Route("POST", api + "comments/setModerationStatus",
              [this](const RecordedRequest& r) { return Moderate(r); });
  http_.Route("POST", api + "comments", [this](const RecordedRequest& r) { return Insert(r); });
  http_.Route("DELETE", api + "comments", [this](const RecordedRequest& r) { return Delete(r); });
  http_.Route("POST", "/token", [this](const RecordedRequest& r) { return Token(r); });
}

std::string FakeYoutubeServer::api_base_url() const { return http_.base_url() + "/youtube"; }
std::string FakeYoutubeServer::token_url() const { return http_.base_url() + "/token"; }

std::string FakeYoutubeServer::Fixture(std::string_view name) {
  std::ifstream in(FixturesDir() + "/" + std::string(name), std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + std::string(name));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ---- model ----------------------------------------------------------------------------------

void FakeYoutubeServer::Add(FakeYoutubeComment comment) {
  std::lock_guard lock(mu_);
  if (comment.updated_at.empty()) comment.updated_at = comment.published_at;
  std::string id = comment.id;
  comments_.insert_or_assign(std::move(id), std::move(comment));
}

void FakeYoutubeServer::LoadThreads(std::string_view fixture_name) {
  Json j = Json::parse(Fixture(fixture_name));
  auto load = [this](const Json& item, const std::string& video) {
    const Json& s = item.at("snippet");
    FakeYoutubeComment c;
    c.id = item.at("id").get<std::string>();
    c.video_id = s.value("videoId", video);
    c.parent_id = s.value("parentId", "");
    if (s.contains("authorChannelId")) c.author_channel_id = s["authorChannelId"].at("value");
    c.author_name = s.value("authorDisplayName", "");
    c.text = s.value("textOriginal", s.value("textDisplay", ""));
    c.published_at = s.at("publishedAt").get<std::string>();
    c.updated_at = s.value("updatedAt", c.published_at);
    c.moderation_status = s.value("moderationStatus", "published");
    Add(std::move(c));
  };
  for (const Json& thread : j.at("items")) {
    const std::string video = thread.at("snippet").value("videoId", "");
    load(thread.at("snippet").at("topLevelComment"), video);
    if (thread.contains("replies")) {
      for (const Json& reply : thread["replies"].at("comments")) load(reply, video);
    }
  }
}

void FakeYoutubeServer::Edit(const std::string& id, const std::string& text,
                             const std::string& updated_at) {
  std::lock_guard lock(mu_);
  auto& c = comments_.at(id);
  c.text = text;
  c.updated_at = updated_at;
}

void FakeYoutubeServer::Remove(const std::string& id) {
  std::lock_guard lock(mu_);
  removed_.insert(id);
}

void FakeYoutubeServer::DisableComments(const std::string& video_id) {
  std::lock_guard lock(mu_);
  disabled_videos_.insert(video_id);
}

void FakeYoutubeServer::set_now(std::string rfc3339) {
  std::lock_guard lock(mu_);
  now_ = std::move(rfc3339);
}

std::optional<FakeYoutubeComment> FakeYoutubeServer::Find(const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = comments_.find(id);
  if (it == comments_.end() || removed_.contains(id)) return std::nullopt;
  return it->second;
}

std::vector<std::string> FakeYoutubeServer::banned_authors() const {
  std::lock_guard lock(mu_);
  return banned_;
}

bool FakeYoutubeServer::Gone(const FakeYoutubeComment& c) const {
  if (removed_.contains(c.id) || c.moderation_status == "rejected") return true;
  // A thread's replies go with it.
  if (!c.parent_id.empty()) {
    auto parent = comments_.find(c.parent_id);
    return parent == comments_.end() || Gone(parent->second);
  }
  return false;
}

std::vector<const FakeYoutubeComment*> FakeYoutubeServer::Replies(
    const std::string& parent) const {
  std::vector<const FakeYoutubeComment*> out;
  for (const auto& [id, c] : comments_) {
    if (c.parent_id == parent && !Gone(c) && c.moderation_status == "published") {
      out.push_back(&c);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return std::tie(a->published_at, a->id) < std::tie(b->published_at, b->id);
  });
  return out;
}

// ---- OAuth ----------------------------------------------------------------------------------

void FakeYoutubeServer::RevokeRefreshToken() {
  std::lock_guard lock(mu_);
  refresh_revoked_ = true;
}

void FakeYoutubeServer::ExpireAccessTokens() {
  std::lock_guard lock(mu_);
  valid_tokens_.clear();
}

std::vector<std::string> FakeYoutubeServer::issued_tokens() const {
  std::lock_guard lock(mu_);
  return tokens_;
}

FakeResponse FakeYoutubeServer::Token(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto injected = Injected("token")) return *injected;
  auto form = ParseForm(r.body);
  if (form["grant_type"] != "refresh_token") {
    return FakeResponse::Json(400, R"({"error":"unsupported_grant_type"})");
  }
  if (form["client_id"] != options_.client_id || form["client_secret"] != options_.client_secret) {
    return FakeResponse::Json(
        401, R"({"error":"invalid_client","error_description":"The OAuth client was not found."})");
  }
  if (refresh_revoked_ || form["refresh_token"] != options_.refresh_token) {
    return FakeResponse::Json(400, Fixture("oauth_token_refresh_invalid_grant.json"));
  }
  std::string token = "ya29.fake-access-" + std::to_string(tokens_.size() + 1);
  tokens_.push_back(token);
  valid_tokens_.insert(token);
  Json body = {{"access_token", token},
               {"expires_in", options_.expires_in},
               {"scope", options_.scope},
               {"token_type", "Bearer"}};
  return FakeResponse::Json(200, body.dump());
}

// ---- failures and recording -----------------------------------------------------------------

void FakeYoutubeServer::FailNext(std::string method, FakeResponse response, int times) {
  std::lock_guard lock(mu_);
  auto& queue = failures_[std::move(method)];
  for (int i = 0; i < times; ++i) queue.push_back(response);
}

std::optional<FakeResponse> FakeYoutubeServer::Injected(const std::string& method) {
  auto it = failures_.find(method);
  if (it == failures_.end() || it->second.empty()) return std::nullopt;
  FakeResponse response = std::move(it->second.front());
  it->second.pop_front();
  return response;
}

std::optional<FakeResponse> FakeYoutubeServer::Gate(const RecordedRequest& r,
                                                    const std::string& method, int units) {
  units_ += units;  // Google charges invalid requests too
  if (auto injected = Injected(method)) return injected;
  const std::string auth = r.header("authorization");
  const std::string prefix = "Bearer ";
  if (auth.rfind(prefix, 0) != 0 || !valid_tokens_.contains(auth.substr(prefix.size()))) {
    FakeResponse response = FakeResponse::Json(401, Fixture("error_token_expired.json"));
    response.headers.emplace_back(
        "WWW-Authenticate",
        R"(Bearer realm="https://accounts.google.com/", error="invalid_token")");
    return response;
  }
  if (options_.scope.find("youtube.force-ssl") == std::string::npos) {
    return FakeResponse::Json(403, Fixture("error_insufficient_scope.json"));
  }
  return std::nullopt;
}

std::vector<RecordedRequest> FakeYoutubeServer::requests() const { return http_.requests(); }

std::vector<RecordedRequest> FakeYoutubeServer::api_requests() const {
  std::vector<RecordedRequest> out;
  for (auto& r : http_.requests()) {
    if (r.path.rfind(kApiPrefix, 0) == 0) out.push_back(std::move(r));
  }
  return out;
}

std::vector<RecordedRequest> FakeYoutubeServer::token_requests() const {
  return http_.requests("POST", "/token");
}

int FakeYoutubeServer::units_used() const {
  std::lock_guard lock(mu_);
  return units_;
}

void FakeYoutubeServer::ClearRequests() {
  http_.ClearRequests();
  std::lock_guard lock(mu_);
  units_ = 0;
}

// ---- Data API -------------------------------------------------------------------------------

FakeResponse FakeYoutubeServer::Threads(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto stop = Gate(r, "commentThreads.list", 1)) return *stop;
  const bool with_replies = r.param("part").find("replies") != std::string::npos;
  const bool id_only = r.param("part") == "id";

  std::vector<const FakeYoutubeComment*> threads;
  bool with_status = false;
  if (r.has_param("id")) {
    for (const auto& id : Split(r.param("id"), ',')) {
      auto it = comments_.find(id);
      if (it != comments_.end() && it->second.parent_id.empty() && !Gone(it->second)) {
        threads.push_back(&it->second);
      }
    }
  } else {
    const std::string channel = r.param("allThreadsRelatedToChannelId");
    const std::string video = r.param("videoId");
    if (channel.empty() && video.empty()) {
      return GoogleError(400, "missingRequiredParameter", "No filter selected.");
    }
    if (!channel.empty() && channel != options_.channel_id) {
      return GoogleError(404, "channelNotFound", "The channel could not be found.");
    }
    if (!video.empty() && disabled_videos_.contains(video)) {
      return FakeResponse::Json(403, Fixture("error_comments_disabled.json"));
    }
    const std::string status =
        r.has_param("moderationStatus") ? r.param("moderationStatus") : "published";
    with_status = status != "published";
    for (const auto& [id, c] : comments_) {
      if (!c.parent_id.empty() || Gone(c) || c.moderation_status != status) continue;
      if (!video.empty() && c.video_id != video) continue;
      threads.push_back(&c);
    }
    // order=time: newest first, by the top-level comment, or by the thread's newest activity.
    std::map<std::string, std::string> when;
    for (const auto* c : threads) when[c->id] = c->published_at;
    if (options_.bump_threads_on_reply) {
      for (const auto& [id, c] : comments_) {
        auto it = when.find(c.parent_id);
        if (it != when.end() && !Gone(c)) it->second = std::max(it->second, Activity(c));
      }
    }
    std::sort(threads.begin(), threads.end(), [&](const auto* a, const auto* b) {
      return std::tie(when[a->id], a->id) > std::tie(when[b->id], b->id);
    });
  }

  Window w = PageWindow(r, options_.page_size_cap);
  if (r.has_param("id")) w = Window{0, threads.size() + 1, std::nullopt};
  if (w.error) return *w.error;
  // Each thread's replies, gathered in one pass over the model.
  std::map<std::string, std::vector<const FakeYoutubeComment*>> replies_of;
  for (std::size_t i = w.offset; i < threads.size() && i < w.offset + w.size; ++i) {
    replies_of[threads[i]->id];
  }
  for (const auto& [id, c] : comments_) {
    auto it = replies_of.find(c.parent_id);
    if (it != replies_of.end() && c.moderation_status == "published" && !Gone(c)) {
      it->second.push_back(&c);
    }
  }
  Json items = Json::array();
  for (std::size_t i = w.offset; i < threads.size() && i < w.offset + w.size; ++i) {
    const FakeYoutubeComment& top = *threads[i];
    Json thread = {{"kind", "youtube#commentThread"}, {"etag", "etag-t-" + top.id}, {"id", top.id}};
    if (!id_only) {
      Json top_json = CommentJson(top, with_status, false);
      top_json["snippet"]["channelId"] = options_.channel_id;
      auto& replies = replies_of[top.id];
      std::sort(replies.begin(), replies.end(), [](const auto* a, const auto* b) {
        return std::tie(a->published_at, a->id) < std::tie(b->published_at, b->id);
      });
      thread["snippet"] = {{"channelId", options_.channel_id},
                           {"videoId", top.video_id},
                           {"topLevelComment", top_json},
                           {"canReply", true},
                           {"totalReplyCount", replies.size()},
                           {"isPublic", true}};
      if (with_replies && !replies.empty()) {
        Json embedded = Json::array();
        for (std::size_t k = 0;
             k < replies.size() && k < static_cast<std::size_t>(options_.embedded_replies); ++k) {
          Json reply = CommentJson(*replies[k], false, false);
          reply["snippet"]["channelId"] = options_.channel_id;
          embedded.push_back(std::move(reply));
        }
        thread["replies"] = {{"comments", std::move(embedded)}};
      }
    }
    items.push_back(std::move(thread));
  }
  return FakeResponse::Json(
      200, ListBody("youtube#commentThreadListResponse", items, threads.size(), w).dump());
}

FakeResponse FakeYoutubeServer::Comments(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto stop = Gate(r, "comments.list", 1)) return *stop;
  const bool id_only = r.param("part") == "id";
  std::vector<const FakeYoutubeComment*> found;
  if (r.has_param("parentId")) {
    auto parent = comments_.find(r.param("parentId"));
    if (parent == comments_.end() || Gone(parent->second)) {
      return GoogleError(404, "commentNotFound", "The parent comment could not be found.");
    }
    if (disabled_videos_.contains(parent->second.video_id)) {
      return FakeResponse::Json(403, Fixture("error_comments_disabled.json"));
    }
    found = Replies(parent->first);
  } else if (r.has_param("id")) {
    for (const auto& id : Split(r.param("id"), ',')) {
      auto it = comments_.find(id);
      if (it != comments_.end() && !Gone(it->second)) found.push_back(&it->second);
    }
  } else {
    return GoogleError(400, "missingRequiredParameter", "No filter selected.");
  }
  Window w = PageWindow(r, options_.page_size_cap);
  if (w.error) return *w.error;
  Json items = Json::array();
  for (std::size_t i = w.offset; i < found.size() && i < w.offset + w.size; ++i) {
    Json c = CommentJson(*found[i], false, id_only);
    if (!id_only) c["snippet"]["channelId"] = options_.channel_id;
    items.push_back(std::move(c));
  }
  return FakeResponse::Json(200,
                            ListBody("youtube#commentListResponse", items, found.size(), w).dump());
}

FakeResponse FakeYoutubeServer::Moderate(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto stop = Gate(r, "comments.setModerationStatus", 50)) return *stop;
  const std::string status = r.param("moderationStatus");
  if (status != "heldForReview" && status != "published" && status != "rejected") {
    return GoogleError(400, "invalidModerationStatus", "The moderation status is not valid.");
  }
  const bool ban = r.param("banAuthor") == "true";
  if (ban && status != "rejected") {
    return GoogleError(400, "banWithoutReject",
                       "The banAuthor parameter can only be used with moderationStatus=rejected.");
  }
  const auto ids = Split(r.param("id"), ',');
  if (ids.empty() || ids.size() > 50) {
    return GoogleError(400, "invalidParameter", "Between 1 and 50 comment ids are needed.");
  }
  for (const auto& id : ids) {
    auto it = comments_.find(id);
    if (it == comments_.end() || Gone(it->second)) {
      return GoogleError(404, "commentNotFound", "The comment could not be found.");
    }
  }
  for (const auto& id : ids) {
    auto& c = comments_.at(id);
    c.moderation_status = status;
    if (ban && c.author_channel_id) banned_.push_back(*c.author_channel_id);
  }
  FakeResponse response;
  response.status = 204;
  return response;
}

FakeResponse FakeYoutubeServer::Insert(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto stop = Gate(r, "comments.insert", 50)) return *stop;
  if (r.param("part") != "snippet") {
    return GoogleError(400, "invalidPart", "part must be snippet.");
  }
  Json body = Json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("snippet") || !body["snippet"].is_object()) {
    return GoogleError(400, "parseError", "The request body is not a comment resource.");
  }
  const Json& s = body["snippet"];
  if (!s.contains("parentId") || !s["parentId"].is_string() || !s.contains("textOriginal") ||
      !s["textOriginal"].is_string() || s["textOriginal"].get<std::string>().empty()) {
    return GoogleError(400, "commentTextRequired", "snippet.parentId and textOriginal are needed.");
  }
  auto parent = comments_.find(s["parentId"].get<std::string>());
  if (parent == comments_.end() || Gone(parent->second)) {
    return GoogleError(404, "parentCommentNotFound", "The parent comment could not be found.");
  }
  if (!parent->second.parent_id.empty()) {
    return GoogleError(400, "operationNotSupported", "Replies are one level deep.");
  }
  if (disabled_videos_.contains(parent->second.video_id)) {
    return FakeResponse::Json(403, Fixture("error_comments_disabled.json"));
  }
  FakeYoutubeComment c;
  c.id = parent->first + ".Fk" + std::to_string(++inserted_) + "schoolReply";
  c.video_id = parent->second.video_id;
  c.parent_id = parent->first;
  c.author_channel_id = options_.channel_id;
  c.author_name = "@OakfieldPrimarySchool";
  c.text = s["textOriginal"].get<std::string>();
  c.published_at = now_;
  c.updated_at = now_;
  comments_[c.id] = c;
  Json out = CommentJson(c, false, false);
  out["snippet"]["channelId"] = options_.channel_id;
  return FakeResponse::Json(200, out.dump());
}

// comments.delete: only the comment's author, here the channel, may delete it.
FakeResponse FakeYoutubeServer::Delete(const RecordedRequest& r) {
  std::lock_guard lock(mu_);
  if (auto stop = Gate(r, "comments.delete", 50)) return *stop;
  auto it = comments_.find(r.param("id"));
  if (it == comments_.end() || Gone(it->second)) {
    return GoogleError(404, "commentNotFound", "The comment could not be found.");
  }
  if (it->second.author_channel_id != options_.channel_id) {
    return FakeResponse::Json(403, Fixture("error_forbidden_moderation.json"));
  }
  removed_.insert(it->first);
  FakeResponse response;
  response.status = 204;
  return response;
}

}  // namespace schoolmod::testing
