#include "youtube/settings.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace schoolmod::connectors::youtube {
namespace {

std::string StripSlashes(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

// Ids go into query strings and are compared with API output; anything outside this set is a
// config mistake (a pasted URL, a stray space), better reported than URL-encoded.
bool IsPlainId(std::string_view s) {
  return !s.empty() && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '-' || c == '_';
  });
}

const std::string* SecretValue(const config::Account& account, const char* stem) {
  const config::Secret* secret = account.secret(stem);
  if (secret == nullptr || secret->value.empty()) return nullptr;
  return &secret->value;
}

}  // namespace

Result<Settings> ReadSettings(const config::Account& account) {
  Settings s;
  s.account_id = account.id;
  auto invalid = [&](std::string_view what) {
    return Error::InvalidInput(fmt::format("account {}: youtube {}", account.id, what));
  };

  s.channel_id = account.setting("channel_id");
  if (!IsPlainId(s.channel_id)) return invalid("needs channel_id, the channel's \"UC...\" ID");

  const std::string* client_id = SecretValue(account, "client_id");
  const std::string* client_secret = SecretValue(account, "client_secret");
  const std::string* refresh_token = SecretValue(account, "refresh_token");
  if (client_id == nullptr) return invalid("needs the OAuth client ID (client_id_credential)");
  if (client_secret == nullptr) {
    return invalid("needs the OAuth client secret (client_secret_credential)");
  }
  if (refresh_token == nullptr) {
    return invalid("needs the school's OAuth refresh token (refresh_token_credential)");
  }
  s.client_id = *client_id;
  s.client_secret = *client_secret;
  s.refresh_token = *refresh_token;
  if (const std::string* token = SecretValue(account, "token")) s.configured_token = *token;

  std::string base = StripSlashes(account.api_base_url.empty() ? std::string(kDefaultApiBaseUrl)
                                                               : account.api_base_url);
  std::string version =
      account.api_version.empty() ? std::string(kDefaultApiVersion) : account.api_version;
  s.api_root = base + "/" + version;
  const std::string& token_url = account.setting("oauth_token_url");
  s.token_url = token_url.empty() ? std::string(kDefaultTokenUrl) : token_url;

  if (const std::string& text = account.setting("lookback"); !text.empty()) {
    auto d = ParseDuration(text);
    if (!d || *d <= Seconds::zero()) {
      return invalid(fmt::format("lookback \"{}\" is not a positive duration such as \"30d\"",
                                 text.substr(0, 40)));
    }
    s.lookback = *d;
  }
  if (const std::string& text = account.setting("daily_quota"); !text.empty()) {
    int units = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), units);
    if (ec != std::errc() || end != text.data() + text.size() || units <= 0) {
      return invalid(fmt::format("daily_quota \"{}\" is not a positive number of units",
                                 text.substr(0, 40)));
    }
    s.daily_quota = units;
  }
  return s;
}

}  // namespace schoolmod::connectors::youtube
