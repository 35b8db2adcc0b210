#include <catch2/catch.hpp>
#include <string>

#include "graph_fixture.h"

namespace schoolmod::connectors::graph_test {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const std::string kPost = std::string(kPageId) + "_918273645501234";

Error PollError(GraphFixture& f) {
  auto r = f.connector->Poll(f.account, Cursor{});
  REQUIRE_FALSE(r);
  INFO(r.error().message);
  CHECK_THAT(r.error().message, Catch::Contains(f.account.id));
  CHECK(r.error().message.find(kToken) == std::string::npos);
  return r.error();
}

FakeResponse WithHeader(FakeResponse r, std::string name, std::string value) {
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

TEST_CASE("facebook errors: an expired or invalidated token is kAuth") {
  GraphFixture f(GraphFlavour::kFacebook);
  for (const char* file : {"facebook/error_token_expired.json",
                           "facebook/error_token_invalidated.json"}) {
    INFO(file);
    f.server.FailNext(FakeResponse::Json(400, FixtureFile(file)));
    CHECK(PollError(f).kind == ErrorKind::kAuth);
  }
  // The fake itself refuses a wrong token the way Graph does.
  f.account.secrets["token"] = config::Secret{"EAAGsomeOtherToken", "test"};
  CHECK(PollError(f).kind == ErrorKind::kAuth);
}

TEST_CASE("facebook errors: a missing permission is kPermission naming it") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.server.FailNext(FakeResponse::Json(403, FixtureFile("facebook/error_permission.json")));
  Error e = PollError(f);
  CHECK(e.kind == ErrorKind::kPermission);
  CHECK_THAT(e.message, Catch::Contains("pages_read_engagement") && Catch::Contains("listing"));
}

TEST_CASE("facebook errors: throttling is kRateLimited until Graph's regain time") {
  GraphFixture f(GraphFlavour::kFacebook);
  SECTION("Page BUC limit with estimated_time_to_regain_access") {
    f.server.FailNext(WithHeader(
        FakeResponse::Json(400, FixtureFile("facebook/error_rate_limit_page_buc.json")),
        "X-Business-Use-Case-Usage",
        R"({"104857263301122":[{"type":"pages","call_count":100,"total_cputime":20,)"
        R"("total_time":35,"estimated_time_to_regain_access":20}]})"));
    Error e = PollError(f);
    CHECK(e.kind == ErrorKind::kRateLimited);
    CHECK(e.retry_at == f.now + minutes(20));
  }
  SECTION("app limit with X-App-Usage only: the default wait") {
    f.server.FailNext(WithHeader(
        FakeResponse::Json(403, FixtureFile("facebook/error_rate_limit_app.json")), "X-App-Usage",
        R"({"call_count":100,"total_cputime":12,"total_time":20})"));
    Error e = PollError(f);
    CHECK(e.kind == ErrorKind::kRateLimited);
    CHECK(e.retry_at == f.now + graph::kDefaultRateLimitWait);
    CHECK_THAT(e.message, Catch::Contains("usage 100%"));
  }
}

TEST_CASE("facebook errors: usage headers on success reach PollResult::rate_limit") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.server.set_response_headers(
      {{"X-Business-Use-Case-Usage",
        R"({"104857263301122":[{"type":"pages","call_count":87,"total_cputime":3,)"
        R"("total_time":5,"estimated_time_to_regain_access":0}]})"}});
  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(r.rate_limit.usage_percent == 87);
  CHECK_FALSE(r.rate_limit.reset_at);
  CHECK_FALSE(r.rate_limit.remaining);
  CHECK_THAT(f.LogText(), Catch::Contains("rate limit usage high"));

  f.server.set_response_headers(
      {{"X-Business-Use-Case-Usage",
        R"({"104857263301122":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":7}]})"}});
  auto throttled = f.Poll(cursor);
  CHECK(throttled.rate_limit.usage_percent == 100);
  CHECK(throttled.rate_limit.reset_at == f.now + minutes(7));
  CHECK(throttled.rate_limit.remaining == 0);
}

TEST_CASE("facebook errors: server failures, timeouts and broken bodies are kTransient") {
  HttpClientOptions http = GraphFixture::FastHttp();
  http.total_timeout = Seconds{1};
  http.max_response_bytes = 64 * 1024;
  GraphFixture f(GraphFlavour::kFacebook, {}, http);
  SECTION("5xx without a Graph error") {
    f.server.FailNext(FakeResponse::Json(503, "<html>Service Unavailable</html>"));
  }
  SECTION("5xx with code 1") {
    f.server.FailNext(FakeResponse::Json(
        500, R"({"error":{"message":"An unknown error occurred","type":"OAuthException","code":1}})"));
  }
  SECTION("timeout") {
    FakeResponse slow = FakeResponse::Json(200, R"({"data":[]})");
    slow.delay = std::chrono::milliseconds(3000);
    f.server.FailNext(slow);
  }
  SECTION("malformed JSON") { f.server.FailNext(FakeResponse::Json(200, R"({"data":[{"id":)")); }
  SECTION("a JSON value that is not an object") {
    f.server.FailNext(FakeResponse::Json(200, R"(["data"])"));
  }
  SECTION("truncated body") {
    FakeResponse cut = FakeResponse::Json(200, R"({"data":[{"id":"1_2","created_time":"x"}]})");
    cut.truncate_after = 10;
    f.server.FailNext(cut);
  }
  SECTION("oversized body") { f.server.FailNext(FakeResponse::Filler(256 * 1024)); }
  SECTION("a listing without data") { f.server.FailNext(FakeResponse::Json(200, "{}")); }
  SECTION("more pages promised without a cursor") {
    f.server.FailNext(FakeResponse::Json(
        200, R"({"data":[],"paging":{"next":"https://graph.facebook.com/v21.0/x/published_posts"}})"));
  }
  CHECK(PollError(f).kind == ErrorKind::kTransient);
}

TEST_CASE("facebook errors: a failure mid-poll loses nothing") {
  GraphFixture f(GraphFlavour::kFacebook, SmallPages());
  for (int i = 1; i <= 3; ++i) {
    const std::string post = std::string(kPageId) + "_" + std::to_string(i);
    f.AddPost(post, hours(i));
    f.AddComment(post, std::to_string(i) + "_1", f.now - minutes(30 * i));
  }
  Cursor cursor;
  auto first = f.Poll(cursor);
  REQUIRE(first.comments.size() == 3);
  f.now += minutes(5);
  f.AddComment(std::string(kPageId) + "_1", "1_2", f.now - minutes(1));
  f.AddComment(std::string(kPageId) + "_3", "3_2", f.now - minutes(1));

  // The first page of posts comes back, the second fails: the poll fails as a whole and the
  // cursor the daemon keeps is the old one.
  f.server.FailNext(FakeResponse::Json(
      200, std::string(R"({"data":[],"paging":{"cursors":{"after":"QVFIcursor2"},)") +
               R"("next":"https://graph.facebook.com/v21.0/x?after=QVFIcursor2"}})"));
  f.server.FailNext(FakeResponse::Json(503, "busy"));
  auto failed = f.connector->Poll(f.account, cursor);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().kind == ErrorKind::kTransient);

  auto retried = f.Poll(cursor);
  CHECK(Ids(retried) == std::vector<std::string>{"1_2", "3_2"});
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
