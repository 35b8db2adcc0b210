#pragma once

#include <memory>

#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors {

// A school's YouTube channel through the YouTube Data API v3, on behalf of the channel owner
// (OAuth 2.0 refresh token, client ID and secret; scope youtube.force-ssl for every method):
//   kListComments      commentThreads.list over the whole channel + comments.list for replies
//   kDetectOwnReplies  authorChannelId == channel_id
//   kHide / kUnhide    setModerationStatus heldForReview / published (reversible)
//   kDelete            setModerationStatus rejected: irreversible, and the only way to remove
//                      other people's comments; the channel's own comments (Action::author_id
//                      == channel_id) are deleted with comments.delete, which only authors may use
//   kBlock             rejected + banAuthor=true: also removes the comment; there is no unban
//   kReply             comments.insert with snippet.parentId (one level deep)
// Not kReport: comments.markAsSpam is no longer supported and abuseReports is undocumented.
//
// Account keys: channel_id; secrets refresh_token, client_id, client_secret, optional token;
// optional lookback (default 30d), daily_quota (default 10000), oauth_token_url, and the common
// api_base_url ("https://www.googleapis.com/youtube") and api_version ("v3").
//
// The daily quota (10,000 units per Google Cloud project, reset at midnight Pacific) is shared by
// every account with the same client ID through one process-wide ledger; when it is spent, Poll
// and Act return kRateLimited with retry_at at the reset, without calling the API. Polls leave a
// tenth of it for actions. Access tokens are cached per account in the instance until shortly
// before they expire and exist nowhere else.
std::unique_ptr<Connector> MakeYoutubeConnector(const ConnectorEnv& env);

}  // namespace schoolmod::connectors
