#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/config/config.h"

// Pure checks of single config values. Each returns an empty string when the value is fine, or
// the reason it is not, phrased to follow the key in a diagnostic ("school[0].id: <reason>").
namespace schoolmod::config::internal {

// An id that ends up in URLs, database rows and log lines: "casterton-facebook".
std::string CheckId(std::string_view id);

// A bare address "name@example.sch.uk". Deliberately stricter than RFC 5321 (no quoted local
// parts, no IP literals): these are staff addresses we send alerts to, and a typo should fail here
// rather than bounce at 2 a.m.
bool IsEmailAddress(std::string_view text);
std::string CheckEmail(std::string_view text);
// An RFC 5322 mailbox as used in From: "Name <addr>" or "addr". The name may not carry CR/LF
// (header injection) or angle brackets.
std::string CheckMailbox(std::string_view text);

// "host:port" or "[v6]:port" with port 1..65535.
std::string CheckListen(std::string_view text);
// An http:// or https:// URL with a host.
std::string CheckHttpUrl(std::string_view text);
// smtp://host[:port] or smtps://host[:port].
std::string CheckSmtpUrl(std::string_view text);

// "2026-12-19". nullopt when malformed or not a calendar date.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
// "2026-12-19..2027-01-03" or a single date; `reason` says what is wrong when it returns nullopt.
std::optional<DateRange> ParseDateRange(std::string_view text, std::string& reason);
// "08:00-17:00"; the end may be "24:00". `reason` says what is wrong when it returns nullopt.
std::optional<WorkingHours> ParseWorkingHours(std::string_view text, std::string& reason);
// "mon".."sun" to 0 (Sunday) .. 6, as std::chrono::weekday counts.
std::optional<unsigned> ParseWeekday(std::string_view text);

// The time zone is in the system's tz database (date/tz with USE_OS_TZDB).
bool IsKnownTimeZone(const std::string& name);

// True when the text has control characters (CR, LF, NUL...), which never belong in one-line
// values that end up in email headers or logs.
bool HasControlCharacters(std::string_view text);

}  // namespace schoolmod::config::internal
