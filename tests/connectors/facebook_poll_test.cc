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

const std::string kPost = std::string(kPageId) + "_918273645501234";
const std::string kListing = std::string("/v21.0/") + kPageId + "/published_posts";

std::string Unix(TimePoint t) { return std::to_string(ToUnixSeconds(t)); }

TEST_CASE("facebook poll: posts in the window and their comments, oldest first") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.AddPost(kPost, hours(18));
  f.AddPost(std::string(kPageId) + "_2", days(2));  // no comments at all
  const auto t = f.now - hours(17);
  f.AddComment(kPost, "918273645501234_1", t, "7310422859911234");
  f.AddComment(kPost, "918273645501234_2", t + minutes(10), kPageId, "918273645501234_1");
  f.AddComment(kPost, "918273645501234_3", t + minutes(20), "");  // author withheld

  Cursor cursor;
  auto r = f.Poll(cursor);
  REQUIRE(Ids(r) == std::vector<std::string>{"918273645501234_1", "918273645501234_2",
                                             "918273645501234_3"});
  const Comment& parent = r.comments[0];
  CHECK(parent.post_id == kPost);
  CHECK(parent.author_id == std::optional<std::string>("7310422859911234"));
  CHECK(parent.author_name == std::optional<std::string>("Parent 1234"));
  CHECK(parent.text == "text of 918273645501234_1");
  CHECK(parent.created_at == t);
  CHECK_FALSE(parent.own);
  CHECK_THAT(parent.permalink, Catch::Contains("comment_id=918273645501234_1"));
  const Comment& reply = r.comments[1];
  CHECK(reply.own);
  CHECK(reply.parent_id == std::optional<std::string>("918273645501234_1"));
  const Comment& anonymous = r.comments[2];
  CHECK_FALSE(anonymous.author_id);
  CHECK_FALSE(anonymous.author_name);
  CHECK_FALSE(anonymous.own);
  CHECK(r.skipped == 0);
  CHECK_FALSE(cursor.value.empty());

  // One listing call with the comments expanded inline, plus the first sweep of older posts.
  auto listings = RequestsTo(f.server, "GET", kListing);
  REQUIRE(listings.size() == 2);
  CHECK(r.api_calls == 2);
  const RecordedRequest& window = listings[0];
  CHECK(window.param("fields") ==
        "id,created_time,updated_time,permalink_url,comments.filter(stream)"
        ".order(reverse_chronological).limit(25){id,message,created_time,from{id,name},"
        "parent{id},is_hidden,permalink_url}");
  CHECK(window.param("since") == Unix(f.now - days(30)));
  CHECK(window.param("limit") == "50");
  CHECK(listings[1].param("until") == Unix(f.now - days(30)));
  CheckTokenOnlyInHeader(f.server);
  // Nor is it kept anywhere else: not in the cursor the daemon stores, not in the log.
  CHECK(cursor.value.find(kToken) == std::string::npos);
  CHECK(f.LogText().find(kToken) == std::string::npos);
}

TEST_CASE("facebook poll: follows paging across several pages of posts and comments") {
  GraphFixture f(GraphFlavour::kFacebook, SmallPages());
  for (int i = 1; i <= 5; ++i) f.AddPost(std::string(kPageId) + "_" + std::to_string(i), hours(i));
  const std::string busy = std::string(kPageId) + "_1";
  std::vector<std::string> expected;
  for (int i = 1; i <= 7; ++i) {
    std::string id = "1_" + std::to_string(100 + i);
    f.AddComment(busy, id, f.now - minutes(60 - i));
    expected.push_back(id);
  }
  f.AddComment(std::string(kPageId) + "_4", "4_1", f.now - minutes(200));
  expected.insert(expected.begin(), "4_1");

  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(Ids(r) == expected);

  // 3 pages of posts; the busy post's 7 comments: 3 inline, then two pages of 2.
  auto listings = RequestsTo(f.server, "GET", kListing);
  REQUIRE(listings.size() == 4);  // 3 window pages + 1 sweep
  CHECK_FALSE(listings[0].has_param("after"));
  CHECK(listings[1].param("after") == "QVFIcursor2");
  CHECK(listings[2].param("after") == "QVFIcursor4");
  auto more = RequestsTo(f.server, "GET", "/v21.0/" + busy + "/comments");
  REQUIRE(more.size() == 2);
  CHECK(more[0].param("after") == "QVFIcursor3");
  CHECK(more[0].param("order") == "reverse_chronological");
  CHECK(more[0].param("filter") == "stream");
  CHECK(more[1].param("after") == "QVFIcursor5");
  // Every request reached the fake: none followed paging.next to graph.facebook.com.
  CHECK(static_cast<int>(f.server.requests().size()) == r.api_calls);
  CheckTokenOnlyInHeader(f.server);

  SECTION("the second poll asks only for what is new") {
    f.server.ClearRequests();
    f.now += minutes(5);
    f.AddComment(busy, "1_200", f.now - minutes(1));
    auto second = f.Poll(cursor);
    CHECK(Ids(second) == std::vector<std::string>{"1_200"});
    // Posts are listed again (3 pages); no comment page is needed: the new comment is inline.
    CHECK(second.api_calls == 3);
    CHECK(RequestsTo(f.server, "GET", "/v21.0/" + busy + "/comments").empty());
  }
  SECTION("more new comments than fit inline: older pages until a known one") {
    f.server.ClearRequests();
    f.now += minutes(5);
    for (int i = 1; i <= 4; ++i) f.AddComment(busy, "1_30" + std::to_string(i), f.now - minutes(5 - i));
    auto second = f.Poll(cursor);
    CHECK(Ids(second) == std::vector<std::string>{"1_301", "1_302", "1_303", "1_304"});
    auto pages = RequestsTo(f.server, "GET", "/v21.0/" + busy + "/comments");
    REQUIRE(pages.size() == 1);  // 3 inline + 2 (the 4th new one and a known one): stop
    CHECK(pages[0].param("after") == "QVFIcursor3");
  }
}

