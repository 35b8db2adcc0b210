#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "schoolmod/connectors/http_client.h"

namespace schoolmod::connectors {
namespace {

// Idle easy handles kept for reuse. A reused handle keeps its connection cache, so a poll that
// pages through one host reuses the TLS session; more would only hold sockets open.
constexpr std::size_t kMaxIdleHandles = 4;

// Locale-independent: header names and URLs are ASCII protocol text.
bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// An HTTP token (RFC 9110 section 5.6.2): what a method or header name may contain. Anything else
// could smuggle a second header or request line.
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return IsAsciiAlnum(c) || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
  });
}

bool HasLineBreak(std::string_view s) {
  return s.find_first_of("\r\n", 0) != std::string_view::npos ||
         s.find('\0') != std::string_view::npos;
}

void InitCurlOnce() {
  static std::once_flag once;
  // Not thread-safe in libcurl itself, hence call_once; never cleaned up: the process owns it.
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// State the libcurl callbacks fill in during one transfer.
struct Transfer {
  std::size_t max_bytes = 0;
  bool too_large = false;
  const std::atomic<bool>* cancel = nullptr;  // HttpClientOptions::cancel, if set
  bool cancelled = false;
  HttpResponse response;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->response.body.size() + n > t->max_bytes) {
    t->too_large = true;
    return 0;  // libcurl aborts the transfer with CURLE_WRITE_ERROR
  }
  t->response.body.append(data, n);
  return n;
}

// Called by libcurl about once a second and on every chunk: a non-zero return aborts.
int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (t->cancel != nullptr && t->cancel->load()) {
    t->cancelled = true;
    return 1;
  }
  return 0;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  std::string_view line(data, n);
  // Each response in the exchange (100 Continue, a proxy's CONNECT answer) starts with a status
  // line; keep only the headers of the last one.
  if (line.starts_with("HTTP/")) {
    t->response.headers.clear();
    return n;
  }
  if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
    // Obsolete line folding: the continuation of the previous header's value.
    if (!t->response.headers.empty()) {
      auto& value = t->response.headers.back().second;
      value += ' ';
      value += Trim(line);
    }
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;  // the blank line ending the block
  t->response.headers.emplace_back(ToLower(Trim(line.substr(0, colon))),
                                   std::string(Trim(line.substr(colon + 1))));
  return n;
}

// curl_slist owner, so every return path frees it.
class HeaderList {
 public:
  HeaderList() = default;
  ~HeaderList() { curl_slist_free_all(list_); }
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;

  bool Append(const std::string& line) {
    curl_slist* next = curl_slist_append(list_, line.c_str());
    if (next == nullptr) return false;
    list_ = next;
    return true;
  }
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

// Keeps curl's text but never lets a query string (which may carry a token) into a message.
std::string ScrubQuery(std::string text, std::string_view url) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return text;
  auto end = url.find('#', q);
  std::string query(url.substr(q + 1, end == std::string_view::npos ? end : end - q - 1));
  if (query.empty()) return text;
  for (auto pos = text.find(query); pos != std::string::npos; pos = text.find(query, pos)) {
    text.replace(pos, query.size(), "<redacted>");
    pos += std::strlen("<redacted>");
  }
  return text;
}

Error MapCurlError(CURLcode code, const Transfer& transfer, const std::string& method,
                   const std::string& safe_url, const char* detail, std::size_t max_bytes) {
  if (transfer.cancelled) return Error::Transient(fmt::format("{} {} cancelled", method, safe_url));
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Error::Transient(fmt::format("response from {} exceeded {} bytes", safe_url, max_bytes));
  }
  std::string text = curl_easy_strerror(code);
  if (detail != nullptr && *detail != '\0' && text != detail) {
    text = fmt::format("{} ({})", text, Trim(detail));
  }
  std::string message = fmt::format("{} {} failed: {}", method, safe_url, text);
  switch (code) {
    // The request itself can never work as written: a caller or config bug, not the network.
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      return Error::InvalidInput(std::move(message));
    case CURLE_TOO_MANY_REDIRECTS:
      return Error::Permanent(std::move(message));
    // Connection refused, DNS, timeouts, TLS handshake and verification, resets and truncated
    // bodies: the network or the far end may recover, so the daemon retries with backoff.
    default:
      return Error::Transient(std::move(message));
  }
}

class CurlHttpClient final : public HttpClient {
 public:
  CurlHttpClient(HttpClientOptions options, std::shared_ptr<spdlog::logger> log)
      : options_(std::move(options)), log_(std::move(log)) {}

  ~CurlHttpClient() override {
    for (CURL* h : idle_) curl_easy_cleanup(h);
  }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    const std::string safe_url = RedactUrl(request.url);
    if (!IsToken(request.method)) {
      return Error::InvalidInput(fmt::format("HTTP method for {} is not a token", safe_url));
    }
    if (HasLineBreak(request.url)) {
      return Error::InvalidInput(fmt::format("URL {} contains a line break", safe_url));
    }
    HeaderList headers;
    for (std::size_t i = 0; i < request.headers.size(); ++i) {
      const auto& [name, value] = request.headers[i];
      // Neither is echoed: the value may be a token, the name may hold the line break.
      if (!IsToken(name) || HasLineBreak(value)) {
        return Error::InvalidInput(
            fmt::format("request to {} has a malformed header (#{})", safe_url, i + 1));
      }
      // "Name:" with nothing after it would tell libcurl to drop the header; "Name;" sends it
      // empty.
      std::string line = value.empty() ? name + ";" : name + ": " + value;
      if (!headers.Append(line)) return Error::Transient("out of memory building headers");
    }
    // libcurl waits up to a second for "100 Continue" before sending large bodies; the APIs we
    // call don't need the round trip.
    if (!request.body.empty() && !headers.Append("Expect:")) {
      return Error::Transient("out of memory building headers");
    }

