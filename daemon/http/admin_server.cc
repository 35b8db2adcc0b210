#include "http/admin_server.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <cpprest/http_listener.h>
#include <cpprest/uri.h>
#include <spdlog/spdlog.h>

namespace schoolmod::daemon::http {
namespace {

namespace cp = web::http;
using web::http::experimental::listener::http_listener;

// Sent with every response: the UI shows hostile comment text, so the browser must never guess
// types, frame the page or load anything from elsewhere.
constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
    {"Content-Security-Policy",
     "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
};

// Request bodies larger than this are refused: the API takes small JSON documents only.
constexpr std::size_t kMaxBodyBytes = 64 * 1024;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

class CppRestAdminServer final : public AdminServer {
 public:
  CppRestAdminServer(std::string base_url, std::vector<Route> routes,
                     std::shared_ptr<spdlog::logger> log)
      : base_url_(std::move(base_url)),
        routes_(std::move(routes)),
        log_(std::move(log)),
        listener_(web::uri(base_url_)) {}

  ~CppRestAdminServer() override { Stop(); }

  Result<void> Open() {
    listener_.support([this](cp::http_request req) { Serve(std::move(req)); });
    try {
      listener_.open().wait();
    } catch (const std::exception& e) {
      return Error::Permanent("cannot listen on " + base_url_ + ": " + e.what());
    }
    open_ = true;
    return Ok();
  }

  void Stop() override {
    if (!open_) return;
    open_ = false;
    try {
      listener_.close().wait();
    } catch (const std::exception& e) {
      log_->warn("close failed error=\"{}\"", e.what());
    }
  }

  std::string base_url() const override { return base_url_; }

 private:
  void Serve(cp::http_request req) {
    auto started = std::chrono::steady_clock::now();
    Response response;
    Request request;
    try {
      request = Translate(req);
      if (request.body.size() > kMaxBodyBytes) {
        response = Response::Error(413, "request body too large");
      } else {
        bool path_matched = false;
        const Route* route = MatchRoute(routes_, request, &path_matched);
        if (route != nullptr) {
          response = route->handler(request);
        } else if (path_matched) {
          response = Response::Error(405, "method not allowed");
        } else {
          response = Response::Error(404, "not found");
        }
      }
    } catch (const std::exception& e) {
      log_->error("handler failed method={} path={} error=\"{}\"", request.method, request.path,
                  e.what());
      response = Response::Error(500, "internal error");
    }
    cp::http_response out(static_cast<cp::status_code>(response.status));
    out.headers().set_content_type(response.content_type);
    for (const auto& [name, value] : kSecurityHeaders) out.headers().add(name, value);
    for (const auto& [name, value] : response.headers) out.headers().add(name, value);
    out.set_body(response.body, response.content_type);
    try {
      req.reply(out).wait();
    } catch (const std::exception& e) {
      log_->debug("reply failed path={} error=\"{}\"", request.path, e.what());
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    log_->debug("request method={} path={} status={} ms={}", request.method, request.path,
                response.status, ms);
  }

  static Request Translate(cp::http_request& req) {
    Request r;
    r.method = req.method();
    auto uri = req.relative_uri();
    r.path = web::uri::decode(uri.path());
    for (const auto& [k, v] : web::uri::split_query(uri.query())) {
      r.query[web::uri::decode(k)] = web::uri::decode(v);
    }
    for (const auto& [k, v] : req.headers()) r.headers[Lower(k)] = v;
    auto length = req.headers().content_length();
    if (length > kMaxBodyBytes) {
      r.body.assign(kMaxBodyBytes + 1, ' ');
    } else if (length > 0 || req.headers().has("Transfer-Encoding")) {
      r.body = req.extract_utf8string(true).get();
    }
    return r;
  }

  std::string base_url_;
  std::vector<Route> routes_;
  std::shared_ptr<spdlog::logger> log_;
  http_listener listener_;
  bool open_ = false;
};

}  // namespace

Result<std::unique_ptr<AdminServer>> StartAdminServer(const std::string& listen,
                                                      std::vector<Route> routes,
                                                      std::shared_ptr<spdlog::logger> log) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return Error::Permanent("daemon.listen must be host:port, got \"" + listen + "\"");
  }
  std::string base_url = "http://" + listen;
  std::unique_ptr<CppRestAdminServer> server;
  try {
    server = std::make_unique<CppRestAdminServer>(base_url, std::move(routes), log);
  } catch (const std::exception& e) {
    return Error::Permanent("bad listen address " + listen + ": " + e.what());
  }
  auto opened = server->Open();
  if (!opened) return opened.error();
  log->info("listening url={}", base_url);
  return std::unique_ptr<AdminServer>(std::move(server));
}

}  // namespace schoolmod::daemon::http
