#include "youtube/api.h"

#include <fmt/format.h>

namespace schoolmod::connectors::youtube {

std::optional<Failure> Api::Charge(const ApiCall& call) {
  QuotaLedger::Grant grant =
      ledger_.Take(settings_.client_id, call.units, settings_.daily_quota, call.keep_units, now_);
  remaining_units_ = grant.remaining;
  if (grant.granted) return std::nullopt;
  Failure f;
  f.local = Error::RateLimited(
      fmt::format("not sent: the Google project has {} of its {} daily quota units left{} until "
                  "midnight Pacific",
                  grant.remaining, settings_.daily_quota,
                  call.keep_units > 0
                      ? fmt::format(" ({} are kept for moderation actions)", call.keep_units)
                      : std::string()),
      grant.reset_at);
  return f;
}

Reply Api::Send(const ApiCall& call) {
  Reply reply;
  std::string url = settings_.api_root + "/" + call.path;
  char separator = '?';
  for (const auto& [name, value] : call.query) {
    url += separator;
    url += UrlEncode(name) + "=" + UrlEncode(value);
    separator = '&';
  }

  for (int attempt = 0; attempt < 2; ++attempt) {
    // Quota first: a spent day needs no fresh token either. If the refresh then fails, the
    // ledger has counted a unit Google did not: an overcount, on the safe side.
    if (auto refused = Charge(call)) {
      reply.failure = std::move(refused);
      return reply;
    }
    Failure failure;
    auto token = tokens_.Get(settings_, http_, now_, /*force=*/attempt > 0, requests_, failure);
    if (!token) {
      reply.failure = std::move(failure);
      return reply;
    }

    HttpRequest request;
    request.method = call.method;
    request.url = url;
    request.headers = {{"Authorization", "Bearer " + *token}, {"Accept", "application/json"}};
    if (!call.json_body.empty()) {
      request.headers.emplace_back("Content-Type", "application/json; charset=UTF-8");
      request.body = call.json_body;
    }
    ++requests_;
    auto response = http_.Send(request);
    if (!response) {
      reply.failure = Failure{};
      reply.failure->local = response.error();
      return reply;
    }
    // Google answers 401 authError for an expired or revoked access token: refresh once and
    // try again; a second 401 means the new token is refused too.
    if (response->status == 401 && attempt == 0) continue;
    if (response->status < 200 || response->status >= 300) {
      reply.failure = ParseFailure(*response);
      return reply;
    }
    if (response->body.empty()) return reply;
    reply.json = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
    if (reply.json.is_discarded() || !reply.json.is_object()) {
      reply.json = nullptr;
      reply.failure = Failure{};
      reply.failure->status = response->status;
      reply.failure->local = Error::Transient(fmt::format(
          "HTTP {} with a body that is not a JSON object ({} bytes)", response->status,
          response->body.size()));
    }
    return reply;
  }
  return reply;  // not reached: the second attempt always returns
}

Error Api::ToError(const Failure& failure, std::string_view call_name) const {
  return youtube::ToError(failure, settings_, call_name, now_, ledger_);
}

}  // namespace schoolmod::connectors::youtube
