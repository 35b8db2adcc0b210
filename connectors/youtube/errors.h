#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/connectors/http_client.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::youtube {

class QuotaLedger;
struct Settings;

// Why a call to the Data API or the token endpoint did not succeed, before it is mapped to an
// Error. Callers look at `reason` first where a failure means something else for them
// (commentsDisabled while polling, commentNotFound after a rejection).
struct Failure {
  int status = 0;        // HTTP status; 0 when no response came back
  std::string reason;    // error.errors[0].reason (API) or "error" (OAuth), "" when absent
  std::string message;   // the platform's message, shortened; never a token
  std::optional<Error> local;  // already classified: transport errors, local quota refusal
  std::optional<Seconds> retry_after;  // a Retry-After header, when sent
};

// Reads a failed response: Google's {"error":{"code","message","errors":[{"reason"}]}} or the
// token endpoint's {"error":"invalid_grant","error_description"}; anything else leaves reason
// empty and the status decides.
Failure ParseFailure(const HttpResponse& response);

// The one place YouTube failures become our error kinds (DESIGN.md "Connectors"):
//   token endpoint invalid_grant / invalid_client / unauthorized_client, HTTP 401 -> kAuth
//   403 insufficientPermissions / forbidden / accessNotConfigured ...            -> kPermission
//   quotaExceeded (marks the project exhausted in `ledger`), rateLimitExceeded,
//   userRateLimitExceeded, 429                                                     -> kRateLimited
//   5xx, backendError, internalError, transport failures, malformed bodies       -> kTransient
//   anything else (400s, 404 commentNotFound, commentsDisabled)                  -> kPermanent
// `call` names the method ("commentThreads.list") for the message.
Error ToError(const Failure& failure, const Settings& settings, std::string_view call,
              TimePoint now, QuotaLedger& ledger);

}  // namespace schoolmod::connectors::youtube
