#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "youtube_fixture.h"

namespace schoolmod::connectors::youtube_test {
namespace {

using Json = nlohmann::json;

constexpr char kChannel[] = "UC7xOakfieldPrimary2024a";
// Shared fixture ids (tests/fixtures/youtube/commentThreads_*.json).
constexpr char kNoAuthorThread[] = "UgwR8dLk2VnQ5xY7zA1C4AaABAg";
constexpr char kAnsweredThread[] = "UgxKq7mWlP3nR2sT4vB4AaABAg";
constexpr char kOwnReply[] = "UgxKq7mWlP3nR2sT4vB4AaABAg.AB3xQk9Lm2TAB3xT0pYw7n";
constexpr char kAbusiveThread[] = "UgzF1cVb6NmQ9xW3kL8R4AaABAg";
constexpr char kHeldThread[] = "Ugy2HnT7kPq4Zr9Lm5Xw1AaABAg";

// The shared fixtures as a model, served two threads a page as in the fixture files.
FakeYoutubeServer::Options TwoPerPage() {
  FakeYoutubeServer::Options o = FreshProject();
  o.page_size_cap = 2;
  return o;
}

void LoadSharedFixtures(FakeYoutubeServer& fake) {
  fake.LoadThreads("commentThreads_page1.json");
  fake.LoadThreads("commentThreads_page2_last.json");
  fake.LoadThreads("commentThreads_heldForReview.json");
}

void CheckListingParams(const RecordedRequest& r) {
  CHECK(r.method == "GET");
  CHECK(r.path == "/youtube/v3/commentThreads");
  CHECK(r.param("part") == "snippet,replies");
  CHECK(r.param("allThreadsRelatedToChannelId") == kChannel);
  CHECK(r.param("order") == "time");
  CHECK(r.param("maxResults") == "100");
  CHECK(r.param("textFormat") == "plainText");
}

TEST_CASE("youtube connector is registered without the report capability") {
  YoutubeFixture f;
  REQUIRE(f.connector != nullptr);
  CHECK(f.connector->platform() == "youtube");
  const Capabilities caps = f.connector->capabilities();
  for (Capability c : {Capability::kListComments, Capability::kDetectOwnReplies,
                       Capability::kHide, Capability::kUnhide, Capability::kDelete,
                       Capability::kBlock, Capability::kReply}) {
    CHECK(Has(caps, c));
  }
  CHECK_FALSE(Has(caps, Capability::kReport));
}

TEST_CASE("youtube poll: first poll pages through the channel and the held listing") {
  YoutubeFixture f(TwoPerPage());
  LoadSharedFixtures(f.fake);
  Cursor cursor;
  PollResult r = f.Poll(cursor);

  auto api = f.fake.api_requests();
  REQUIRE(api.size() == 3);
  CheckListingParams(api[0]);
  CHECK_FALSE(api[0].has_param("pageToken"));
  CHECK_FALSE(api[0].has_param("moderationStatus"));
  CheckListingParams(api[1]);
  CHECK(api[1].param("pageToken") == "ytpage-2");
  CheckListingParams(api[2]);
  CHECK(api[2].param("moderationStatus") == "heldForReview");
  CHECK(f.fake.token_requests().size() == 1);
  CHECK(r.api_calls == 4);  // the token refresh and three listings
  CHECK(r.skipped == 0);
  CHECK_FALSE(cursor.value.empty());

  // Oldest first.
  CHECK(Ids(r) == std::vector<std::string>{kAbusiveThread, kAnsweredThread, kOwnReply,
                                           kNoAuthorThread, kHeldThread});

  const Comment* abusive = FindComment(r, kAbusiveThread);
  REQUIRE(abusive);
  CHECK(abusive->post_id == "bT7wP2kZr0A");
  CHECK(abusive->permalink == "https://www.youtube.com/watch?v=bT7wP2kZr0A&lc=" +
                                  std::string(kAbusiveThread));
  CHECK(abusive->text == "Worst school in the area, teachers don't care.");
  CHECK(abusive->author_id == "UCk9Pq2Wz7Lm4Nx8Rt1Vy6Bs");
  CHECK(abusive->author_name == "@dm77angry");
  CHECK(abusive->created_at == At("2024-12-04T21:44:10Z"));
  CHECK_FALSE(abusive->updated_at);
  CHECK_FALSE(abusive->parent_id);
  CHECK_FALSE(abusive->hidden);
  CHECK_FALSE(abusive->own);
  CHECK_FALSE(abusive->deleted);

  SECTION("a comment without authorChannelId keeps its name and an unknown author id") {
    const Comment* c = FindComment(r, kNoAuthorThread);
    REQUIRE(c);
    CHECK_FALSE(c->author_id);
    CHECK(c->author_name == "@user-qd5hk2xm7p");
    CHECK(c->text == "Is there a recording of the whole show for grandparents?");
    CHECK_FALSE(c->own);
  }
  SECTION("the channel's own reply is detected and linked to its thread") {
    const Comment* c = FindComment(r, kOwnReply);
    REQUIRE(c);
    CHECK(c->own);
    CHECK(c->parent_id == kAnsweredThread);
    CHECK(c->post_id == "Qm3Xc9fWkLs");
    CHECK(c->permalink ==
          "https://www.youtube.com/watch?v=Qm3Xc9fWkLs&lc=" + std::string(kOwnReply));
    CHECK_FALSE(FindComment(r, kAnsweredThread)->own);
  }
  SECTION("a comment held for review comes in hidden") {
    const Comment* c = FindComment(r, kHeldThread);
    REQUIRE(c);
    CHECK(c->hidden);
    CHECK(c->author_id == "UCm4Xr8Lk1Pq7Wz2Nt5Vy9Bd");
  }
}

TEST_CASE("youtube poll: the shared fixture bodies, served verbatim, page to the end") {
  YoutubeFixture f;
  const std::string page1 = FakeYoutubeServer::Fixture("commentThreads_page1.json");
  const std::string next = Json::parse(page1).at("nextPageToken");
  f.fake.http().Route("GET", "/youtube/v3/commentThreads", [&](const RecordedRequest& r) {
    if (r.has_param("moderationStatus")) {
      return FakeResponse::Json(200,
                                FakeYoutubeServer::Fixture("commentThreads_heldForReview.json"));
    }
    if (r.param("pageToken") == next) {
      return FakeResponse::Json(200, FakeYoutubeServer::Fixture("commentThreads_page2_last.json"));
    }
    return FakeResponse::Json(200, page1);
  });
  Cursor cursor;
  PollResult r = f.Poll(cursor);
  auto api = f.fake.api_requests();
  REQUIRE(api.size() == 3);
  // The continuation goes to the configured base with the token exactly as YouTube sent it.
  CHECK(api[1].path == "/youtube/v3/commentThreads");
  CHECK(api[1].param("pageToken") == next);
  CHECK(r.comments.size() == 5);
  CHECK(FindComment(r, kHeldThread)->hidden);
  CHECK(FindComment(r, kOwnReply)->own);
}

TEST_CASE("youtube poll: an empty channel and an empty page") {
  YoutubeFixture f;
  SECTION("from the model") {
    Cursor cursor;
    PollResult r = f.Poll(cursor);
    CHECK(r.comments.empty());
    CHECK(f.fake.api_requests().size() == 2);
    CHECK_FALSE(cursor.value.empty());
  }
  SECTION("the shared empty fixture") {
    f.fake.http().Route("GET", "/youtube/v3/commentThreads", [](const RecordedRequest&) {
      return FakeResponse::Json(200, FakeYoutubeServer::Fixture("commentThreads_empty.json"));
    });
    Cursor cursor;
    PollResult r = f.Poll(cursor);
    CHECK(r.comments.empty());
    CHECK(r.skipped == 0);
  }
}

TEST_CASE("youtube poll: a comment with no author at all is kept, author unknown") {
  YoutubeFixture f;
  FakeYoutubeComment c = Top("UgzNoAuthorAtAll0000AaABAg", "Qm3Xc9fWkLs", "2024-12-05T10:00:00Z");
  c.author_channel_id.reset();
  c.author_name.clear();
  f.fake.Add(c);
  Cursor cursor;
  PollResult r = f.Poll(cursor);
  REQUIRE(r.comments.size() == 1);
  CHECK_FALSE(r.comments[0].author_id);
  CHECK_FALSE(r.comments[0].author_name);
  CHECK(r.comments[0].text == c.text);
}

TEST_CASE("youtube poll: the cursor round trip asks only for what is new") {
  YoutubeFixture f;
  LoadSharedFixtures(f.fake);
  Cursor cursor;
  REQUIRE(f.Poll(cursor).comments.size() == 5);

  f.now += std::chrono::minutes(5);
  f.fake.ClearRequests();
  PollResult quiet = f.Poll(cursor);
  CHECK(quiet.comments.empty());
  auto api = f.fake.api_requests();
  REQUIRE(api.size() == 1);
  CheckListingParams(api[0]);
  CHECK_FALSE(api[0].has_param("pageToken"));
  CHECK(f.fake.token_requests().empty());  // cached access token
  CHECK(quiet.api_calls == 1);

  f.fake.Add(Top("UgwNewQuestion0000000AaABAg", "bT7wP2kZr0A", "2024-12-06T09:03:00Z"));
  f.now += std::chrono::minutes(5);
  f.fake.ClearRequests();
  PollResult fresh = f.Poll(cursor);
  CHECK(Ids(fresh) == std::vector<std::string>{"UgwNewQuestion0000000AaABAg"});
  CHECK(f.fake.api_requests().size() == 1);

  f.now += std::chrono::minutes(5);
  CHECK(f.Poll(cursor).comments.empty());
}

TEST_CASE("youtube poll: an edited comment comes back with its new text") {
  SECTION("on the first page: the next poll") {
    YoutubeFixture f;
    LoadSharedFixtures(f.fake);
    Cursor cursor;
    (void)f.Poll(cursor);
    f.fake.Edit(kNoAuthorThread, "edited: something nasty", "2024-12-06T09:01:00Z");
    f.now += std::chrono::minutes(5);
    PollResult r = f.Poll(cursor);
    REQUIRE(Ids(r) == std::vector<std::string>{kNoAuthorThread});
    CHECK(r.comments[0].text == "edited: something nasty");
    CHECK(r.comments[0].updated_at == At("2024-12-06T09:01:00Z"));
    CHECK(r.comments[0].created_at == At("2024-12-05T19:02:51Z"));
  }
  SECTION("further back: the periodic re-scan") {
    FakeYoutubeServer::Options o = FreshProject();
    o.page_size_cap = 1;
    YoutubeFixture f(o);
    LoadSharedFixtures(f.fake);
    Cursor cursor;
    (void)f.Poll(cursor);
    f.fake.Edit(kAbusiveThread, "edited again", "2024-12-06T09:01:00Z");
    f.now += std::chrono::minutes(5);
    f.fake.ClearRequests();
    CHECK(f.Poll(cursor).comments.empty());  // stopped at known threads before reaching it
    CHECK(f.fake.api_requests().size() == 2);
    f.now += std::chrono::hours(6);
    PollResult r = f.Poll(cursor);
    REQUIRE(Ids(r) == std::vector<std::string>{kAbusiveThread});
    CHECK(r.comments[0].text == "edited again");
  }
}

TEST_CASE("youtube poll: replies beyond those embedded come from comments.list") {
  FakeYoutubeServer::Options o = FreshProject();
  o.page_size_cap = 3;  // pages of replies too
  YoutubeFixture f(o);
  FakeYoutubeComment thread = Top("UgxBusyThread00000000AaABAg", "Qm3Xc9fWkLs",
                                  "2024-12-05T08:00:00Z");
  f.fake.Add(thread);
  for (int i = 1; i <= 8; ++i) {
    f.fake.Add(ReplyTo(thread, "R" + std::to_string(i),
                       "2024-12-05T09:0" + std::to_string(i) + ":00Z",
                       i == 8 ? kChannel : "UCparentChannel000000002"));
  }
  Cursor cursor;
  PollResult r = f.Poll(cursor);
  CHECK(r.comments.size() == 9);
  auto lists = f.fake.http().requests("GET", "/youtube/v3/comments");
  REQUIRE(lists.size() == 3);
  CHECK(lists[0].param("part") == "snippet");
  CHECK(lists[0].param("parentId") == thread.id);
  CHECK(lists[0].param("maxResults") == "100");
  CHECK(lists[0].param("textFormat") == "plainText");
  CHECK_FALSE(lists[0].has_param("pageToken"));
  CHECK(lists[1].param("pageToken") == "ytpage-3");
  CHECK(lists[2].param("pageToken") == "ytpage-6");
  const Comment* last = FindComment(r, thread.id + ".R8");
  REQUIRE(last);
  CHECK(last->own);
  CHECK(last->parent_id == thread.id);
  CHECK(last->post_id == "Qm3Xc9fWkLs");

  // Unchanged reply count: no replies request.
  f.now += std::chrono::minutes(5);
  f.fake.ClearRequests();
  CHECK(f.Poll(cursor).comments.empty());
  CHECK(f.fake.http().requests("GET", "/youtube/v3/comments").empty());

  // One more reply: fetched again, only the new one sent.
  f.fake.Add(ReplyTo(thread, "R9", "2024-12-06T09:04:00Z"));
  f.now += std::chrono::minutes(5);
  PollResult more = f.Poll(cursor);
  CHECK(Ids(more) == std::vector<std::string>{thread.id + ".R9"});
}

TEST_CASE("youtube poll: a new reply on an older thread") {
  for (bool bump : {false, true}) {
    CAPTURE(bump);
    FakeYoutubeServer::Options o = FreshProject();
    o.page_size_cap = 1;
    o.bump_threads_on_reply = bump;
    YoutubeFixture f(o);
    FakeYoutubeComment old = Top("UgxOldThread0000000000AaABAg", "bT7wP2kZr0A",
                                 "2024-12-01T10:00:00Z");
    f.fake.Add(old);
    f.fake.Add(Top("UgxMiddle000000000000AaABAg", "bT7wP2kZr0A", "2024-12-05T10:00:00Z"));
    f.fake.Add(Top("UgxRecent000000000000AaABAg", "bT7wP2kZr0A", "2024-12-06T08:00:00Z"));
    Cursor cursor;
    REQUIRE(f.Poll(cursor).comments.size() == 3);

    f.fake.Add(ReplyTo(old, "Late", "2024-12-06T09:02:00Z"));
    f.now += std::chrono::minutes(5);
    PollResult next = f.Poll(cursor);
    if (bump) {
      // The thread moved to the front: the normal poll sees it.
      CHECK(Ids(next) == std::vector<std::string>{old.id + ".Late"});
    } else {
      // Still ordered by its old top-level comment, behind known threads: the re-scan finds it.
      CHECK(next.comments.empty());
      f.now += std::chrono::hours(6);
      CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{old.id + ".Late"});
    }
  }
}

TEST_CASE("youtube poll: held comments, released and hidden again") {
  YoutubeFixture f;
  LoadSharedFixtures(f.fake);
  Cursor cursor;
  (void)f.Poll(cursor);

  // The school approves it in YouTube Studio: the re-scan sees it public.
  FakeYoutubeComment held = *f.fake.Find(kHeldThread);
  held.moderation_status = "published";
  f.fake.Add(held);
  f.now += std::chrono::hours(6);
  PollResult released = f.Poll(cursor);
  REQUIRE(Ids(released) == std::vector<std::string>{kHeldThread});
  CHECK_FALSE(released.comments[0].hidden);

  // Hidden through the API: the next held listing shows it hidden.
  REQUIRE(f.Act(ActionKind::kHide, kHeldThread));
  f.now += std::chrono::hours(1);
  PollResult hidden = f.Poll(cursor);
  REQUIRE(Ids(hidden) == std::vector<std::string>{kHeldThread});
  CHECK(hidden.comments[0].hidden);
}

TEST_CASE("youtube poll: deletions are confirmed by id at the re-scan") {
  YoutubeFixture f;
  LoadSharedFixtures(f.fake);
  Cursor cursor;
  (void)f.Poll(cursor);

  f.fake.Remove(kAbusiveThread);  // deleted by its author
  FakeYoutubeComment spam = *f.fake.Find(kAnsweredThread);
  spam.moderation_status = "likelySpam";  // out of both listings, but still there
  f.fake.Add(spam);

  f.now += std::chrono::minutes(5);
  CHECK(f.Poll(cursor).comments.empty());  // a normal poll cannot tell

  f.now += std::chrono::hours(6);
  f.fake.ClearRequests();
  PollResult r = f.Poll(cursor);
  REQUIRE(Ids(r) == std::vector<std::string>{kAbusiveThread});
  CHECK(r.comments[0].deleted);
  auto api = f.fake.api_requests();
  REQUIRE(api.size() == 3);
  CHECK(api[2].param("part") == "id");
  CHECK(api[2].param("id") == std::string(kAnsweredThread) + "," + kAbusiveThread);

  // Reported once: the next re-scan looks up only the thread that still exists.
  f.now += std::chrono::hours(6);
  f.fake.ClearRequests();
  CHECK(f.Poll(cursor).comments.empty());
  auto again = f.fake.api_requests();
  REQUIRE(again.size() == 3);
  CHECK(again[2].param("id") == kAnsweredThread);
}

TEST_CASE("youtube poll: comments disabled skips only that video") {
  YoutubeFixture f;
  FakeYoutubeComment busy =
      Top("UgxDisabledVideoThread0AaABAg", "vidDisabled", "2024-12-05T08:00:00Z");
  f.fake.Add(busy);
  for (int i = 1; i <= 7; ++i) {
    f.fake.Add(ReplyTo(busy, "R" + std::to_string(i),
                       "2024-12-05T09:0" + std::to_string(i) + ":00Z"));
  }
  f.fake.Add(Top("UgxOtherVideoThread0000AaABAg", "Qm3Xc9fWkLs", "2024-12-05T12:00:00Z"));
  f.fake.DisableComments("vidDisabled");

  SECTION("replies of a thread on that video") {
    Cursor cursor;
    PollResult r = f.Poll(cursor);
    CHECK(r.comments.size() == 7);  // both top-level comments and the five embedded replies
    CHECK(FindComment(r, "UgxOtherVideoThread0000AaABAg"));
    CHECK(f.fake.http().requests("GET", "/youtube/v3/comments").size() == 1);
    // Not asked again while nothing changes.
    f.now += std::chrono::minutes(5);
    f.fake.ClearRequests();
    (void)f.Poll(cursor);
    CHECK(f.fake.http().requests("GET", "/youtube/v3/comments").empty());
  }
  SECTION("the whole listing, and no deletions are inferred from it") {
    Cursor cursor;
    REQUIRE(f.Poll(cursor).comments.size() == 7);
    f.now += std::chrono::hours(6);
    f.fake.FailNext("commentThreads.list",
                    FakeResponse::Json(
                        403, FakeYoutubeServer::Fixture("error_comments_disabled.json")));
    f.fake.ClearRequests();
    PollResult r = f.Poll(cursor);
    CHECK(r.comments.empty());
    for (const auto& req : f.fake.api_requests()) CHECK(req.param("part") != "id");
  }
}

TEST_CASE("youtube poll: the look-back window bounds the first poll") {
  FakeYoutubeServer::Options o = TwoPerPage();
  YoutubeFixture f(o);
  LoadSharedFixtures(f.fake);
  f.account.settings["lookback"] = "1d";
  Cursor cursor;
  PollResult r = f.Poll(cursor);
  // The thread from 2024-12-04 is older than a day before 2024-12-06T09:00Z.
  CHECK(FindComment(r, kAbusiveThread) == nullptr);
  CHECK(r.comments.size() == 4);

  f.account.settings["lookback"] = "a while";
  auto bad = f.TryPoll(cursor);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("youtube poll: malformed items are skipped, counted and logged without their text") {
  YoutubeFixture f;
  Json good = Json::parse(FakeYoutubeServer::Fixture("commentThreads_page2_last.json"))["items"][0];
  Json bad_time = good;
  bad_time["id"] = "UgzBadTime00000000000AaABAg";
  bad_time["snippet"]["topLevelComment"]["id"] = "UgzBadTime00000000000AaABAg";
  bad_time["snippet"]["topLevelComment"]["snippet"]["publishedAt"] = "yesterday";
  bad_time["snippet"]["topLevelComment"]["snippet"]["textOriginal"] = "secret words";
  Json bad_id = good;
  bad_id["snippet"]["topLevelComment"]["id"] = "bad id/../";
  bad_id.erase("id");
  Json body = {{"items", Json::array({42, {{"id", "UgzNoSnippet"}}, bad_time, bad_id, good})}};
  f.fake.http().Route("GET", "/youtube/v3/commentThreads", [&](const RecordedRequest&) {
    return FakeResponse::Json(200, body.dump());
  });
  Cursor cursor;
  PollResult r = f.Poll(cursor);
  CHECK(Ids(r) == std::vector<std::string>{kAbusiveThread});
  CHECK(r.skipped == 8);  // four in each of the public and held listings (the same body)
  const std::string log = f.LogText();
  CHECK(log.find("UgzBadTime00000000000AaABAg") != std::string::npos);
  CHECK(log.find("secret words") == std::string::npos);
}

TEST_CASE("youtube poll: an unreadable cursor starts a full scan again") {
  YoutubeFixture f;
  LoadSharedFixtures(f.fake);
  Cursor cursor{"{\"v\":99}"};
  PollResult r = f.Poll(cursor);
  CHECK(r.comments.size() == 5);
  CHECK(f.LogText().find("cursor unreadable") != std::string::npos);
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
