#include "checks.h"

#include <charconv>
#include <exception>
#include <initializer_list>

#include <date/tz.h>
#include <fmt/format.h>

namespace schoolmod::config::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsLower(c) || (c >= 'A' && c <= 'Z'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseNumber(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool IsHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = host.find('.', start);
    std::string_view label = host.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      if (!IsAlnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// host, host:port, [v6] or [v6]:port. An empty reason means fine.
std::string CheckHostPort(std::string_view authority, bool port_required) {
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return "has an IPv6 address without its closing ']'";
    host = authority.substr(1, close - 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return "has text after the IPv6 address that is not \":port\"";
      port = rest.substr(1);
      if (port.empty()) return "has an empty port";
    }
    if (host.empty()) return "has an empty IPv6 address";
    for (char c : host) {
      if (!IsDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' &&
          c != '.') {
        return fmt::format("has \"{}\", which is not an IPv6 address", host);
      }
    }
  } else {
    std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return "has an empty port";
    }
    if (host.empty()) return "has no host";
    if (!IsHostName(host)) return fmt::format("has \"{}\", which is not a host name", host);
  }
  if (port.empty()) return port_required ? "has no port (write host:port)" : "";
  int number = 0;
  if (!ParseNumber(port, number) || number < 1 || number > 65535) {
    return fmt::format("has port \"{}\"; a port is a number from 1 to 65535", port);
  }
  return "";
}

// scheme://authority[/path]; `path_allowed` false for SMTP, where a path means nothing.
std::string CheckUrl(std::string_view text, std::initializer_list<std::string_view> schemes,
                     bool path_allowed) {
  std::size_t sep = text.find("://");
  std::string_view scheme = sep == std::string_view::npos ? "" : text.substr(0, sep);
  bool scheme_ok = false;
  std::string names;
  for (std::string_view s : schemes) {
    scheme_ok = scheme_ok || scheme == s;
    names += names.empty() ? "" : " or ";
    names += fmt::format("{}://", s);
  }
  if (!scheme_ok) return fmt::format("\"{}\" must start with {}", text, names);
  std::string_view rest = text.substr(sep + 3);
  std::size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos && !path_allowed && rest.substr(slash) != "/") {
    return fmt::format("\"{}\" must be just {}host:port, without a path", text, names);
  }
  if (authority.find('@') != std::string_view::npos) {
    // A password in a URL would put a secret in the file and in every log line that shows it.
    return fmt::format("\"{}\" must not carry user information; use the separate keys", text);
  }
  std::string reason = CheckHostPort(authority, false);
  if (!reason.empty()) return fmt::format("\"{}\" {}", text, reason);
  return "";
}

}  // namespace

std::string CheckId(std::string_view id) {
  if (id.empty()) return "must not be empty";
  if (id.size() > 64) return "must be at most 64 characters";
  if (!IsLower(id.front()) && !IsDigit(id.front())) {
    return fmt::format("\"{}\" must start with a lowercase letter or a digit", id);
  }
  for (char c : id) {
    if (!IsLower(c) && !IsDigit(c) && c != '-' && c != '_' && c != '.') {
      return fmt::format(
          "\"{}\" may contain only lowercase letters, digits, '-', '_' and '.' (it is stored and "
          "shown in URLs)",
          id);
    }
  }
  return "";
}

bool IsEmailAddress(std::string_view text) {
  std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  std::string_view local = text.substr(0, at);
  std::string_view domain = text.substr(at + 1);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return false;
  }
  constexpr std::string_view kLocalPunctuation = "!#$%&'*+/=?^_`{|}~.-";
  for (char c : local) {
    if (!IsAlnum(c) && kLocalPunctuation.find(c) == std::string_view::npos) return false;
  }
  // A mail domain needs at least one dot: "head@localhost" is almost always a mistake here.
  return domain.find('.') != std::string_view::npos && IsHostName(domain);
}

std::string CheckEmail(std::string_view text) {
  if (IsEmailAddress(text)) return "";
  return fmt::format("\"{}\" is not an email address (write name@example.sch.uk)", text);
}

