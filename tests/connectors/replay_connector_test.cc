#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "schoolmod/connectors/connector.h"
#include "support/temp_dir.h"

namespace schoolmod::connectors {
namespace {

using testing::ReadFile;
using testing::TempDir;

TimePoint At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

std::string Line(const std::string& id, const std::string& created_at,
                 const std::string& extra = "") {
  return R"({"id":")" + id + R"(","post_id":"p1","author_id":"u-)" + id +
         R"(","author_name":"Parent )" + id + R"(","text":"text of )" + id + R"(","created_at":")" +
         created_at + "\"" + extra + "}\n";
}

std::vector<std::string> Ids(const PollResult& r) {
  std::vector<std::string> ids;
  for (const auto& c : r.comments) ids.push_back(c.platform_id);
  return ids;
}

// A replay connector on a fixed clock the test moves by hand, with its log captured.
struct Fixture {
  TempDir dir;
  TimePoint started_at = At("2026-11-23T09:00:00Z");
  TimePoint now = started_at;
  std::ostringstream log_out;
  std::shared_ptr<spdlog::logger> log;
  std::unique_ptr<Connector> connector;
  config::Account account;

  Fixture() {
    log = std::make_shared<spdlog::logger>(
        "connector.replay", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_out));
    connector = Make();
    account.id = "casterton-replay";
    account.platform = "replay";
    account.settings["path"] = dir.file("comments.jsonl");
    account.settings["actions_log"] = dir.file("var/demo/actions.jsonl");
  }

  std::unique_ptr<Connector> Make() {
    ConnectorEnv env;
    env.log = log;
    env.started_at = started_at;
    env.now = [this] { return now; };
    return MakeConnector("replay", env);
  }

  void WriteComments(const std::string& content) { dir.Write("comments.jsonl", content); }
  void AppendComments(const std::string& content) {
    dir.Write("comments.jsonl", ReadFile(account.setting("path")) + content);
  }
  std::string LogText() {
    log->flush();
    return log_out.str();
  }

  PollResult Poll(Cursor& cursor) {
    auto r = connector->Poll(account, cursor);
    REQUIRE(r);
    cursor = r->next_cursor;
    return std::move(r).value();
  }
};

TEST_CASE("replay connector is registered with every capability") {
  Fixture f;
  REQUIRE(f.connector);
  CHECK(f.connector->platform() == "replay");
  for (auto c : {Capability::kListComments, Capability::kDetectOwnReplies, Capability::kHide,
                 Capability::kUnhide, Capability::kDelete, Capability::kBlock, Capability::kReport,
                 Capability::kReply}) {
    CHECK(Has(f.connector->capabilities(), c));
  }
}

TEST_CASE("replay releases relative and absolute times by the clock, oldest first") {
  Fixture f;
  f.WriteComments(Line("abs-late", "2026-11-23T10:00:00Z") +  // started + 1h
                  Line("rel-future", "+2m") +                 // started + 2m
                  Line("abs-early", "2026-11-23T08:00:00+00:00") + Line("rel-past", "-26h") +
                  Line("abs-offset", "2026-11-23T09:30:00+01:00"));  // 08:30Z
  Cursor cursor;

  auto first = f.Poll(cursor);
  REQUIRE(Ids(first) == std::vector<std::string>{"rel-past", "abs-early", "abs-offset"});
  CHECK(first.comments[0].created_at == f.started_at - std::chrono::hours(26));
  CHECK(first.comments[1].created_at == At("2026-11-23T08:00:00Z"));
  CHECK(first.skipped == 0);

  SECTION("polling again at the same instant releases nothing") {
    CHECK(f.Poll(cursor).comments.empty());
  }
  SECTION("future comments are released when their time comes, once") {
    f.now = f.started_at + std::chrono::minutes(1);
    CHECK(f.Poll(cursor).comments.empty());
    f.now = f.started_at + std::chrono::minutes(2);  // created_at == now is due
    auto second = f.Poll(cursor);
    REQUIRE(Ids(second) == std::vector<std::string>{"rel-future"});
    CHECK(second.comments[0].created_at == f.started_at + std::chrono::minutes(2));
    CHECK(f.Poll(cursor).comments.empty());
    f.now = At("2026-11-24T00:00:00Z");
    CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"abs-late"});
    CHECK(f.Poll(cursor).comments.empty());
  }
  SECTION("a late poll releases everything due, oldest first") {
    f.now = At("2026-11-24T00:00:00Z");
    CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"rel-future", "abs-late"});
  }
}

