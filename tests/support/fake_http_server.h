#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace schoolmod::testing {

// One request as the fake server received it.
struct RecordedRequest {
  std::string method;
  std::string target;  // the raw request target: path and query as sent
  std::string path;    // percent-decoded, without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order ('+' is a space)
  std::map<std::string, std::string> headers;  // names lower-cased; repeated names joined by ", "
  std::string body;                            // de-chunked when sent chunked

  // The first query parameter with this name, or "" when absent.
  std::string param(std::string_view name) const;
  bool has_param(std::string_view name) const;
  // The header with this (case-insensitive) name, or "" when absent.
  std::string header(std::string_view name) const;
  // path split on '/', without empty segments: "/v21.0/123/feed" -> {"v21.0", "123", "feed"}.
  std::vector<std::string> segments() const;
};

// What a route answers. The defaults make a well-behaved HTTP/1.1 response; the remaining fields
// make it misbehave for failure tests.
struct FakeResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type defaults to JSON
  std::string body;

  // Wait this long before sending anything (client timeouts). Cut short when the server stops.
  std::chrono::milliseconds delay{0};
  // Announce the whole body's Content-Length but close the connection after this many bytes.
  std::optional<std::size_t> truncate_after;
  // Send no Content-Length: the body ends when the connection closes, so the client can't know
  // its size in advance.
  bool omit_content_length = false;

  static FakeResponse Json(int status, std::string body);
  // A 200 whose body is `bytes` filler characters (responses bigger than a client's cap).
  static FakeResponse Filler(std::size_t bytes);
};

// A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for testing connectors without the
// network. Records every request so tests assert on behaviour ("one POST to /123 with
// is_hidden=true"), not just on the absence of errors. Fakes of each platform's API are routes on
// one of these.
//
// One thread accepts; each connection is served on its own thread, one request per connection
// (every response carries Connection: close). Handlers run one at a time, so they may share
// state without locks. Unrouted requests get 404 with a JSON body. Stops and joins its threads
// in the destructor, interrupting any pending delay.
class FakeHttpServer {
 public:
  using Handler = std::function<FakeResponse(const RecordedRequest&)>;

  // Binds and starts listening; throws std::runtime_error when it cannot (tests only).
  FakeHttpServer();
  ~FakeHttpServer();
  FakeHttpServer(const FakeHttpServer&) = delete;
  FakeHttpServer& operator=(const FakeHttpServer&) = delete;

  // Answers `method` ("*": any) on `path`. A path segment "*" matches any one segment
  // ("/v21.0/*/comments"). Exact paths win over patterns; otherwise the first matching route
  // added wins. Adding the same method and path again replaces the handler.
  void Route(std::string method, std::string path, Handler handler);
  // A fixed response, the same every time.
  void Route(std::string method, std::string path, FakeResponse response);

  int port() const { return port_; }
  // "http://127.0.0.1:PORT", no trailing slash.
  std::string base_url() const;

  // Every request received so far, oldest first (a copy; safe while the server runs).
  std::vector<RecordedRequest> requests() const;
  // Only those with this method and decoded path.
  std::vector<RecordedRequest> requests(std::string_view method, std::string_view path) const;
  void ClearRequests();

 private:
  struct RouteEntry {
    std::string method;
    std::string path;
    bool pattern = false;
    Handler handler;
  };

  void AcceptLoop();
  void Serve(int fd);
  FakeResponse Dispatch(const RecordedRequest& request);
  // Sleeps for `d` unless the server stops first; false when stopping.
  bool Wait(std::chrono::milliseconds d);

  int listen_fd_ = -1;
  int wake_pipe_[2] = {-1, -1};  // written once by the destructor to end AcceptLoop's poll()
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::condition_variable stop_cv_;        // signalled (under mu_) when stopping_ turns true
  std::vector<RouteEntry> routes_;         // guarded by mu_
  std::vector<RecordedRequest> requests_;  // guarded by mu_
  std::vector<std::thread> workers_;       // guarded by mu_; joined by the destructor
  std::vector<int> open_fds_;              // guarded by mu_; shut down by the destructor

  std::mutex handler_mu_;  // held while a handler runs: handlers run one at a time
};

}  // namespace schoolmod::testing
