#include <catch2/catch.hpp>
#include <string>

#include "graph_fixture.h"

namespace schoolmod::connectors::graph_test {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const std::string kPost = std::string(kPageId) + "_918273645501234";
const std::string kAbusive = "918273645501234_1284452210996643";
const std::string kQuestion = "918273645501234_1284466719027351";
const std::string kDave = "6629184302217745";

struct PageFixture : GraphFixture {
  PageFixture() : GraphFixture(GraphFlavour::kFacebook) {
    AddPost(kPost, hours(5));
    AddComment(kPost, kQuestion, now - hours(4), "7310422859911234");
    AddComment(kPost, kAbusive, now - hours(3), kDave);
  }
  Result<ActionOutcome> Act(ActionKind kind, const std::string& comment_id,
                            std::optional<std::string> author = std::nullopt,
                            std::string message = "") {
    Action a;
    a.kind = kind;
    a.comment_id = comment_id;
    a.post_id = kPost;
    a.author_id = std::move(author);
    a.message = std::move(message);
    a.idempotency_key = "outbox-1";
    return connector->Act(account, a);
  }
  // The single request the last action made (checks there was exactly one).
  RecordedRequest Only() {
    auto all = server.requests();
    REQUIRE(all.size() == 1);
    return all[0];
  }
};

void CheckWrite(const RecordedRequest& r, const std::string& method, const std::string& path,
                const std::string& body) {
  CHECK(r.method == method);
  CHECK(r.path == path);
  CHECK(r.query.empty());
  CHECK(r.body == body);
  CHECK(r.header("authorization") == std::string("Bearer ") + kToken);
  if (!body.empty()) CHECK(r.header("content-type") == "application/x-www-form-urlencoded");
}

TEST_CASE("facebook connector: registered, with every capability Graph offers but report") {
  ConnectorEnv env;
  auto c = MakeConnector("facebook", env);
  REQUIRE(c);
  CHECK(c->platform() == "facebook");
  for (auto cap : {Capability::kListComments, Capability::kDetectOwnReplies, Capability::kHide,
                   Capability::kUnhide, Capability::kDelete, Capability::kBlock,
                   Capability::kReply}) {
    CHECK(Has(c->capabilities(), cap));
  }
  CHECK_FALSE(Has(c->capabilities(), Capability::kReport));
}

TEST_CASE("facebook hide and unhide: POST /{comment} is_hidden, safe to repeat") {
  PageFixture f;
  auto hidden = f.Act(ActionKind::kHide, kAbusive);
  REQUIRE(hidden);
  CheckWrite(f.Only(), "POST", "/v21.0/" + kAbusive, "is_hidden=true");
  CHECK(f.server.comment(kAbusive)->hidden);
  CHECK(hidden->platform_ref.empty());
  CHECK_FALSE(hidden->manual);
  REQUIRE(f.Act(ActionKind::kHide, kAbusive));  // again, after a crash: still fine

  f.server.ClearRequests();
  REQUIRE(f.Act(ActionKind::kUnhide, kAbusive));
  CheckWrite(f.Only(), "POST", "/v21.0/" + kAbusive, "is_hidden=false");
  CHECK_FALSE(f.server.comment(kAbusive)->hidden);
}

TEST_CASE("facebook delete: DELETE /{comment}; an already deleted comment is done") {
  PageFixture f;
  auto deleted = f.Act(ActionKind::kDelete, kAbusive);
  REQUIRE(deleted);
  CheckWrite(f.Only(), "DELETE", "/v21.0/" + kAbusive, "");
  CHECK_FALSE(f.server.comment(kAbusive));

  auto again = f.Act(ActionKind::kDelete, kAbusive);  // Graph: 100/33 "does not exist"
  REQUIRE(again);
  CHECK_THAT(again->note, Catch::Contains("no longer exists"));
  auto hide_gone = f.Act(ActionKind::kHide, kAbusive);
  REQUIRE(hide_gone);  // hidden or gone: either way nobody sees it
  auto unhide_gone = f.Act(ActionKind::kUnhide, kAbusive);
  REQUIRE_FALSE(unhide_gone);
  CHECK(unhide_gone.error().kind == ErrorKind::kPermanent);
}

TEST_CASE("facebook block: POST /{page}/blocked user=<author>") {
  PageFixture f;
  REQUIRE(f.Act(ActionKind::kBlock, kAbusive, kDave));
  CheckWrite(f.Only(), "POST", "/v21.0/" + std::string(kPageId) + "/blocked", "user=" + kDave);
  CHECK(f.server.blocked_users() == std::set<std::string>{kDave});
  REQUIRE(f.Act(ActionKind::kBlock, kAbusive, kDave));

  f.server.ClearRequests();
  auto anonymous = f.Act(ActionKind::kBlock, kAbusive);  // Graph withheld the author
  REQUIRE_FALSE(anonymous);
  CHECK(anonymous.error().kind == ErrorKind::kInvalidInput);
  CHECK(f.server.requests().empty());

  f.server.FailNext(FakeResponse::Json(200, R"({"6629184302217745":false})"));
  auto refused = f.Act(ActionKind::kBlock, kAbusive, kDave);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::kPermanent);
}

