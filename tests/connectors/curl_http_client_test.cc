#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "schoolmod/connectors/http_client.h"
#include "support/fake_http_server.h"

namespace schoolmod::connectors {
namespace {

using testing::FakeHttpServer;
using testing::FakeResponse;
using testing::RecordedRequest;

HttpRequest Req(std::string method, std::string url, Headers headers = {}, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

// A logger whose output the test can read, at debug level so the per-request line is kept.
struct CapturedLog {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger;
  CapturedLog() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
    logger = std::make_shared<spdlog::logger>("http", sink);
    logger->set_level(spdlog::level::debug);
  }
  std::string text() {
    logger->flush();
    return out.str();
  }
};

HttpClientOptions FastOptions() {
  HttpClientOptions options;
  options.connect_timeout = Seconds{5};
  options.total_timeout = Seconds{10};
  return options;
}

// A port nobody listens on: bound by a server that has since stopped.
int ClosedPort() {
  FakeHttpServer server;
  return server.port();
}

TEST_CASE("curl client GET sends headers and query and returns status, headers, body") {
  FakeHttpServer server;
  server.Route("GET", "/v21.0/123/feed", [](const RecordedRequest&) {
    FakeResponse r = FakeResponse::Json(200, R"({"data":[]})");
    r.headers.emplace_back("X-App-Usage", R"({"call_count":5})");
    return r;
  });
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  REQUIRE(client);

  auto response = client->Send(Req(
      "GET", server.base_url() + "/v21.0/123/feed?fields=" + UrlEncode("id,message") + "&limit=25",
      {{"Authorization", "Bearer secret-token"}}, ""));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->body == R"({"data":[]})");
  CHECK(response->header("x-app-usage") == std::optional<std::string>(R"({"call_count":5})"));
  CHECK(response->header("X-APP-USAGE") == response->header("x-app-usage"));
  CHECK(response->header("content-type") == std::optional<std::string>("application/json"));
  CHECK_FALSE(response->header("x-missing"));
  for (const auto& [name, value] : response->headers) {
    INFO(name);
    CHECK(name == [&] {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return lower;
    }());
  }

  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].path == "/v21.0/123/feed");
  CHECK(requests[0].param("fields") == "id,message");
  CHECK(requests[0].param("limit") == "25");
  CHECK(requests[0].header("authorization") == "Bearer secret-token");
  CHECK(requests[0].header("user-agent").starts_with("schoolmod/"));
  CHECK(requests[0].body.empty());
}

TEST_CASE("curl client sends POST, PUT and DELETE with their bodies") {
  FakeHttpServer server;
  server.Route("*", "/items/1", FakeResponse::Json(200, R"({"success":true})"));
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);

  SECTION("POST with a form body") {
    auto r = client->Send(Req("POST", server.base_url() + "/items/1",
                              {{"Content-Type", "application/x-www-form-urlencoded"}},
                              "is_hidden=true&message=" + UrlEncode("a b&c")));
    REQUIRE(r);
    CHECK(r->status == 200);
    auto requests = server.requests("POST", "/items/1");
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body == "is_hidden=true&message=a%20b%26c");
    CHECK(requests[0].header("content-type") == "application/x-www-form-urlencoded");
    CHECK(requests[0].header("content-length") == std::to_string(requests[0].body.size()));
  }
  SECTION("POST with a large JSON body goes out without waiting for 100 Continue") {
    std::string body = R"({"text":")" + std::string(2 * 1024 * 1024, 'a') + R"("})";
    auto r = client->Send(
        Req("POST", server.base_url() + "/items/1", {{"Content-Type", "application/json"}}, body));
    REQUIRE(r);
    auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body == body);
    CHECK(requests[0].header("expect").empty());
  }
  SECTION("POST with an empty body") {
    auto r = client->Send(Req("POST", server.base_url() + "/items/1"));
    REQUIRE(r);
    auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].header("content-length") == "0");
  }
  SECTION("PUT") {
    auto r = client->Send(Req("PUT", server.base_url() + "/items/1",
                              {{"Content-Type", "application/json"}}, R"({"status":"published"})"));
    REQUIRE(r);
    auto requests = server.requests("PUT", "/items/1");
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body == R"({"status":"published"})");
  }
  SECTION("DELETE without a body") {
    auto r = client->Send(Req("DELETE", server.base_url() + "/items/1"));
    REQUIRE(r);
    auto requests = server.requests("DELETE", "/items/1");
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body.empty());
  }
  SECTION("DELETE with a body") {
    auto r = client->Send(Req("DELETE", server.base_url() + "/items/1", {}, "reason=spam"));
    REQUIRE(r);
    auto requests = server.requests("DELETE", "/items/1");
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].body == "reason=spam");
  }
}

