#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schoolmod/time.h"

// The config model: plain structs filled and validated by Load() (loader.h). Only config/ reads
// the TOML file; every other library takes these structs (or its own Options filled from them).
// The keys and their meaning are the contract in DESIGN.md "Config contract".
namespace schoolmod::config {

// A secret read from $CREDENTIALS_DIRECTORY/<name> or a 0600 file. Never logged, never stored.
struct Secret {
  std::string value;
  std::string source;  // where it came from, for messages: "credential smtp-password" or a path
};

struct DaemonSettings {
  std::string database = "/var/lib/schoolmod/schoolmod.db";
  std::string listen = "127.0.0.1:8440";  // host:port of the admin UI and API
  std::string public_url;                 // base of links in emails; empty: http://<listen>
};

enum class MailTransport { kSmtp, kFile };
enum class StartTls { kRequired, kOpportunistic, kNone };

struct MailSettings {
  MailTransport transport = MailTransport::kFile;
  std::string url;  // smtp://host:port or smtps://host:port
  StartTls starttls = StartTls::kRequired;
  std::string username;
  std::optional<Secret> password;
  std::string from;       // RFC 5322 mailbox: "Name <addr>" or "addr"
  std::string directory;  // transport kFile: one .eml file per message
  Seconds connect_timeout{30};
  Seconds timeout{120};
  int max_attempts = 12;  // then the message is marked failed and /healthz says so
  // The longest wait before the first retry of a failed message; each later retry may wait twice
  // as long, up to an hour. Short values suit tests, not a relay that is down for maintenance.
  Seconds first_retry{60};
};

enum class SlaMode { kSchoolPolicy, kCalendar };

struct SlaSettings {
  SlaMode mode = SlaMode::kSchoolPolicy;
  int response_hours = 24;
  // Positive: after receipt; negative: before the deadline ("-2h").
  std::vector<Seconds> reminders{std::chrono::hours(12), std::chrono::hours(-2)};
  Seconds repeat_breach_every{std::chrono::hours(24)};
};

// A school's own word-list entry ([[moderation.extra_terms]]).
struct CustomTerm {
  std::string term;
  std::string category;  // one of the classifier's category names ("insult", "hate", ...)
  int severity = 2;      // 1 (mild) .. 4 (severe)
  bool stem = false;     // true: also matches words that start with the term
};

struct ModerationSettings {
  bool auto_hide = true;          // hide verdict "remove" at once (reversible), then queue it
  bool explain_removals = false;  // post the public explanation reply after a removal
  std::vector<CustomTerm> extra_terms;      // flagged in addition to the built-in lexicon
  std::vector<std::string> allow_terms;     // words never flagged (local place and family names)
  std::vector<std::string> disabled_terms;  // built-in lexicon terms this school does not flag
};

struct Administrator {
  std::string name;
  std::string email;
};

enum class BankHolidays { kEnglandAndWales, kScotland, kNorthernIreland, kNone };

// A closed range of local dates; a single date has first == last.
struct DateRange {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
};

// Minutes after local midnight; start < end.
struct WorkingHours {
  std::chrono::minutes start{8 * 60};
  std::chrono::minutes end{17 * 60};
};

struct Account {
  std::string id;
  std::string school_id;
  std::string platform;  // a connector's stable id: "facebook", "replay", ...
  Seconds poll_interval{std::chrono::minutes(5)};
  std::string api_base_url;  // empty: the platform's real endpoint
  std::string api_version;   // empty: the connector's default
  // The platform's own keys (page_id, path, actions_log...), as declared in platform_keys.h.
  std::map<std::string, std::string> settings;
  // Secrets by key stem: "token" for token_credential / token_file.
  std::map<std::string, Secret> secrets;
  std::vector<Administrator> administrators;

  // The platform key's value, or "" when absent.
  const std::string& setting(const std::string& key) const;
  const Secret* secret(const std::string& stem) const;
};

struct School {
  std::string id;
  std::string name;
  std::string timezone = "Europe/London";
  std::array<bool, 7> working_days{false, true, true, true, true, true, false};  // [0] = Sunday
  WorkingHours working_hours;
  BankHolidays bank_holidays = BankHolidays::kEnglandAndWales;
  std::vector<DateRange> holidays;
  std::string holidays_ical;  // path of an iCalendar file of closures; empty: none
  std::vector<std::chrono::year_month_day> extra_bank_holidays;
  std::vector<std::string> escalation;    // headteacher / senior leaders
  std::vector<std::string> safeguarding;  // Designated Safeguarding Lead(s)
  std::string contact;                    // enquiries email and phone, for reply templates
  std::vector<Account> accounts;
};

struct Config {
  std::string path;  // the file it was loaded from
  DaemonSettings daemon;
  MailSettings mail;
  SlaSettings sla;
  ModerationSettings moderation;
  std::vector<School> schools;

  const School* FindSchool(std::string_view id) const;
  // The account and the school that owns it, or nulls.
  std::pair<const School*, const Account*> FindAccount(std::string_view id) const;
};

}  // namespace schoolmod::config
