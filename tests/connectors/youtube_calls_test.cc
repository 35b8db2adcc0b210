#include <cstdio>
#include <string>

#include "youtube_fixture.h"

// How many Data API requests and quota units polling costs: the figures in BENCHMARKS.md
// ("YouTube connector"). Counted by the fake server, so they are exact, not timed.
namespace schoolmod::connectors::youtube_test {
namespace {

// A school channel: 50 videos over the last 25 days, four comment threads each, some answered.
void FiftyVideos(FakeYoutubeServer& fake) {
  const TimePoint start = At("2024-11-11T00:00:00Z");
  for (int v = 0; v < 50; ++v) {
    char video[16];
    std::snprintf(video, sizeof video, "vid%08d", v);
    for (int t = 0; t < 4; ++t) {
      char id[40];
      std::snprintf(id, sizeof id, "Ugx%02d%02dThread00000AaABAg", v, t);
      const TimePoint published = start + std::chrono::days(v / 2) +
                                  std::chrono::hours(8 + t * 3) + std::chrono::minutes(v);
      FakeYoutubeComment top = Top(id, video, FormatRfc3339Utc(published));
      fake.Add(top);
      for (int r = 0; r < (v + t) % 4; ++r) {
        const TimePoint when = published + std::chrono::hours(1) + std::chrono::minutes(r);
        fake.Add(ReplyTo(top, "R" + std::to_string(r), FormatRfc3339Utc(when),
                         r == 0 ? "UC7xOakfieldPrimary2024a" : "UCparentChannel000000003"));
      }
    }
  }
}

TEST_CASE("youtube calls per poll: a channel with 50 videos and no new comments") {
  YoutubeFixture f;
  FiftyVideos(f.fake);
  Cursor cursor;
  auto requests = [&] { return static_cast<int>(f.fake.api_requests().size()); };

  // First poll: the 30-day window (200 threads: two pages of 100) and the held listing.
  PollResult first = f.Poll(cursor);
  const int first_requests = requests();
  CHECK(first.comments.size() == 200 + 300);
  CHECK(first_requests == 3);
  CHECK(f.fake.units_used() == 3);

  // A normal poll with nothing new: one request, one unit.
  f.now += std::chrono::minutes(5);
  f.fake.ClearRequests();
  PollResult quiet = f.Poll(cursor);
  const int quiet_requests = requests();
  CHECK(quiet.comments.empty());
  CHECK(quiet_requests == 1);
  CHECK(quiet.api_calls == 1);
  CHECK(f.fake.units_used() == 1);
  CHECK(cursor.value.size() < 200 * 64);  // about 55 bytes a thread

  // An hour after the first poll the held-for-review listing is due as well.
  const TimePoint start = At("2024-12-06T09:00:00Z");
  f.now = start + std::chrono::hours(1);
  f.fake.ClearRequests();
  CHECK(f.Poll(cursor).comments.empty());
  const int hourly_requests = requests();
  CHECK(hourly_requests == 2);

  // Six hours after it, the re-scan reads the whole window: two pages and the held listing.
  f.now = start + std::chrono::hours(6);
  f.fake.ClearRequests();
  CHECK(f.Poll(cursor).comments.empty());
  const int rescan_requests = requests();
  CHECK(rescan_requests == 3);

  WARN("youtube calls per poll, 50 videos, nothing new: " << quiet_requests
       << " (hourly, with the held listing: " << hourly_requests
       << "; six-hourly re-scan: " << rescan_requests << "; first poll: " << first_requests
       << "); one quota unit each");
}

// A simulated day of polling with nothing new, at two poll intervals: every hour the held
// listing (+1 unit) and every six hours the re-scan of the window (+1 page here). Hidden ([.]):
// a few hundred polls of 100-thread pages take half a minute in a debug build; run it by name
// (BENCHMARKS.md).
TEST_CASE("youtube calls per day: 50 videos, no new comments", "[.][benchmark][youtube]") {
  for (int minutes_per_poll : {5, 15}) {
    CAPTURE(minutes_per_poll);
    YoutubeFixture day;
    FiftyVideos(day.fake);
    Cursor c;
    int polls = 0;
    for (int minute = 0; minute < 24 * 60; minute += minutes_per_poll, ++polls) {
      day.now = At("2024-12-06T09:00:00Z") + std::chrono::minutes(minute);
      PollResult r = day.Poll(c);
      if (minute > 0) CHECK(r.comments.empty());
    }
    const int units = day.fake.units_used();
    const int api_requests = static_cast<int>(day.fake.api_requests().size());
    const int token_refreshes = static_cast<int>(day.fake.token_requests().size());
    CHECK(api_requests == units);  // reads only: one unit each
    WARN("youtube polls every " << minutes_per_poll << " min for a day, nothing new: " << polls
                                << " polls, " << units << " quota units, " << token_refreshes
                                << " token refreshes");
    if (minutes_per_poll == 5) {
      CHECK(polls == 288);
      CHECK(units == 288 + 24 + 4);
      CHECK(token_refreshes == 27);
    } else {
      CHECK(polls == 96);
      CHECK(units == 96 + 24 + 4);
      CHECK(token_refreshes == 24);
    }
  }
}

}  // namespace
}  // namespace schoolmod::connectors::youtube_test