TEST_CASE("curl client passes every HTTP status through as a successful exchange") {
  FakeHttpServer server;
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  for (int status : {201, 204, 400, 401, 403, 404, 429, 500, 503}) {
    INFO(status);
    FakeResponse response = FakeResponse::Json(status, status == 204 ? "" : R"({"error":{}})");
    response.headers.emplace_back("Retry-After", "30");
    server.Route("GET", "/status", response);
    auto r = client->Send(Req("GET", server.base_url() + "/status"));
    REQUIRE(r);
    CHECK(r->status == status);
    CHECK(r->header("retry-after") == std::optional<std::string>("30"));
  }
  SECTION("an unrouted path is the fake server's 404") {
    auto r = client->Send(Req("GET", server.base_url() + "/nowhere"));
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(r->body.find("no route for GET /nowhere") != std::string::npos);
  }
}

TEST_CASE("curl client does not follow redirects unless asked to") {
  FakeHttpServer server;
  FakeResponse redirect = FakeResponse::Json(302, "");
  redirect.headers.emplace_back("Location", server.base_url() + "/target");
  server.Route("GET", "/start", redirect);
  server.Route("GET", "/target", FakeResponse::Json(200, R"({"here":true})"));

  SECTION("default: the 3xx comes back") {
    auto client = MakeCurlHttpClient(FastOptions(), nullptr);
    auto r = client->Send(Req("GET", server.base_url() + "/start"));
    REQUIRE(r);
    CHECK(r->status == 302);
    CHECK(server.requests("GET", "/target").empty());
  }
  SECTION("max_redirects > 0 follows") {
    HttpClientOptions options = FastOptions();
    options.max_redirects = 2;
    auto client = MakeCurlHttpClient(options, nullptr);
    auto r = client->Send(Req("GET", server.base_url() + "/start"));
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == R"({"here":true})");
    CHECK(server.requests("GET", "/target").size() == 1);
  }
}

TEST_CASE("curl client times out as kTransient naming the redacted URL") {
  FakeHttpServer server;
  FakeResponse slow = FakeResponse::Json(200, "{}");
  slow.delay = std::chrono::seconds(30);  // cut short when the server stops
  server.Route("GET", "/slow", slow);
  HttpClientOptions options = FastOptions();
  options.total_timeout = Seconds{1};
  auto client = MakeCurlHttpClient(options, nullptr);

  auto r = client->Send(Req("GET", server.base_url() + "/slow?access_token=SECRET123"));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find(server.base_url() + "/slow") != std::string::npos);
  CHECK(r.error().message.find("SECRET123") == std::string::npos);
  CHECK(r.error().message.find("imeout") != std::string::npos);
}

TEST_CASE("curl client aborts requests in progress when cancelled") {
  FakeHttpServer server;
  FakeResponse slow = FakeResponse::Json(200, "{}");
  slow.delay = std::chrono::seconds(30);  // cut short when the server stops
  server.Route("GET", "/slow", slow);
  HttpClientOptions options = FastOptions();
  options.total_timeout = Seconds{60};
  options.cancel = std::make_shared<std::atomic<bool>>(false);
  auto client = MakeCurlHttpClient(options, nullptr);

  std::thread canceller([&] {
    // Cancel once the request has reached the server, as SIGTERM would mid-poll.
    while (server.requests().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    options.cancel->store(true);
  });
  auto r = client->Send(Req("GET", server.base_url() + "/slow"));
  canceller.join();
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find("cancelled") != std::string::npos);
  // Once cancelled, nothing new is sent.
  auto again = client->Send(Req("GET", server.base_url() + "/slow"));
  REQUIRE_FALSE(again);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("curl client caps the response size") {
  FakeHttpServer server;
  HttpClientOptions options = FastOptions();
  options.max_response_bytes = 1000;
  auto client = MakeCurlHttpClient(options, nullptr);
  const std::string expected = "response from " + server.base_url() + "/big exceeded 1000 bytes";

  SECTION("a declared Content-Length over the cap") {
    server.Route("GET", "/big", FakeResponse::Filler(5000));
    auto r = client->Send(Req("GET", server.base_url() + "/big?token=SECRET"));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kTransient);
    CHECK(r.error().message == expected);
  }
  SECTION("a body without Content-Length that runs over") {
    FakeResponse big = FakeResponse::Filler(200 * 1000);
    big.omit_content_length = true;
    server.Route("GET", "/big", big);
    auto r = client->Send(Req("GET", server.base_url() + "/big"));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kTransient);
    CHECK(r.error().message == expected);
  }
  SECTION("exactly at the cap is fine") {
    FakeResponse exact = FakeResponse::Filler(1000);
    exact.omit_content_length = true;
    server.Route("GET", "/big", exact);
    auto r = client->Send(Req("GET", server.base_url() + "/big"));
    REQUIRE(r);
    CHECK(r->body.size() == 1000);
  }
}

TEST_CASE("curl client reports a truncated body as a transient error") {
  FakeHttpServer server;
  FakeResponse cut = FakeResponse::Json(200, std::string(500, 'y'));
  cut.truncate_after = 100;
  server.Route("GET", "/cut", cut);
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  auto r = client->Send(Req("GET", server.base_url() + "/cut"));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find(server.base_url() + "/cut") != std::string::npos);
}

TEST_CASE("curl client maps connection refused to kTransient") {
  const std::string url =
      "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/v21.0/me?access_token=SECRET";
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  auto r = client->Send(Req("GET", url));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find(RedactUrl(url)) != std::string::npos);
  CHECK(r.error().message.find("SECRET") == std::string::npos);
  CHECK(r.error().message.find("connect") != std::string::npos);
}