TEST_CASE("facebook poll: an older pinned post at the top does not end the listing") {
  GraphFixture f(GraphFlavour::kFacebook, SmallPages());
  for (int i = 1; i <= 3; ++i) f.AddPost(std::string(kPageId) + "_" + std::to_string(i), hours(i));
  f.AddComment(std::string(kPageId) + "_3", "3_1", f.now - minutes(30));
  // Page one as Graph might send it: the pinned post first, then the newest one.
  f.server.FailNext(FakeResponse::Json(200, R"({"data":[
      {"id":"104857263301122_7","created_time":"2024-06-01T10:00:00+0000"},
      {"id":"104857263301122_1","created_time":"2024-11-29T08:00:00+0000"}],
    "paging":{"cursors":{"after":"QVFIcursor2"},
              "next":"https://graph.facebook.com/v21.0/x?after=QVFIcursor2"}})"));
  Cursor cursor;
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"3_1"});
}

TEST_CASE("facebook poll: an empty Page and empty posts") {
  GraphFixture f(GraphFlavour::kFacebook);
  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(r.comments.empty());
  CHECK(r.skipped == 0);
  f.AddPost(kPost, hours(1));
  CHECK(f.Poll(cursor).comments.empty());
  f.AddComment(kPost, "918273645501234_9", f.now - minutes(1));
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"918273645501234_9"});
  CHECK(f.Poll(cursor).comments.empty());
}

TEST_CASE("facebook poll: edits come back with their new text, deletions as tombstones") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.AddPost(kPost, hours(5));
  f.AddComment(kPost, "918273645501234_1", f.now - hours(4));
  f.AddComment(kPost, "918273645501234_2", f.now - hours(3));
  Cursor cursor;
  REQUIRE(f.Poll(cursor).comments.size() == 2);

  f.server.EditComment("918273645501234_1", "now with different words");
  f.now += minutes(5);
  auto edited = f.Poll(cursor);
  REQUIRE(Ids(edited) == std::vector<std::string>{"918273645501234_1"});
  CHECK(edited.comments[0].text == "now with different words");
  CHECK_FALSE(edited.comments[0].deleted);
  CHECK(f.Poll(cursor).comments.empty());  // reported once

  f.server.RemoveComment("918273645501234_2");
  f.server.ClearRequests();
  f.now += minutes(5);
  auto deleted = f.Poll(cursor);
  REQUIRE(Ids(deleted) == std::vector<std::string>{"918273645501234_2"});
  CHECK(deleted.comments[0].deleted);
  CHECK(deleted.comments[0].post_id == kPost);
  CHECK(deleted.comments[0].text.empty());
  // One check that it is really gone, not just unlisted.
  auto checks = RequestsTo(f.server, "GET", "/v21.0/918273645501234_2");
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].param("fields") == "id");
  CHECK(f.Poll(cursor).comments.empty());
}

TEST_CASE("facebook poll: hiding on Facebook itself is passed on") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.AddPost(kPost, hours(5));
  f.AddComment(kPost, "918273645501234_1", f.now - hours(4));
  Cursor cursor;
  REQUIRE_FALSE(f.Poll(cursor).comments[0].hidden);
  Action hide;
  hide.kind = ActionKind::kHide;
  hide.comment_id = "918273645501234_1";
  REQUIRE(f.connector->Act(f.account, hide));
  auto r = f.Poll(cursor);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.comments[0].hidden);
}

