#include <catch2/catch.hpp>
#include <string>

#include "graph_fixture.h"

namespace schoolmod::connectors::graph_test {
namespace {

using std::chrono::hours;

const std::string kMedia = "18034562781290417";
const std::string kAbusive = "17847720931556602";
const std::string kQuestion = "17918834620117790";

struct AccountFixture : GraphFixture {
  AccountFixture() : GraphFixture(GraphFlavour::kInstagram) {
    AddPost(kMedia, hours(5));
    AddComment(kMedia, kQuestion, now - hours(4), "8734512009387712");
    AddComment(kMedia, kAbusive, now - hours(3), "7712093346651120");
  }
  Result<ActionOutcome> Act(ActionKind kind, const std::string& comment_id,
                            std::string message = "") {
    Action a;
    a.kind = kind;
    a.comment_id = comment_id;
    a.post_id = kMedia;
    a.author_id = "7712093346651120";
    a.message = std::move(message);
    a.idempotency_key = "outbox-7";
    return connector->Act(account, a);
  }
};

void CheckWrite(const RecordedRequest& r, const std::string& method, const std::string& path,
                const std::string& body) {
  CHECK(r.method == method);
  CHECK(r.path == path);
  CHECK(r.query.empty());
  CHECK(r.body == body);
  CHECK(r.header("authorization") == std::string("Bearer ") + kToken);
}

TEST_CASE("instagram connector: registered; no block and no report") {
  ConnectorEnv env;
  auto c = MakeConnector("instagram", env);
  REQUIRE(c);
  CHECK(c->platform() == "instagram");
  for (auto cap : {Capability::kListComments, Capability::kDetectOwnReplies, Capability::kHide,
                   Capability::kUnhide, Capability::kDelete, Capability::kReply}) {
    CHECK(Has(c->capabilities(), cap));
  }
  CHECK_FALSE(Has(c->capabilities(), Capability::kBlock));
  CHECK_FALSE(Has(c->capabilities(), Capability::kReport));
}

TEST_CASE("instagram hide, unhide and delete: the documented requests, safe to repeat") {
  AccountFixture f;
  REQUIRE(f.Act(ActionKind::kHide, kAbusive));
  auto requests = f.server.requests();
  REQUIRE(requests.size() == 1);
  CheckWrite(requests[0], "POST", "/v21.0/" + kAbusive, "hide=true");
  CHECK(f.server.comment(kAbusive)->hidden);
  REQUIRE(f.Act(ActionKind::kHide, kAbusive));

  f.server.ClearRequests();
  REQUIRE(f.Act(ActionKind::kUnhide, kAbusive));
  CheckWrite(f.server.requests().at(0), "POST", "/v21.0/" + kAbusive, "hide=false");
  CHECK_FALSE(f.server.comment(kAbusive)->hidden);

  f.server.ClearRequests();
  REQUIRE(f.Act(ActionKind::kDelete, kAbusive));
  CheckWrite(f.server.requests().at(0), "DELETE", "/v21.0/" + kAbusive, "");
  CHECK_FALSE(f.server.comment(kAbusive));
  auto again = f.Act(ActionKind::kDelete, kAbusive);
  REQUIRE(again);
  CHECK_THAT(again->note, Catch::Contains("no longer exists"));
  CHECK(f.Act(ActionKind::kUnhide, kAbusive).error().kind == ErrorKind::kPermanent);
}

TEST_CASE("instagram reply: POST /{comment}/replies on the top-level comment, never twice") {
  AccountFixture f;
  const std::string text = "@sarah.t.mum Card and cash both welcome!";
  auto replied = f.Act(ActionKind::kReply, kQuestion, text);
  REQUIRE(replied);
  auto requests = f.server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].path == "/v21.0/" + kQuestion);
  CHECK(requests[0].param("fields") == "id,parent_id");
  CHECK(requests[1].path == "/v21.0/" + kQuestion + "/replies");
  CHECK(requests[1].param("fields") == "id,text,from");
  CheckWrite(requests[2], "POST", "/v21.0/" + kQuestion + "/replies",
             "message=" + UrlEncode(text));
  auto posted = f.server.comment(replied->platform_ref);
  REQUIRE(posted);
  CHECK(posted->parent_id == kQuestion);
  CHECK(posted->text == text);

  f.server.ClearRequests();
  auto again = f.Act(ActionKind::kReply, kQuestion, text);
  REQUIRE(again);
  CHECK(again->platform_ref == replied->platform_ref);
  CHECK(RequestsTo(f.server, "POST", "/v21.0/" + kQuestion + "/replies").empty());

  // A reply to the school's reply is posted under the top-level comment: Instagram threads
  // have one level.
  f.server.ClearRequests();
  auto nested = f.Act(ActionKind::kReply, replied->platform_ref, "Also: bring a bag.");
  REQUIRE(nested);
  CHECK(RequestsTo(f.server, "POST", "/v21.0/" + kQuestion + "/replies").size() == 1);
}

TEST_CASE("instagram block and report: no API, kNotSupported without a request") {
  AccountFixture f;
  for (auto kind : {ActionKind::kBlock, ActionKind::kReport}) {
    auto r = f.Act(kind, kAbusive);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kNotSupported);
  }
  CHECK(f.server.requests().empty());
}

TEST_CASE("instagram actions: a refused permission names it; the token stays in the header") {
  AccountFixture f;
  f.server.FailNext(FakeResponse::Json(400, FixtureFile("instagram/error_permission.json")));
  auto r = f.Act(ActionKind::kHide, kAbusive);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kPermission);
  CHECK_THAT(r.error().message, Catch::Contains("instagram_manage_comments"));
  REQUIRE(f.Act(ActionKind::kReply, kQuestion, "Thank you"));
  CheckTokenOnlyInHeader(f.server);
}

}  // namespace
}  // namespace schoolmod::connectors::graph_test
