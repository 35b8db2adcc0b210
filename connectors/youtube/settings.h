#pragma once

#include <string>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/result.h"
#include "schoolmod/time.h"

namespace schoolmod::connectors::youtube {

// Hosts and versions as documented (shared/platform-apis.md section 3); every one can be
// overridden per account so tests reach a fake server on loopback.
inline constexpr std::string_view kDefaultApiBaseUrl = "https://www.googleapis.com/youtube";
inline constexpr std::string_view kDefaultApiVersion = "v3";
inline constexpr std::string_view kDefaultTokenUrl = "https://oauth2.googleapis.com/token";
// Every comments method, commentThreads.list included, needs this scope; youtube.readonly gets
// 403 insufficientPermissions.
inline constexpr std::string_view kRequiredScope =
    "https://www.googleapis.com/auth/youtube.force-ssl";
// Google's default allowance per Cloud project (client ID) and Pacific day.
inline constexpr int kDefaultDailyQuota = 10'000;
inline constexpr Seconds kDefaultLookback = std::chrono::days(30);

// One account's YouTube settings, read and checked once per call. Holds secrets: never log it.
struct Settings {
  std::string account_id;
  std::string channel_id;
  std::string api_root;   // "{api_base_url}/{api_version}", no trailing slash
  std::string token_url;  // Google's OAuth token endpoint
  std::string client_id;  // also the key of the shared quota ledger (one per Google project)
  std::string client_secret;
  std::string refresh_token;
  std::string configured_token;  // optional current access token (secret "token")
  Seconds lookback = kDefaultLookback;
  int daily_quota = kDefaultDailyQuota;
};

// kInvalidInput naming the account and key when something required is missing or malformed.
Result<Settings> ReadSettings(const config::Account& account);

}  // namespace schoolmod::connectors::youtube