    if (options_.cancel && options_.cancel->load()) {
      return Error::Transient(fmt::format("{} {} cancelled", request.method, safe_url));
    }
    CURL* h = Acquire();
    if (h == nullptr) return Error::Transient("could not create a libcurl handle");

    Transfer transfer;
    transfer.max_bytes = options_.max_response_bytes;
    transfer.cancel = options_.cancel.get();
    char error_buffer[CURL_ERROR_SIZE] = {};
    Configure(h, request, headers.get(), &transfer, error_buffer);

    const auto started = std::chrono::steady_clock::now();
    CURLcode code = curl_easy_perform(h);
    const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();

    if (code != CURLE_OK) {
      Error error = MapCurlError(code, transfer, request.method, safe_url, error_buffer,
                                 options_.max_response_bytes);
      error.message = ScrubQuery(std::move(error.message), request.url);
      log_->debug("http request failed method={} url={} elapsed_ms={} error={}", request.method,
                  safe_url, elapsed_ms, curl_easy_strerror(code));
      Release(h);
      return error;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    Release(h);
    transfer.response.status = static_cast<int>(status);
    log_->debug("http request method={} url={} status={} elapsed_ms={} bytes={}", request.method,
                safe_url, status, elapsed_ms, transfer.response.body.size());
    return std::move(transfer.response);
  }

 private:
  void Configure(CURL* h, const HttpRequest& request, curl_slist* headers, Transfer* transfer,
                 char* error_buffer) {
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
    // Only the web: no file://, no other schemes even if a platform hands us such a link.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    // Timeouts are enforced without SIGALRM, which would be unsafe in a threaded daemon.
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count() * 1000));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(options_.total_timeout.count() * 1000));
    // Explicit so no libcurl build default or later edit can turn verification off.
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (options_.max_redirects > 0) {
      curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
      curl_easy_setopt(h, CURLOPT_MAXREDIRS, static_cast<long>(options_.max_redirects));
      // Never from https down to plain http; plain http only where the request started there
      // (a fake server on loopback).
      curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
                       request.url.starts_with("http://") ? "http,https" : "https");
    } else {
      curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    }
    // A declared Content-Length over the cap fails before any byte is read; the write callback
    // catches bodies without one.
    const auto cap = std::min<std::uint64_t>(options_.max_response_bytes,
                                             std::numeric_limits<curl_off_t>::max());
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cap));
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &OnBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, transfer);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &OnHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, transfer);
    if (transfer->cancel != nullptr) {
      curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &OnProgress);
      curl_easy_setopt(h, CURLOPT_XFERINFODATA, transfer);
    }

    if (request.method == "GET" && request.body.empty()) {
      curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
      curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else {
      if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      }
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }

  CURL* Acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        CURL* h = idle_.back();
        idle_.pop_back();
        return h;
      }
    }
    return curl_easy_init();
  }

  void Release(CURL* h) {
    // Forgets every option (the header list and buffers die with this request) but keeps the
    // connection and DNS caches.
    curl_easy_reset(h);
    std::lock_guard lock(mu_);
    if (idle_.size() < kMaxIdleHandles) {
      idle_.push_back(h);
      return;
    }
    curl_easy_cleanup(h);
  }

  const HttpClientOptions options_;
  const std::shared_ptr<spdlog::logger> log_;
  std::mutex mu_;
  std::vector<CURL*> idle_;  // guarded by mu_; each handle is used by one request at a time
};

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return std::nullopt;
}

std::unique_ptr<HttpClient> MakeCurlHttpClient(const HttpClientOptions& options,
                                               std::shared_ptr<spdlog::logger> log) {
  InitCurlOnce();
  if (!log) {
    log = std::make_shared<spdlog::logger>("http", std::make_shared<spdlog::sinks::null_sink_mt>());
  }
  return std::make_unique<CurlHttpClient>(options, std::move(log));
}

std::string RedactUrl(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  // Credentials in the authority ("https://user:secret@host/") are as sensitive as a query token.
  auto scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos) {
    auto authority_begin = scheme_end + 3;
    auto authority_end = url.find('/', authority_begin);
    auto at = url.substr(0, authority_end).rfind('@');
    if (at != std::string_view::npos && at >= authority_begin) {
      return std::string(url.substr(0, authority_begin)) + std::string(url.substr(at + 1));
    }
  }
  return std::string(url);
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size() * 3);
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    // RFC 3986 unreserved characters pass; everything else, space included, is %XX.
    if (IsAsciiAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0x0F];
    }
  }
  return out;
}

}  // namespace schoolmod::connectors