TEST_CASE("curl client keeps TLS verification: https to a plain server fails as kTransient") {
  FakeHttpServer server;
  server.Route("GET", "/x", FakeResponse::Json(200, "{}"));
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  auto r = client->Send(Req("GET", "https://127.0.0.1:" + std::to_string(server.port()) + "/x"));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kTransient);
  CHECK(r.error().message.find("SSL") != std::string::npos);
  CHECK(server.requests().empty());
}

TEST_CASE("curl client rejects requests that could smuggle headers, without sending them") {
  FakeHttpServer server;
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  SECTION("line break in a header value") {
    auto r = client->Send(Req("GET", server.base_url() + "/x", {{"X-Note", "a\r\nX-Injected: 1"}}));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
    CHECK(r.error().message.find("X-Injected") == std::string::npos);
  }
  SECTION("bad header name") {
    auto r = client->Send(Req("GET", server.base_url() + "/x", {{"Bad Name", "v"}}));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  SECTION("bad method") {
    auto r = client->Send(Req("GET /other HTTP/1.1\r\n", server.base_url() + "/x"));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  SECTION("a scheme other than http(s)") {
    auto r = client->Send(Req("GET", "file:///etc/passwd"));
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  CHECK(server.requests().empty());
}

TEST_CASE("curl client logs one debug line per request without query or header values") {
  FakeHttpServer server;
  server.Route("GET", "/v21.0/123/comments", FakeResponse::Json(200, "{}"));
  CapturedLog log;
  auto client = MakeCurlHttpClient(FastOptions(), log.logger);

  auto r = client->Send(Req("GET", server.base_url() + "/v21.0/123/comments?access_token=QSECRET",
                            {{"Authorization", "Bearer HSECRET"}}));
  REQUIRE(r);
  auto refused = client->Send(
      Req("GET", "http://127.0.0.1:" + std::to_string(ClosedPort()) + "/gone?access_token=QSECRET",
          {{"Authorization", "Bearer HSECRET"}}));
  REQUIRE_FALSE(refused);

  std::string text = log.text();
  CHECK(text.find("method=GET url=" + server.base_url() + "/v21.0/123/comments status=200") !=
        std::string::npos);
  CHECK(text.find("elapsed_ms=") != std::string::npos);
  CHECK(text.find("/gone") != std::string::npos);
  CHECK(text.find("QSECRET") == std::string::npos);
  CHECK(text.find("HSECRET") == std::string::npos);
  CHECK(text.find("access_token") == std::string::npos);
}

TEST_CASE("curl client is safe to call from several threads at once") {
  FakeHttpServer server;
  server.Route("GET", "/echo",
               [](const RecordedRequest& req) { return FakeResponse::Json(200, req.param("n")); });
  auto client = MakeCurlHttpClient(FastOptions(), nullptr);
  constexpr int kThreads = 6;
  constexpr int kEach = 5;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string n = std::to_string(t * 100 + i);
        auto r = client->Send(Req("GET", server.base_url() + "/echo?n=" + n));
        if (r && r->status == 200 && r->body == n) ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(good == kThreads * kEach);
  CHECK(server.requests().size() == kThreads * kEach);
}

TEST_CASE("RedactUrl strips query, fragment and credentials") {
  CHECK(RedactUrl("https://graph.facebook.com/v21.0/123/comments?access_token=abc&after=x") ==
        "https://graph.facebook.com/v21.0/123/comments");
  CHECK(RedactUrl("https://host/path#frag") == "https://host/path");
  CHECK(RedactUrl("https://host/path?") == "https://host/path");
  CHECK(RedactUrl("https://user:pass@host:8443/p?q=1") == "https://host:8443/p");
  CHECK(RedactUrl("https://host/p@q") == "https://host/p@q");
  CHECK(RedactUrl("http://127.0.0.1:9000") == "http://127.0.0.1:9000");
  CHECK(RedactUrl("") == "");
}

TEST_CASE("UrlEncode keeps unreserved characters and percent-encodes the rest") {
  CHECK(UrlEncode("abcXYZ019-._~") == "abcXYZ019-._~");
  CHECK(UrlEncode("a b&c=d/e?f") == "a%20b%26c%3Dd%2Fe%3Ff");
  CHECK(UrlEncode("id,message{from}") == "id%2Cmessage%7Bfrom%7D");
  CHECK(UrlEncode("\xC3\xA9") == "%C3%A9");
  CHECK(UrlEncode("+") == "%2B");
  CHECK(UrlEncode("") == "");
}

TEST_CASE("HttpResponse::header is case-insensitive and returns the first match") {
  HttpResponse r;
  r.headers = {{"x-rate", "1"}, {"link", "<a>"}, {"x-rate", "2"}};
  CHECK(r.header("X-Rate") == std::optional<std::string>("1"));
  CHECK(r.header("LINK") == std::optional<std::string>("<a>"));
  CHECK_FALSE(r.header("x-rat"));
}

}  // namespace
}  // namespace schoolmod::connectors
