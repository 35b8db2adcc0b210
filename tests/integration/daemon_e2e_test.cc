#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include <catch2/catch.hpp>

#include "integration_support.h"

using schoolmod::testing::DaemonFixture;
using schoolmod::testing::ReadFile;
using schoolmod::testing::ReplayLine;
using schoolmod::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

std::set<std::string> PlatformIds(const std::vector<schoolmod::storage::ItemSummary>& items) {
  std::set<std::string> ids;
  for (const auto& item : items) ids.insert(item.comment.comment.platform_id);
  return ids;
}

bool LogHas(const DaemonFixture& f, const std::string& text) {
  return f.Log().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("schoolmodd stores replayed comments and resumes after a restart without loss or "
          "duplicates", "[integration][daemon]") {
  DaemonFixture f;
  f.WriteReplay({
      {"c1", "When is the Christmas fair? Can parents help set up?"},
      {"c2", "Lovely assembly today, thank you"},
      {"c3", "this school is shit and the teachers are fucking useless"},
      {"c4", "Thanks for asking, the fair is on Friday", "-50m", "c1", true},
      {"c5", "I am disappointed nobody answered my email about the trip"},
  });

  auto daemon = f.StartDaemon();
  REQUIRE(daemon->running());
  // Four items: the school's own reply is not a queue item.
  REQUIRE(WaitFor([&] { return f.Items().size() == 4; }, 30s));
  auto health = f.Get("/healthz");
  REQUIRE(health);
  CHECK(health->first == 200);
  CHECK(health->second.find("\"test-replay\"") != std::string::npos);
  CHECK(health->second.find("\"last_success_at\":\"") != std::string::npos);

  // The offensive comment is hidden once, through the connector.
  REQUIRE(WaitFor([&] { return f.ActionLines().size() == 1; }, 30s));
  CHECK(f.ActionLines()[0].find("\"comment_id\":\"c3\"") != std::string::npos);
  CHECK(f.ActionLines()[0].find("\"action\":\"hide\"") != std::string::npos);
  // The school's reply stopped c1's clock.
  for (const auto& item : f.Items()) {
    if (item.comment.comment.platform_id == "c1") {
      REQUIRE(item.sla);
      CHECK(item.sla->state == schoolmod::storage::SlaState::kStopped);
    }
  }
  REQUIRE(WaitFor([&] { return f.MailCount() > 0; }, 30s));
  // Comment text never reaches the log.
  CHECK_FALSE(LogHas(f, "Christmas fair"));

  daemon->Signal(SIGTERM);
  REQUIRE(daemon->Wait(5s) == 0);
  CHECK(LogHas(f, "stopped"));
  int mails_before = f.MailCount();

  f.AppendReplay({{"c6", "Is there a uniform sale this term?", "-5m"},
                  {"c7", "Great photos from sports day", "-4m"}});
  daemon = f.StartDaemon();
  REQUIRE(daemon->running());
  REQUIRE(WaitFor([&] { return f.Items().size() == 6; }, 30s));
  // Give the restarted daemon a few more polls: nothing may be stored twice.
  REQUIRE(WaitFor([&] { return f.Log().find("poll done account=test-replay fetched=0") !=
                               std::string::npos; }, 30s));
  auto items = f.Items();
  CHECK(items.size() == 6);
  CHECK(PlatformIds(items) == std::set<std::string>{"c1", "c2", "c3", "c5", "c6", "c7"});
  CHECK(f.ActionLines().size() == 1);
  // Emails for the earlier comments are not sent again after the restart.
  REQUIRE(WaitFor([&] { return f.MailCount() > mails_before; }, 30s));

  daemon->Signal(SIGINT);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("comments with a future offset arrive while the daemon runs", "[integration][daemon]") {
  DaemonFixture f;
  f.WriteReplay({{"now1", "Is school open tomorrow?", "-1m"},
                 {"later1", "What time is the nativity?", "+3s"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Items().size() == 1; }, 30s));
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("SIGHUP with an invalid config keeps the daemon running on the old one",
          "[integration][daemon]") {
  DaemonFixture f;
  f.WriteReplay({{"c1", "When do we get the reports?"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Items().size() == 1; }, 30s));

  std::string good = ReadFile(f.config_path());
  f.dir().Write("schoolmod.toml", good + "\n[sla]\nresponse_hours = \"soon\"\n");
  daemon->Signal(SIGHUP);
  REQUIRE(WaitFor([&] { return LogHas(f, "reload refused"); }, 30s));
  CHECK(LogHas(f, "response_hours"));
  CHECK(daemon->running());
  auto health = f.Get("/healthz");
  REQUIRE(health);
  CHECK(health->first == 200);

  // A valid change is applied: polling carries on and a new line still arrives.
  f.dir().Write("schoolmod.toml", good);
  daemon->Signal(SIGHUP);
  REQUIRE(WaitFor([&] { return LogHas(f, "reloaded config="); }, 30s));
  f.AppendReplay({{"c2", "Thank you for the update", "-1m"}});
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("check-config exits 0 for a valid file and 2 naming file:line for an invalid one",
          "[integration][config]") {
  DaemonFixture f;
  std::string output;
  CHECK(f.Ctl({"check-config"}, &output) == 0);
  CHECK(output.find(": ok") != std::string::npos);

  std::string bad = ReadFile(f.config_path()) + "\n[sla]\nreminders = [\"12x\"]\n";
  std::string bad_path = f.dir().Write("bad.toml", bad);
  schoolmod::testing::ChildProcess check({SCHOOLMODD_PATH, "--config", bad_path,
                                          "--check-config"},
                                         f.dir().file("check.txt"));
  CHECK(check.Wait(30s) == 2);
  std::string printed = ReadFile(f.dir().file("check.txt"));
  CHECK(printed.find(bad_path + ":") != std::string::npos);
  CHECK(printed.find("sla.reminders[0]") != std::string::npos);
}

TEST_CASE("the daemon refuses to start on an invalid config", "[integration][config]") {
  DaemonFixture f;
  f.dir().Write("schoolmod.toml", ReadFile(f.config_path()) + "\nunknown_key = 1\n");
  schoolmod::testing::ChildProcess daemon({SCHOOLMODD_PATH, "--config", f.config_path()},
                                          f.log_path());
  CHECK(daemon.Wait(30s) == 2);
  CHECK(LogHas(f, "unknown_key"));
}

TEST_CASE("the daemon refuses an account whose platform has no connector in this build",
          "[integration][config]") {
  DaemonFixture f;
  std::string token = f.dir().Write("x-token", "t");
  f.SetExtraAccount("[[school.account]]\nid = \"test-x\"\nplatform = \"x\"\nuser_id = \"123\"\n"
                    "token_file = \"" + token + "\"\nadministrators = [\n"
                    "  { name = \"Ann Admin\", email = \"ann@test.example.sch.uk\" },\n"
                    "  { name = \"Bob Admin\", email = \"bob@test.example.sch.uk\" },\n]\n");
  schoolmod::testing::ChildProcess daemon({SCHOOLMODD_PATH, "--config", f.config_path()},
                                          f.log_path());
  CHECK(daemon.Wait(30s) == 1);
  CHECK(LogHas(f, "account test-x: this version of schoolmod has no x connector yet"));
}

TEST_CASE("the daemon exits naming the address when its port is taken; tests then move it",
          "[integration][config]") {
  DaemonFixture f;
  f.WriteReplay({{"c1", "When do we get the reports?"}});
  int holder = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(holder >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(f.port()));
  REQUIRE(bind(holder, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(listen(holder, 1) == 0);
  int taken = f.port();

  schoolmod::testing::ChildProcess refused({SCHOOLMODD_PATH, "--config", f.config_path()},
                                           f.log_path());
  CHECK(refused.Wait(30s) != 0);
  CHECK(LogHas(f, "cannot listen on http://127.0.0.1:" + std::to_string(taken)));

  // The test fixture's own recovery, which keeps parallel suites from failing on a port race.
  auto daemon = f.StartDaemon();
  close(holder);
  REQUIRE(daemon->running());
  CHECK(f.port() != taken);
  REQUIRE(WaitFor([&] { return f.Items().size() == 1; }, 30s));
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("schoolmodctl backs up the live database and lists the queue",
          "[integration][ctl]") {
  DaemonFixture f;
  f.WriteReplay({{"c1", "Could someone call me about the school trip?"},
                 {"c2", "You lot are a bunch of twats"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));

  std::string output;
  CHECK(f.Ctl({"queue", "list"}, &output) == 0);
  CHECK(output.find("test-replay") != std::string::npos);

  std::string backup = f.dir().file("backup.db");
  CHECK(f.Ctl({"db", "backup", backup}, &output) == 0);
  auto copy = schoolmod::storage::Database::Open(backup);
  REQUIRE(copy);
  schoolmod::storage::ItemFilter all;
  all.state = schoolmod::storage::ItemFilter::State::kAll;
  auto items = (*copy)->ListItems(all);
  REQUIRE(items);
  CHECK(items->size() == 2);
  // A second backup to the same path is refused rather than overwriting it.
  CHECK(f.Ctl({"db", "backup", backup}, &output) == 1);

  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("an administrator's decision in schoolmodctl stops the clock and reaches the platform",
          "[integration][ctl]") {
  DaemonFixture f;
  f.WriteReplay({{"q1", "Can someone tell me when the school trip letter is coming home?"},
                 {"q2", "Why has nobody replied about the parking problem?"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));
  std::int64_t q1 = 0, q2 = 0;
  for (const auto& item : f.Items()) {
    REQUIRE(item.sla);
    CHECK(item.sla->state == schoolmod::storage::SlaState::kOpen);
    (item.comment.comment.platform_id == "q1" ? q1 : q2) = item.comment.id;
  }

  std::string output;
  CHECK(f.Ctl({"queue", "act", std::to_string(q1), "acknowledge", "--as", "ann"}, &output) == 0);
  CHECK(output.find("response clock stopped") != std::string::npos);
  // A decision that needs a reason is refused without one, naming what is missing.
  CHECK(f.Ctl({"queue", "act", std::to_string(q2), "no_reply_needed"}, &output) == 2);
  CHECK(output.find("needs a reason") != std::string::npos);
  CHECK(f.Ctl({"queue", "act", "999999", "leave", "--reason", "x"}, &output) == 2);
  CHECK(output.find("no item 999999") != std::string::npos);

  // The running daemon posts the acknowledgement through the connector.
  REQUIRE(WaitFor([&] { return f.ActionLines().size() == 1; }, 30s));
  CHECK(f.ActionLines()[0].find("\"action\":\"reply\"") != std::string::npos);
  CHECK(f.ActionLines()[0].find("\"comment_id\":\"q1\"") != std::string::npos);
  for (const auto& item : f.Items()) {
    if (item.comment.id == q1) {
      CHECK(item.sla->state == schoolmod::storage::SlaState::kStopped);
      CHECK(item.sla->stopped_by == "ann");
      CHECK(item.sla->stop_reason == "acknowledged");
    } else {
      CHECK(item.sla->state == schoolmod::storage::SlaState::kOpen);
    }
  }
  CHECK(f.Ctl({"queue", "show", std::to_string(q1)}, &output) == 0);
  CHECK(output.find("stopped by ann") != std::string::npos);
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}
