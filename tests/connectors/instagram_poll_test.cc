#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "graph_fixture.h"

namespace schoolmod::connectors::graph_test {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

const std::string kMedia = "18034562781290417";
const std::string kListing = std::string("/v21.0/") + kIgUserId + "/media";

std::string Unix(TimePoint t) { return std::to_string(ToUnixSeconds(t)); }

TEST_CASE("instagram poll: media in the window, comments with their replies") {
  GraphFixture f(GraphFlavour::kInstagram);
  f.AddPost(kMedia, hours(18));
  const auto t = f.now - hours(17);
  f.AddComment(kMedia, "17862390145203688", t, "8734512009387712");
  f.AddComment(kMedia, "17905512876044231", t + minutes(17), kIgUserId, "17862390145203688");
  f.AddComment(kMedia, "17918834620117790", t + minutes(60), "");  // author withheld

  Cursor cursor;
  auto r = f.Poll(cursor);
  REQUIRE(Ids(r) ==
          std::vector<std::string>{"17862390145203688", "17905512876044231", "17918834620117790"});
  CHECK(r.comments[0].author_name == std::optional<std::string>("Parent 7712"));
  CHECK(r.comments[0].permalink == "https://www.instagram.com/p/" + kMedia + "/");
  CHECK(r.comments[0].post_id == kMedia);
  CHECK(r.comments[1].own);
  CHECK(r.comments[1].parent_id == std::optional<std::string>("17862390145203688"));
  CHECK_FALSE(r.comments[2].author_id);
  CHECK_FALSE(r.comments[2].own);

  // The username once, one listing with comments and replies inline, the first sweep.
  CHECK(r.api_calls == 3);
  auto who = RequestsTo(f.server, "GET", std::string("/v21.0/") + kIgUserId);
  REQUIRE(who.size() == 1);
  CHECK(who[0].param("fields") == "username");
  auto listings = RequestsTo(f.server, "GET", kListing);
  REQUIRE(listings.size() == 2);
  CHECK(listings[0].param("fields") ==
        "id,permalink,timestamp,comments_count,comments.limit(25){id,text,timestamp,username,"
        "from,hidden,parent_id,replies{id,text,timestamp,username,from,hidden,parent_id}}");
  CHECK(listings[0].param("since") == Unix(f.now - days(30)));
  CHECK(listings[1].param("fields") == "id,permalink,timestamp,comments_count");
  CheckTokenOnlyInHeader(f.server);
  // Nor is it kept anywhere else: not in the cursor the daemon stores, not in the log.
  CHECK(cursor.value.find(kToken) == std::string::npos);
  CHECK(f.LogText().find(kToken) == std::string::npos);

  SECTION("nothing new: one call, and the username is remembered") {
    f.server.ClearRequests();
    f.now += minutes(5);
    auto quiet = f.Poll(cursor);
    CHECK(quiet.comments.empty());
    CHECK(quiet.api_calls == 1);
  }
  SECTION("own reply recognised by username when from.id differs") {
    GraphComment c;
    c.id = "17900000000000001";
    c.parent_id = "17862390145203688";
    c.author_id = "99999999";  // an id that is not ig_user_id
    c.author_name = "oakfieldprimary";
    c.text = "Thanks!";
    c.created = f.now;
    f.server.AddComment(kMedia, c);
    f.now += minutes(5);
    auto second = f.Poll(cursor);
    REQUIRE(second.comments.size() == 1);
    CHECK(second.comments[0].own);
  }
}

TEST_CASE("instagram poll: paging across media, comments and replies") {
  GraphFixture f(GraphFlavour::kInstagram, SmallPages());
  for (int i = 1; i <= 3; ++i) f.AddPost("1800000000000000" + std::to_string(i), hours(i));
  const std::string busy = "18000000000000001";
  std::vector<std::string> expected;
  for (int i = 1; i <= 5; ++i) {
    std::string id = "1790000000000010" + std::to_string(i);
    f.AddComment(busy, id, f.now - minutes(50 - i));
    expected.push_back(id);
  }
  const std::string chatty = expected[0];
  for (int i = 1; i <= 27; ++i) {
    std::string id = "179100000000001" + std::to_string(10 + i);
    f.AddComment(busy, id, f.now - minutes(40) + Seconds{i}, "8734512009387712", chatty);
    expected.push_back(id);
  }
  Cursor cursor;
  auto r = f.Poll(cursor);
  auto ids = Ids(r);
  std::sort(ids.begin(), ids.end());
  std::sort(expected.begin(), expected.end());
  CHECK(ids == expected);
  CHECK(RequestsTo(f.server, "GET", kListing).size() == 3);  // 2 window pages + 1 sweep
  auto pages = RequestsTo(f.server, "GET", "/v21.0/" + busy + "/comments");
  REQUIRE(pages.size() == 1);  // 3 inline, then 2 more
  CHECK(pages[0].param("after") == "QVFIcursor3");
  auto replies = RequestsTo(f.server, "GET", "/v21.0/" + chatty + "/replies");
  REQUIRE(replies.size() == 1);  // 25 inline, then 2 more
  CHECK(replies[0].param("after") == "QVFIcursor25");
  CHECK(static_cast<int>(f.server.requests().size()) == r.api_calls);

  SECTION("unchanged counts: only the listing, however many pages a media has") {
    f.server.ClearRequests();
    f.now += minutes(5);
    auto quiet = f.Poll(cursor);
    CHECK(quiet.comments.empty());
    CHECK(quiet.api_calls == 2);
  }
  SECTION("a changed count: the media is read in full, only the new comment reported") {
    f.now += minutes(5);
    f.AddComment(busy, "17920000000000001", f.now - minutes(1));
    auto second = f.Poll(cursor);
    CHECK(Ids(second) == std::vector<std::string>{"17920000000000001"});
  }
}

TEST_CASE("instagram poll: deletions become tombstones; hidden comments that drop out do not") {
  GraphFixture f(GraphFlavour::kInstagram);
  f.AddPost(kMedia, hours(5));
  f.AddComment(kMedia, "17847720931556602", f.now - hours(4), "7712093346651120");
  f.AddComment(kMedia, "17862390145203688", f.now - hours(3), "8734512009387712");
  Cursor cursor;
  REQUIRE(f.Poll(cursor).comments.size() == 2);

  SECTION("deleted on Instagram") {
    f.server.RemoveComment("17847720931556602");
    f.now += minutes(5);
    auto r = f.Poll(cursor);
    REQUIRE(Ids(r) == std::vector<std::string>{"17847720931556602"});
    CHECK(r.comments[0].deleted);
    CHECK(f.Poll(cursor).comments.empty());
  }
  SECTION("hidden, and left out of listings") {
    f.server.set_list_hidden(false);
    Action hide;
    hide.kind = ActionKind::kHide;
    hide.comment_id = "17847720931556602";
    REQUIRE(f.connector->Act(f.account, hide));
    f.server.ClearRequests();
    f.now += minutes(5);
    auto r = f.Poll(cursor);
    CHECK(r.comments.empty());  // still there: checked, not reported deleted
    CHECK(RequestsTo(f.server, "GET", "/v21.0/17847720931556602").size() == 1);
    // Remembered as hidden: not checked again on every poll.
    f.server.ClearRequests();
    f.now += minutes(5);
    auto again = f.Poll(cursor);
    CHECK(again.comments.empty());
    CHECK(again.api_calls == 1);
    // Unhidden, it is listed again and reported with its new state.
    f.server.set_list_hidden(true);
    Action unhide = hide;
    unhide.kind = ActionKind::kUnhide;
    REQUIRE(f.connector->Act(f.account, unhide));
    f.now += minutes(5);
    auto back = f.Poll(cursor);
    REQUIRE(Ids(back) == std::vector<std::string>{"17847720931556602"});
    CHECK_FALSE(back.comments[0].hidden);
    CHECK_FALSE(back.comments[0].deleted);
  }
}

TEST_CASE("instagram poll: older media are swept hourly by comments_count") {
  GraphFixture f(GraphFlavour::kInstagram);
  const std::string old_media = "17996321458803265";
  f.AddPost(old_media, days(40));
  f.AddComment(old_media, "17800000000000001", f.now - days(39));
  Cursor cursor;
  CHECK(f.Poll(cursor).comments.empty());  // the first sweep only records the counts

  f.AddComment(old_media, "17800000000000002", f.now + minutes(1));
  f.now += minutes(10);
  CHECK(f.Poll(cursor).comments.empty());
  f.now += hours(1);
  f.server.ClearRequests();
  auto swept = f.Poll(cursor);
  CHECK(Ids(swept) == std::vector<std::string>{"17800000000000002"});
  CHECK(RequestsTo(f.server, "GET", "/v21.0/" + old_media + "/comments").size() == 1);
}

TEST_CASE("instagram poll: calls per poll for 50 media with no new comments") {
  GraphFixture f(GraphFlavour::kInstagram);
  for (int i = 1; i <= 50; ++i) {
    const std::string media = std::to_string(18100000000000000LL + i);
    f.AddPost(media, hours(12 * i));
    f.AddComment(media, std::to_string(17700000000000000LL + 2 * i), f.now - hours(12 * i) + minutes(5));
    f.AddComment(media, std::to_string(17700000000000001LL + 2 * i), f.now - hours(12 * i) + minutes(9));
  }
  Cursor cursor;
  auto first = f.Poll(cursor);
  CHECK(first.comments.size() == 100);
  CHECK(first.api_calls == 3);  // username, window listing, first sweep
  f.now += minutes(5);
  auto steady = f.Poll(cursor);
  CHECK(steady.comments.empty());
  CHECK(steady.api_calls == 1);
  WARN("instagram calls per poll, 50 media, nothing new: " << steady.api_calls);
  f.now += hours(1);
  CHECK(f.Poll(cursor).api_calls == 2);
}

TEST_CASE("instagram errors: token, permission and throttling") {
  GraphFixture f(GraphFlavour::kInstagram);
  auto poll_error = [&] {
    auto r = f.connector->Poll(f.account, Cursor{});
    REQUIRE_FALSE(r);
    return r.error();
  };
  f.server.FailNext(FakeResponse::Json(400, FixtureFile("instagram/error_token_expired.json")));
  CHECK(poll_error().kind == ErrorKind::kAuth);

  f.server.FailNext(FakeResponse::Json(400, FixtureFile("instagram/error_rate_limit.json")));
  Error throttled = poll_error();
  CHECK(throttled.kind == ErrorKind::kRateLimited);
  CHECK(throttled.retry_at);

  // A refused username lookup is survivable; a refused listing is not.
  f.server.FailNext(FakeResponse::Json(400, FixtureFile("instagram/error_permission.json")), 2);
  Error refused = poll_error();
  CHECK(refused.kind == ErrorKind::kPermission);
  CHECK_THAT(refused.message, Catch::Contains("instagram_manage_comments"));
  CHECK_THAT(f.LogText(), Catch::Contains("username unavailable"));
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
