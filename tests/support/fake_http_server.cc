#include "support/fake_http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>

namespace schoolmod::testing {
namespace {

// Requests bigger than this are a test bug; refusing them keeps a runaway client from eating
// memory.
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]);
      int lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

const char* Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Status";
  }
}

// Everything written in full, or false (peer gone). MSG_NOSIGNAL: a client that hung up (after
// its own timeout, say) must not kill the test process with SIGPIPE.
bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads from a socket into a buffer, keeping what arrives past the part a caller consumes.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd) {}

  // Reads until `buffer_` holds `delimiter`; returns everything before it and consumes both.
  std::optional<std::string> ReadUntil(std::string_view delimiter, std::size_t limit) {
    std::size_t pos;
    while ((pos = buffer_.find(delimiter)) == std::string::npos) {
      if (buffer_.size() > limit || !Fill()) return std::nullopt;
    }
    std::string out = buffer_.substr(0, pos);
    buffer_.erase(0, pos + delimiter.size());
    return out;
  }

  // Whether the first byte could start an HTTP method. A TLS ClientHello (0x16) can't: answering
  // it at once lets a client fail its handshake instead of waiting for a timeout.
  bool LooksLikeHttp() {
    if (buffer_.empty() && !Fill()) return false;
    return buffer_[0] >= 'A' && buffer_[0] <= 'Z';
  }

  std::optional<std::string> ReadExactly(std::size_t n) {
    while (buffer_.size() < n) {
      if (!Fill()) return std::nullopt;
    }
    std::string out = buffer_.substr(0, n);
    buffer_.erase(0, n);
    return out;
  }

 private:
  bool Fill() {
    char chunk[16 * 1024];
    for (;;) {
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
  }

  int fd_;
  std::string buffer_;
};

std::optional<std::string> ReadChunkedBody(Reader& reader) {
  std::string body;
  for (;;) {
    auto size_line = reader.ReadUntil("\r\n", kMaxHeaderBytes);
    if (!size_line) return std::nullopt;
    std::size_t size = 0;
    bool any = false;
    for (char c : *size_line) {
      int v = HexValue(c);
      if (v < 0) break;  // chunk extensions (";name=value") are ignored
      size = size * 16 + static_cast<std::size_t>(v);
      any = true;
      if (size > kMaxBodyBytes) return std::nullopt;
    }
    if (!any) return std::nullopt;
    if (size == 0) {
      // Trailer fields, if any, up to the blank line.
      for (;;) {
        auto line = reader.ReadUntil("\r\n", kMaxHeaderBytes);
        if (!line) return std::nullopt;
        if (line->empty()) return body;
      }
    }
    auto data = reader.ReadExactly(size + 2);  // the chunk and its CRLF
    if (!data) return std::nullopt;
    body.append(*data, 0, size);
    if (body.size() > kMaxBodyBytes) return std::nullopt;
  }
}

bool PathMatches(std::string_view pattern, std::string_view path) {
  for (;;) {
    auto p_slash = pattern.find('/');
    auto s_slash = path.find('/');
    std::string_view p_seg = pattern.substr(0, p_slash);
    std::string_view s_seg = path.substr(0, s_slash);
    if (p_seg == "*") {
      if (s_seg.empty()) return false;
    } else if (p_seg != s_seg) {
      return false;
    }
    if (p_slash == std::string_view::npos || s_slash == std::string_view::npos) {
      return p_slash == s_slash;
    }
    pattern.remove_prefix(p_slash + 1);
    path.remove_prefix(s_slash + 1);
  }
}

}  // namespace

std::string RecordedRequest::param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return "";
}

bool RecordedRequest::has_param(std::string_view name) const {
  return std::any_of(query.begin(), query.end(), [&](const auto& kv) { return kv.first == name; });
}

std::string RecordedRequest::header(std::string_view name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? "" : it->second;
}

std::vector<std::string> RecordedRequest::segments() const {
  std::vector<std::string> out;
  std::string_view rest = path;
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto seg = rest.substr(0, slash);
    if (!seg.empty()) out.emplace_back(seg);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return out;
}

