// [[school]] and [[school.account]].
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "checks.h"
#include "schoolmod/config/platform_keys.h"
#include "validate.h"

namespace schoolmod::config::internal {
namespace {

// Where each id was first defined, to point a duplicate at its twin.
using IdPlaces = std::map<std::string, Place, std::less<>>;

// Key names that hold a secret on some platform, or look like one. Written in the file they are
// refused with the secrets message rather than a bare "unknown key".
bool LooksLikeSecret(std::string_view key) {
  constexpr std::string_view kGeneric[] = {"password", "secret", "access_token", "api_key"};
  if (std::find(std::begin(kGeneric), std::end(kGeneric), key) != std::end(kGeneric)) return true;
  for (const auto& spec : Platforms()) {
    for (const auto& platform_key : spec.keys) {
      if (platform_key.kind == KeyKind::kSecret && platform_key.name == key) return true;
    }
  }
  return false;
}

std::string Lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void CheckDuplicateId(TableReader& reader, const std::string& id, std::string_view what,
                      IdPlaces& seen) {
  Place here = PlaceOf(*reader.table().get("id"));
  auto [it, inserted] = seen.emplace(id, here);
  if (!inserted) {
    reader.Error("id", fmt::format("duplicate {} id \"{}\" (first defined at line {})", what, id,
                                   it->second.line));
  }
}

// A one-line human-readable value (names, contact details).
std::optional<std::string> ReadText(TableReader& reader, std::string_view key, bool required) {
  auto text = reader.String(key, required);
  if (!text) return std::nullopt;
  if (text->find_first_not_of(" \t") == std::string::npos) {
    reader.Error(key, "must not be blank");
    return std::nullopt;
  }
  if (HasControlCharacters(*text)) {
    reader.Error(key, "must be one line without control characters");
    return std::nullopt;
  }
  return text;
}

std::vector<std::string> ReadEmailList(TableReader& reader, std::string_view key,
                                       std::string_view who) {
  std::vector<std::string> out;
  auto list = reader.StringArray(key, false);
  if (!reader.Has(key)) {
    reader.Error(key, fmt::format("is required: the email addresses of {}", who));
    return out;
  }
  if (!list) return out;
  if (list->empty()) {
    reader.Error(key, fmt::format("must list at least one address: {}", who));
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& [address, node] = (*list)[i];
    if (std::string reason = CheckEmail(address); !reason.empty()) {
      reader.diags().Add(PlaceOf(*node), fmt::format("{}[{}]", reader.KeyPath(key), i), reason);
    } else {
      out.push_back(address);
    }
  }
  return out;
}

// A date as a string ("2027-05-28") or a TOML local date (2027-05-28 unquoted).
std::optional<std::chrono::year_month_day> DateOf(const toml::node& node) {
  if (const auto* date = node.as_date()) {
    std::chrono::year_month_day ymd{std::chrono::year{date->get().year},
                                    std::chrono::month{date->get().month},
                                    std::chrono::day{date->get().day}};
    if (ymd.ok()) return ymd;
    return std::nullopt;
  }
  if (const auto* text = node.as_string()) return ParseDate(text->get());
  return std::nullopt;
}

void ReadHolidays(TableReader& reader, School& school) {
  const toml::array* holidays = reader.Array("holidays");
  if (holidays == nullptr) return;
  for (std::size_t i = 0; i < holidays->size(); ++i) {
    const toml::node& element = *holidays->get(i);
    std::string key = fmt::format("{}[{}]", reader.KeyPath("holidays"), i);
    if (const auto* date = element.as_date()) {
      if (auto day = DateOf(*date)) {
        school.holidays.push_back({*day, *day});
      } else {
        reader.diags().Add(PlaceOf(element), key, "is not a calendar date");
      }
    } else if (const auto* text = element.as_string()) {
      std::string reason;
      if (auto range = ParseDateRange(text->get(), reason)) {
        school.holidays.push_back(*range);
      } else {
        reader.diags().Add(PlaceOf(element), key, reason);
      }
    } else {
      reader.diags().Add(
          PlaceOf(element), key,
          fmt::format("must be a date or a range such as \"2026-12-19..2027-01-03\", "
                      "not {}",
                      TypeName(element)));
    }
  }
}

void ReadExtraBankHolidays(TableReader& reader, School& school) {
  const toml::array* days = reader.Array("extra_bank_holidays");
  if (days == nullptr) return;
  for (std::size_t i = 0; i < days->size(); ++i) {
    const toml::node& element = *days->get(i);
    if (auto day = DateOf(element)) {
      school.extra_bank_holidays.push_back(*day);
    } else {
      reader.diags().Add(
          PlaceOf(element), fmt::format("{}[{}]", reader.KeyPath("extra_bank_holidays"), i),
          element.is_string()
              ? fmt::format("\"{}\" is not a date (write \"2027-05-03\")",
                            *element.value<std::string>())
              : fmt::format("must be a date such as \"2027-05-03\", not {}", TypeName(element)));
    }
  }
}

void ReadWorkingDays(TableReader& reader, School& school) {
  auto days = reader.StringArray("working_days");
  if (!days) return;
  std::array<bool, 7> working{};
  bool ok = true;
  for (std::size_t i = 0; i < days->size(); ++i) {
    const auto& [name, node] = (*days)[i];
    std::string key = fmt::format("{}[{}]", reader.KeyPath("working_days"), i);
    auto day = ParseWeekday(name);
    if (!day) {
      reader.diags().Add(
          PlaceOf(*node), key,
          fmt::format("\"{}\" is not a day (mon, tue, wed, thu, fri, sat, sun)", name));
      ok = false;
    } else if (working[*day]) {
      reader.diags().Add(PlaceOf(*node), key, fmt::format("\"{}\" is listed twice", name));
      ok = false;
    } else {
      working[*day] = true;
    }
  }
  if (days->empty()) {
    reader.Error("working_days", "must name at least one day");
  } else if (ok) {
    school.working_days = working;
  }
}

void ReadAdministrators(TableReader& reader, Account& account) {
  const toml::array* list = reader.Array("administrators");
  if (list == nullptr) {
    if (!reader.Has("administrators")) {
      reader.Error("administrators",
                   "is required: at least two staff members should be named to run the account "
                   "(administrators = [{ name = \"...\", email = \"...\" }, ...])");
    }
    return;
  }
  std::set<std::string> emails;
  bool all_valid = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& element = *list->get(i);
    std::string path = fmt::format("{}[{}]", reader.KeyPath("administrators"), i);
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      reader.diags().Add(
          PlaceOf(element), path,
          fmt::format("must be a table {{ name = \"...\", email = \"...\" }}, not {}",
                      TypeName(element)));
      all_valid = false;
      continue;
    }
    TableReader admin(*table, path, reader.diags());
    Administrator person;
    auto name = ReadText(admin, "name", true);
    auto email = admin.String("email", true);
    if (email) {
      if (std::string reason = CheckEmail(*email); !reason.empty()) {
        admin.Error("email", reason);
        email.reset();
      } else if (!emails.insert(Lowercase(*email)).second) {
        admin.Error("email", fmt::format("{} is already an administrator of this account; at least "
                                         "two different staff members should be named",
                                         *email));
        email.reset();
      }
    }
    admin.RejectUnknown();
    if (name && email) {
      account.administrators.push_back({*name, *email});
    } else {
      all_valid = false;
    }
  }
  // Policy 002: "Who will run the account (at least two staff members should be named)".
  if (all_valid && emails.size() < 2) {
    reader.Error("administrators",
                 fmt::format("names {} staff member{}; at least two staff members should be named "
                             "to run the account",
                             emails.size(), emails.size() == 1 ? "" : "s"));
  }
}

