#include "youtube/oauth.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "youtube/settings.h"

namespace schoolmod::connectors::youtube {
namespace {

using Json = nlohmann::json;

// Refresh this long before Google's stated expiry, so a token never runs out between the check
// and the last page of a poll.
constexpr Seconds kExpiryMargin = std::chrono::minutes(5);
// A configured token (secret "token") comes with no expiry; trust it this long, or until a 401.
constexpr Seconds kConfiguredTokenLife = std::chrono::minutes(30);
// Google's tokens last an hour; an answer without expires_in gets the cautious default.
constexpr Seconds kDefaultTokenLife = std::chrono::hours(1);

std::size_t Fingerprint(const Settings& s) {
  return std::hash<std::string>{}(s.client_id + '\n' + s.refresh_token + '\n' + s.token_url);
}

}  // namespace

std::optional<std::string> TokenCache::Get(const Settings& settings, HttpClient& http,
                                           TimePoint now, bool force, int& requests,
                                           Failure& failure) {
  const std::size_t credentials = Fingerprint(settings);
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(settings.account_id);
    if (it != entries_.end() && it->second.credentials != credentials) {
      entries_.erase(it);
      it = entries_.end();
    }
    if (it == entries_.end() && !force && !settings.configured_token.empty() &&
        configured_used_.insert(settings.account_id).second) {
      it = entries_
               .insert_or_assign(settings.account_id,
                                 Entry{credentials, settings.configured_token,
                                       now + kConfiguredTokenLife})
               .first;
    }
    if (it != entries_.end() && !force && now < it->second.expires_at) return it->second.token;
    if (it != entries_.end()) entries_.erase(it);
  }

  HttpRequest request;
  request.method = "POST";
  request.url = settings.token_url;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  request.body = fmt::format(
      "grant_type=refresh_token&client_id={}&client_secret={}&refresh_token={}",
      UrlEncode(settings.client_id), UrlEncode(settings.client_secret),
      UrlEncode(settings.refresh_token));
  ++requests;
  auto response = http.Send(request);
  if (!response) {
    failure = Failure{};
    failure.local = response.error();
    return std::nullopt;
  }
  if (response->status < 200 || response->status >= 300) {
    failure = ParseFailure(*response);
    return std::nullopt;
  }
  Json j = Json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  auto token = j.is_object() ? j.find("access_token") : j.end();
  if (!j.is_object() || token == j.end() || !token->is_string() ||
      token->get_ref<const std::string&>().empty()) {
    failure = Failure{};
    failure.status = response->status;
    // Not the body: a half-readable answer from a token endpoint may still hold a token.
    failure.local = Error::Transient(
        fmt::format("token endpoint answered HTTP {} without a usable access_token",
                    response->status));
    return std::nullopt;
  }
  Seconds life = kDefaultTokenLife;
  if (auto expires = j.find("expires_in"); expires != j.end() && expires->is_number_integer()) {
    life = Seconds{std::clamp<std::int64_t>(expires->get<std::int64_t>(), 0, 24 * 3600)};
  }
  // At least a minute of use even from a short-lived token, so a poll can finish.
  const Seconds usable =
      std::max<Seconds>(life - kExpiryMargin, std::min<Seconds>(life, std::chrono::minutes(1)));
  std::string value = token->get<std::string>();
  std::lock_guard lock(mu_);
  entries_.insert_or_assign(settings.account_id, Entry{credentials, value, now + usable});
  return value;
}

}  // namespace schoolmod::connectors::youtube
