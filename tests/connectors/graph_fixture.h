#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "facebook/facebook_connector.h"
#include "graph/poll_support.h"
#include "instagram/instagram_connector.h"
#include "schoolmod/connectors/connector.h"
#include "schoolmod/connectors/http_client.h"
#include "support/fake_graph_server.h"

// What every Facebook and Instagram connector test needs: the fake Graph API, the real libcurl
// client, a connector on a clock the test sets, an account pointing at the fake, and the log.
namespace schoolmod::connectors::graph_test {

using testing::FakeGraphServer;
using testing::FakeResponse;
using testing::GraphComment;
using testing::GraphFlavour;
using testing::GraphPost;
using testing::RecordedRequest;

inline constexpr const char* kPageId = "104857263301122";
inline constexpr const char* kIgUserId = "17841405309211844";
// Distinctive, so a test can search every recorded request for it.
inline constexpr const char* kToken = "EAAGtestTOKENmustNEVERappearINaURL";

inline TimePoint At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

// A shared fixture file (tests/fixtures/<platform>/<name>).
inline std::string FixtureFile(const std::string& relative) {
  std::ifstream in(std::string(SCHOOLMOD_GRAPH_FIXTURES) + "/" + relative, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Small pages, so a handful of objects spans several of them.
inline graph::GraphOptions SmallPages() {
  graph::GraphOptions o;
  o.posts_per_page = 2;
  o.nested_comments = 3;
  o.comments_per_page = 2;
  return o;
}

struct GraphFixture {
  GraphFlavour flavour;
  FakeGraphServer server;
  std::ostringstream log_out;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<HttpClient> http;
  TimePoint now = At("2024-11-29T09:00:00Z");
  config::Account account;
  std::unique_ptr<Connector> connector;

  explicit GraphFixture(GraphFlavour f, graph::GraphOptions options = {},
                        HttpClientOptions http_options = FastHttp())
      : flavour(f),
        server(f, f == GraphFlavour::kFacebook ? kPageId : kIgUserId, kToken) {
    log = std::make_shared<spdlog::logger>(
        "connector.graph", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_out));
    log->set_level(spdlog::level::debug);
    http = MakeCurlHttpClient(http_options, nullptr);
    ConnectorEnv env;
    env.http = http.get();
    env.log = log;
    env.now = [this] { return now; };
    const bool fb = f == GraphFlavour::kFacebook;
    connector = fb ? MakeFacebookConnector(env, options) : MakeInstagramConnector(env, options);
    account.id = fb ? "oakfield-facebook" : "oakfield-instagram";
    account.platform = fb ? "facebook" : "instagram";
    account.api_base_url = server.base_url();
    account.api_version = FakeGraphServer::kVersion;
    account.settings[fb ? "page_id" : "ig_user_id"] = fb ? kPageId : kIgUserId;
    account.secrets["token"] = config::Secret{kToken, "test"};
    if (!fb) server.set_owner_username("oakfieldprimary");
  }

  static HttpClientOptions FastHttp() {
    HttpClientOptions o;
    o.connect_timeout = Seconds{2};
    o.total_timeout = Seconds{5};
    return o;
  }

  PollResult Poll(Cursor& cursor) {
    auto r = connector->Poll(account, cursor);
    if (!r) FAIL_CHECK(r.error().message);
    REQUIRE(r);
    cursor = r->next_cursor;
    return std::move(r).value();
  }

  std::string LogText() {
    log->flush();
    return log_out.str();
  }

  // A post made `age` before `now`, with a permalink like the platform's.
  GraphPost AddPost(const std::string& id, Seconds age) {
    GraphPost p;
    p.id = id;
    p.created = now - age;
    p.permalink = flavour == GraphFlavour::kFacebook
                      ? "https://www.facebook.com/" + std::string(kPageId) + "/posts/" + id
                      : "https://www.instagram.com/p/" + id + "/";
    server.AddPost(p);
    return p;
  }

  GraphComment AddComment(const std::string& post_id, const std::string& id, TimePoint created,
                          const std::string& author_id = "7310422859911234",
                          const std::string& parent_id = "") {
    GraphComment c;
    c.id = id;
    c.parent_id = parent_id;
    c.author_id = author_id;
    c.author_name = author_id.empty() ? "" : "Parent " + author_id.substr(author_id.size() - 4);
    c.text = "text of " + id;
    c.created = created;
    server.AddComment(post_id, c);
    return c;
  }
};

inline std::vector<std::string> Ids(const PollResult& r) {
  std::vector<std::string> ids;
  for (const auto& c : r.comments) ids.push_back(c.platform_id);
  return ids;
}

inline const Comment* Find(const PollResult& r, const std::string& id) {
  for (const auto& c : r.comments) {
    if (c.platform_id == id) return &c;
  }
  return nullptr;
}

inline std::vector<RecordedRequest> RequestsTo(const FakeGraphServer& server,
                                               const std::string& method,
                                               const std::string& path) {
  std::vector<RecordedRequest> out;
  for (auto& r : server.requests()) {
    if (r.method == method && r.path == path) out.push_back(std::move(r));
  }
  return out;
}

// Every request the fake saw carried the token in the Authorization header and nowhere else.
inline void CheckTokenOnlyInHeader(const FakeGraphServer& server) {
  const auto requests = server.requests();
  REQUIRE_FALSE(requests.empty());
  for (const auto& r : requests) {
    INFO(r.method << " " << r.target);
    CHECK(r.header("authorization") == std::string("Bearer ") + kToken);
    CHECK(r.target.find(kToken) == std::string::npos);
    CHECK(r.body.find(kToken) == std::string::npos);
    CHECK_FALSE(r.has_param("access_token"));
  }
}

}  // namespace schoolmod::connectors::graph_test
