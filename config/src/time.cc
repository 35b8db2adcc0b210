#include "schoolmod/time.h"

#include <charconv>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

namespace schoolmod {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// Reads exactly `width` digits at `pos`.
bool ReadDigits(std::string_view s, std::size_t& pos, int width, int& out) {
  if (pos + width > s.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += width;
  out = value;
  return true;
}

bool Expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

TimePoint Now() {
  return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
}

std::optional<Seconds> ParseDuration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return std::nullopt;
  std::int64_t total = 0;
  while (!text.empty()) {
    // from_chars would accept a sign here: "--5m" and "1h-30m" are not durations.
    if (text.front() < '0' || text.front() > '9') return std::nullopt;
    std::int64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (ec != std::errc() || end == text.data() || end == text.data() + text.size()) {
      return std::nullopt;
    }
    std::int64_t unit = 0;
    switch (*end) {
      case 's': unit = 1; break;
      case 'm': unit = 60; break;
      case 'h': unit = 3600; break;
      case 'd': unit = 86400; break;
      case 'w': unit = 7 * 86400; break;
      default: return std::nullopt;
    }
    // Ten years is far beyond any meaningful interval and keeps arithmetic away from overflow.
    constexpr std::int64_t kMax = 10LL * 366 * 86400;
    if (amount > kMax / unit || total + amount * unit > kMax) return std::nullopt;
    total += amount * unit;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()) + 1);
  }
  return Seconds{negative ? -total : total};
}

std::string FormatDuration(Seconds d) {
  std::int64_t s = d.count();
  std::string out;
  if (s < 0) {
    out += '-';
    s = -s;
  }
  if (s == 0) return "0s";
  const std::pair<std::int64_t, char> units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  for (auto [size, name] : units) {
    if (s >= size) {
      out += fmt::format("{}{}", s / size, name);
      s %= size;
    }
  }
  return out;
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  std::size_t pos = 0;
  int y, mo, d, h, mi, sec;
  if (!ReadDigits(s, pos, 4, y) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, mo) ||
      !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, d)) {
    return std::nullopt;
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) return std::nullopt;
  ++pos;
  if (!ReadDigits(s, pos, 2, h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, mi) ||
      !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, sec)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int offset_minutes = 0;
  if (pos >= s.size()) return std::nullopt;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh, om;
    if (!ReadDigits(s, pos, 2, oh)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') ++pos;
    if (!ReadDigits(s, pos, 2, om)) return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(mo)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  auto local = std::chrono::sys_days{ymd} + hours{h} + minutes{mi} + Seconds{std::min(sec, 59)};
  return TimePoint{local - minutes{offset_minutes}};
}

namespace {
std::string FormatWithZone(TimePoint t, Seconds utc_offset, bool numeric_zone) {
  auto local = t + utc_offset;
  auto day = std::chrono::floor<days>(local);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<Seconds> tod{local - day};
  std::string zone = "Z";
  if (numeric_zone) {
    std::int64_t off = utc_offset.count();
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    zone = fmt::format("{}{:02}:{:02}", sign, off / 3600, (off % 3600) / 60);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}", int(ymd.year()),
                     unsigned(ymd.month()), unsigned(ymd.day()), tod.hours().count(),
                     tod.minutes().count(), tod.seconds().count(), zone);
}

}  // namespace

std::string FormatRfc3339(TimePoint t, Seconds utc_offset) {
  return FormatWithZone(t, utc_offset, true);
}

std::string FormatRfc3339Utc(TimePoint t) { return FormatWithZone(t, Seconds{0}, false); }

}  // namespace schoolmod
