#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "graph/errors.h"
#include "graph/json.h"
#include "graph/paging.h"

namespace schoolmod::connectors::graph {
namespace {

const TimePoint kNow = *ParseRfc3339("2024-11-29T09:00:00Z");

std::string Fixture(const std::string& relative) {
  std::ifstream in(std::string(SCHOOLMOD_GRAPH_FIXTURES) + "/" + relative, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Error Map(int status, const std::string& body, const Usage& usage = {}) {
  auto error = ParseGraphError(Json::parse(body, nullptr, false));
  return MapGraphError(status, error, usage, {"acct", "hiding comment 1_2", "perm_x", kNow});
}

TEST_CASE("graph errors: token problems are kAuth and say what happened") {
  Error expired = Map(400, Fixture("facebook/error_token_expired.json"));
  CHECK(expired.kind == ErrorKind::kAuth);
  CHECK_THAT(expired.message, Catch::Contains("acct") && Catch::Contains("expired") &&
                                  Catch::Contains("190/463"));
  Error invalidated = Map(400, Fixture("facebook/error_token_invalidated.json"));
  CHECK(invalidated.kind == ErrorKind::kAuth);
  CHECK_THAT(invalidated.message, Catch::Contains("password"));
  CHECK(Map(400, Fixture("instagram/error_token_expired.json")).kind == ErrorKind::kAuth);
  CHECK(Map(400, R"({"error":{"code":102,"message":"Session key invalid"}})").kind ==
        ErrorKind::kAuth);
  CHECK(Map(401, "").kind == ErrorKind::kAuth);
}

TEST_CASE("graph errors: missing permissions are kPermission naming the permission") {
  for (const char* file : {"facebook/error_permission.json", "instagram/error_permission.json"}) {
    INFO(file);
    Error e = Map(400, Fixture(file));
    CHECK(e.kind == ErrorKind::kPermission);
    CHECK_THAT(e.message, Catch::Contains("perm_x") && Catch::Contains("hiding comment 1_2"));
  }
  CHECK(Map(403, R"({"error":{"code":283,"message":"(#283) Requires pages_read_engagement"}})")
            .kind == ErrorKind::kPermission);
  CHECK(Map(403, "<html>forbidden</html>").kind == ErrorKind::kPermission);
}

TEST_CASE("graph errors: throttling is kRateLimited with the time Graph gives") {
  Usage usage;
  usage.percent = 100;
  usage.regain_at = kNow + std::chrono::minutes(17);
  Error buc = Map(400, Fixture("facebook/error_rate_limit_page_buc.json"), usage);
  CHECK(buc.kind == ErrorKind::kRateLimited);
  CHECK(buc.retry_at == kNow + std::chrono::minutes(17));
  CHECK_THAT(buc.message, Catch::Contains("usage 100%"));

  // Without a regain estimate: the default wait, never "now".
  for (const char* file : {"facebook/error_rate_limit_app.json", "instagram/error_rate_limit.json"}) {
    Error e = Map(400, Fixture(file));
    CHECK(e.kind == ErrorKind::kRateLimited);
    CHECK(e.retry_at == kNow + kDefaultRateLimitWait);
  }
  for (int code : {17, 32, 341, 613, 80014}) {
    CHECK(Map(400, R"({"error":{"code":)" + std::to_string(code) + "}}").kind ==
          ErrorKind::kRateLimited);
  }
  CHECK(Map(400, R"({"error":{"code":368}})").retry_at == kNow + Seconds{3600});
  CHECK(Map(429, "").kind == ErrorKind::kRateLimited);
}

TEST_CASE("graph errors: transient, gone and permanent") {
  CHECK(Map(500, R"({"error":{"code":1,"message":"An unknown error occurred"}})").kind ==
        ErrorKind::kTransient);
  CHECK(Map(400, R"({"error":{"code":2}})").kind == ErrorKind::kTransient);
  CHECK(Map(400, R"({"error":{"code":9999,"is_transient":true}})").kind ==
        ErrorKind::kTransient);
  CHECK(Map(503, "Service Unavailable").kind == ErrorKind::kTransient);
  CHECK(Map(502, "").kind == ErrorKind::kTransient);
  CHECK(Map(400, R"({"error":{"code":100,"message":"Invalid parameter"}})").kind ==
        ErrorKind::kPermanent);
  CHECK(Map(400, R"({"error":{"code":506}})").kind == ErrorKind::kPermanent);
  CHECK(Map(418, "teapot").kind == ErrorKind::kPermanent);

  auto gone = ParseGraphError(Json::parse(R"({"error":{"code":100,"error_subcode":33}})"));
  CHECK(IsGone(400, gone));
  CHECK_FALSE(IsGone(400, ParseGraphError(Json::parse(R"({"error":{"code":100}})"))));
  CHECK(IsGone(404, std::nullopt));
  CHECK_FALSE(IsGone(500, std::nullopt));
}

TEST_CASE("graph errors: Graph's message is kept on one bounded line") {
  std::string long_message(1000, 'x');
  Error e = Map(400, R"({"error":{"code":100,"message":"line1\nline2)" + long_message + "\"}}");
  CHECK(e.message.find('\n') == std::string::npos);
  CHECK(e.message.size() < 500);
}

HttpResponse WithHeaders(Headers headers) {
  HttpResponse r;
  r.status = 200;
  r.headers = std::move(headers);
  return r;
}

TEST_CASE("graph usage headers: the highest percentage and the longest regain time") {
  // The fixture README's header for published_posts_page1.json.
  auto quiet = ParseUsage(
      WithHeaders({{"x-business-use-case-usage",
                    R"({"104857263301122":[{"type":"pages","call_count":3,"total_cputime":1,)"
                    R"("total_time":2,"estimated_time_to_regain_access":0}]})"}}),
      kNow);
  CHECK(quiet.percent == 3);
  CHECK_FALSE(quiet.regain_at);

  auto busy = ParseUsage(
      WithHeaders({{"x-app-usage", R"({"call_count":85,"total_cputime":12,"total_time":20})"},
                   {"x-business-use-case-usage",
                    R"({"1":[{"type":"pages","call_count":100,"estimated_time_to_regain_access":5}],)"
                    R"("2":[{"type":"pages","call_count":40,"estimated_time_to_regain_access":30}]})"}}),
      kNow);
  CHECK(busy.percent == 100);
  CHECK(busy.regain_at == kNow + std::chrono::minutes(30));

  auto page_usage = ParseUsage(WithHeaders({{"x-page-usage", R"({"total_time":91})"}}), kNow);
  CHECK(page_usage.percent == 91);

  auto garbled = ParseUsage(WithHeaders({{"x-app-usage", "{not json"},
                                         {"x-business-use-case-usage", R"({"1":"x"})"}}),
                            kNow);
  CHECK_FALSE(garbled.percent);
  CHECK_FALSE(garbled.regain_at);

  auto huge = ParseUsage(
      WithHeaders({{"x-business-use-case-usage",
                    R"({"1":[{"estimated_time_to_regain_access":99999999}]})"}}),
      kNow);
  CHECK(huge.regain_at == kNow + std::chrono::hours(24));
}

TEST_CASE("graph ids: only id characters may reach a URL path") {
  CHECK(IsGraphId("918273645501234_1284452210996643"));
  CHECK(IsGraphId("17841405309211844"));
  CHECK(IsGraphId("c1"));  // opaque: tolerated
  for (const char* bad : {"", "..", "1/2", "1?fields=x", "1%2F2", "1&x=2", "1 2", "1.2"}) {
    CHECK_FALSE(IsGraphId(bad));
  }
  CHECK_FALSE(IsGraphId(std::string(129, '1')));
}

TEST_CASE("graph paging: the after cursor, never the next URL") {
  auto page1 = Json::parse(Fixture("facebook/comments_page1.json"));
  auto next = NextCursor(page1, "acct", "listing");
  REQUIRE(next);
  CHECK(*next == std::optional<std::string>("QVFIUkRfbkVZAUlBTdTdBMVV3X3ZAhOWZANbmNNZAk1OTENPZAmxMdE1FNUpzb2hB"));

  auto last = NextCursor(Json::parse(Fixture("facebook/comments_page2_last.json")), "acct", "l");
  REQUIRE(last);
  CHECK_FALSE(*last);  // cursors but no next: the end
  auto empty = NextCursor(Json::parse(Fixture("facebook/comments_empty.json")), "acct", "l");
  REQUIRE(empty);
  CHECK_FALSE(*empty);

  SECTION("next without cursors: the after parameter of next") {
    auto page = Json::parse(
        R"({"data":[],"paging":{"next":"https://graph.facebook.com/v21.0/1/comments?access_token=T&after=QVF%3D%3D&limit=2"}})");
    auto c = NextCursor(page, "acct", "l");
    REQUIRE(c);
    CHECK(*c == std::optional<std::string>("QVF=="));
  }
  SECTION("next without any usable cursor is an error") {
    auto page = Json::parse(R"({"data":[],"paging":{"next":"https://graph.facebook.com/x"}})");
    auto c = NextCursor(page, "acct", "listing");
    REQUIRE_FALSE(c);
    CHECK(c.error().kind == ErrorKind::kTransient);
    auto bad = Json::parse(
        R"({"data":[],"paging":{"cursors":{"after":"a b\n"},"next":"https://x/?q"}})");
    CHECK_FALSE(NextCursor(bad, "acct", "listing"));
  }
}

}  // namespace
}  // namespace schoolmod::connectors::graph