void ReadPlatformKeys(TableReader& reader, const PlatformSpec& spec, Account& account,
                      const SecretSource& secrets) {
  for (const PlatformKey& key : spec.keys) {
    if (key.kind == KeyKind::kString) {
      auto value = reader.String(key.name, false);
      if (!reader.Has(key.name)) {
        if (key.required) {
          reader.Error(key.name,
                       fmt::format("is required for platform \"{}\": {}", spec.platform, key.help));
        }
        continue;
      }
      if (!value) continue;
      if (value->empty() || HasControlCharacters(*value)) {
        reader.Error(key.name, "must be a non-empty value on one line");
        continue;
      }
      if (key.name.ends_with("_url")) {
        if (std::string reason = CheckHttpUrl(*value); !reason.empty()) {
          reader.Error(key.name, reason);
          continue;
        }
      }
      account.settings[std::string(key.name)] = *value;
    } else {
      std::optional<Secret> secret;
      bool named = ReadSecretKeys(reader, key.name, secrets, secret);
      if (!named && key.required) {
        reader.Error(fmt::format("{}_credential", key.name),
                     fmt::format("is required for platform \"{}\" ({}): set {}_credential = "
                                 "\"name\" or {}_file = \"/path\"",
                                 spec.platform, key.help, key.name, key.name));
      }
      if (secret) account.secrets[std::string(key.name)] = std::move(*secret);
    }
  }
}