TEST_CASE("replay maps every field of a line") {
  Fixture f;
  f.WriteComments(
      R"({"id":"c2","post_id":"post-9","parent_id":"c1","author_id":"school","author_name":"Casterton Primary","text":"Thank you, we have replied by email.","created_at":"-1h","own":true,"extra":"ignored"})"
      "\n"
      R"({"id":"c3","post_id":"post-9","parent_id":null,"author_id":"u7","author_name":"","text":"","created_at":"-30m","own":false})"
      "\n");
  Cursor cursor;
  auto r = f.Poll(cursor);
  REQUIRE(r.comments.size() == 2);
  const Comment& c = r.comments[0];
  CHECK(c.platform_id == "c2");
  CHECK(c.post_id == "post-9");
  CHECK(c.parent_id == std::optional<std::string>("c1"));
  CHECK(c.author_id == std::optional<std::string>("school"));
  CHECK(c.author_name == std::optional<std::string>("Casterton Primary"));
  CHECK(c.text == "Thank you, we have replied by email.");
  CHECK(c.created_at == f.started_at - std::chrono::hours(1));
  CHECK(c.own);
  CHECK_FALSE(c.hidden);
  CHECK_FALSE(c.deleted);
  CHECK_FALSE(r.comments[1].parent_id);
  CHECK_FALSE(r.comments[1].own);
  CHECK(r.comments[1].author_name == std::optional<std::string>(""));
  CHECK(r.api_calls == 0);
}

TEST_CASE("replay picks up lines appended after earlier polls") {
  Fixture f;
  f.WriteComments(Line("a", "-2h") + Line("b", "+10m"));
  Cursor cursor;
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"a"});

  f.AppendComments(Line("c", "-1h") + Line("d", "+5m"));
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"c"});

  f.now += std::chrono::minutes(10);
  f.AppendComments(Line("e", "-3h"));
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"e", "d", "b"});
  CHECK(f.Poll(cursor).comments.empty());
}

TEST_CASE("replay skips bad lines, counting and logging each once with file:line") {
  Fixture f;
  f.WriteComments(
      Line("good-1", "-1h") +  // line 1
      "\n" +                   // 2: blank, ignored
      "{not json at all\n" +   // 3
      R"({"id":"x","post_id":"p","author_id":"u","author_name":"n","created_at":"-1h"})"
      "\n" +                                       // 4: no text
      Line("bad-own", "-1h", R"(,"own":"yes")") +  // 5
      Line("bad-time", "yesterday") +              // 6
      "   \r\n" +                                  // 7: blank, ignored
      R"(["an","array"])"
      "\n" +  // 8
      R"({"id":5,"post_id":"p","author_id":"u","author_name":"n","text":"t","created_at":"-1h"})"
      "\n" +                    // 9: id not a string
      Line("good-2", "-30m"));  // 10
  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(Ids(r) == std::vector<std::string>{"good-1", "good-2"});
  CHECK(r.skipped == 6);
  const std::string path = f.account.setting("path");
  std::string log = f.LogText();
  CHECK(log.find(path + ":3 reason=invalid JSON") != std::string::npos);
  CHECK(log.find(path + ":4 reason=missing field \"text\"") != std::string::npos);
  CHECK(log.find(path + ":5 reason=field \"own\" is not a boolean") != std::string::npos);
  CHECK(log.find(path + ":6 reason=created_at \"yesterday\"") != std::string::npos);
  CHECK(log.find(path + ":8 reason=not a JSON object") != std::string::npos);
  CHECK(log.find(path + ":9 reason=field \"id\" is not a string") != std::string::npos);
  CHECK(log.find(":2 ") == std::string::npos);
  CHECK(log.find(":7 ") == std::string::npos);
  CHECK(log.find("[warning]") != std::string::npos);
  CHECK(log.find("text of") == std::string::npos);  // comment text is never logged

  SECTION("the next poll neither counts nor logs them again") {
    f.log_out.str("");
    auto again = f.Poll(cursor);
    CHECK(again.comments.empty());
    CHECK(again.skipped == 0);
    CHECK(f.LogText().find("skipped") == std::string::npos);
  }
}