std::string CheckMailbox(std::string_view text) {
  if (HasControlCharacters(text)) return "must be one line without control characters";
  std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return "must not be empty";
  if (trimmed.back() != '>') {
    if (IsEmailAddress(trimmed)) return "";
    return fmt::format(
        "\"{}\" is not a mailbox (write \"Name <name@example.sch.uk>\" or name@example.sch.uk)",
        text);
  }
  std::size_t open = trimmed.rfind('<');
  if (open == std::string_view::npos) return fmt::format("\"{}\" has '>' without '<'", text);
  std::string_view name = Trim(trimmed.substr(0, open));
  std::string_view address = trimmed.substr(open + 1, trimmed.size() - open - 2);
  if (name.find_first_of("<>") != std::string_view::npos) {
    return fmt::format("\"{}\": the display name must not contain '<' or '>'", text);
  }
  if (!IsEmailAddress(address)) {
    return fmt::format("\"{}\": \"{}\" is not an email address", text, address);
  }
  return "";
}

std::string CheckListen(std::string_view text) {
  std::string reason = CheckHostPort(text, true);
  if (reason.empty()) return "";
  return fmt::format("\"{}\" {} (write host:port, such as \"127.0.0.1:8440\")", text, reason);
}

std::string CheckHttpUrl(std::string_view text) { return CheckUrl(text, {"http", "https"}, true); }

std::string CheckSmtpUrl(std::string_view text) { return CheckUrl(text, {"smtp", "smtps"}, false); }

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseNumber(text.substr(0, 4), y) ||
      !ParseNumber(text.substr(5, 2), m) || !ParseNumber(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                   std::chrono::day{unsigned(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::optional<DateRange> ParseDateRange(std::string_view text, std::string& reason) {
  std::size_t dots = text.find("..");
  std::string_view first_text = Trim(text.substr(0, dots));
  std::string_view last_text =
      dots == std::string_view::npos ? first_text : Trim(text.substr(dots + 2));
  auto first = ParseDate(first_text);
  auto last = ParseDate(last_text);
  if (!first || !last) {
    std::string_view bad = first ? last_text : first_text;
    constexpr std::string_view kHint =
        "(write \"2027-05-28\" or a range \"2026-12-19..2027-01-03\")";
    reason = dots == std::string_view::npos
                 ? fmt::format("\"{}\" is not a date {}", text, kHint)
                 : fmt::format("\"{}\": \"{}\" is not a date {}", text, bad, kHint);
    return std::nullopt;
  }
  auto length = std::chrono::sys_days{*last} - std::chrono::sys_days{*first};
  if (length.count() < 0) {
    reason = fmt::format("\"{}\" ends before it starts", text);
    return std::nullopt;
  }
  // A year typo ("2026-12-19..2027-01-03" written as "..2028-01-03") would silently stop every
  // deadline for a year: no closure is that long.
  if (length.count() >= 366) {
    reason = fmt::format("\"{}\" spans {} days; a closure is shorter than a year", text,
                         length.count() + 1);
    return std::nullopt;
  }
  return DateRange{*first, *last};
}

std::optional<WorkingHours> ParseWorkingHours(std::string_view text, std::string& reason) {
  auto clock = [](std::string_view t, bool is_end) -> std::optional<std::chrono::minutes> {
    int h = 0, m = 0;
    if (t.size() != 5 || t[2] != ':' || !ParseNumber(t.substr(0, 2), h) ||
        !ParseNumber(t.substr(3, 2), m) || m > 59) {
      return std::nullopt;
    }
    if (h > 23 && !(is_end && h == 24 && m == 0)) return std::nullopt;
    return std::chrono::minutes{h * 60 + m};
  };
  std::size_t dash = text.find('-');
  std::optional<std::chrono::minutes> start, end;
  if (dash != std::string_view::npos) {
    start = clock(Trim(text.substr(0, dash)), false);
    end = clock(Trim(text.substr(dash + 1)), true);
  }
  if (!start || !end) {
    reason = fmt::format("\"{}\" is not a time range (write \"08:00-17:00\")", text);
    return std::nullopt;
  }
  if (*end <= *start) {
    reason = fmt::format("\"{}\" ends before it starts", text);
    return std::nullopt;
  }
  return WorkingHours{*start, *end};
}

std::optional<unsigned> ParseWeekday(std::string_view text) {
  constexpr std::string_view kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (unsigned i = 0; i < 7; ++i) {
    if (text == kNames[i]) return i;
  }
  return std::nullopt;
}

bool IsKnownTimeZone(const std::string& name) {
  // date::locate_zone throws std::runtime_error for a name the tz database lacks (and when the
  // database itself cannot be read, which should equally stop the config from loading).
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

bool HasControlCharacters(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

}  // namespace schoolmod::config::internal
