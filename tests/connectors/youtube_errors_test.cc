#include <string>

#include "youtube_fixture.h"

namespace schoolmod::connectors::youtube_test {
namespace {

// Every failure leaves the cursor where it was (the poll returns nothing) and the connector
// usable: the next poll, once the fault is gone, works.
void CheckRecovers(YoutubeFixture& f, const Cursor& cursor) {
  auto r = f.TryPoll(cursor);
  REQUIRE(r);
}

Error PollError(YoutubeFixture& f, const Cursor& cursor = {}) {
  auto r = f.TryPoll(cursor);
  REQUIRE_FALSE(r);
  CHECK(r.error().message.find(f.account.id) != std::string::npos);
  return r.error();
}

std::string Fixture(const char* name) { return FakeYoutubeServer::Fixture(name); }

TEST_CASE("youtube errors: each failure maps to its error kind") {
  YoutubeFixture f;
  f.fake.LoadThreads("commentThreads_page1.json");

  SECTION("expired token, refused again after the refresh: kAuth") {
    f.fake.FailNext("commentThreads.list",
                    FakeResponse::Json(401, Fixture("error_token_expired.json")), 2);
    CHECK(PollError(f).kind == ErrorKind::kAuth);
  }
  SECTION("token endpoint down: kTransient") {
    f.fake.FailNext("token", FakeResponse::Json(503, R"({"error":"internal_failure"})"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
  }
  SECTION("token endpoint answer without a token: kTransient") {
    f.fake.FailNext("token", FakeResponse::Json(200, R"({"token_type":"Bearer"})"));
    Error e = PollError(f);
    CHECK(e.kind == ErrorKind::kTransient);
  }
  SECTION("backendError 503: kTransient") {
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(503, Fixture("error_backend.json")));
    Error e = PollError(f);
    CHECK(e.kind == ErrorKind::kTransient);
    CHECK(e.message.find("backendError") != std::string::npos);
  }
  SECTION("rateLimitExceeded: kRateLimited, retry after Retry-After") {
    FakeResponse throttled = FakeResponse::Json(
        429,
        R"({"error":{"code":429,"message":"Slow","errors":[{"reason":"rateLimitExceeded"}]}})");
    throttled.headers.emplace_back("Retry-After", "120");
    f.fake.FailNext("commentThreads.list", throttled);
    Error e = PollError(f);
    CHECK(e.kind == ErrorKind::kRateLimited);
    CHECK(e.retry_at == f.now + std::chrono::seconds(120));
  }
  SECTION("malformed JSON: kTransient") {
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(200, R"({"items": [{"id": )"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
  }
  SECTION("a JSON answer of the wrong shape: kTransient") {
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(200, R"({"items": 7})"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
    f.fake.FailNext("commentThreads.list",
                    FakeResponse::Json(200, R"({"items": [], "nextPageToken": 12})"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(200, R"([1, 2])"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
  }
  SECTION("a truncated body: kTransient") {
    FakeResponse cut = FakeResponse::Json(200, Fixture("commentThreads_page1.json"));
    cut.truncate_after = 100;
    f.fake.FailNext("commentThreads.list", cut);
    CHECK(PollError(f).kind == ErrorKind::kTransient);
  }
  SECTION("an error body that is not JSON: mapped by status") {
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(502, "<html>Bad Gateway</html>"));
    CHECK(PollError(f).kind == ErrorKind::kTransient);
    f.fake.FailNext("commentThreads.list", FakeResponse::Json(400, "not json at all"));
    CHECK(PollError(f).kind == ErrorKind::kPermanent);
  }
  CheckRecovers(f, {});
}

TEST_CASE("youtube errors: a server that repeats its page token is kTransient, not a loop") {
  YoutubeFixture f;
  f.fake.http().Route("GET", "/youtube/v3/commentThreads", [](const RecordedRequest&) {
    return FakeResponse::Json(200, R"({"items": [], "nextPageToken": "again"})");
  });
  CHECK(PollError(f).kind == ErrorKind::kTransient);
  CHECK(f.fake.api_requests().size() == 2);
}

TEST_CASE("youtube errors: a token without the force-ssl scope is kPermission naming it") {
  FakeYoutubeServer::Options o = FreshProject();
  o.scope = "https://www.googleapis.com/auth/youtube.readonly";
  YoutubeFixture f(o);
  Error e = PollError(f);
  CHECK(e.kind == ErrorKind::kPermission);
  CHECK(e.message.find("insufficientPermissions") != std::string::npos);
  CHECK(e.message.find("https://www.googleapis.com/auth/youtube.force-ssl") != std::string::npos);
}

TEST_CASE("youtube errors: a timeout is kTransient") {
  HttpClientOptions http;
  http.total_timeout = Seconds{1};
  YoutubeFixture f(FreshProject(), http);
  FakeResponse slow = FakeResponse::Json(200, Fixture("commentThreads_empty.json"));
  slow.delay = std::chrono::milliseconds(3000);
  f.fake.FailNext("commentThreads.list", slow);
  Error e = PollError(f);
  CHECK(e.kind == ErrorKind::kTransient);
  CheckRecovers(f, {});
}

TEST_CASE("youtube errors: an oversized body is kTransient") {
  HttpClientOptions http;
  http.max_response_bytes = 64 * 1024;
  YoutubeFixture f(FreshProject(), http);
  f.fake.FailNext("commentThreads.list", FakeResponse::Filler(1024 * 1024));
  Error e = PollError(f);
  CHECK(e.kind == ErrorKind::kTransient);
  CheckRecovers(f, {});
}

TEST_CASE("youtube errors: a failure mid-poll keeps the old cursor usable") {
  FakeYoutubeServer::Options o = FreshProject();
  o.page_size_cap = 1;
  YoutubeFixture f(o);
  f.fake.LoadThreads("commentThreads_page1.json");
  f.fake.LoadThreads("commentThreads_page2_last.json");
  Cursor cursor;
  // The second page fails: nothing of the poll is returned.
  f.fake.http().Route("GET", "/youtube/v3/commentThreads", [&](const RecordedRequest& r) {
    if (r.has_param("pageToken")) return FakeResponse::Json(503, Fixture("error_backend.json"));
    return FakeResponse::Json(200, Fixture("commentThreads_page1.json"));
  });
  CHECK(PollError(f, cursor).kind == ErrorKind::kTransient);
  CHECK(cursor.value.empty());
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
