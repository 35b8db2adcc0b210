#include <signal.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "integration_support.h"
#include "support/fake_graph_server.h"

using schoolmod::testing::DaemonFixture;
using schoolmod::testing::FakeGraphServer;
using schoolmod::testing::GraphComment;
using schoolmod::testing::GraphFlavour;
using schoolmod::testing::GraphPost;
using schoolmod::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPageId = "104861234567890";
constexpr const char* kToken = "EAAB-page-token-never-logged";

const schoolmod::storage::ItemSummary* Find(const std::vector<schoolmod::storage::ItemSummary>& items,
                                            const std::string& platform_id) {
  for (const auto& item : items) {
    if (item.comment.comment.platform_id == platform_id) return &item;
  }
  return nullptr;
}

// The [[school.account]] block of a Facebook Page served by `base_url`.
std::string FacebookAccount(const std::string& token_path, const std::string& base_url) {
  return fmt::format(R"(
[[school.account]]
id = "test-facebook"
platform = "facebook"
page_id = "{}"
token_file = "{}"
api_base_url = "{}"
api_version = "{}"
poll_interval = "1s"
administrators = [
  {{ name = "Ann Admin", email = "ann@test.example.sch.uk" }},
  {{ name = "Bob Admin", email = "bob@test.example.sch.uk" }},
]
)", kPageId, token_path, base_url, FakeGraphServer::kVersion);
}

}  // namespace

TEST_CASE("schoolmodd polls a Facebook Page, hides abuse on it and stops the clock when the "
          "page replies", "[integration][facebook]") {
  FakeGraphServer graph(GraphFlavour::kFacebook, kPageId, kToken);
  auto now = schoolmod::Now();
  graph.AddPost({"104861234567890_1", now - 2h, now - 2h, "https://www.facebook.com/p/1"});
  graph.AddComment("104861234567890_1",
                   {"c1", "", "u1", "Jo Parent", "When does term end for Christmas?", now - 50min});
  graph.AddComment("104861234567890_1",
                   {"c2", "", "u2", "Angry Person", "you are all fucking useless twats", now - 40min});

  DaemonFixture f;
  std::string token_path = f.dir().Write("fb-token", std::string(kToken) + "\n");
  f.SetExtraAccount(FacebookAccount(token_path, graph.base_url()));

  auto daemon = f.StartDaemon();
  REQUIRE(daemon->running());
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));

  // The abusive comment is hidden on the page itself.
  REQUIRE(WaitFor([&] { return graph.comment("c2") && graph.comment("c2")->hidden; }, 30s));
  CHECK_FALSE(graph.comment("c1")->hidden);
  auto items = f.Items();
  auto c1 = Find(items, "c1");
  REQUIRE(c1->sla);
  CHECK(c1->sla->state == schoolmod::storage::SlaState::kOpen);

  // The page answers in the thread: the clock stops on the next poll.
  graph.AddComment("104861234567890_1",
                   {"r1", "c1", kPageId, "Casterton Primary", "Term ends on 18 December.",
                    schoolmod::Now()});
  REQUIRE(WaitFor([&] {
    items = f.Items();
    auto item = Find(items, "c1");
    return item && item->sla && item->sla->state == schoolmod::storage::SlaState::kStopped;
  }, 30s));
  CHECK(Find(items, "c1")->sla->stop_reason == "account replied in thread");
  CHECK(Find(items, "r1") == nullptr);  // the school's own reply is not a queue item

  // The token travelled only in the Authorization header, and never reached the log.
  bool saw_auth = false;
  for (const auto& request : graph.requests()) {
    CHECK(request.target.find(kToken) == std::string::npos);
    saw_auth |= request.header("authorization") == std::string("Bearer ") + kToken;
  }
  CHECK(saw_auth);
  CHECK(f.Log().find(kToken) == std::string::npos);

  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("a revoked Facebook token stops polling that account and tells its administrators "
          "once", "[integration][facebook]") {
  FakeGraphServer graph(GraphFlavour::kFacebook, kPageId, "the-right-token");
  DaemonFixture f;
  std::string token_path = f.dir().Write("fb-token", "a-revoked-token");
  f.SetExtraAccount(FacebookAccount(token_path, graph.base_url()));
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Log().find("poll stopped account=test-facebook kind=auth") !=
                               std::string::npos; }, 30s));
  REQUIRE(WaitFor([&] { return f.MailCount() >= 2; }, 30s));
  auto health = f.Get("/healthz");
  REQUIRE(health);
  CHECK(health->second.find("\"status\":\"degraded\"") != std::string::npos);
  CHECK(health->second.find("\"kind\":\"auth\"") != std::string::npos);
  // Polling that account has stopped: the fake sees no more requests while the replay account
  // goes on being polled.
  auto requests_after_stop = graph.requests().size();
  int polls = 0;
  REQUIRE(WaitFor([&] {
    std::string log = f.Log();
    polls = 0;
    for (auto at = log.find("poll done account=test-replay"); at != std::string::npos;
         at = log.find("poll done account=test-replay", at + 1)) {
      ++polls;
    }
    return polls >= 4;
  }, 30s));
  CHECK(graph.requests().size() == requests_after_stop);
  CHECK(f.MailCount() == 2);  // one email to each administrator
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}
