#include <climits>
#include <cstdint>
#include <set>

#include <catch2/catch.hpp>

#include "mail/retry.h"

namespace schoolmod::mail {
namespace {

using std::chrono::seconds;

// The ceiling RetryDelay documents for each attempt.
seconds Ceiling(int attempt) {
  static constexpr int kCeilings[] = {60, 120, 240, 480, 960, 1920};
  return seconds{attempt >= 1 && attempt <= 6 ? kCeilings[attempt - 1] : 3600};
}

}  // namespace

TEST_CASE("mail RetryDelay grows exponentially within [ceiling/2, ceiling]", "[mail][retry]") {
  for (int attempt = 1; attempt <= 20; ++attempt) {
    for (std::uint32_t seed = 0; seed < 500; ++seed) {
      const seconds d = RetryDelay(attempt, seed * 2654435761U);
      INFO("attempt " << attempt << " seed " << seed << " delay " << d.count());
      REQUIRE(d >= Ceiling(attempt) / 2);
      REQUIRE(d <= Ceiling(attempt));
    }
  }
}

TEST_CASE("mail RetryDelay is capped at an hour for any attempt", "[mail][retry]") {
  for (int attempt : {7, 12, 31, 32, 63, 64, 1000, INT_MAX}) {
    for (std::uint32_t seed : {0U, 1U, 0xFFFFFFFFU, 12345U}) {
      const seconds d = RetryDelay(attempt, seed);
      CHECK(d >= seconds{1800});
      CHECK(d <= kMaxRetryCeiling);
    }
  }
}

TEST_CASE("mail RetryDelay treats attempts below 1 as the first", "[mail][retry]") {
  for (std::uint32_t seed : {0U, 7U, 99U}) {
    CHECK(RetryDelay(0, seed) == RetryDelay(1, seed));
    CHECK(RetryDelay(-5, seed) == RetryDelay(1, seed));
    CHECK(RetryDelay(INT_MIN, seed) == RetryDelay(1, seed));
  }
}

TEST_CASE("mail RetryDelay is reproducible per seed and spread across seeds", "[mail][retry]") {
  CHECK(RetryDelay(3, 42) == RetryDelay(3, 42));
  // Rows that failed together (consecutive outbox ids) must not retry in lockstep.
  std::set<seconds::rep> distinct;
  seconds::rep lowest = LLONG_MAX;
  seconds::rep highest = 0;
  for (std::uint32_t row_id = 1; row_id <= 200; ++row_id) {
    const auto d = RetryDelay(5, row_id).count();
    distinct.insert(d);
    lowest = std::min(lowest, d);
    highest = std::max(highest, d);
  }
  // 481 possible values in [480, 960]; 200 well-mixed draws hit far more than 100 of them and
  // reach both ends of the range.
  CHECK(distinct.size() > 100);
  CHECK(lowest < 530);
  CHECK(highest > 910);
  // The same row's delays differ between attempts too, beyond the doubling.
  std::set<seconds::rep> per_attempt;
  for (int attempt = 8; attempt <= 40; ++attempt) per_attempt.insert(RetryDelay(attempt, 7).count());
  CHECK(per_attempt.size() > 20);
}

}  // namespace schoolmod::mail

TEST_CASE("mail retry: a shorter first retry scales every later ceiling", "[mail][retry]") {
  using schoolmod::Seconds;
  for (std::uint32_t seed = 0; seed < 50; ++seed) {
    auto first = schoolmod::mail::RetryDelay(1, seed, Seconds{4});
    CHECK(first >= Seconds{2});
    CHECK(first <= Seconds{4});
    auto third = schoolmod::mail::RetryDelay(3, seed, Seconds{4});
    CHECK(third >= Seconds{8});
    CHECK(third <= Seconds{16});
    // The hour cap still holds however large the start.
    CHECK(schoolmod::mail::RetryDelay(9, seed, Seconds{7200}) <= Seconds{3600});
  }
}
