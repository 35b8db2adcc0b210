#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/errors.h"
#include "graph/json.h"
#include "schoolmod/config/config.h"
#include "schoolmod/connectors/http_client.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::graph {

// Graph API Facebook Login host. The Instagram Login flavour (graph.instagram.com) and the test
// fakes are reached through the account's api_base_url.
inline constexpr std::string_view kDefaultBaseUrl = "https://graph.facebook.com";
// The newest version with a published expiry in platform-apis.md section 1.1 (2028-07-29), so a
// default install keeps working longest; api_version overrides it.
inline constexpr std::string_view kDefaultVersion = "v25.0";
// How far back the first poll reads, and which posts are re-read every poll ("lookback").
inline constexpr Seconds kDefaultLookback{30 * 24 * 3600};

// Where and as whom one account talks to Graph, read from its config.
struct GraphAccount {
  std::string account_id;
  std::string base_url;  // scheme://host[:port][/prefix], no trailing slash
  std::string version;   // "v25.0"
  std::string token;     // only ever sent in the Authorization header; never logged
  std::string owner_id;  // page_id or ig_user_id
  Seconds lookback = kDefaultLookback;
};

// kInvalidInput naming the key when one is missing or malformed. `owner_key` is "page_id" or
// "ig_user_id"; the token is the "token" secret.
Result<GraphAccount> ReadGraphAccount(const config::Account& account, std::string_view owner_key);

using Params = std::vector<std::pair<std::string, std::string>>;

// A successful exchange.
struct Reply {
  Json body;          // a JSON object; empty when `gone`
  bool gone = false;  // the object does not exist (IsGone): callers decide what that means
};

// One poll's or one action's conversation with Graph: builds every URL from the configured base
// (never from a URL the platform sent), puts the token in the Authorization header only, maps
// failures with MapGraphError, and keeps the call count and latest usage for PollResult.
// Not thread-safe; cheap, so made per Poll()/Act().
class GraphClient {
 public:
  GraphClient(HttpClient& http, const GraphAccount& account, TimePoint now);

  // `method` GET or DELETE sends `params` as the query, POST as a form body.
  // `path` is relative to the version ("918_128/comments"); its ids must be IsGraphId.
  // `what` and `permission` name the call in errors. A 2xx whose body is not a JSON object is
  // kTransient (a truncated or garbled answer; asking again is safe for every call we make).
  Result<Reply> Call(std::string_view method, std::string_view path, const Params& params,
                     std::string_view what, std::string_view permission);

  int calls() const { return calls_; }
  // From the latest response that carried usage headers.
  const RateLimit& rate_limit() const { return rate_limit_; }

 private:
  HttpClient& http_;
  const GraphAccount& account_;
  TimePoint now_;
  int calls_ = 0;
  RateLimit rate_limit_;
};

// "a=1&b=2" with each name and value percent-encoded.
std::string EncodeParams(const Params& params);

}  // namespace schoolmod::connectors::graph