TEST_CASE("replay skips a duplicate id within one file") {
  Fixture f;
  f.WriteComments(Line("a", "-2h") + Line("a", "-1h") + Line("b", "-1h"));
  Cursor cursor;
  auto r = f.Poll(cursor);
  REQUIRE(Ids(r) == std::vector<std::string>{"a", "b"});
  CHECK(r.comments[0].created_at == f.started_at - std::chrono::hours(2));
  CHECK(r.skipped == 1);
}

TEST_CASE("replay waits for an unfinished last line") {
  Fixture f;
  f.WriteComments(Line("a", "-1h") + R"({"id":"b","post_id":"p1","auth)");
  Cursor cursor;
  auto r = f.Poll(cursor);
  CHECK(Ids(r) == std::vector<std::string>{"a"});
  CHECK(r.skipped == 0);

  f.WriteComments(Line("a", "-1h") + Line("b", "-1h").substr(0, Line("b", "-1h").size() - 1));
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"b"});  // complete, even without '\n'
  f.AppendComments("\n" + Line("c", "-1h"));
  CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"c"});
}

TEST_CASE("replay reports a missing file as kPermanent naming the path") {
  Fixture f;
  auto r = f.connector->Poll(f.account, Cursor{});
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kPermanent);
  CHECK(r.error().message.find(f.account.setting("path")) != std::string::npos);
  CHECK(r.error().message.find("casterton-replay") != std::string::npos);

  SECTION("and an account without a path as invalid input") {
    f.account.settings.erase("path");
    auto no_path = f.connector->Poll(f.account, Cursor{});
    REQUIRE_FALSE(no_path);
    CHECK(no_path.error().kind == ErrorKind::kInvalidInput);
  }
}

TEST_CASE("replay cursor round trip") {
  Fixture f;
  f.WriteComments(Line("a", "-2h") + Line("b", "+1h") + Line("c", "-1h"));
  Cursor cursor;
  f.Poll(cursor);
  REQUIRE_FALSE(cursor.value.empty());

  SECTION("the cursor is JSON with lines, hash and pending ids") {
    auto j = nlohmann::json::parse(cursor.value);
    CHECK(j["v"] == 1);
    CHECK(j["lines"] == 3);
    CHECK(j["pending"] == nlohmann::json::array({"b"}));
    CHECK(j["hash"].is_string());
  }
  SECTION("a new connector (a restarted daemon) resumes from the stored cursor") {
    auto restarted = f.Make();
    Cursor stored{cursor.value};
    auto same = restarted->Poll(f.account, stored);
    REQUIRE(same);
    CHECK(same->comments.empty());
    CHECK(same->next_cursor == cursor);
    f.now += std::chrono::hours(1);
    auto later = restarted->Poll(f.account, stored);
    REQUIRE(later);
    CHECK(Ids(*later) == std::vector<std::string>{"b"});
  }
  SECTION("an empty cursor starts from the beginning") {
    Cursor empty;
    CHECK(Ids(f.Poll(empty)) == std::vector<std::string>{"a", "c"});
  }
  SECTION("an unreadable cursor starts from the beginning with a warning") {
    Cursor broken{"{\"v\":1,\"lines\":\"three\"}"};
    CHECK(Ids(f.Poll(broken)) == std::vector<std::string>{"a", "c"});
    CHECK(f.LogText().find("cursor unreadable") != std::string::npos);
  }
  SECTION("a rewritten file is read again from the start: nothing is missed") {
    f.WriteComments(Line("z", "-3h") + Line("c", "-1h"));
    CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"z", "c"});
    CHECK(f.LogText().find("replay file changed") != std::string::npos);
  }
  SECTION("a truncated file is read again from the start") {
    f.WriteComments(Line("a", "-2h"));
    CHECK(Ids(f.Poll(cursor)) == std::vector<std::string>{"a"});
  }
}

