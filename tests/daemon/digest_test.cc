#include <catch2/catch.hpp>

#include "digest.h"
#include "mail/message.h"

using schoolmod::daemon::DigestEmail;
using schoolmod::daemon::DigestFacts;

TEST_CASE("digest: counts in the subject, breached items first, a link per item", "[digest]") {
  DigestFacts facts;
  facts.school_name = "Test Primary";
  facts.date_label = "Monday 23 November 2026";
  facts.open = 3;
  facts.due_today = 1;
  facts.breached = 2;
  facts.awaiting_review = 1;
  facts.lines = {{7, "acct", "overdue since Fri 20 Nov 2026 17:00 GMT"},
                 {9, "acct", "due today, Mon 23 Nov 2026 17:00 GMT"}};
  facts.queue_url = "https://sm.example.sch.uk/";
  auto email = DigestEmail(facts, "https://sm.example.sch.uk");
  CHECK(email.subject == "[Test Primary] Social media today: 3 open, 1 due today, 2 overdue");
  std::string text = schoolmod::mail::RenderTextBody(email.body);
  CHECK(text.find("Monday 23 November 2026") != std::string::npos);
  CHECK(text.find("Awaiting a moderation decision: 1") != std::string::npos);
  auto first = text.find("Item 7");
  auto second = text.find("Item 9");
  REQUIRE(first != std::string::npos);
  REQUIRE(second != std::string::npos);
  CHECK(first < second);
  CHECK(text.find("https://sm.example.sch.uk/items/7") != std::string::npos);
}

TEST_CASE("digest: a long queue is cut to twenty lines with a count of the rest", "[digest]") {
  DigestFacts facts;
  facts.school_name = "S";
  for (int i = 1; i <= 25; ++i) facts.lines.push_back({i, "a", "due"});
  std::string text = schoolmod::mail::RenderTextBody(DigestEmail(facts, "http://x").body);
  CHECK(text.find("Item 20 ") != std::string::npos);
  CHECK(text.find("Item 21 ") == std::string::npos);
  CHECK(text.find("... and 5 more.") != std::string::npos);
}
