#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "youtube_fixture.h"

namespace schoolmod::connectors::youtube_test {
namespace {

using Json = nlohmann::json;

constexpr char kAbusive[] = "UgzF1cVb6NmQ9xW3kL8R4AaABAg";
constexpr char kAbusiveAuthor[] = "UCk9Pq2Wz7Lm4Nx8Rt1Vy6Bs";
constexpr char kQuestion[] = "UgwR8dLk2VnQ5xY7zA1C4AaABAg";
constexpr char kOwnReply[] = "UgxKq7mWlP3nR2sT4vB4AaABAg.AB3xQk9Lm2TAB3xT0pYw7n";
constexpr char kReplyParent[] = "UgxKq7mWlP3nR2sT4vB4AaABAg";

struct ActionFixture : YoutubeFixture {
  ActionFixture() {
    fake.LoadThreads("commentThreads_page1.json");
    fake.LoadThreads("commentThreads_page2_last.json");
  }

  // The one Data API request an action made (after its token refresh).
  RecordedRequest OnlyRequest() {
    auto api = fake.api_requests();
    REQUIRE(api.size() == 1);
    return api[0];
  }
};

void CheckModeration(const RecordedRequest& r, const std::string& id, const std::string& status,
                     bool ban) {
  CHECK(r.method == "POST");
  CHECK(r.path == "/youtube/v3/comments/setModerationStatus");
  CHECK(r.param("id") == id);
  CHECK(r.param("moderationStatus") == status);
  CHECK(r.has_param("banAuthor") == ban);
  if (ban) CHECK(r.param("banAuthor") == "true");
  CHECK(r.query.size() == (ban ? 3u : 2u));
  CHECK(r.header("authorization") == "Bearer ya29.fake-access-1");
  CHECK(r.body.empty());
}

TEST_CASE("youtube act: hide holds the comment for review") {
  ActionFixture f;
  auto r = f.Act(ActionKind::kHide, kAbusive);
  REQUIRE(r);
  CHECK(r->platform_ref.empty());
  CheckModeration(f.OnlyRequest(), kAbusive, "heldForReview", false);
  CHECK(f.fake.Find(kAbusive)->moderation_status == "heldForReview");
  CHECK(f.fake.units_used() == 50);
}

TEST_CASE("youtube act: unhide publishes the comment again") {
  ActionFixture f;
  REQUIRE(f.Act(ActionKind::kHide, kAbusive));
  f.fake.ClearRequests();
  REQUIRE(f.Act(ActionKind::kUnhide, kAbusive));
  CheckModeration(f.OnlyRequest(), kAbusive, "published", false);
  CHECK(f.fake.Find(kAbusive)->moderation_status == "published");
}

TEST_CASE("youtube act: delete rejects the comment") {
  ActionFixture f;
  REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
  CheckModeration(f.OnlyRequest(), kAbusive, "rejected", false);
  CHECK(f.fake.Find(kAbusive)->moderation_status == "rejected");
  CHECK(f.fake.banned_authors().empty());
}

TEST_CASE("youtube act: delete on the channel's own reply deletes it") {
  ActionFixture f;
  Action a;
  a.kind = ActionKind::kDelete;
  a.comment_id = kOwnReply;
  a.author_id = f.fake.options().channel_id;
  a.idempotency_key = "delete-own";
  REQUIRE(f.connector->Act(f.account, a));
  const RecordedRequest r = f.OnlyRequest();
  CHECK(r.method == "DELETE");
  CHECK(r.path == "/youtube/v3/comments");
  CHECK(r.query == std::vector<std::pair<std::string, std::string>>{{"id", kOwnReply}});
  CHECK(r.header("authorization") == "Bearer ya29.fake-access-1");
  CHECK_FALSE(f.fake.Find(kOwnReply));
  // Again after a crash: already gone, done.
  REQUIRE(f.connector->Act(f.account, a));
}

TEST_CASE("youtube act: block rejects the comment and bans its author") {
  ActionFixture f;
  REQUIRE(f.Act(ActionKind::kBlock, kAbusive));
  CheckModeration(f.OnlyRequest(), kAbusive, "rejected", true);
  CHECK(f.fake.banned_authors() == std::vector<std::string>{kAbusiveAuthor});
}

TEST_CASE("youtube act: reply inserts a comment under the thread's top-level comment") {
  ActionFixture f;
  f.fake.set_now("2024-12-05T19:30:02Z");
  const Json expected = Json::parse(FakeYoutubeServer::Fixture("comments_insert_request.json"));
  const std::string text = expected["snippet"]["textOriginal"];
  auto r = f.Act(ActionKind::kReply, kQuestion, text);
  REQUIRE(r);
  CHECK_FALSE(r->platform_ref.empty());
  CHECK(r->platform_ref.rfind(std::string(kQuestion) + ".", 0) == 0);

  auto api = f.fake.api_requests();
  REQUIRE(api.size() == 2);
  // First the check that no earlier attempt already posted it.
  CHECK(api[0].method == "GET");
  CHECK(api[0].path == "/youtube/v3/comments");
  CHECK(api[0].param("parentId") == kQuestion);
  CHECK(api[0].param("part") == "snippet");
  const RecordedRequest& insert = api[1];
  CHECK(insert.method == "POST");
  CHECK(insert.path == "/youtube/v3/comments");
  CHECK(insert.query == std::vector<std::pair<std::string, std::string>>{{"part", "snippet"}});
  CHECK(insert.header("authorization") == "Bearer ya29.fake-access-1");
  CHECK(insert.header("content-type").rfind("application/json", 0) == 0);
  CHECK(Json::parse(insert.body) == expected);  // the shared request fixture, exactly
  CHECK(f.fake.units_used() == 51);

  auto posted = f.fake.Find(r->platform_ref);
  REQUIRE(posted);
  CHECK(posted->text == text);
  CHECK(posted->author_channel_id == f.fake.options().channel_id);

  SECTION("repeating it after a crash finds the reply instead of posting twice") {
    f.fake.ClearRequests();
    auto again = f.Act(ActionKind::kReply, kQuestion, text);
    REQUIRE(again);
    CHECK(again->platform_ref == r->platform_ref);
    CHECK(f.fake.http().requests("POST", "/youtube/v3/comments").empty());
  }
}

TEST_CASE("youtube act: a reply to a reply goes to its thread") {
  ActionFixture f;
  auto r = f.Act(ActionKind::kReply, kOwnReply, "See you there!");
  REQUIRE(r);
  auto inserts = f.fake.http().requests("POST", "/youtube/v3/comments");
  REQUIRE(inserts.size() == 1);
  CHECK(Json::parse(inserts[0].body)["snippet"]["parentId"] == kReplyParent);
}

TEST_CASE("youtube act: report is not supported and sends nothing") {
  ActionFixture f;
  auto r = f.Act(ActionKind::kReport, kAbusive, "harassment");
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kNotSupported);
  CHECK(f.fake.requests().empty());
}

TEST_CASE("youtube act: bad input is refused before any request") {
  ActionFixture f;
  SECTION("an id that is not a YouTube id") {
    auto r = f.Act(ActionKind::kHide, "1234&moderationStatus=published");
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  SECTION("an empty reply") {
    auto r = f.Act(ActionKind::kReply, kQuestion, "  \n");
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
  CHECK(f.fake.api_requests().empty());
}

TEST_CASE("youtube act: repeating an action after a crash is harmless") {
  ActionFixture f;
  SECTION("hide twice") {
    REQUIRE(f.Act(ActionKind::kHide, kAbusive));
    REQUIRE(f.Act(ActionKind::kHide, kAbusive));
  }
  SECTION("delete twice: the second finds it gone") {
    REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
    auto again = f.Act(ActionKind::kDelete, kAbusive);
    REQUIRE(again);
    CHECK_FALSE(again->note.empty());
  }
  SECTION("block after the comment was rejected") {
    REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
    REQUIRE(f.Act(ActionKind::kBlock, kAbusive));
  }
  SECTION("hide a comment its author deleted") {
    f.fake.Remove(kAbusive);
    REQUIRE(f.Act(ActionKind::kHide, kAbusive));
  }
  SECTION("a 403 forbidden for a comment that no longer exists") {
    REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
    f.fake.ClearRequests();
    f.fake.FailNext("comments.setModerationStatus",
                    FakeResponse::Json(403, FakeYoutubeServer::Fixture(
                                                "error_forbidden_moderation.json")));
    auto r = f.Act(ActionKind::kBlock, kAbusive);
    REQUIRE(r);
    auto lookups = f.fake.http().requests("GET", "/youtube/v3/comments");
    REQUIRE(lookups.size() == 1);
    CHECK(lookups[0].param("id") == kAbusive);
    CHECK(lookups[0].param("part") == "id");
  }
}

TEST_CASE("youtube act: what cannot be done is an error") {
  ActionFixture f;
  SECTION("unhide after a rejection") {
    REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
    auto r = f.Act(ActionKind::kUnhide, kAbusive);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermanent);
  }
  SECTION("forbidden on a comment that exists: a missing permission") {
    f.fake.FailNext("comments.setModerationStatus",
                    FakeResponse::Json(403, FakeYoutubeServer::Fixture(
                                                "error_forbidden_moderation.json")));
    auto r = f.Act(ActionKind::kHide, kAbusive);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermission);
    CHECK(r.error().message.find("youtube.force-ssl") != std::string::npos);
  }
  SECTION("a reply on a video with comments turned off") {
    f.fake.DisableComments("bT7wP2kZr0A");
    auto r = f.Act(ActionKind::kReply, kAbusive, "Please contact the office.");
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermanent);
  }
  SECTION("a reply to a comment that was deleted") {
    f.fake.Remove(kQuestion);
    auto r = f.Act(ActionKind::kReply, kQuestion, "Thanks");
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermanent);
  }
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