TEST_CASE("facebook poll: older posts are swept hourly by updated_time") {
  GraphFixture f(GraphFlavour::kFacebook);
  const std::string old_post = std::string(kPageId) + "_40";
  f.AddPost(old_post, days(40));
  f.AddPost(std::string(kPageId) + "_50", days(50));  // quiet since it was posted
  f.AddComment(old_post, "40_1", f.now - days(2));   // within the window
  f.AddComment(old_post, "40_0", f.now - days(39));                       // before the window

  Cursor cursor;
  auto first = f.Poll(cursor);
  CHECK(Ids(first) == std::vector<std::string>{"40_1"});
  CHECK(RequestsTo(f.server, "GET", "/v21.0/" + std::string(kPageId) + "_50/comments").empty());

  f.AddComment(old_post, "40_2", f.now + minutes(1));
  f.now += minutes(10);
  f.server.ClearRequests();
  auto quiet = f.Poll(cursor);
  CHECK(quiet.comments.empty());  // not yet: the sweep is hourly
  CHECK(quiet.api_calls == 1);

  f.now += hours(1);
  auto swept = f.Poll(cursor);
  CHECK(Ids(swept) == std::vector<std::string>{"40_2"});
}

TEST_CASE("facebook poll: calls per poll for 50 posts with no new comments") {
  GraphFixture f(GraphFlavour::kFacebook);
  for (int i = 1; i <= 50; ++i) {
    const std::string post = std::string(kPageId) + "_" + std::to_string(1000 + i);
    f.AddPost(post, hours(12 * i));
    f.AddComment(post, std::to_string(1000 + i) + "_1", f.now - hours(12 * i) + minutes(5));
    f.AddComment(post, std::to_string(1000 + i) + "_2", f.now - hours(12 * i) + minutes(9));
  }
  f.AddPost(std::string(kPageId) + "_9", days(100));  // older than the window
  Cursor cursor;
  auto first = f.Poll(cursor);
  CHECK(first.comments.size() == 100);
  CHECK(first.api_calls == 2);         // the window listing and the first sweep

  f.now += minutes(5);
  auto steady = f.Poll(cursor);
  CHECK(steady.comments.empty());
  CHECK(steady.api_calls == 1);
  WARN("facebook calls per poll, 50 posts, nothing new: " << steady.api_calls);

  f.now += hours(1);
  auto hourly = f.Poll(cursor);
  CHECK(hourly.comments.empty());
  CHECK(hourly.api_calls == 2);  // plus the sweep of older posts
}

TEST_CASE("facebook poll: lookback comes from the account") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.account.settings["lookback"] = "7d";
  Cursor cursor;
  f.Poll(cursor);
  CHECK(RequestsTo(f.server, "GET", kListing)[0].param("since") == Unix(f.now - days(7)));

  for (const char* bad : {"soon", "-3d", "0s"}) {
    f.account.settings["lookback"] = bad;
    auto r = f.connector->Poll(f.account, Cursor{});
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
    CHECK_THAT(r.error().message, Catch::Contains("lookback"));
  }
}

TEST_CASE("facebook poll: account settings are checked before any request") {
  GraphFixture f(GraphFlavour::kFacebook);
  SECTION("page_id") { f.account.settings["page_id"] = "../me"; }
  SECTION("token") { f.account.secrets.clear(); }
  SECTION("version") { f.account.api_version = "v21.0/../../x"; }
  SECTION("base url") { f.account.api_base_url = "ftp://example"; }
  auto r = f.connector->Poll(f.account, Cursor{});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kInvalidInput);
  CHECK(f.server.requests().empty());
}

TEST_CASE("facebook poll: an unreadable cursor re-reads the window") {
  GraphFixture f(GraphFlavour::kFacebook);
  f.AddPost(kPost, hours(5));
  f.AddComment(kPost, "918273645501234_1", f.now - hours(4));
  Cursor cursor{"{\"v\":1,\"posts\":[]}"};
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"918273645501234_1"});
  CHECK_THAT(f.LogText(), Catch::Contains("cursor unreadable"));
}

TEST_CASE("facebook poll: malformed items are skipped and counted, the rest kept") {
  GraphFixture f(GraphFlavour::kFacebook);
  const std::string created = "2024-11-29T08:00:00+0000";
  f.server.FailNext(FakeResponse::Json(200, R"({"data":[
      {"id":"104857263301122_1"},
      {"id":"104857263301122_2","created_time":")" + created + R"(",
       "comments":{"data":[
          {"id":"2_1","created_time":")" + created + R"(","message":"fine"},
          {"id":"2_2","message":"no time"},
          "not an object"]}}]})"));
  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(Ids(r) == std::vector<std::string>{"2_1"});
  CHECK(r.skipped == 3);
  CHECK_THAT(f.LogText(), Catch::Contains("reason=\"post without a usable created_time\""));
  CHECK(f.LogText().find("no time") == std::string::npos);  // never comment text in logs
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
