#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include "poller.h"
#include "scheduler.h"
#include "support/process.h"

using schoolmod::daemon::Scheduler;
using schoolmod::testing::WaitFor;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<spdlog::logger> NullLogger() {
  return std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

// Records how many runs of each key overlap.
struct Recorder {
  std::mutex mu;
  std::map<std::string, int> running;
  std::map<std::string, int> runs;
  std::map<std::string, int> max_overlap;

  std::optional<schoolmod::Seconds> Run(const std::string& key) {
    {
      std::lock_guard lock(mu);
      int now = ++running[key];
      max_overlap[key] = std::max(max_overlap[key], now);
    }
    std::this_thread::sleep_for(20ms);  // a poll takes time; others may be asked to start
    std::lock_guard lock(mu);
    --running[key];
    ++runs[key];
    return std::nullopt;
  }
  int Runs(const std::string& key) {
    std::lock_guard lock(mu);
    return runs[key];
  }
};

}  // namespace

TEST_CASE("scheduler: new keys run at once, and a key never runs twice at the same time",
          "[scheduler]") {
  Recorder rec;
  Scheduler::Options options;
  options.threads = 4;
  Scheduler scheduler(options, [&](const std::string& k) { return rec.Run(k); }, NullLogger());
  scheduler.SetJobs({{"a", schoolmod::Seconds{3600}}, {"b", schoolmod::Seconds{3600}}});
  REQUIRE(WaitFor([&] { return rec.Runs("a") == 1 && rec.Runs("b") == 1; }, 10s));
  // Kicking a key many times while it runs queues at most one more run, never a parallel one.
  for (int i = 0; i < 50; ++i) scheduler.Kick("a");
  REQUIRE(WaitFor([&] { return rec.Runs("a") >= 2; }, 10s));
  scheduler.Stop();
  std::lock_guard lock(rec.mu);
  CHECK(rec.max_overlap["a"] == 1);
  CHECK(rec.max_overlap["b"] == 1);
  CHECK(rec.runs["b"] == 1);  // an hour's interval: not run again
}

TEST_CASE("scheduler: a job's returned delay replaces the interval, and removed keys stop",
          "[scheduler]") {
  std::atomic<int> runs{0};
  Scheduler::Options options;
  options.jitter = 0;
  Scheduler scheduler(options,
                      [&](const std::string&) -> std::optional<schoolmod::Seconds> {
                        ++runs;
                        return schoolmod::Seconds{0};  // "run again straight away"
                      },
                      NullLogger());
  scheduler.SetJobs({{"a", schoolmod::Seconds{3600}}});
  REQUIRE(WaitFor([&] { return runs >= 5; }, 10s));
  scheduler.SetJobs({});
  int after = runs;
  // With no keys left, nothing runs: Stop returns at once and the count stays put (give or
  // take the one run in progress when the keys were removed).
  scheduler.Stop();
  CHECK(runs <= after + 1);
}

TEST_CASE("scheduler: a throwing job is logged and the scheduler carries on", "[scheduler]") {
  std::atomic<int> runs{0};
  Scheduler scheduler({}, [&](const std::string&) -> std::optional<schoolmod::Seconds> {
    if (++runs == 1) throw std::runtime_error("boom");
    return std::nullopt;
  }, NullLogger());
  scheduler.SetJobs({{"a", schoolmod::Seconds{3600}}});
  REQUIRE(WaitFor([&] { return runs >= 1; }, 10s));
  scheduler.Kick("a");
  REQUIRE(WaitFor([&] { return runs >= 2; }, 10s));
}

TEST_CASE("scheduler: a kick during a run runs the job again when it ends", "[scheduler]") {
  std::atomic<int> runs{0};
  std::atomic<bool> release{false};
  Scheduler scheduler({}, [&](const std::string&) -> std::optional<schoolmod::Seconds> {
    ++runs;
    while (runs == 1 && !release) std::this_thread::sleep_for(1ms);
    return std::nullopt;
  }, NullLogger());
  scheduler.SetJobs({{"a", schoolmod::Seconds{3600}}});
  REQUIRE(WaitFor([&] { return runs >= 1; }, 10s));
  scheduler.Kick("a");  // while the first run is still going
  release = true;
  REQUIRE(WaitFor([&] { return runs >= 2; }, 10s));
}

TEST_CASE("poll backoff doubles from the interval up to an hour", "[scheduler]") {
  using schoolmod::daemon::PollBackoff;
  CHECK(PollBackoff(schoolmod::Seconds{300}, 1) == schoolmod::Seconds{600});
  CHECK(PollBackoff(schoolmod::Seconds{300}, 3) == schoolmod::Seconds{2400});
  CHECK(PollBackoff(schoolmod::Seconds{300}, 30) == schoolmod::Seconds{3600});
  // An interval longer than the cap is never shortened by a failure.
  CHECK(PollBackoff(schoolmod::Seconds{7200}, 2) == schoolmod::Seconds{7200});
}

TEST_CASE("a platform's rate-limit report slows the account down", "[scheduler]") {
  using schoolmod::daemon::RateLimitDelay;
  const schoolmod::Seconds interval{300};
  const auto now = schoolmod::FromUnixSeconds(1'800'000'000);
  schoolmod::connectors::RateLimit limit;
  CHECK_FALSE(RateLimitDelay(limit, interval, now));
  limit.usage_percent = 50;
  CHECK_FALSE(RateLimitDelay(limit, interval, now));
  limit.usage_percent = 85;
  CHECK(RateLimitDelay(limit, interval, now) == interval * 2);
  limit.usage_percent = 99;
  CHECK(RateLimitDelay(limit, interval, now) == interval * 4);
  schoolmod::connectors::RateLimit exhausted;
  exhausted.remaining = 0;
  exhausted.reset_at = now + schoolmod::Seconds{1800};
  CHECK(RateLimitDelay(exhausted, interval, now) == schoolmod::Seconds{1800});
}
