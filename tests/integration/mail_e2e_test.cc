#include <signal.h>

#include <map>
#include <set>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "integration_support.h"
#include "support/smtp_server.h"

using schoolmod::testing::DaemonFixture;
using schoolmod::testing::ReceivedMessage;
using schoolmod::testing::SmtpServer;
using schoolmod::testing::SmtpServerOptions;
using schoolmod::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

std::string SmtpMailKeys(int port) {
  return fmt::format(
      "transport = \"smtp\"\nurl = \"smtp://127.0.0.1:{}\"\nstarttls = \"none\"\n"
      "first_retry = \"2s\"\nconnect_timeout = \"5s\"\n",
      port);
}

std::string Header(const ReceivedMessage& m, const char* name) {
  auto values = m.parsed.HeaderValues(name);
  return values.empty() ? "" : values.front();
}

// Message-ID -> how many times it arrived.
std::map<std::string, int> CountByMessageId(const std::vector<ReceivedMessage>& messages) {
  std::map<std::string, int> counts;
  for (const auto& m : messages) counts[Header(m, "Message-ID")]++;
  return counts;
}

int CountPolls(const DaemonFixture& f) {
  int n = 0;
  std::string log = f.Log();
  for (auto at = log.find("poll done"); at != std::string::npos; at = log.find("poll done", at + 1)) {
    ++n;
  }
  return n;
}

// Lets the daemon run on for `polls` more poll cycles (a second each): longer than the outbox
// worker's period, so anything it was going to send again would have gone.
void LetItRun(const DaemonFixture& f, int polls) {
  int start = CountPolls(f);
  REQUIRE(WaitFor([&] { return CountPolls(f) >= start + polls; }, 60s));
}

int CountSubjects(const std::vector<ReceivedMessage>& messages, const std::string& part) {
  int n = 0;
  for (const auto& m : messages) n += Header(m, "Subject").find(part) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("every email reaches an SMTP server that was down at first, exactly once",
          "[integration][mail]") {
  DaemonFixture f;
  int port = schoolmod::testing::UnusedLoopbackPort();
  f.SetMail(SmtpMailKeys(port));
  f.WriteReplay({{"q1", "When does the school close for Christmas?"},
                 {"q2", "Could someone ring me about my son's lunch money please?"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return f.Items().size() == 2; }, 30s));
  // Nobody listens yet: the outbox keeps the emails and retries.
  REQUIRE(WaitFor([&] { return f.Log().find("email retry") != std::string::npos; }, 30s));

  SmtpServerOptions options;
  options.port = port;
  SmtpServer server(options);
  // Two comments needing a response, two administrators each.
  REQUIRE(WaitFor([&] { return server.Received().size() >= 4; }, 90s));
  LetItRun(f, 7);
  auto health = f.Get("/healthz");
  REQUIRE(health);
  CHECK(health->second.find("\"emails\":{\"failed\":0") != std::string::npos);

  auto received = server.Received();
  CHECK(received.size() == 4);
  for (const auto& [id, count] : CountByMessageId(received)) CHECK(count == 1);
  std::multiset<std::string> recipients;
  for (const auto& m : received) {
    REQUIRE(m.rcpt_tos.size() == 1);
    recipients.insert(m.rcpt_tos[0]);
    CHECK(m.mail_from == "alerts@test.example.sch.uk");
    CHECK(m.parsed.content_type == "multipart/alternative");
    CHECK(m.parsed.FindPart("text/plain") != nullptr);
    CHECK(m.parsed.FindPart("text/html") != nullptr);
    CHECK(m.parsed.defects.empty());
  }
  CHECK(recipients == std::multiset<std::string>{"ann@test.example.sch.uk",
                                                 "ann@test.example.sch.uk",
                                                 "bob@test.example.sch.uk",
                                                 "bob@test.example.sch.uk"});
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("a hostile comment cannot add headers or recipients to the emails about it",
          "[integration][mail]") {
  DaemonFixture f;
  SmtpServer server;
  f.SetMail(SmtpMailKeys(server.port()));
  f.WriteReplay({{"evil", "Why?\r\nBcc: victim@example.com\r\nSubject: pwned <script>x</script>"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return server.Received().size() >= 2; }, 30s));
  for (const auto& m : server.Received()) {
    CHECK(m.rcpt_tos.size() == 1);
    CHECK(m.parsed.HeaderValues("Bcc").empty());
    CHECK(m.parsed.HeaderValues("Subject").size() == 1);
    CHECK(Header(m, "Subject").find("pwned") == std::string::npos);
    const auto* html = m.parsed.FindPart("text/html");
    REQUIRE(html != nullptr);
    CHECK(html->content.find("<script>") == std::string::npos);
    CHECK(html->content.find("&lt;script&gt;") != std::string::npos);
  }
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("reminders survive the daemon being killed between them: none lost, none twice",
          "[integration][mail]") {
  DaemonFixture f;
  SmtpServer server;
  f.SetMail(SmtpMailKeys(server.port()));
  f.UseFastClock("[\"4s\", \"9s\"]");
  f.WriteReplay({{"q1", "Can you tell me when the reports come out?", "-1s"}});

  auto daemon = f.StartDaemon();
  // The new-item email and the first reminder, to both administrators.
  REQUIRE(WaitFor([&] { return CountSubjects(server.Received(), "Reminder") >= 2; }, 30s));
  daemon->Signal(SIGKILL);
  REQUIRE(daemon->Wait(5s) == 128 + SIGKILL);

  daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return CountSubjects(server.Received(), "Reminder") >= 4; }, 30s));
  // Let the restarted daemon run its outbox a few more times: nothing else may go out.
  LetItRun(f, 7);
  // The fast clock makes every hour a working hour, so each administrator also gets a digest.
  std::vector<ReceivedMessage> received;
  for (auto& m : server.Received()) {
    if (Header(m, "Subject").find("Social media today") == std::string::npos) {
      received.push_back(std::move(m));
    }
  }
  auto by_id = CountByMessageId(received);
  CHECK(by_id.size() == 6);  // 2 new-item emails and 2 x 2 reminders
  int duplicates = 0;
  for (const auto& [id, count] : by_id) duplicates += count - 1;
  // Only the single message in flight at the kill may go twice, under the same Message-ID.
  CHECK(duplicates <= 1);
  CHECK(CountSubjects(received, "New comment needs a response") >= 2);
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}

TEST_CASE("each administrator gets one digest per working day, across restarts",
          "[integration][mail]") {
  DaemonFixture f;
  SmtpServer server;
  f.SetMail(SmtpMailKeys(server.port()));
  f.UseFastClock("[\"30m\"]");
  f.WriteReplay({{"q1", "Is there a parents' evening this term?", "-2h"}});
  auto daemon = f.StartDaemon();
  REQUIRE(WaitFor([&] { return CountSubjects(server.Received(), "Social media today") >= 2; },
                  30s));
  daemon->Signal(SIGTERM);
  REQUIRE(daemon->Wait(5s) == 0);
  daemon = f.StartDaemon();
  LetItRun(f, 7);
  auto received = server.Received();
  CHECK(CountSubjects(received, "Social media today") == 2);
  // The comment is two hours old with one hour to respond: overdue in the digest.
  CHECK(CountSubjects(received, "1 open, 0 due today, 1 overdue") == 2);
  daemon->Signal(SIGTERM);
  CHECK(daemon->Wait(5s) == 0);
}
