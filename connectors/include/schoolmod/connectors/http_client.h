#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schoolmod/result.h"

namespace spdlog { class logger; }

namespace schoolmod::connectors {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;          // never carries a token: tokens go in `headers` (or the body)
  Headers headers;          // e.g. {"Authorization", "Bearer ..."}; never logged
  std::string body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names lower-cased
  std::string body;

  // The first header with this (case-insensitive) name.
  std::optional<std::string> header(std::string_view name) const;
};

struct HttpClientOptions {
  // Set to true to abort every request in progress at once (kTransient "cancelled"): the daemon
  // sets it on SIGTERM, so a slow platform cannot hold up shutdown for a whole timeout.
  std::shared_ptr<std::atomic<bool>> cancel;
  Seconds connect_timeout{10};
  Seconds total_timeout{60};
  // Bodies larger than this fail with kTransient rather than filling memory.
  std::size_t max_response_bytes = 16 * 1024 * 1024;
  std::string user_agent = "schoolmod/" SCHOOLMOD_VERSION;
  // 0: a 3xx comes back to the connector as it is. The platform APIs don't redirect API calls,
  // and following one blindly could send a request to a host nobody configured. Above 0,
  // redirects are followed up to this many times, never from https to http.
  int max_redirects = 0;
};

// Outbound HTTP for the connectors. One seam so connectors can be tested against fake servers on
// loopback; the only implementation is libcurl. Thread-safe: Send() may be called concurrently.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Any HTTP status is a successful exchange (the connector maps it); failures are connection,
  // TLS, timeout (kTransient) and oversize responses (kTransient). Never throws.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// TLS verification is always on; proxies come from the environment (https_proxy, no_proxy) as
// libcurl reads them. Logs one debug line per request: method, URL without query, status, time.
std::unique_ptr<HttpClient> MakeCurlHttpClient(const HttpClientOptions& options,
                                               std::shared_ptr<spdlog::logger> log);

// "https://host/path?a=1&access_token=..." with the query removed, for logs.
std::string RedactUrl(std::string_view url);
// application/x-www-form-urlencoded / query component encoding.
std::string UrlEncode(std::string_view s);

}  // namespace schoolmod::connectors
