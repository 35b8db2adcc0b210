#include "schoolmod/config/platform_keys.h"

namespace schoolmod::config {
namespace {

// Key help says where the school finds the value (shared/platform-apis.md has the detail).

constexpr PlatformKey kFacebookKeys[] = {
    {"page_id", KeyKind::kString, true,
     "numeric ID of the Facebook Page (Page settings, or GET /me/accounts), as a string"},
    {"token", KeyKind::kSecret, true,
     "Page access token with the MODERATE task (pages_read_engagement, "
     "pages_manage_engagement, pages_read_user_content)"},
    {"lookback", KeyKind::kString, false,
     "how old a post may be and still be re-read on every poll, as a duration (default "
     "\"30d\"); older posts are checked hourly for new comments"},
};

constexpr PlatformKey kInstagramKeys[] = {
    {"ig_user_id", KeyKind::kString, true,
     "ID of the Instagram professional account (GET /{page-id}?fields=instagram_business_account)"},
    {"token", KeyKind::kSecret, true,
     "access token of the linked Facebook Page, or an Instagram User token "
     "(instagram_manage_comments)"},
    {"lookback", KeyKind::kString, false,
     "how old a post may be and still be re-read on every poll, as a duration (default "
     "\"30d\"); older posts are checked hourly for new comments"},
};

constexpr PlatformKey kYoutubeKeys[] = {
    {"channel_id", KeyKind::kString, true, "the school's channel ID (\"UC...\")"},
    {"refresh_token", KeyKind::kSecret, true,
     "OAuth refresh token from the school's consent (scope youtube.force-ssl)"},
    {"client_id", KeyKind::kSecret, true, "Google Cloud OAuth client ID of the schoolmod app"},
    {"client_secret", KeyKind::kSecret, true, "Google Cloud OAuth client secret"},
    {"token", KeyKind::kSecret, false,
     "a current access token; normally left out, as it is refreshed from refresh_token"},
    {"lookback", KeyKind::kString, false,
     "how far back the first poll and the periodic re-scan read comments, as a duration "
     "(default \"30d\")"},
    {"daily_quota", KeyKind::kString, false,
     "the Google Cloud project's daily YouTube quota in units (default \"10000\"); raise it "
     "only after Google grants an extension. Shared by every account with the same client_id"},
    {"oauth_token_url", KeyKind::kString, false,
     "override Google's OAuth token endpoint (default https://oauth2.googleapis.com/token); "
     "tests point it at a local fake server"},
};

constexpr PlatformKey kXKeys[] = {
    {"user_id", KeyKind::kString, true, "numeric ID of the school's X account (GET /2/users/me)"},
    {"token", KeyKind::kSecret, true,
     "OAuth 2.0 user-context access token (tweet.read users.read tweet.write "
     "tweet.moderate.write mute.write offline.access)"},
    {"refresh_token", KeyKind::kSecret, false,
     "OAuth 2.0 refresh token (scope offline.access): access tokens last two hours"},
    {"client_id", KeyKind::kSecret, false, "OAuth 2.0 client ID, needed to refresh"},
    {"client_secret", KeyKind::kSecret, false, "OAuth 2.0 client secret (confidential clients)"},
};

constexpr PlatformKey kMastodonKeys[] = {
    {"instance_url", KeyKind::kString, true,
     "base URL of the instance the account lives on (\"https://mastodon.example\")"},
    {"token", KeyKind::kSecret, true,
     "user access token (read:notifications read:statuses write:statuses write:blocks "
     "write:reports)"},
};

constexpr PlatformKey kBlueskyKeys[] = {
    {"handle", KeyKind::kString, true, "the account's handle (\"casterton.bsky.social\") or DID"},
    {"app_password", KeyKind::kSecret, true,
     "an app password (Settings > Privacy and security > App passwords), never the main one"},
};

constexpr PlatformKey kReplayKeys[] = {
    {"path", KeyKind::kString, true,
     "JSON Lines file of comments to replay (see DESIGN.md); relative to the working directory"},
    {"actions_log", KeyKind::kString, true,
     "file the connector appends every action to; relative to the working directory"},
};

constexpr PlatformSpec kPlatforms[] = {
    {"facebook", "Facebook Page comments through the Graph API", kFacebookKeys},
    {"instagram", "Instagram professional account comments through the Graph API", kInstagramKeys},
    {"youtube", "YouTube channel comments through the Data API v3", kYoutubeKeys},
    {"x", "replies and mentions of an X account through the X API v2", kXKeys},
    {"mastodon", "mentions of a Mastodon account through the instance's REST API", kMastodonKeys},
    {"bluesky", "replies and mentions of a Bluesky account through the AT Protocol", kBlueskyKeys},
    {"replay", "comments read from a JSON Lines file; actions recorded to a file (demo, tests)",
     kReplayKeys},
};

constexpr PlatformKey kCommonKeys[] = {
    {"poll_interval", KeyKind::kString, false,
     "how often to poll, as a duration (default \"5m\"); mind the platform's rate limits"},
    {"api_base_url", KeyKind::kString, false,
     "override the platform's API endpoint (tests point it at a local fake server)"},
    {"api_version", KeyKind::kString, false,
     "API version for platforms with versioned APIs (Graph: \"v21.0\"); default: the connector's"},
};

}  // namespace

std::span<const PlatformSpec> Platforms() { return kPlatforms; }

const PlatformSpec* FindPlatform(std::string_view platform) {
  for (const auto& spec : kPlatforms) {
    if (spec.platform == platform) return &spec;
  }
  return nullptr;
}

std::span<const PlatformKey> CommonAccountKeys() { return kCommonKeys; }

}  // namespace schoolmod::config
