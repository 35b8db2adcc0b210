#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "graph/json.h"
#include "schoolmod/connectors/http_client.h"
#include "schoolmod/result.h"

// Graph API failures and usage headers, shared by the Facebook and Instagram connectors
// (platform-apis.md sections 0.1, 1.7, 1.8 and 2.5).
namespace schoolmod::connectors::graph {

// What the usage headers of one response said (X-App-Usage, X-Page-Usage,
// X-Business-Use-Case-Usage). Graph reports percentages of a rolling allowance, not counts.
struct Usage {
  std::optional<int> percent;          // the highest value in any header, 0..100 (or more)
  std::optional<TimePoint> regain_at;  // now + the largest estimated_time_to_regain_access > 0
};

// Headers that are missing or malformed contribute nothing: they never fail a call.
Usage ParseUsage(const HttpResponse& response, TimePoint now);

// The `error` object of a Graph response.
struct GraphError {
  int code = 0;
  int subcode = 0;  // error_subcode; 0 when absent
  bool is_transient = false;
  std::string message;  // sanitised and shortened: safe for logs (Graph never echoes tokens)
};

std::optional<GraphError> ParseGraphError(const Json& body);

// The object no longer exists, or this token may not see it: code 100 with subcode 33
// ("object does not exist"), or a 404 without a Graph error. Actions treat this as done for
// hide and delete (DESIGN.md: repeating an action after a crash is harmless).
bool IsGone(int status, const std::optional<GraphError>& error);

// Names the failing call in messages.
struct CallContext {
  std::string_view account_id;
  std::string_view what;        // "listing posts", "hiding comment 918_128"
  std::string_view permission;  // what the token needs for this call, named in kPermission
  TimePoint now;
};

// If Graph throttles without saying for how long. Its app-level window rolls over an hour;
// ten minutes keeps the daemon from hammering while not stalling an account for the whole hour.
inline constexpr Seconds kDefaultRateLimitWait{10 * 60};

// The one mapping from a failed Graph exchange to our error kinds, classified on error.code
// first (Graph answers 400 for nearly everything) and the HTTP status only without one:
//   190, 102, 492 (token expired, invalidated, app removed)          -> kAuth
//   10, 3, 200..299 (permission missing)                              -> kPermission
//   4, 17, 32, 341, 368, 613, 80001..80014, HTTP 429 (throttled)      -> kRateLimited + retry_at
//   1, 2, is_transient, HTTP 5xx                                      -> kTransient
//   HTTP 401 / 403 without a Graph error                              -> kAuth / kPermission
//   anything else (100 invalid parameter, 506 duplicate, ...)         -> kPermanent
Error MapGraphError(int status, const std::optional<GraphError>& error, const Usage& usage,
                    const CallContext& ctx);

}  // namespace schoolmod::connectors::graph
