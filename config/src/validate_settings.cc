// [daemon], [mail], [sla] and [moderation].
#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "checks.h"
#include "validate.h"

namespace schoolmod::config::internal {
namespace {

// The classifier's category names (moderation/include/schoolmod/moderation/verdict.h). Repeated
// here because config/ sits below moderation/ and may not include it.
constexpr std::string_view kCategories[] = {
    "profanity",     "insult",       "harassment", "hate",      "threat", "sexual", "spam",
    "personal_data", "safeguarding", "defamation", "complaint", "query",  "praise", "neutral",
};

// Generous but finite: a response window of more than a week is not a response policy.
constexpr std::int64_t kMaxResponseHours = 7 * 24;
constexpr std::int64_t kMaxMailAttempts = 100;

void ReadTermList(TableReader& reader, std::string_view key, std::vector<std::string>& out) {
  auto terms = reader.StringArray(key);
  if (!terms) return;
  out.clear();
  for (std::size_t i = 0; i < terms->size(); ++i) {
    const auto& [term, node] = (*terms)[i];
    if (term.find_first_not_of(" \t") == std::string::npos || HasControlCharacters(term)) {
      reader.diags().Add(PlaceOf(*node), fmt::format("{}[{}]", reader.KeyPath(key), i),
                         "must be a word or phrase, not blank");
      continue;
    }
    out.push_back(term);
  }
}

void ReadExtraTerm(const toml::table& table, const std::string& path, CustomTerm& term,
                   Diagnostics& diags) {
  TableReader reader(table, path, diags);
  if (auto text = reader.String("term", true)) {
    if (text->find_first_not_of(" \t") == std::string::npos || HasControlCharacters(*text)) {
      reader.Error("term", "must be a word or phrase, not blank");
    }
    term.term = *text;
  }
  if (auto category = reader.String("category", true)) {
    bool known = std::find(std::begin(kCategories), std::end(kCategories), *category) !=
                 std::end(kCategories);
    if (!known) {
      std::string names;
      for (auto name : kCategories) names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
      reader.Error("category",
                   fmt::format("\"{}\" is not a category (one of: {})", *category, names));
    }
    term.category = *category;
  }
  if (auto severity = reader.Integer("severity")) {
    if (*severity < 1 || *severity > 4) {
      reader.Error("severity",
                   fmt::format("{} is out of range: 1 (mild) to 4 (severe)", *severity));
    } else {
      term.severity = static_cast<int>(*severity);
    }
  }
  if (auto stem = ReadEnum<bool>(reader, "match", {{"word", false}, {"stem", true}})) {
    term.stem = *stem;
  }
  reader.RejectUnknown();
}

}  // namespace

void ReadDaemon(const toml::table& table, DaemonSettings& daemon, Diagnostics& diags) {
  TableReader reader(table, "daemon", diags);
  if (auto database = reader.String("database")) {
    if (database->empty()) {
      reader.Error("database", "must name the SQLite database file");
    } else {
      daemon.database = *database;
    }
  }
  if (auto listen = reader.String("listen")) {
    std::string reason = CheckListen(*listen);
    if (reason.empty()) {
      daemon.listen = *listen;
    } else {
      reader.Error("listen", reason);
    }
  }
  if (auto url = reader.String("public_url")) {
    std::string reason = CheckHttpUrl(*url);
    if (reason.empty()) {
      daemon.public_url = *url;
    } else {
      reader.Error("public_url", reason);
    }
  }
  reader.RejectUnknown();
}

void ReadMail(const toml::table& table, MailSettings& mail, Diagnostics& diags,
              const SecretSource& secrets) {
  TableReader reader(table, "mail", diags);
  auto transport = ReadEnum<MailTransport>(
      reader, "transport", {{"smtp", MailTransport::kSmtp}, {"file", MailTransport::kFile}}, true);
  if (transport) mail.transport = *transport;

  auto url = reader.String("url");
  if (url) mail.url = *url;
  if (transport == MailTransport::kSmtp) {
    if (!url) {
      reader.Error("url",
                   "is required with transport = \"smtp\" (smtp://host:587 or "
                   "smtps://host:465)");
    } else if (std::string reason = CheckSmtpUrl(*url); !reason.empty()) {
      reader.Error("url", reason);
    }
  }

  if (auto starttls = ReadEnum<StartTls>(reader, "starttls",
                                         {{"required", StartTls::kRequired},
                                          {"opportunistic", StartTls::kOpportunistic},
                                          {"none", StartTls::kNone}})) {
    mail.starttls = *starttls;
  }

  if (auto username = reader.String("username")) {
    if (HasControlCharacters(*username)) {
      reader.Error("username", "must be one line without control characters");
    }
    mail.username = *username;
  }
  bool names_password = ReadSecretKeys(reader, "password", secrets, mail.password);
  if (names_password && !reader.Has("username") && !reader.Has("password")) {
    reader.Error(reader.Has("password_credential") ? "password_credential" : "password_file",
                 "a password needs mail.username to log in with");
  }

  if (auto from = reader.String("from", true)) {
    if (std::string reason = CheckMailbox(*from); !reason.empty()) {
      reader.Error("from", reason);
    }
    mail.from = *from;
  }

  auto directory = reader.String("directory");
  if (directory) mail.directory = *directory;
  if (transport == MailTransport::kFile && (!directory || directory->empty())) {
    reader.Error("directory",
                 "is required with transport = \"file\" (one .eml file per message goes there)");
  }

  if (auto timeout = reader.Duration("connect_timeout")) mail.connect_timeout = *timeout;
  if (auto timeout = reader.Duration("timeout")) mail.timeout = *timeout;
  if (auto retry = reader.Duration("first_retry")) mail.first_retry = *retry;
  if (auto attempts = reader.Integer("max_attempts")) {
    if (*attempts < 1 || *attempts > kMaxMailAttempts) {
      reader.Error("max_attempts",
                   fmt::format("{} is out of range: 1 to {}", *attempts, kMaxMailAttempts));
    } else {
      mail.max_attempts = static_cast<int>(*attempts);
    }
  }
  reader.RejectUnknown();
}

void ReadSla(const toml::table& table, SlaSettings& sla, Diagnostics& diags) {
  TableReader reader(table, "sla", diags);
  if (auto mode = ReadEnum<SlaMode>(
          reader, "mode",
          {{"school-policy", SlaMode::kSchoolPolicy}, {"calendar", SlaMode::kCalendar}})) {
    sla.mode = *mode;
  }
  bool window_known = true;
  if (auto hours = reader.Integer("response_hours")) {
    if (*hours < 1 || *hours > kMaxResponseHours) {
      reader.Error("response_hours",
                   fmt::format("{} is out of range: 1 to {} hours", *hours, kMaxResponseHours));
      window_known = false;
    } else {
      sla.response_hours = static_cast<int>(*hours);
    }
  } else if (reader.Has("response_hours")) {
    window_known = false;
  }

  if (const toml::array* reminders = reader.Array("reminders")) {
    sla.reminders.clear();
    const Seconds window = std::chrono::hours(sla.response_hours);
    std::set<Seconds::rep> seen;
    for (std::size_t i = 0; i < reminders->size(); ++i) {
      const toml::node& element = *reminders->get(i);
      std::string key = fmt::format("sla.reminders[{}]", i);
      auto at = ParseDurationAt(element, key, true, diags);
      if (!at) continue;
      const std::string text = element.value<std::string>().value_or("");  // as written
      // Checked against the nominal window: in school-policy mode the real one is often longer
      // (weekends), but a reminder must make sense for a comment received on a plain weekday.
      if (at->count() == 0) {
        diags.Add(PlaceOf(element), key,
                  "0s is the moment of receipt; use a positive delay after receipt or a negative "
                  "one before the deadline");
      } else if (window_known && at->count() < 0 && -*at > window) {
        diags.Add(
            PlaceOf(element), key,
            fmt::format("{} is before receipt (response_hours = {})", text, sla.response_hours));
      } else if (window_known && at->count() < 0 && -*at == window) {
        diags.Add(PlaceOf(element), key,
                  fmt::format("{} is the moment of receipt (response_hours = {})", text,
                              sla.response_hours));
      } else if (window_known && *at >= window) {
        diags.Add(PlaceOf(element), key,
                  fmt::format("{} is at or after the deadline (response_hours = {}); breaches "
                              "are alerted anyway, repeated by repeat_breach_every",
                              text, sla.response_hours));
      } else if (!seen.insert(at->count()).second) {
        diags.Add(PlaceOf(element), key, fmt::format("{} repeats an earlier reminder", text));
      } else {
        sla.reminders.push_back(*at);
      }
    }
  }
  if (auto every = reader.Duration("repeat_breach_every")) sla.repeat_breach_every = *every;
  reader.RejectUnknown();
}

void ReadModeration(const toml::table& table, ModerationSettings& moderation, Diagnostics& diags) {
  TableReader reader(table, "moderation", diags);
  if (auto value = reader.Boolean("auto_hide")) moderation.auto_hide = *value;
  if (auto value = reader.Boolean("explain_removals")) moderation.explain_removals = *value;
  if (const toml::array* terms = reader.Array("extra_terms")) {
    for (std::size_t i = 0; i < terms->size(); ++i) {
      const toml::node& element = *terms->get(i);
      std::string path = fmt::format("moderation.extra_terms[{}]", i);
      const toml::table* entry = element.as_table();
      if (entry == nullptr) {
        diags.Add(PlaceOf(element), path,
                  fmt::format("must be a table {{ term = \"...\", category = \"...\" }}, not {}",
                              TypeName(element)));
        continue;
      }
      CustomTerm term;
      ReadExtraTerm(*entry, path, term, diags);
      moderation.extra_terms.push_back(std::move(term));
    }
  }
  ReadTermList(reader, "allow_terms", moderation.allow_terms);
  ReadTermList(reader, "disabled_terms", moderation.disabled_terms);
  reader.RejectUnknown();
}

}  // namespace schoolmod::config::internal
