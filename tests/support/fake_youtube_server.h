#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_http_server.h"

namespace schoolmod::testing {

// One comment in the fake's model: a top-level comment (a thread) or a reply.
struct FakeYoutubeComment {
  std::string id;
  std::string video_id;
  std::string parent_id;                         // "" for a top-level comment
  std::optional<std::string> author_channel_id;  // nullopt: authorChannelId/Url left out
  std::string author_name;                       // "": authorDisplayName left out
  std::string text;
  std::string published_at;                      // RFC 3339, "2024-12-05T19:02:51Z"
  std::string updated_at;                        // "": same as published_at
  // published | heldForReview | likelySpam | rejected
  std::string moderation_status = "published";
};

// A fake YouTube Data API v3 (commentThreads.list, comments.list, comments.setModerationStatus,
// comments.insert, comments.delete) and Google OAuth token endpoint on a FakeHttpServer,
// answering from an in-memory model of one channel with the documented shapes
// (shared/platform-apis.md section 3, tests/fixtures/youtube/). Checks the bearer token on every
// API call, pages with opaque page tokens, counts the documented quota cost of every API request,
// and records every request.
// Thread-safe: the test thread may change the model between (or during) requests.
class FakeYoutubeServer {
 public:
  struct Options {
    std::string channel_id = "UC7xOakfieldPrimary2024a";
    std::string client_id = "schoolmod-test.apps.googleusercontent.com";
    std::string client_secret = "fake-client-secret";
    std::string refresh_token = "1//0fake-refresh-token";
    int expires_in = 3599;             // seconds, in token answers
    std::string scope = "https://www.googleapis.com/auth/youtube.force-ssl";
    int embedded_replies = 5;          // replies a commentThread carries (the oldest ones)
    int page_size_cap = 100;           // the fake's own cap on maxResults, to force paging
    // order=time by a thread's newest activity (a new reply moves the thread to the front)
    // rather than by its top-level comment; the documentation leaves this open.
    bool bump_threads_on_reply = false;
    std::string now = "2024-12-06T09:00:00Z";  // publishedAt of comments the API inserts
  };

  FakeYoutubeServer();
  explicit FakeYoutubeServer(Options options);

  // The account's api_base_url ("http://127.0.0.1:PORT/youtube") and oauth_token_url.
  std::string api_base_url() const;
  std::string token_url() const;
  const Options& options() const { return options_; }

  // ---- the model
  void Add(FakeYoutubeComment comment);
  // Adds every thread (and embedded reply) of a commentThreadListResponse in
  // tests/fixtures/youtube/, keeping a moderationStatus it shows.
  void LoadThreads(std::string_view fixture_name);
  void Edit(const std::string& id, const std::string& text, const std::string& updated_at);
  // Deleted by its author: gone from every answer.
  void Remove(const std::string& id);
  // Replies and inserts on this video answer 403 commentsDisabled.
  void DisableComments(const std::string& video_id);
  void set_now(std::string rfc3339);
  std::optional<FakeYoutubeComment> Find(const std::string& id) const;
  std::vector<std::string> banned_authors() const;

  // ---- OAuth
  // The refresh token is revoked: the token endpoint answers 400 invalid_grant from now on.
  void RevokeRefreshToken();
  // Every access token issued so far is refused (401 authError) from now on.
  void ExpireAccessTokens();
  std::vector<std::string> issued_tokens() const;

  // ---- failure injection
  // The next `times` requests for `method` ("commentThreads.list", "comments.list",
  // "comments.setModerationStatus", "comments.insert", "comments.delete" or "token") get
  // `response` instead.
  void FailNext(std::string method, FakeResponse response, int times = 1);

  // ---- recording
  std::vector<RecordedRequest> requests() const;      // everything, token requests included
  std::vector<RecordedRequest> api_requests() const;  // Data API requests only
  std::vector<RecordedRequest> token_requests() const;
  int units_used() const;  // documented quota cost of every Data API request received
  void ClearRequests();
  FakeHttpServer& http() { return http_; }

  // The contents of tests/fixtures/youtube/<name>; throws when missing (tests only).
  static std::string Fixture(std::string_view name);

 private:
  FakeResponse Threads(const RecordedRequest& r);
  FakeResponse Comments(const RecordedRequest& r);
  FakeResponse Moderate(const RecordedRequest& r);
  FakeResponse Insert(const RecordedRequest& r);
  FakeResponse Delete(const RecordedRequest& r);
  FakeResponse Token(const RecordedRequest& r);
  // Injected failure, auth and scope checks, quota; nullopt to go on. Requires mu_.
  std::optional<FakeResponse> Gate(const RecordedRequest& r, const std::string& method, int units);
  std::optional<FakeResponse> Injected(const std::string& method);  // requires mu_
  std::vector<const FakeYoutubeComment*> Replies(const std::string& parent) const;  // requires mu_
  bool Gone(const FakeYoutubeComment& c) const;  // requires mu_

  const Options options_;
  FakeHttpServer http_;

  mutable std::mutex mu_;
  std::map<std::string, FakeYoutubeComment> comments_;        // guarded by mu_
  std::set<std::string> removed_;                             // guarded by mu_
  std::set<std::string> disabled_videos_;                     // guarded by mu_
  std::vector<std::string> banned_;                           // guarded by mu_
  std::vector<std::string> tokens_;                           // issued; guarded by mu_
  std::set<std::string> valid_tokens_;                        // guarded by mu_
  bool refresh_revoked_ = false;                              // guarded by mu_
  std::map<std::string, std::deque<FakeResponse>> failures_;  // guarded by mu_
  int units_ = 0;                                             // guarded by mu_
  int inserted_ = 0;                                          // guarded by mu_
  std::string now_;                                           // guarded by mu_
};

}  // namespace schoolmod::testing
