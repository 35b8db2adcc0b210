#include <string>

#include "youtube_fixture.h"

namespace schoolmod::connectors::youtube_test {
namespace {

constexpr char kComment[] = "UgzF1cVb6NmQ9xW3kL8R4AaABAg";

FakeResponse QuotaExceeded() {
  return FakeResponse::Json(403, FakeYoutubeServer::Fixture("error_quota_exceeded.json"));
}

Error Refused(Result<PollResult> r) {
  REQUIRE_FALSE(r);
  return r.error();
}

TEST_CASE("youtube quota: the API's quotaExceeded stops the whole project until midnight Pacific") {
  YoutubeFixture f;
  f.fake.LoadThreads("commentThreads_page2_last.json");
  f.fake.FailNext("commentThreads.list", QuotaExceeded());
  Error e = Refused(f.TryPoll({}));
  CHECK(e.kind == ErrorKind::kRateLimited);
  CHECK(e.retry_at == At("2024-12-07T08:00:00Z"));
  const auto sent = f.fake.api_requests().size();

  // Neither this account nor another of the same project calls the API again today.
  Error again = Refused(f.TryPoll({}));
  CHECK(again.kind == ErrorKind::kRateLimited);
  CHECK(again.retry_at == At("2024-12-07T08:00:00Z"));
  auto act = f.Act(ActionKind::kHide, kComment);
  REQUIRE_FALSE(act);
  CHECK(act.error().kind == ErrorKind::kRateLimited);
  auto sibling = f.Make();
  auto other_account = sibling->Poll(AccountFor(f.fake, "oakfield-youtube-2"), {});
  REQUIRE_FALSE(other_account);
  CHECK(other_account.error().kind == ErrorKind::kRateLimited);
  CHECK(f.fake.api_requests().size() == sent);

  // Another Google project is not affected.
  YoutubeFixture g;
  CHECK(g.TryPoll({}));

  // After the reset the project polls again.
  f.now = At("2024-12-07T08:00:00Z");
  CHECK(f.TryPoll({}));
}

TEST_CASE("youtube quota: one daily allowance shared by the accounts of one project") {
  YoutubeFixture f;
  f.fake.LoadThreads("commentThreads_page2_last.json");
  // 60 units: polls keep 6 back for actions.
  config::Account a = f.account;
  config::Account b = AccountFor(f.fake, "st-bees-youtube");
  a.settings["daily_quota"] = "60";
  b.settings["daily_quota"] = "60";
  auto connector_b = f.Make();  // the daemon makes one connector per account

  Action hide;
  hide.kind = ActionKind::kHide;
  hide.comment_id = kComment;
  hide.idempotency_key = "k1";
  REQUIRE(f.connector->Act(a, hide));  // 50
  auto pa = f.connector->Poll(a, {});  // 2: channel and held listings
  REQUIRE(pa);
  CHECK(pa->rate_limit.remaining == 8);
  CHECK(pa->rate_limit.reset_at == At("2024-12-07T08:00:00Z"));
  auto pb = connector_b->Poll(b, {});  // 2
  REQUIRE(pb);
  CHECK(pb->rate_limit.remaining == 6);
  CHECK(f.fake.units_used() == 54);

  // Another poll would eat into the reserve: refused without a request.
  f.now += std::chrono::minutes(5);
  auto refused = f.connector->Poll(a, pa->next_cursor);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().kind == ErrorKind::kRateLimited);
  CHECK(refused.error().retry_at == At("2024-12-07T08:00:00Z"));
  CHECK(refused.error().message.find("quota") != std::string::npos);
  auto refused_b = connector_b->Poll(b, pb->next_cursor);
  REQUIRE_FALSE(refused_b);
  // An action costs 50, more than is left.
  auto act = connector_b->Act(b, hide);
  REQUIRE_FALSE(act);
  CHECK(act.error().kind == ErrorKind::kRateLimited);
  CHECK(f.fake.units_used() == 54);

  // A school on another Google project still has its own quota.
  YoutubeFixture other;
  other.account.settings["daily_quota"] = "60";
  CHECK(other.TryPoll({}));
}

TEST_CASE("youtube quota: the reset is midnight in Los Angeles, across daylight saving") {
  struct Case {
    const char* now;
    const char* reset;
  };
  const Case cases[] = {
      {"2024-12-06T09:00:00Z", "2024-12-07T08:00:00Z"},  // 01:00 PST
      {"2024-12-06T07:59:59Z", "2024-12-06T08:00:00Z"},  // 23:59:59 PST the day before
      {"2024-07-01T12:00:00Z", "2024-07-02T07:00:00Z"},  // 05:00 PDT
      {"2024-03-10T07:30:00Z", "2024-03-10T08:00:00Z"},  // 23:30 PST, the night clocks go forward
      {"2024-03-10T12:00:00Z", "2024-03-11T07:00:00Z"},  // 05:00 PDT that day
      {"2024-11-03T12:00:00Z", "2024-11-04T08:00:00Z"},  // the day clocks go back
  };
  for (const Case& c : cases) {
    CAPTURE(c.now);
    YoutubeFixture f;
    f.now = At(c.now);
    f.fake.FailNext("commentThreads.list", QuotaExceeded());
    Error e = Refused(f.TryPoll({}));
    CHECK(e.kind == ErrorKind::kRateLimited);
    CHECK(e.retry_at == At(c.reset));
  }
}

TEST_CASE("youtube quota: the ledger's own count stops polls at the limit and restarts them") {
  YoutubeFixture f;
  f.account.settings["daily_quota"] = "3";  // no reserve below 10 units
  f.now = At("2024-07-01T12:00:00Z");
  Cursor cursor;
  (void)f.Poll(cursor);  // 2 units
  f.now += std::chrono::minutes(5);
  PollResult last = f.Poll(cursor);  // 1 unit
  CHECK(last.rate_limit.remaining == 0);
  f.now += std::chrono::minutes(5);
  Error e = Refused(f.TryPoll(cursor));
  CHECK(e.kind == ErrorKind::kRateLimited);
  CHECK(e.retry_at == At("2024-07-02T07:00:00Z"));
  CHECK(f.fake.units_used() == 3);

  f.now = At("2024-07-02T06:59:59Z");
  CHECK_FALSE(f.TryPoll(cursor));
  f.now = At("2024-07-02T07:00:00Z");
  CHECK(f.TryPoll(cursor));
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
