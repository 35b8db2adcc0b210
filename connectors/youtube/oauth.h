#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "schoolmod/connectors/http_client.h"
#include "youtube/errors.h"

namespace schoolmod::connectors::youtube {

struct Settings;

// Access tokens per account, refreshed from the account's refresh token at Google's token
// endpoint (grant_type=refresh_token) when missing, about to expire, or refused. Kept only in
// this object's memory: never logged, never put in a cursor or a URL. Thread-safe; the connector
// contract guarantees no concurrent calls for one account, so two refreshes for the same account
// never race.
class TokenCache {
 public:
  // A usable access token for the account, or nullopt with `failure` set to why the refresh
  // failed (ToError maps it: invalid_grant is kAuth). `force` refreshes even if the cached token
  // looks valid (the API just answered 401). `requests` counts HTTP requests made.
  std::optional<std::string> Get(const Settings& settings, HttpClient& http, TimePoint now,
                                 bool force, int& requests, Failure& failure);

 private:
  struct Entry {
    std::size_t credentials = 0;  // hash of client ID and refresh token: new secrets, new token
    std::string token;
    TimePoint expires_at;
  };

  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // by account id; guarded by mu_
  // Accounts whose configured token (secret "token") was already used once; after that only
  // refreshed tokens. Guarded by mu_.
  std::set<std::string> configured_used_;
};

}  // namespace schoolmod::connectors::youtube
