#include "schoolmod/moderation/ical.h"

#include <cctype>
#include <chrono>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace schoolmod::moderation {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// One unfolded content line: "NAME;PARAM=VALUE:value", starting on physical line `line`.
struct LogicalLine {
  int line = 0;
  std::string text;
};

std::vector<LogicalLine> Unfold(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 byte order mark
  std::vector<LogicalLine> out;
  int number = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view raw = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    // RFC 5545 3.1: a line starting with a space or tab continues the previous one.
    if (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t') && !out.empty()) {
      out.back().text.append(raw.substr(1));
      continue;
    }
    if (raw.empty()) continue;  // not allowed by the RFC, but harmless
    out.push_back({number, std::string(raw)});
  }
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct Property {
  std::string name;                                         // upper case
  std::vector<std::pair<std::string, std::string>> params;  // names upper case
  std::string value;

  std::string Param(std::string_view key) const {
    for (const auto& [k, v] : params) {
      if (k == key) return v;
    }
    return {};
  }
};

// Splits a content line. Parameter values may be quoted and then contain ':' and ';'.
std::optional<Property> ParseProperty(std::string_view s) {
  Property p;
  std::size_t pos = s.find_first_of(";:");
  if (pos == std::string_view::npos || pos == 0) return std::nullopt;
  p.name = Upper(s.substr(0, pos));
  while (s[pos] == ';') {
    const std::size_t eq = s.find('=', pos + 1);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key = Upper(s.substr(pos + 1, eq - pos - 1));
    std::string value;
    std::size_t i = eq + 1;
    bool quoted = false;
    for (; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ';' || c == ':' || c == ',')) {
        if (c != ',') break;
        value += c;  // multi-valued parameter; we only compare whole values
      } else {
        value += c;
      }
    }
    if (i >= s.size()) return std::nullopt;  // no ':' before the value
    p.params.emplace_back(std::move(key), std::move(value));
    pos = i;
  }
  p.value = std::string(s.substr(pos + 1));
  return p;
}

// TEXT values escape ',', ';', '\' and newlines (RFC 5545 3.3.11). For warnings only.
std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;
      out += (s[i] == 'n' || s[i] == 'N') ? ' ' : s[i];
    } else {
      out += s[i];
    }
  }
  constexpr std::size_t kMaxShown = 80;
  if (out.size() > kMaxShown) out = out.substr(0, kMaxShown) + "...";
  return out;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

std::optional<year_month_day> ParseDate(std::string_view s) {
  if (s.size() != 8 || !IsDigits(s)) return std::nullopt;
  auto num = [s](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  year_month_day d{std::chrono::year{num(0, 4)}, std::chrono::month{unsigned(num(4, 2))},
                   std::chrono::day{unsigned(num(6, 2))}};
  if (!d.ok()) return std::nullopt;
  return d;
}

// An all-day value: VALUE=DATE, or no VALUE parameter and eight digits (some exporters omit it).
bool IsDateValue(const Property& p) {
  const std::string value_type = Upper(p.Param("VALUE"));
  if (value_type == "DATE") return true;
  return value_type.empty() && p.value.size() == 8 && IsDigits(p.value);
}

// "P3D", "P2W", "+P1D": the only durations that make sense for whole-day closures.
std::optional<int> ParseDayDuration(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.size() < 3 || s.front() != 'P') return std::nullopt;
  const char unit = s.back();
  const std::string_view digits = s.substr(1, s.size() - 2);
  if ((unit != 'D' && unit != 'W') || !IsDigits(digits) || digits.size() > 5) {
    return std::nullopt;
  }
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return unit == 'W' ? n * 7 : n;
}

struct Event {
  int line = 0;  // of BEGIN:VEVENT
  std::optional<Property> dtstart;
  std::optional<Property> dtend;
  std::optional<Property> duration;
  bool recurring = false;
  bool cancelled = false;
  std::string summary;
};

Error Invalid(int line, const std::string& what) {
  return Error::InvalidInput(fmt::format("holidays_ical line {}: {}", line, what));
}