void ReadAccount(const toml::table& table, const std::string& path, const School& school,
                 Account& account, Diagnostics& diags, const SecretSource& secrets,
                 IdPlaces& account_ids) {
  TableReader reader(table, path, diags);
  account.school_id = school.id;
  if (auto id = reader.String("id", true)) {
    if (std::string reason = CheckId(*id); !reason.empty()) {
      reader.Error("id", reason);
    } else {
      CheckDuplicateId(reader, *id, "account", account_ids);
    }
    account.id = *id;
  }
  const PlatformSpec* spec = nullptr;
  if (auto platform = reader.String("platform", true)) {
    account.platform = *platform;
    spec = FindPlatform(*platform);
    if (spec == nullptr) {
      std::string names;
      for (const auto& known : Platforms()) {
        names += fmt::format("{}{}", names.empty() ? "" : ", ", known.platform);
      }
      reader.Error("platform",
                   fmt::format("\"{}\" is not a platform (one of: {})", *platform, names));
    }
  }
  if (auto interval = reader.Duration("poll_interval")) account.poll_interval = *interval;
  if (auto url = reader.String("api_base_url")) {
    if (std::string reason = CheckHttpUrl(*url); !reason.empty()) {
      reader.Error("api_base_url", reason);
    } else {
      account.api_base_url = *url;
    }
  }
  if (auto version = reader.String("api_version")) {
    if (version->empty() || version->find_first_of(" /?#") != std::string::npos ||
        HasControlCharacters(*version)) {
      reader.Error("api_version",
                   fmt::format("\"{}\" is not an API version (such as \"v21.0\")", *version));
    } else {
      account.api_version = *version;
    }
  }
  ReadAdministrators(reader, account);

  // Without a known platform there is no way to tell its keys from typos; the platform error
  // above is the one to fix first.
  if (spec == nullptr) return;
  ReadPlatformKeys(reader, *spec, account, secrets);
  for (auto&& [key, node] : table) {
    // A named copy: clang 14 does not let lambdas capture structured bindings.
    const std::string_view name = key.str();
    if (LooksLikeSecret(name) &&
        std::none_of(spec->keys.begin(), spec->keys.end(),
                     [&](const PlatformKey& k) { return k.name == name; })) {
      reader.MarkKnown(name);
      reader.Error(name, PlainSecretReason(name));
    }
  }
  reader.RejectUnknown();
}