FakeResponse FakeResponse::Json(int status, std::string body) {
  FakeResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

FakeResponse FakeResponse::Filler(std::size_t bytes) {
  FakeResponse r;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body.assign(bytes, 'x');
  return r;
}

FakeHttpServer::FakeHttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake http server: socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(listen_fd_, 64) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
      ::pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    std::string reason = std::strerror(errno);
    ::close(listen_fd_);
    throw std::runtime_error("fake http server: cannot listen on 127.0.0.1: " + reason);
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

FakeHttpServer::~FakeHttpServer() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    // Unblocks connections waiting in recv() or in a response delay.
    for (int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  char byte = 0;
  [[maybe_unused]] auto n = ::write(wake_pipe_[1], &byte, 1);
  acceptor_.join();
  // The acceptor has stopped, so workers_ no longer grows.
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(mu_);
    workers.swap(workers_);
  }
  for (auto& t : workers) t.join();
  ::close(listen_fd_);
  ::close(wake_pipe_[0]);
  ::close(wake_pipe_[1]);
}

void FakeHttpServer::Route(std::string method, std::string path, Handler handler) {
  std::lock_guard lock(mu_);
  for (auto& route : routes_) {
    if (route.method == method && route.path == path) {
      route.handler = std::move(handler);
      return;
    }
  }
  bool pattern = path == "*" || path.find("/*/") != std::string::npos || path.ends_with("/*");
  routes_.push_back({std::move(method), std::move(path), pattern, std::move(handler)});
}

void FakeHttpServer::Route(std::string method, std::string path, FakeResponse response) {
  Route(std::move(method), std::move(path),
        [response = std::move(response)](const RecordedRequest&) { return response; });
}

std::string FakeHttpServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<RecordedRequest> FakeHttpServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::vector<RecordedRequest> FakeHttpServer::requests(std::string_view method,
                                                      std::string_view path) const {
  std::lock_guard lock(mu_);
  std::vector<RecordedRequest> out;
  for (const auto& r : requests_) {
    if (r.method == method && r.path == path) out.push_back(r);
  }
  return out;
}

void FakeHttpServer::ClearRequests() {
  std::lock_guard lock(mu_);
  requests_.clear();
}

void FakeHttpServer::AcceptLoop() {
  pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
  while (!stopping_) {
    int ready = ::poll(fds, 2, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard lock(mu_);
    if (stopping_) {
      ::close(fd);
      return;
    }
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { Serve(fd); });
  }
}

bool FakeHttpServer::Wait(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !stop_cv_.wait_for(lock, d, [this] { return stopping_.load(); });
}

FakeResponse FakeHttpServer::Dispatch(const RecordedRequest& request) {
  Handler handler;
  {
    std::lock_guard lock(mu_);
    const RouteEntry* found = nullptr;
    for (const auto& route : routes_) {
      if (!route.pattern && (route.method == "*" || route.method == request.method) &&
          route.path == request.path) {
        found = &route;
        break;
      }
    }
    if (found == nullptr) {
      for (const auto& route : routes_) {
        if (route.pattern && (route.method == "*" || route.method == request.method) &&
            (route.path == "*" || PathMatches(route.path, request.path))) {
          found = &route;
          break;
        }
      }
    }
    if (found != nullptr) handler = found->handler;
  }
  if (!handler) {
    return FakeResponse::Json(404, R"({"error":{"message":"no route for )" +
                                       JsonEscape(request.method) + " " + JsonEscape(request.path) +
                                       R"(","code":404}})");
  }
  std::lock_guard lock(handler_mu_);
  try {
    return handler(request);
  } catch (const std::exception& e) {
    return FakeResponse::Json(
        500, R"({"error":{"message":"handler threw: )" + JsonEscape(e.what()) + R"("}})");
  }
}