// Adds the event's closure or a warning; fails on a malformed all-day event.
Result<void> Finish(const Event& e, IcalClosures& out) {
  const std::string name = e.summary.empty() ? "(no summary)" : "'" + e.summary + "'";
  if (!e.dtstart) return Invalid(e.line, fmt::format("event {} has no DTSTART", name));
  if (e.cancelled) {
    out.warnings.push_back(fmt::format("line {}: cancelled event {} ignored", e.line, name));
    return Ok();
  }
  if (!IsDateValue(*e.dtstart)) {
    out.warnings.push_back(fmt::format("line {}: timed event {} ignored", e.line, name));
    return Ok();
  }
  const auto first = ParseDate(e.dtstart->value);
  if (!first) {
    return Invalid(e.line, fmt::format("event {}: DTSTART '{}' is not a date (YYYYMMDD)", name,
                                       e.dtstart->value));
  }
  if (e.recurring) {
    out.warnings.push_back(fmt::format(
        "line {}: recurring event {} ignored: list each closure as its own event", e.line, name));
    return Ok();
  }
  sys_days last{*first};
  if (e.dtend) {
    const auto end = IsDateValue(*e.dtend) ? ParseDate(e.dtend->value) : std::nullopt;
    if (!end) {
      return Invalid(e.line, fmt::format("event {}: DTEND '{}' is not a date (YYYYMMDD)", name,
                                         e.dtend->value));
    }
    if (sys_days{*end} < sys_days{*first}) {
      return Invalid(e.line, fmt::format("event {} ends before it starts", name));
    }
    // DTEND is exclusive for all-day events; equal to DTSTART is read as that one day.
    if (sys_days{*end} > sys_days{*first}) last = sys_days{*end} - days{1};
  } else if (e.duration) {
    const auto n = ParseDayDuration(e.duration->value);
    if (!n) {
      return Invalid(e.line, fmt::format("event {}: DURATION '{}' is not whole days or weeks",
                                         name, e.duration->value));
    }
    if (*n > 1) last = sys_days{*first} + days{*n - 1};
  }
  out.closures.push_back({*first, year_month_day{last}});
  return Ok();
}

}  // namespace

Result<IcalClosures> ParseIcalClosures(std::string_view text) {
  const auto lines = Unfold(text);
  if (lines.empty()) return Invalid(1, "empty file, expected BEGIN:VCALENDAR");

  IcalClosures out;
  // Open components, innermost last, with the line each began on.
  std::vector<std::pair<std::string, int>> stack;
  std::optional<Event> event;
  for (const auto& [line, content] : lines) {
    const auto property = ParseProperty(content);
    if (!property) return Invalid(line, "malformed content line");
    const Property& p = *property;
    if (stack.empty() && !(p.name == "BEGIN" && Upper(p.value) == "VCALENDAR")) {
      return Invalid(line, "expected BEGIN:VCALENDAR");
    }
    if (p.name == "BEGIN") {
      std::string component = Upper(p.value);
      if (component == "VEVENT" && stack.back().first == "VCALENDAR") {
        event = Event{};
        event->line = line;
      }
      stack.emplace_back(std::move(component), line);
      continue;
    }
    if (p.name == "END") {
      const std::string component = Upper(p.value);
      if (component != stack.back().first) {
        return Invalid(line, fmt::format("END:{} does not close BEGIN:{} of line {}", component,
                                         stack.back().first, stack.back().second));
      }
      stack.pop_back();
      if (component == "VEVENT" && event) {
        if (auto done = Finish(*event, out); !done) return done.error();
        event.reset();
      }
      continue;
    }
    // Only the event's own properties: a VALARM or VTIMEZONE inside has DTSTART/DURATION too.
    if (!event || stack.back().first != "VEVENT") continue;
    if (p.name == "DTSTART") {
      event->dtstart = p;
    } else if (p.name == "DTEND") {
      event->dtend = p;
    } else if (p.name == "DURATION") {
      event->duration = p;
    } else if (p.name == "RRULE" || p.name == "RDATE") {
      event->recurring = true;
    } else if (p.name == "STATUS") {
      event->cancelled = Upper(p.value) == "CANCELLED";
    } else if (p.name == "SUMMARY") {
      event->summary = Unescape(p.value);
    }
  }
  if (!stack.empty()) {
    return Invalid(stack.back().second,
                   fmt::format("BEGIN:{} is never closed", stack.back().first));
  }
  return out;
}

}  // namespace schoolmod::moderation
