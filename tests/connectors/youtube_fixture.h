#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "schoolmod/connectors/connector.h"
#include "schoolmod/connectors/http_client.h"
#include "support/fake_youtube_server.h"

// What every YouTube connector test needs: the fake API, the real libcurl client, a connector on
// a clock the test moves by hand, an account pointing every host at the fake, and the log.
namespace schoolmod::connectors::youtube_test {

using testing::FakeResponse;
using testing::FakeYoutubeComment;
using testing::FakeYoutubeServer;
using testing::RecordedRequest;

inline TimePoint At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

// The quota ledger is process-wide and keyed by client ID, so each fake gets its own project
// unless a test shares one on purpose.
inline FakeYoutubeServer::Options FreshProject(FakeYoutubeServer::Options options = {}) {
  static std::atomic<int> next{0};
  options.client_id = "test-" + std::to_string(::getpid()) + "-" + std::to_string(++next) +
                      ".apps.googleusercontent.com";
  return options;
}

inline config::Account AccountFor(const FakeYoutubeServer& fake, std::string id) {
  config::Account a;
  a.id = std::move(id);
  a.platform = "youtube";
  a.api_base_url = fake.api_base_url();
  a.settings["channel_id"] = fake.options().channel_id;
  a.settings["oauth_token_url"] = fake.token_url();
  a.secrets["client_id"] = {fake.options().client_id, "test"};
  a.secrets["client_secret"] = {fake.options().client_secret, "test"};
  a.secrets["refresh_token"] = {fake.options().refresh_token, "test"};
  return a;
}

inline FakeYoutubeComment Top(std::string id, std::string video, std::string published,
                              std::string author = "UCparentChannel000000001",
                              std::string text = "") {
  FakeYoutubeComment c;
  c.id = std::move(id);
  c.video_id = std::move(video);
  c.author_channel_id = author;
  c.author_name = "@parent-" + author.substr(author.size() - 4);
  c.text = text.empty() ? "comment " + c.id : std::move(text);
  c.published_at = std::move(published);
  return c;
}

inline FakeYoutubeComment ReplyTo(const FakeYoutubeComment& parent, std::string suffix,
                                  std::string published,
                                  std::string author = "UCparentChannel000000002") {
  FakeYoutubeComment c = Top(parent.id + "." + suffix, parent.video_id, std::move(published),
                             std::move(author));
  c.parent_id = parent.id;
  return c;
}

inline std::vector<std::string> Ids(const PollResult& r) {
  std::vector<std::string> ids;
  for (const auto& c : r.comments) ids.push_back(c.platform_id);
  return ids;
}

inline const Comment* FindComment(const PollResult& r, const std::string& id) {
  for (const auto& c : r.comments) {
    if (c.platform_id == id) return &c;
  }
  return nullptr;
}

struct YoutubeFixture {
  FakeYoutubeServer fake;
  TimePoint now = At("2024-12-06T09:00:00Z");
  std::ostringstream log_out;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<HttpClient> http;
  std::unique_ptr<Connector> connector;
  config::Account account;

  explicit YoutubeFixture(FakeYoutubeServer::Options options = FreshProject(),
                          HttpClientOptions http_options = {})
      : fake(std::move(options)) {
    log = std::make_shared<spdlog::logger>(
        "connector.youtube", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_out));
    log->set_level(spdlog::level::trace);
    http = MakeCurlHttpClient(http_options, log);
    connector = Make();
    account = AccountFor(fake, "oakfield-youtube");
  }

  // Another connector instance on the same clock and client, as the daemon makes per account.
  std::unique_ptr<Connector> Make() {
    ConnectorEnv env;
    env.http = http.get();
    env.log = log;
    env.now = [this] { return now; };
    return MakeConnector("youtube", env);
  }

  Result<PollResult> TryPoll(const Cursor& cursor) { return connector->Poll(account, cursor); }

  PollResult Poll(Cursor& cursor) {
    auto r = connector->Poll(account, cursor);
    if (!r) FAIL_CHECK(r.error().message << "\n" << LogText());
    REQUIRE(r);
    cursor = r->next_cursor;
    return std::move(r).value();
  }

  Result<ActionOutcome> Act(ActionKind kind, const std::string& comment_id,
                            const std::string& message = "") {
    Action a;
    a.kind = kind;
    a.comment_id = comment_id;
    a.post_id = "Qm3Xc9fWkLs";
    a.message = message;
    a.idempotency_key = "key-" + comment_id + "-" + std::string(ToString(kind));
    return connector->Act(account, a);
  }

  std::string LogText() {
    log->flush();
    return log_out.str();
  }
};

}  // namespace schoolmod::connectors::youtube_test