void FakeHttpServer::Serve(int fd) {
  // A client that connects and sends nothing must not hold the destructor forever; shutdown()
  // from the destructor also ends a blocked recv().
  timeval timeout{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);

  auto respond = [&]() -> void {
    constexpr std::string_view kBadRequest =
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    Reader reader(fd);
    if (!reader.LooksLikeHttp()) {
      SendAll(fd, kBadRequest);
      return;
    }
    auto head = reader.ReadUntil("\r\n\r\n", kMaxHeaderBytes);
    if (!head) return;

    RecordedRequest request;
    std::string_view rest = *head;
    auto line_end = rest.find("\r\n");
    std::string_view request_line = rest.substr(0, line_end);
    rest = line_end == std::string_view::npos ? std::string_view{} : rest.substr(line_end + 2);
    auto sp1 = request_line.find(' ');
    auto sp2 = request_line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1 ||
        !request_line.substr(sp2 + 1).starts_with("HTTP/1.")) {
      SendAll(fd, kBadRequest);
      return;
    }
    request.method = std::string(request_line.substr(0, sp1));
    request.target = std::string(request_line.substr(sp1 + 1, sp2 - sp1 - 1));

    while (!rest.empty()) {
      line_end = rest.find("\r\n");
      std::string_view line = rest.substr(0, line_end);
      rest = line_end == std::string_view::npos ? std::string_view{} : rest.substr(line_end + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string value(Trim(line.substr(colon + 1)));
      auto [it, inserted] = request.headers.emplace(name, value);
      if (!inserted) it->second += ", " + value;
    }

    std::string_view target = request.target;
    auto q = target.find('?');
    request.path = PercentDecode(target.substr(0, q), false);
    if (q != std::string_view::npos) {
      std::string_view query = target.substr(q + 1);
      while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        if (!pair.empty()) {
          auto eq = pair.find('=');
          request.query.emplace_back(
              PercentDecode(pair.substr(0, eq), true),
              eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
      }
    }

    if (Lower(request.header("expect")) == "100-continue") {
      if (!SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) return;
    }
    if (Lower(request.header("transfer-encoding")).find("chunked") != std::string::npos) {
      auto body = ReadChunkedBody(reader);
      if (!body) return;
      request.body = std::move(*body);
    } else if (auto length = request.header("content-length"); !length.empty()) {
      std::size_t n = 0;
      try {
        n = std::stoul(length);
      } catch (const std::exception&) {
        SendAll(fd, kBadRequest);
        return;
      }
      if (n > kMaxBodyBytes) return;
      auto body = reader.ReadExactly(n);
      if (!body) return;
      request.body = std::move(*body);
    }

    {
      std::lock_guard lock(mu_);
      requests_.push_back(request);
    }
    FakeResponse response = Dispatch(request);
    if (response.delay.count() > 0 && !Wait(response.delay)) return;

    std::string out =
        "HTTP/1.1 " + std::to_string(response.status) + " " + Reason(response.status) + "\r\n";
    bool has_content_type = false;
    for (const auto& [name, value] : response.headers) {
      if (Lower(name) == "content-type") has_content_type = true;
      out += name + ": " + value + "\r\n";
    }
    if (!has_content_type && !response.body.empty()) {
      out += "Content-Type: application/json\r\n";
    }
    if (!response.omit_content_length) {
      out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    out += "Connection: close\r\n\r\n";
    std::string_view body = response.body;
    if (response.truncate_after) body = body.substr(0, *response.truncate_after);
    if (!SendAll(fd, out)) return;
    SendAll(fd, body);
  };
  try {
    respond();
  } catch (const std::exception&) {
    // A malformed request the parser didn't anticipate: drop the connection, keep serving.
  }

  // Half-close first and wait for the client's FIN: closing with unread input would send a
  // reset, and the client could lose the end of the response. The fd stays in open_fds_ until
  // closed, so the destructor can cut this wait short.
  ::shutdown(fd, SHUT_WR);
  char drain[1024];
  while (::recv(fd, drain, sizeof drain, 0) > 0) {
  }
  {
    std::lock_guard lock(mu_);
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  }
  ::close(fd);
}

}  // namespace schoolmod::testing
