#include <map>
#include <string>
#include <vector>

#include "youtube_fixture.h"

namespace schoolmod::connectors::youtube_test {
namespace {

// The token endpoint's form body, decoded.
std::map<std::string, std::string> Form(const std::string& body) {
  auto decode = [](std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i] == '+' ? ' ' : s[i];
      }
    }
    return out;
  };
  std::map<std::string, std::string> form;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    auto eq = pair.find('=');
    form[decode(pair.substr(0, eq))] = decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return form;
}

TEST_CASE("youtube auth: the first call refreshes the access token") {
  YoutubeFixture f;
  Cursor cursor;
  (void)f.Poll(cursor);
  auto all = f.fake.requests();
  REQUIRE(all.size() == 3);
  const RecordedRequest& token = all[0];
  CHECK(token.method == "POST");
  CHECK(token.path == "/token");
  CHECK(token.target == "/token");
  CHECK(token.header("content-type") == "application/x-www-form-urlencoded");
  CHECK(token.header("authorization").empty());
  auto form = Form(token.body);
  CHECK(form.size() == 4);
  CHECK(form["grant_type"] == "refresh_token");
  CHECK(form["client_id"] == f.fake.options().client_id);
  CHECK(form["client_secret"] == "fake-client-secret");
  CHECK(form["refresh_token"] == "1//0fake-refresh-token");

  REQUIRE(f.fake.issued_tokens() == std::vector<std::string>{"ya29.fake-access-1"});
  for (std::size_t i = 1; i < all.size(); ++i) {
    CHECK(all[i].header("authorization") == "Bearer ya29.fake-access-1");
  }
}

TEST_CASE("youtube auth: the token is cached until shortly before it expires") {
  YoutubeFixture f;
  Cursor cursor;
  (void)f.Poll(cursor);
  f.now += std::chrono::minutes(50);
  (void)f.Poll(cursor);
  CHECK(f.fake.token_requests().size() == 1);
  // expires_in 3599 s: after 55 minutes the connector refreshes ahead of expiry.
  f.now += std::chrono::minutes(5);
  (void)f.Poll(cursor);
  CHECK(f.fake.token_requests().size() == 2);
  CHECK(f.fake.api_requests().back().header("authorization") == "Bearer ya29.fake-access-2");
}

TEST_CASE("youtube auth: a refused access token is refreshed once and the call repeated") {
  YoutubeFixture f;
  Cursor cursor;
  (void)f.Poll(cursor);
  f.fake.ExpireAccessTokens();  // revoked early, or Google's clock disagrees with ours
  f.now += std::chrono::minutes(5);
  f.fake.ClearRequests();
  (void)f.Poll(cursor);
  auto all = f.fake.requests();
  REQUIRE(all.size() == 3);
  CHECK(all[0].header("authorization") == "Bearer ya29.fake-access-1");
  CHECK(all[1].path == "/token");
  CHECK(all[2].header("authorization") == "Bearer ya29.fake-access-2");
  CHECK(all[2].target == all[0].target);
}

TEST_CASE("youtube auth: a token refused even after a refresh is kAuth") {
  YoutubeFixture f;
  const std::string expired = FakeYoutubeServer::Fixture("error_token_expired.json");
  f.fake.FailNext("commentThreads.list", FakeResponse::Json(401, expired), 2);
  auto r = f.TryPoll({});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kAuth);
  CHECK(f.fake.token_requests().size() == 2);
  CHECK(f.fake.api_requests().size() == 2);  // one retry, not a loop
}

TEST_CASE("youtube auth: a revoked refresh token is kAuth and no API call is made") {
  YoutubeFixture f;
  f.fake.RevokeRefreshToken();
  auto r = f.TryPoll({});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kAuth);
  CHECK(r.error().message.find("invalid_grant") != std::string::npos);
  CHECK(r.error().message.find("consent") != std::string::npos);
  CHECK(r.error().message.find(f.account.id) != std::string::npos);
  CHECK(f.fake.api_requests().empty());

  SECTION("the same for an action") {
    auto a = f.Act(ActionKind::kHide, "UgzF1cVb6NmQ9xW3kL8R4AaABAg");
    REQUIRE_FALSE(a);
    CHECK(a.error().kind == ErrorKind::kAuth);
    CHECK(f.fake.api_requests().empty());
  }
  SECTION("and for a wrong client secret") {
    f.account.secrets["client_secret"].value = "not-the-secret";
    auto again = f.TryPoll({});
    REQUIRE_FALSE(again);
    CHECK(again.error().kind == ErrorKind::kAuth);
  }
}

TEST_CASE("youtube auth: new credentials after a reload replace the cached token") {
  FakeYoutubeServer::Options o = FreshProject();
  YoutubeFixture f(o);
  Cursor cursor;
  (void)f.Poll(cursor);
  f.fake.RevokeRefreshToken();
  f.account.secrets["refresh_token"].value = "1//0another-refresh-token";
  f.now += std::chrono::minutes(5);
  auto r = f.TryPoll(cursor);
  REQUIRE_FALSE(r);  // the new token is tried (and refused by this fake), not the cached one
  CHECK(r.error().kind == ErrorKind::kAuth);
}

TEST_CASE("youtube auth: a configured access token is used before any refresh") {
  YoutubeFixture f;
  f.account.secrets["token"] = {"ya29.configured-token", "test"};
  Cursor cursor;
  // The fake does not know it: 401, then a refresh and a retry with the new token.
  (void)f.Poll(cursor);
  auto all = f.fake.requests();
  REQUIRE(all.size() >= 3);
  CHECK(all[0].header("authorization") == "Bearer ya29.configured-token");
  CHECK(all[1].path == "/token");
}

TEST_CASE("youtube auth: tokens and secrets never appear in a URL or the log") {
  YoutubeFixture f;
  f.fake.LoadThreads("commentThreads_page1.json");
  Cursor cursor;
  (void)f.Poll(cursor);
  f.fake.ExpireAccessTokens();
  f.now += std::chrono::minutes(5);
  (void)f.Poll(cursor);
  REQUIRE(f.Act(ActionKind::kHide, "UgwR8dLk2VnQ5xY7zA1C4AaABAg"));
  REQUIRE(f.Act(ActionKind::kReply, "UgwR8dLk2VnQ5xY7zA1C4AaABAg", "Thank you"));
  f.fake.RevokeRefreshToken();
  f.fake.ExpireAccessTokens();
  (void)f.TryPoll(cursor);

  std::vector<std::string> secrets = f.fake.issued_tokens();
  REQUIRE(secrets.size() == 2);
  secrets.push_back(f.fake.options().refresh_token);
  secrets.push_back(f.fake.options().client_secret);
  const std::string log = f.LogText();
  for (const auto& secret : secrets) {
    CAPTURE(secret);
    CHECK(log.find(secret) == std::string::npos);
    CHECK(cursor.value.find(secret) == std::string::npos);
    for (const auto& r : f.fake.requests()) {
      CHECK(r.target.find(secret) == std::string::npos);
      CHECK(r.target.find(UrlEncode(secret)) == std::string::npos);
    }
  }
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
