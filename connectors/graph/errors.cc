#include "graph/errors.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace schoolmod::connectors::graph {
namespace {

constexpr std::size_t kMaxMessage = 300;

// Graph's text goes into our logs and the admin UI: one line, bounded, no control characters.
std::string Sanitise(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxMessage)) {
    out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
  }
  if (s.size() > kMaxMessage) out += "...";
  return out;
}

// One usage object ({"call_count":N,"total_cputime":N,"total_time":N,...}) into `usage`.
void Absorb(const Json& entry, TimePoint now, Usage& usage) {
  if (!entry.is_object()) return;
  for (const char* key : {"call_count", "total_cputime", "total_time"}) {
    if (auto v = GetInt(entry, key); v && *v >= 0 && *v <= 10000) {
      usage.percent = std::max(usage.percent.value_or(0), static_cast<int>(*v));
    }
  }
  // Minutes, per the rate-limiting guide; capped at a day so a garbled value cannot park an
  // account for years.
  if (auto minutes = GetInt(entry, "estimated_time_to_regain_access"); minutes && *minutes > 0) {
    auto at = now + std::chrono::minutes(std::min<std::int64_t>(*minutes, 24 * 60));
    if (!usage.regain_at || at > *usage.regain_at) usage.regain_at = at;
  }
}

std::string_view TokenProblem(int subcode) {
  switch (subcode) {
    case 458: return "the app was removed from the account";
    case 459: return "the account holder must log in to Facebook to clear a checkpoint";
    case 460: return "the token was invalidated by a password change";
    case 463: return "the token has expired";
    case 464: return "the account holder has not confirmed their Facebook account";
    case 467: return "the token is no longer valid (logged out or revoked)";
    default: return "the token was refused";
  }
}

bool IsRateCode(int code) {
  return code == 4 || code == 17 || code == 32 || code == 341 || code == 368 || code == 613 ||
         (code >= 80001 && code <= 80014);
}

}  // namespace

Usage ParseUsage(const HttpResponse& response, TimePoint now) {
  Usage usage;
  for (const char* name : {"x-app-usage", "x-page-usage"}) {
    if (auto h = response.header(name)) {
      Absorb(Json::parse(*h, nullptr, /*allow_exceptions=*/false), now, usage);
    }
  }
  // {"<object id>":[{"type":"pages","call_count":..,"estimated_time_to_regain_access":..}]}
  if (auto h = response.header("x-business-use-case-usage")) {
    Json buc = Json::parse(*h, nullptr, /*allow_exceptions=*/false);
    if (buc.is_object()) {
      for (const auto& [id, entries] : buc.items()) {
        if (!entries.is_array()) continue;
        for (const auto& entry : entries) Absorb(entry, now, usage);
      }
    }
  }
  return usage;
}

std::optional<GraphError> ParseGraphError(const Json& body) {
  const Json* e = GetObject(body, "error");
  if (e == nullptr) return std::nullopt;
  GraphError out;
  out.code = static_cast<int>(GetInt(*e, "code").value_or(0));
  out.subcode = static_cast<int>(GetInt(*e, "error_subcode").value_or(0));
  out.is_transient = GetBool(*e, "is_transient").value_or(false);
  if (const std::string* m = GetString(*e, "message")) out.message = Sanitise(*m);
  return out;
}

bool IsGone(int status, const std::optional<GraphError>& error) {
  if (error) return error->code == 100 && error->subcode == 33;
  return status == 404;
}

Error MapGraphError(int status, const std::optional<GraphError>& error, const Usage& usage,
                    const CallContext& ctx) {
  const std::string where = fmt::format("account {}: {}", ctx.account_id, ctx.what);
  const std::string said =
      error ? fmt::format("Graph error {}{}{}: {}", error->code,
                          error->subcode != 0 ? "/" : "",
                          error->subcode != 0 ? std::to_string(error->subcode) : "",
                          error->message)
            : fmt::format("HTTP {}", status);
  const int code = error ? error->code : 0;

  if (code == 190 || code == 102 || code == 492 || (!error && status == 401)) {
    return Error::Auth(fmt::format("{} failed: {}; a person must issue a new token ({})", where,
                                   TokenProblem(error ? error->subcode : 0), said));
  }
  if (IsRateCode(code) || (!error && status == 429)) {
    // 368 is a temporary block for policy reasons: an hour, not minutes.
    Seconds wait = code == 368 ? Seconds{3600} : kDefaultRateLimitWait;
    TimePoint retry_at = usage.regain_at.value_or(ctx.now + wait);
    std::string used = usage.percent ? fmt::format("; usage {}%", *usage.percent) : "";
    return Error::RateLimited(fmt::format("{} throttled ({}){}", where, said, used), retry_at);
  }
  if (code == 10 || code == 3 || (code >= 200 && code <= 299) || (!error && status == 403)) {
    return Error::Permission(fmt::format("{} refused: the token lacks the permission {} ({})",
                                         where, ctx.permission, said));
  }
  if (code == 1 || code == 2 || (error && error->is_transient) || status >= 500) {
    return Error::Transient(fmt::format("{} failed, retry later ({})", where, said));
  }
  return Error::Permanent(fmt::format("{} failed ({})", where, said));
}

}  // namespace schoolmod::connectors::graph