std::vector<nlohmann::json> LogLines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(ReadFile(path));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

TEST_CASE("replay logs each action once per idempotency key") {
  Fixture f;
  const std::string log_path = f.account.setting("actions_log");
  f.now = At("2026-11-23T10:15:00Z");
  Action hide{.kind = ActionKind::kHide,
              .comment_id = "c1",
              .post_id = "p1",
              .author_id = std::nullopt,
              .message = "",
              .idempotency_key = "outbox-1"};
  auto first = f.connector->Act(f.account, hide);
  REQUIRE(first);
  CHECK(first->platform_ref.empty());
  CHECK_FALSE(first->manual);

  auto lines = LogLines(log_path);  // parent directories were created
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["at"] == "2026-11-23T10:15:00Z");
  CHECK(lines[0]["account"] == "casterton-replay");
  CHECK(lines[0]["action"] == "hide");
  CHECK(lines[0]["comment_id"] == "c1");
  CHECK(lines[0]["post_id"] == "p1");
  CHECK(lines[0]["author_id"].is_null());
  CHECK(lines[0]["message"] == "");
  CHECK(lines[0]["idempotency_key"] == "outbox-1");

  SECTION("repeating the key (a retry after a crash) succeeds without appending") {
    f.now += std::chrono::minutes(5);
    auto again = f.Make()->Act(f.account, hide);
    REQUIRE(again);
    CHECK(LogLines(log_path).size() == 1);
  }
  SECTION("a reply gets a platform ref derived from its key, also when repeated") {
    Action reply{.kind = ActionKind::kReply,
                 .comment_id = "c1",
                 .post_id = "p1",
                 .author_id = "u1",
                 .message = "Thank you for getting in touch, please email the office.",
                 .idempotency_key = "outbox-2"};
    auto r = f.connector->Act(f.account, reply);
    REQUIRE(r);
    CHECK(r->platform_ref == "replay-reply-outbox-2");
    auto repeated = f.connector->Act(f.account, reply);
    REQUIRE(repeated);
    CHECK(repeated->platform_ref == "replay-reply-outbox-2");
    auto all = LogLines(log_path);
    REQUIRE(all.size() == 2);
    CHECK(all[1]["action"] == "reply");
    CHECK(all[1]["author_id"] == "u1");
    CHECK(all[1]["message"] == reply.message);
  }
  SECTION("every kind is supported and logged under its name") {
    int n = 10;
    for (auto kind :
         {ActionKind::kUnhide, ActionKind::kDelete, ActionKind::kBlock, ActionKind::kReport}) {
      Action a = hide;
      a.kind = kind;
      a.idempotency_key = "outbox-" + std::to_string(n++);
      REQUIRE(f.connector->Act(f.account, a));
    }
    auto all = LogLines(log_path);
    REQUIRE(all.size() == 5);
    CHECK(all[1]["action"] == "unhide");
    CHECK(all[2]["action"] == "delete");
    CHECK(all[3]["action"] == "block");
    CHECK(all[4]["action"] == "report");
  }
  SECTION("a partial last line left by a crash does not swallow the next entry") {
    f.dir.Write("var/demo/actions.jsonl", ReadFile(log_path) + R"({"at":"2026-11-2)");
    Action next = hide;
    next.idempotency_key = "outbox-3";
    REQUIRE(f.connector->Act(f.account, next));
    std::string text = ReadFile(log_path);
    CHECK(text.ends_with("\"idempotency_key\":\"outbox-3\"}\n"));
    CHECK(text.find("{\"at\":\"2026-11-2\n{") != std::string::npos);
  }
  SECTION("an action without an idempotency key is refused") {
    Action keyless = hide;
    keyless.idempotency_key.clear();
    auto r = f.connector->Act(f.account, keyless);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kInvalidInput);
  }
}

}  // namespace
}  // namespace schoolmod::connectors
