#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "schoolmod/time.h"
#include "support/fake_http_server.h"

namespace schoolmod::testing {

// A comment in the fake's model.
struct GraphComment {
  std::string id;
  std::string parent_id;    // "" for a top-level comment
  std::string author_id;    // "": Graph withholds the author (no `from`, no `username`)
  std::string author_name;  // Facebook from.name; Instagram username
  std::string text;
  TimePoint created{};
  bool hidden = false;
};

// A Facebook Page post or an Instagram media.
struct GraphPost {
  std::string id;
  TimePoint created{};
  TimePoint updated{};  // Facebook updated_time; AddComment moves it forward
  std::string permalink;
};

enum class GraphFlavour { kFacebook, kInstagram };

// The Graph API of one Facebook Page or one Instagram account, served from an in-memory model
// on a FakeHttpServer (platform-apis.md sections 1 and 2, shapes as in
// shared/fixtures/platforms/). It honours what the connectors rely on: the bearer token, the
// version in the path, `fields` with nested edges and their modifiers
// (comments.filter(stream).order(reverse_chronological).limit(25){...}, replies{...}),
// limit/after paging with opaque cursors, since/until on post listings, and the write calls.
// Like the real API it puts the token into paging.next, pointing at graph.facebook.com, so a
// connector that follows `next` fails instead of reaching this server. Facebook lists comments
// in the order asked for; Instagram lists them oldest first, an order the real API does not
// document, so connectors cannot depend on it.
//
// Model calls are thread-safe and may be made while a connector is talking to the server.
class FakeGraphServer {
 public:
  FakeGraphServer(GraphFlavour flavour, std::string owner_id, std::string token);

  std::string base_url() const { return http_.base_url(); }
  static constexpr const char* kVersion = "v21.0";

  void AddPost(const GraphPost& post);
  // Facebook: also moves the post's updated_time to the comment's creation when later.
  void AddComment(const std::string& post_id, const GraphComment& comment);
  void EditComment(const std::string& id, const std::string& text);
  // Removes the comment and its replies, as deleting on the platform does.
  void RemoveComment(const std::string& id);
  void set_owner_username(std::string username);
  // Instagram: leave hidden comments out of listings (reported behaviour, unconfirmed).
  void set_list_hidden(bool list_hidden);

  std::optional<GraphComment> comment(const std::string& id) const;
  std::set<std::string> blocked_users() const;

  // Headers added to every answer (X-App-Usage, X-Business-Use-Case-Usage).
  void set_response_headers(std::vector<std::pair<std::string, std::string>> headers);
  // The next `times` requests, whatever they ask, get `response`.
  void FailNext(FakeResponse response, int times = 1);

  std::vector<RecordedRequest> requests() const { return http_.requests(); }
  void ClearRequests() { http_.ClearRequests(); }

 private:
  struct PostEntry {
    GraphPost post;
    std::vector<GraphComment> comments;  // creation order
  };

  FakeResponse Handle(const RecordedRequest& request);
  FakeResponse HandleLocked(const RecordedRequest& request);
  FakeResponse Get(const std::vector<std::string>& seg, const RecordedRequest& request);
  FakeResponse Post(const std::vector<std::string>& seg,
                    const std::map<std::string, std::string>& params);
  FakeResponse Delete(const std::string& id);

  PostEntry* FindPost(const std::string& id);
  // The post holding the comment and the comment, or nulls.
  std::pair<PostEntry*, GraphComment*> FindComment(const std::string& id);

  const GraphFlavour flavour_;
  const std::string owner_id_;
  const std::string token_;

  mutable std::mutex mu_;
  std::map<std::string, PostEntry> posts_;       // guarded by mu_
  std::string owner_username_;                   // guarded by mu_
  bool list_hidden_ = true;                      // guarded by mu_
  std::set<std::string> blocked_;                // guarded by mu_
  std::vector<std::pair<std::string, std::string>> headers_;  // guarded by mu_
  std::deque<FakeResponse> failures_;            // guarded by mu_
  int next_id_ = 1;                              // guarded by mu_

  FakeHttpServer http_;  // last: its threads stop before the model goes away
};

}  // namespace schoolmod::testing
