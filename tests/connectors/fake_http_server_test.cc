#include "support/fake_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "schoolmod/connectors/http_client.h"

namespace schoolmod::testing {
namespace {

// Sends raw bytes and returns everything the server answers before closing: for requests
// libcurl would never send.
std::string RawExchange(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(bytes.size()));
  ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

connectors::HttpRequest Req(std::string method, std::string url, connectors::Headers headers = {},
                            std::string body = "") {
  connectors::HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

std::unique_ptr<connectors::HttpClient> Client() {
  return connectors::MakeCurlHttpClient({}, nullptr);
}

TEST_CASE("fake server: exact routes win over patterns, first pattern wins, re-Route replaces") {
  FakeHttpServer server;
  server.Route("GET", "/v21.0/*/comments", FakeResponse::Json(200, "pattern"));
  server.Route("GET", "/v21.0/*/*", FakeResponse::Json(200, "later pattern"));
  server.Route("GET", "/v21.0/42/comments", FakeResponse::Json(200, "exact"));
  server.Route("*", "/any", FakeResponse::Json(200, "any method"));
  auto client = Client();
  auto get = [&](const std::string& method, const std::string& path) {
    auto r = client->Send(Req(method, server.base_url() + path));
    REQUIRE(r);
    return std::to_string(r->status) + " " + r->body;
  };
  CHECK(get("GET", "/v21.0/42/comments") == "200 exact");
  CHECK(get("GET", "/v21.0/7/comments") == "200 pattern");
  CHECK(get("GET", "/v21.0/7/reactions") == "200 later pattern");
  CHECK(get("GET", "/v21.0/7/comments/extra").starts_with("404 "));
  CHECK(get("POST", "/v21.0/42/comments").starts_with("404 "));
  CHECK(get("DELETE", "/any") == "200 any method");
  server.Route("GET", "/v21.0/42/comments", FakeResponse::Json(201, "replaced"));
  CHECK(get("GET", "/v21.0/42/comments") == "201 replaced");
}

TEST_CASE("fake server records decoded path, query, lower-cased headers and body") {
  FakeHttpServer server;
  server.Route("POST", "/a b/c", FakeResponse::Json(200, "{}"));
  auto client = Client();
  auto r = client->Send(Req("POST", server.base_url() + "/a%20b/c?q=x+y%26z&flag&empty=&q=second",
                            {{"X-Mixed-Case", "Value"}}, "payload"));
  REQUIRE(r);
  CHECK(r->status == 200);
  auto requests = server.requests("POST", "/a b/c");
  REQUIRE(requests.size() == 1);
  const auto& req = requests[0];
  CHECK(req.target == "/a%20b/c?q=x+y%26z&flag&empty=&q=second");
  CHECK(req.param("q") == "x y&z");
  CHECK(req.query.size() == 4);
  CHECK(req.query[3] == std::pair<std::string, std::string>("q", "second"));
  CHECK(req.has_param("flag"));
  CHECK(req.has_param("empty"));
  CHECK_FALSE(req.has_param("nope"));
  CHECK(req.headers.count("x-mixed-case") == 1);
  CHECK(req.header("X-MIXED-CASE") == "Value");
  CHECK(req.body == "payload");
  CHECK(req.segments() == std::vector<std::string>{"a b", "c"});

  server.ClearRequests();
  CHECK(server.requests().empty());
}

TEST_CASE("fake server reads chunked bodies and answers 100-continue") {
  FakeHttpServer server;
  server.Route("POST", "/up", [](const RecordedRequest& req) {
    return FakeResponse::Json(200, "got " + req.body);
  });
  SECTION("chunked") {
    std::string answer =
        RawExchange(server.port(),
                    "POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(answer.ends_with("\r\n\r\ngot hello world"));
    CHECK(answer.find("Connection: close\r\n") != std::string::npos);
  }
  SECTION("expect 100-continue") {
    std::string answer = RawExchange(
        server.port(),
        "POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    CHECK(answer.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"));
    CHECK(answer.ends_with("got ok"));
  }
  SECTION("garbage gets 400 and is not recorded") {
    std::string answer = RawExchange(server.port(), "NONSENSE\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 400 "));
    CHECK(server.requests().empty());
  }
  SECTION("a TLS handshake gets 400 at once") {
    std::string answer = RawExchange(server.port(), std::string("\x16\x03\x01\x02\x00", 5));
    CHECK(answer.starts_with("HTTP/1.1 400 "));
    CHECK(server.requests().empty());
  }
}

TEST_CASE("fake server turns a throwing handler into a 500 and keeps serving") {
  FakeHttpServer server;
  server.Route("GET", "/boom", [](const RecordedRequest&) -> FakeResponse {
    throw std::runtime_error("fixture missing");
  });
  server.Route("GET", "/fine", FakeResponse::Json(200, "{}"));
  auto client = Client();
  auto boom = client->Send(Req("GET", server.base_url() + "/boom"));
  REQUIRE(boom);
  CHECK(boom->status == 500);
  CHECK(boom->body.find("fixture missing") != std::string::npos);
  auto fine = client->Send(Req("GET", server.base_url() + "/fine"));
  REQUIRE(fine);
  CHECK(fine->status == 200);
}

TEST_CASE("fake server stops promptly while a response is delayed") {
  auto server = std::make_unique<FakeHttpServer>();
  FakeResponse slow = FakeResponse::Json(200, "{}");
  slow.delay = std::chrono::hours(1);
  server->Route("GET", "/slow", slow);
  bool got_response = true;
  std::thread client_thread([port = server->port(), &got_response] {
    connectors::HttpClientOptions options;
    options.total_timeout = Seconds{600};
    auto client = connectors::MakeCurlHttpClient(options, nullptr);
    auto r = client->Send(Req("GET", "http://127.0.0.1:" + std::to_string(port) + "/slow"));
    got_response = r.ok();
  });
  // Wait (by polling the recorded requests, not by timing) until the request is in the handler.
  while (server->requests().empty()) std::this_thread::yield();
  server.reset();  // must return without waiting out the hour
  client_thread.join();
  // The server went away mid-request: whatever curl reports, it is not a response.
  CHECK_FALSE(got_response);
}

}  // namespace
}  // namespace schoolmod::testing