void ReadSchool(const toml::table& table, std::size_t index, School& school, Diagnostics& diags,
                const SecretSource& secrets, IdPlaces& school_ids, IdPlaces& account_ids) {
  TableReader reader(table, fmt::format("school[{}]", index), diags);
  if (auto id = reader.String("id", true)) {
    if (std::string reason = CheckId(*id); !reason.empty()) {
      reader.Error("id", reason);
    } else {
      CheckDuplicateId(reader, *id, "school", school_ids);
    }
    school.id = *id;
  }
  if (auto name = ReadText(reader, "name", true)) school.name = *name;
  if (auto zone = reader.String("timezone")) {
    if (IsKnownTimeZone(*zone)) {
      school.timezone = *zone;
    } else {
      reader.Error("timezone", fmt::format("\"{}\" is not a time zone in the tz database (such as "
                                           "\"Europe/London\")",
                                           *zone));
    }
  }
  ReadWorkingDays(reader, school);
  if (auto hours = reader.String("working_hours")) {
    std::string reason;
    if (auto parsed = ParseWorkingHours(*hours, reason)) {
      school.working_hours = *parsed;
    } else {
      reader.Error("working_hours", reason);
    }
  }
  if (auto nation = ReadEnum<BankHolidays>(reader, "bank_holidays",
                                           {{"england-and-wales", BankHolidays::kEnglandAndWales},
                                            {"scotland", BankHolidays::kScotland},
                                            {"northern-ireland", BankHolidays::kNorthernIreland},
                                            {"none", BankHolidays::kNone}})) {
    school.bank_holidays = *nation;
  }
  ReadHolidays(reader, school);
  if (auto ical = reader.String("holidays_ical")) {
    if (ical->empty()) {
      reader.Error("holidays_ical", "must name an iCalendar file");
    } else {
      school.holidays_ical = *ical;
    }
  }
  ReadExtraBankHolidays(reader, school);
  school.escalation = ReadEmailList(reader, "escalation",
                                    "the headteacher or senior leaders who receive breach alerts");
  school.safeguarding =
      ReadEmailList(reader, "safeguarding", "the Designated Safeguarding Lead(s), alerted at once");
  if (auto contact = ReadText(reader, "contact", false)) school.contact = *contact;

  if (const toml::node* accounts = reader.Get("account")) {
    const toml::array* array = accounts->as_array();
    if (array == nullptr) {
      reader.Error("account", fmt::format("must be an array of tables ([[school.account]]), not {}",
                                          TypeName(*accounts)));
    } else {
      for (std::size_t j = 0; j < array->size(); ++j) {
        const toml::node& element = *array->get(j);
        std::string path = fmt::format("school[{}].account[{}]", index, j);
        const toml::table* account_table = element.as_table();
        if (account_table == nullptr) {
          diags.Add(PlaceOf(element), path,
                    fmt::format("must be a table ([[school.account]]), not {}", TypeName(element)));
          continue;
        }
        Account account;
        ReadAccount(*account_table, path, school, account, diags, secrets, account_ids);
        school.accounts.push_back(std::move(account));
      }
    }
  }
  reader.RejectUnknown();
}

}  // namespace

void ReadSchools(const toml::array& array, std::vector<School>& schools, Diagnostics& diags,
                 const SecretSource& secrets) {
  IdPlaces school_ids;
  IdPlaces account_ids;  // account ids are global: the database and the URLs key on them alone
  for (std::size_t i = 0; i < array.size(); ++i) {
    const toml::node& element = *array.get(i);
    const toml::table* table = element.as_table();
    if (table == nullptr) {
      diags.Add(PlaceOf(element), fmt::format("school[{}]", i),
                fmt::format("must be a table ([[school]]), not {}", TypeName(element)));
      continue;
    }
    School school;
    ReadSchool(*table, i, school, diags, secrets, school_ids, account_ids);
    schools.push_back(std::move(school));
  }
}

}  // namespace schoolmod::config::internal
