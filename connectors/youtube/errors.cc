#include "youtube/errors.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "youtube/quota_ledger.h"
#include "youtube/settings.h"

namespace schoolmod::connectors::youtube {
namespace {

using Json = nlohmann::json;

// Google's messages can be long and carry HTML; they never carry tokens or comment text.
constexpr std::size_t kMaxMessage = 160;
// Short-term throttling (rateLimitExceeded) says nothing about when it ends.
constexpr Seconds kThrottleBackoff = std::chrono::minutes(1);

std::string Shorten(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxMessage)) {
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  if (s.size() > kMaxMessage) out += "...";
  return out;
}

std::string StringAt(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsOneOf(std::string_view s, std::initializer_list<std::string_view> set) {
  for (auto v : set) {
    if (s == v) return true;
  }
  return false;
}

}  // namespace

Failure ParseFailure(const HttpResponse& response) {
  Failure f;
  f.status = response.status;
  if (auto header = response.header("retry-after")) {
    long long seconds = 0;
    auto [end, ec] = std::from_chars(header->data(), header->data() + header->size(), seconds);
    if (ec == std::errc() && end == header->data() + header->size() && seconds >= 0 &&
        seconds <= 24 * 3600) {
      f.retry_after = Seconds{seconds};
    }
  }
  Json j = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return f;
  auto error = j.find("error");
  if (error == j.end()) return f;
  if (error->is_string()) {  // OAuth token endpoint (RFC 6749 section 5.2)
    f.reason = error->get<std::string>();
    f.message = Shorten(StringAt(j, "error_description"));
    return f;
  }
  if (!error->is_object()) return f;
  f.message = Shorten(StringAt(*error, "message"));
  auto errors = error->find("errors");
  if (errors != error->end() && errors->is_array() && !errors->empty() &&
      errors->front().is_object()) {
    f.reason = StringAt(errors->front(), "reason");
  }
  if (f.reason.empty()) f.reason = StringAt(*error, "status");  // "UNAUTHENTICATED", ...
  return f;
}

Error ToError(const Failure& failure, const Settings& settings, std::string_view call,
              TimePoint now, QuotaLedger& ledger) {
  if (failure.local) {
    Error e = *failure.local;
    e.message = fmt::format("account {}: youtube {}: {}", settings.account_id, call, e.message);
    return e;
  }
  const std::string& reason = failure.reason;
  const int status = failure.status;
  std::string what = fmt::format("account {}: youtube {} failed: HTTP {}{}{}{}",
                                 settings.account_id, call, status, reason.empty() ? "" : " ",
                                 reason,
                                 failure.message.empty() ? "" : " (" + failure.message + ")");

  if (IsOneOf(reason, {"invalid_grant", "invalid_client", "unauthorized_client"})) {
    return Error::Auth(what +
                       "; the refresh token or OAuth client was revoked or has expired: the "
                       "school must consent again and the IT administrator replace the "
                       "credentials");
  }
  if (status == 401 || reason == "authError" || reason == "UNAUTHENTICATED") {
    return Error::Auth(what + "; the access token was refused even after a refresh");
  }
  if (reason == "quotaExceeded" || reason == "dailyLimitExceeded") {
    TimePoint reset = ledger.MarkExhausted(settings.client_id, now);
    return Error::RateLimited(
        what + "; the Google project's daily YouTube quota is spent until midnight Pacific",
        reset);
  }
  if (IsOneOf(reason, {"rateLimitExceeded", "userRateLimitExceeded", "RESOURCE_EXHAUSTED"}) ||
      status == 429) {
    return Error::RateLimited(what, now + failure.retry_after.value_or(kThrottleBackoff));
  }
  if (status >= 500 || IsOneOf(reason, {"backendError", "internalError"})) {
    return Error::Transient(what);
  }
  if (IsOneOf(reason, {"insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"})) {
    return Error::Permission(what + fmt::format("; the token lacks the scope {}: the school must "
                                                "consent again with that scope",
                                                kRequiredScope));
  }
  if (status == 403 && !IsOneOf(reason, {"commentsDisabled"})) {
    return Error::Permission(
        what + fmt::format("; the consenting Google account must own or manage channel {} and "
                           "grant the scope {}",
                           settings.channel_id, kRequiredScope));
  }
  return Error::Permanent(what);
}

}  // namespace schoolmod::connectors::youtube
