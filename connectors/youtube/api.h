#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "schoolmod/connectors/http_client.h"
#include "youtube/errors.h"
#include "youtube/oauth.h"
#include "youtube/quota_ledger.h"
#include "youtube/settings.h"

namespace schoolmod::connectors::youtube {

using Json = nlohmann::json;

// Documented quota costs (shared/platform-apis.md 3.4). Every request is charged before it is
// sent, failed ones included, as Google does.
inline constexpr int kListCost = 1;      // commentThreads.list, comments.list
inline constexpr int kWriteCost = 50;    // comments.setModerationStatus, comments.insert

// One Data API request, relative to the account's api_root.
struct ApiCall {
  std::string_view name;  // "commentThreads.list": quota, messages
  std::string method = "GET";
  std::string path;       // "commentThreads", "comments/setModerationStatus"
  std::vector<std::pair<std::string, std::string>> query;  // unencoded; never a token
  std::string json_body;  // sent as application/json when not empty
  int units = kListCost;
  // Reads leave this many units of the day's quota unspent for actions; actions pass 0.
  int keep_units = 0;
};

struct Reply {
  Json json;                       // the body of a 2xx answer; null when it had none (204)
  std::optional<Failure> failure;  // set when the call did not succeed
};

// Sends Data API calls for one account during one Poll or Act: charges the project's quota,
// attaches the bearer token (the Authorization header is the only place it goes), refreshes the
// token once when the API answers 401, and parses the answer. Not thread-safe; one per call.
class Api {
 public:
  Api(HttpClient& http, TokenCache& tokens, QuotaLedger& ledger, const Settings& settings,
      TimePoint now)
      : http_(http), tokens_(tokens), ledger_(ledger), settings_(settings), now_(now) {}

  Reply Send(const ApiCall& call);
  // The mapped error for a failure of `call_name` (errors.h ToError).
  Error ToError(const Failure& failure, std::string_view call_name) const;

  int requests() const { return requests_; }  // HTTP requests so far, token refreshes included
  // The project's units left today, as of the last charge.
  int remaining_units() const { return remaining_units_; }
  TimePoint quota_reset() const { return NextQuotaReset(now_); }
  TimePoint now() const { return now_; }
  const Settings& settings() const { return settings_; }

 private:
  std::optional<Failure> Charge(const ApiCall& call);

  HttpClient& http_;
  TokenCache& tokens_;
  QuotaLedger& ledger_;
  const Settings& settings_;
  const TimePoint now_;
  int requests_ = 0;
  int remaining_units_ = 0;
};

}  // namespace schoolmod::connectors::youtube