TEST_CASE("facebook reply: to the thread's top-level comment, never twice") {
  PageFixture f;
  const std::string text = "Hi Sarah, the fair runs from 10am until 1pm & all are welcome!";
  auto replied = f.Act(ActionKind::kReply, kQuestion, std::nullopt, text);
  REQUIRE(replied);
  auto requests = f.server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].path == "/v21.0/" + kQuestion);
  CHECK(requests[0].param("fields") == "id,parent{id}");
  CHECK(requests[1].method == "GET");
  CHECK(requests[1].path == "/v21.0/" + kQuestion + "/comments");
  CHECK(requests[1].param("fields") == "id,message,from{id}");
  CheckWrite(requests[2], "POST", "/v21.0/" + kQuestion + "/comments",
             "message=" + UrlEncode(text));
  REQUIRE_FALSE(replied->platform_ref.empty());
  auto posted = f.server.comment(replied->platform_ref);
  REQUIRE(posted);
  CHECK(posted->text == text);
  CHECK(posted->parent_id == kQuestion);
  CHECK(posted->author_id == kPageId);

  SECTION("repeated after a crash: found, not posted again") {
    f.server.ClearRequests();
    auto again = f.Act(ActionKind::kReply, kQuestion, std::nullopt, text);
    REQUIRE(again);
    CHECK(again->platform_ref == replied->platform_ref);
    CHECK(RequestsTo(f.server, "POST", "/v21.0/" + kQuestion + "/comments").empty());
  }
  SECTION("a reply to a reply goes under the top-level comment") {
    f.server.ClearRequests();
    auto nested = f.Act(ActionKind::kReply, replied->platform_ref, std::nullopt, "And more.");
    REQUIRE(nested);
    CHECK(RequestsTo(f.server, "POST", "/v21.0/" + kQuestion + "/comments").size() == 1);
    CHECK(f.server.comment(nested->platform_ref)->parent_id == kQuestion);
  }
  SECTION("no text, or a comment that is gone") {
    CHECK(f.Act(ActionKind::kReply, kQuestion).error().kind == ErrorKind::kInvalidInput);
    f.server.RemoveComment(kQuestion);
    CHECK(f.Act(ActionKind::kReply, kQuestion, std::nullopt, text).error().kind ==
          ErrorKind::kPermanent);
  }
}

TEST_CASE("facebook report: no API, so kNotSupported without a request") {
  PageFixture f;
  auto r = f.Act(ActionKind::kReport, kAbusive);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kNotSupported);
  CHECK(f.server.requests().empty());
}

TEST_CASE("facebook actions: malformed ids and refused permissions") {
  PageFixture f;
  auto bad = f.Act(ActionKind::kHide, "1/../../me");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
  CHECK(f.server.requests().empty());

  f.server.FailNext(FakeResponse::Json(400, FixtureFile("facebook/error_permission.json")));
  auto refused = f.Act(ActionKind::kDelete, kAbusive);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::kPermission);
  CHECK_THAT(refused.error().message, Catch::Contains("pages_manage_engagement") &&
                                          Catch::Contains(kAbusive));
  CHECK(f.server.comment(kAbusive));
  CheckTokenOnlyInHeader(f.server);
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
