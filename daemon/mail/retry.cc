#include "mail/retry.h"

#include <algorithm>

namespace schoolmod::mail {
namespace {

// A 32-bit integer hash (the "lowbias32" finaliser): neighbouring seeds and attempts land far
// apart, which a plain modulo of the row id would not give.
std::uint32_t Mix(std::uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

}  // namespace

Seconds RetryDelay(int attempt, std::uint32_t jitter_seed, Seconds first_ceiling) {
  attempt = std::max(attempt, 1);
  // 2^6 minutes already exceeds the cap; clamping the shift keeps large attempts from overflowing.
  const int doublings = std::min(attempt - 1, 6);
  const Seconds first = std::clamp(first_ceiling, Seconds{1}, kMaxRetryCeiling);
  const Seconds ceiling = std::min(kMaxRetryCeiling, first * (1 << doublings));
  const auto half = ceiling.count() / 2;
  const std::uint32_t r =
      Mix(jitter_seed ^ Mix(static_cast<std::uint32_t>(attempt) * 0x9E3779B9U));
  return Seconds{ceiling.count() - half + static_cast<Seconds::rep>(r % (half + 1))};
}

}  // namespace schoolmod::mail
