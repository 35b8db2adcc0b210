#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "config_text.h"
#include "schoolmod/config/loader.h"

namespace schoolmod::config {
namespace {

using testing_text::AccountConfig;
using testing_text::kSchoolLines;
using testing_text::MailConfig;
using testing_text::NoSecrets;
using testing_text::SchoolConfig;
using testing_text::SectionConfig;

std::string Describe(const LoadResult& result) {
  std::string out;
  for (const auto& d : result.errors) out += "  " + d.ToString() + "\n";
  return out;
}

// One config that must be refused, and the single diagnostic it must produce.
struct BadCase {
  std::string name;
  std::string text;
  int line;            // 0: no place in the file
  std::string key;     // the full key path
  std::string reason;  // a part of the reason that carries the meaning
};

// Snippets go first in the file, so a line number is the line within the snippet; for accounts,
// after the kSchoolLines lines of the school they belong to.
std::vector<BadCase> BadCases() {
  const int a = kSchoolLines;  // the line before an account snippet's first line
  return {
      // TOML syntax: toml++'s own message and position.
      {"syntax: unterminated string", "[mail]\ntransport = \"file\nfrom = \"x\"\n", 2, "",
       "unescaped control characters"},
      {"syntax: table defined twice",
       "[daemon]\nlisten = \"127.0.0.1:8440\"\n[daemon]\ndatabase = \"x.db\"\n" +
           testing_text::kMail + testing_text::kSchool,
       3, "", "cannot redefine existing table 'daemon'"},

      // Top level.
      {"unknown section", SectionConfig("[logging]\nlevel = \"debug\"\n"), 1, "logging",
       "unknown key"},
      {"misspelt section", SectionConfig("[modration]\nauto_hide = true\n"), 1, "modration",
       "did you mean \"moderation\"?"},
      {"no [mail] section", std::string(testing_text::kSchool), 0, "mail",
       "section [mail] is required"},
      {"no school", std::string(testing_text::kMail), 0, "school",
       "at least one [[school]] is required"},
      {"school written as a single table",
       std::string(testing_text::kMail) +
           "[school]\nid = \"casterton\"\nname = \"Casterton Primary Academy\"\n",
       5, "school", "write [[school]], not [school]"},

      // [daemon]
      {"listen without port", SectionConfig("[daemon]\nlisten = \"127.0.0.1\"\n"), 2,
       "daemon.listen", "has no port (write host:port"},
      {"listen with port out of range", SectionConfig("[daemon]\nlisten = \"localhost:99999\"\n"),
       2, "daemon.listen", "port \"99999\"; a port is a number from 1 to 65535"},
      {"public_url not http", SectionConfig("[daemon]\npublic_url = \"ftp://schoolmod.example\"\n"),
       2, "daemon.public_url", "must start with http:// or https://"},
      {"misspelt daemon key", SectionConfig("[daemon]\ndatabse = \"x.db\"\n"), 2, "daemon.databse",
       "unknown key (did you mean \"database\"?)"},
      {"database as a number", SectionConfig("[daemon]\ndatabase = 5\n"), 2, "daemon.database",
       "must be a string, not an integer"},

      // [mail]
      {"transport unknown", MailConfig("[mail]\ntransport = \"smtps\"\nfrom = \"a@b.example\"\n"),
       2, "mail.transport", "\"smtps\" is not one of: smtp, file"},
      {"transport missing", MailConfig("[mail]\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"), 1,
       "mail.transport", "is required"},
      {"smtp without url", MailConfig("[mail]\ntransport = \"smtp\"\nfrom = \"a@b.example\"\n"), 1,
       "mail.url", "is required with transport = \"smtp\""},
      {"smtp url with http scheme",
       MailConfig("[mail]\ntransport = \"smtp\"\nurl = \"http://smtp.example.sch.uk\"\n"
                  "from = \"a@b.example\"\n"),
       3, "mail.url", "must start with smtp:// or smtps://"},
      {"smtp url with a password in it",
       MailConfig("[mail]\ntransport = \"smtp\"\nfrom = \"a@b.example\"\n"
                  "url = \"smtp://me:pw@smtp.example.sch.uk:587\"\n"),
       4, "mail.url", "must not carry user information"},
      {"file transport without directory",
       MailConfig("[mail]\ntransport = \"file\"\nfrom = \"a@b.example\"\n"), 1, "mail.directory",
       "is required with transport = \"file\""},
      {"from missing", MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\n"), 1,
       "mail.from", "is required"},
      {"from not a mailbox",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"Alerts <alerts at "
                  "school>\"\n"),
       4, "mail.from", "\"alerts at school\" is not an email address"},
      {"starttls unknown",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "starttls = \"yes\"\n"),
       5, "mail.starttls", "is not one of: required, opportunistic, none"},
      {"password in the file",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "username = \"alerts\"\npassword = \"hunter2\"\n"),
       6, "mail.password", "secrets never sit in the config file"},
      {"password without username",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "password_credential = \"smtp-password\"\n"),
       5, "mail.password_credential", "a password needs mail.username"},
      {"connect_timeout not a duration",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "connect_timeout = \"30 seconds\"\n"),
       5, "mail.connect_timeout", "\"30 seconds\" is not a duration"},
      {"timeout negative",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "timeout = \"-5m\"\n"),
       5, "mail.timeout", "\"-5m\" must be longer than zero"},
      {"first_retry zero",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "first_retry = \"0s\"\n"),
       5, "mail.first_retry", "must be longer than zero"},
      {"max_attempts zero",
       MailConfig("[mail]\ntransport = \"file\"\ndirectory = \"m\"\nfrom = \"a@b.example\"\n"
                  "max_attempts = 0\n"),
       5, "mail.max_attempts", "0 is out of range: 1 to 100"},

      // [sla]
      {"sla mode unknown", SectionConfig("[sla]\nmode = \"strict\"\n"), 2, "sla.mode",
       "\"strict\" is not one of: school-policy, calendar"},
      {"response_hours zero", SectionConfig("[sla]\nresponse_hours = 0\n"), 2, "sla.response_hours",
       "0 is out of range: 1 to 168 hours"},
      {"response_hours too large", SectionConfig("[sla]\nresponse_hours = 200\n"), 2,
       "sla.response_hours", "200 is out of range"},
      {"response_hours as a string", SectionConfig("[sla]\nresponse_hours = \"24h\"\n"), 2,
       "sla.response_hours", "must be an integer, not a string"},
      {"reminder before receipt", SectionConfig("[sla]\nreminders = [\"12h\", \"-30h\"]\n"), 2,
       "sla.reminders[1]", "-30h is before receipt"},
      {"reminder before receipt of a shorter window",
       SectionConfig("[sla]\nresponse_hours = 8\nreminders = [\"-10h\"]\n"), 3, "sla.reminders[0]",
       "-10h is before receipt (response_hours = 8)"},
      {"reminder after the deadline", SectionConfig("[sla]\nreminders = [\"30h\"]\n"), 2,
       "sla.reminders[0]", "30h is at or after the deadline"},
      {"reminder at receipt", SectionConfig("[sla]\nreminders = [\"0s\"]\n"), 2, "sla.reminders[0]",
       "0s is the moment of receipt"},
      {"reminder listed twice", SectionConfig("[sla]\nreminders = [\"2h\", \"120m\"]\n"), 2,
       "sla.reminders[1]", "120m repeats an earlier reminder"},
      {"reminder not a duration", SectionConfig("[sla]\nreminders = [\"soon\"]\n"), 2,
       "sla.reminders[0]", "\"soon\" is not a duration"},
      {"reminder as a number", SectionConfig("[sla]\nreminders = [12]\n"), 2, "sla.reminders[0]",
       "must be a duration string such as \"5m\", not an integer"},
      {"repeat_breach_every zero", SectionConfig("[sla]\nrepeat_breach_every = \"0s\"\n"), 2,
       "sla.repeat_breach_every", "must be longer than zero"},

      // [moderation]
      {"auto_hide as a string", SectionConfig("[moderation]\nauto_hide = \"yes\"\n"), 2,
       "moderation.auto_hide", "must be true or false, not a string"},
      {"extra term with unknown category",
       SectionConfig(
           "[moderation]\nextra_terms = [\n  { term = \"scab\", category = \"rude\" },\n]\n"),
       3, "moderation.extra_terms[0].category", "\"rude\" is not a category (one of: profanity"},
      {"extra term severity out of range",
       SectionConfig("[moderation]\nextra_terms = [\n  { term = \"scab\", category = \"insult\", "
                     "severity = 5 },\n]\n"),
       3, "moderation.extra_terms[0].severity", "5 is out of range: 1 (mild) to 4 (severe)"},
      {"extra term match unknown",
       SectionConfig("[moderation]\nextra_terms = [\n  { term = \"scab\", category = \"insult\", "
                     "match = \"prefix\" },\n]\n"),
       3, "moderation.extra_terms[0].match", "\"prefix\" is not one of: word, stem"},
      {"extra term without term",
       SectionConfig("[moderation]\nextra_terms = [\n  { category = \"insult\" },\n]\n"), 3,
       "moderation.extra_terms[0].term", "is required"},
      {"extra term with unknown key",
       SectionConfig("[moderation]\nextra_terms = [\n  { term = \"scab\", category = \"insult\", "
                     "weight = 2 },\n]\n"),
       3, "moderation.extra_terms[0].weight", "unknown key"},
      {"extra term as a string", SectionConfig("[moderation]\nextra_terms = [\"scab\"]\n"), 2,
       "moderation.extra_terms[0]", "must be a table"},
      {"allow term as a number", SectionConfig("[moderation]\nallow_terms = [\"ok\", 3]\n"), 2,
       "moderation.allow_terms[1]", "must be a string, not an integer"},
      {"disabled term blank", SectionConfig("[moderation]\ndisabled_terms = [\" \"]\n"), 2,
       "moderation.disabled_terms[0]", "must be a word or phrase, not blank"},

      // [[school]]
      {"school without id",
       SchoolConfig("[[school]]\nname = \"Casterton\"\nescalation = [\"h@c.example\"]\n"
                    "safeguarding = [\"d@c.example\"]\n"),
       1, "school[0].id", "is required"},
      {"school id with spaces",
       SchoolConfig("[[school]]\nid = \"Casterton School\"\nname = \"Casterton\"\n"
                    "escalation = [\"h@c.example\"]\nsafeguarding = [\"d@c.example\"]\n"),
       2, "school[0].id", "must start with a lowercase letter or a digit"},
      {"school without name",
       SchoolConfig("[[school]]\nid = \"casterton\"\nescalation = [\"h@c.example\"]\n"
                    "safeguarding = [\"d@c.example\"]\n"),
       1, "school[0].name", "is required"},
      {"duplicate school id",
       SchoolConfig(std::string(testing_text::kSchool) + testing_text::kSchool), kSchoolLines + 2,
       "school[1].id", "duplicate school id \"casterton\" (first defined at line 2)"},
      {"unknown time zone",
       SchoolConfig(std::string(testing_text::kSchool) + "timezone = \"Europe/Londn\"\n"),
       kSchoolLines + 1, "school[0].timezone",
       "\"Europe/Londn\" is not a time zone in the tz database"},
      {"working day misspelt",
       SchoolConfig(std::string(testing_text::kSchool) + "working_days = [\"monday\"]\n"),
       kSchoolLines + 1, "school[0].working_days[0]",
       "\"monday\" is not a day (mon, tue, wed, thu, fri, sat, sun)"},
      {"working day twice",
       SchoolConfig(std::string(testing_text::kSchool) + "working_days = [\"mon\", \"mon\"]\n"),
       kSchoolLines + 1, "school[0].working_days[1]", "\"mon\" is listed twice"},
      {"no working days", SchoolConfig(std::string(testing_text::kSchool) + "working_days = []\n"),
       kSchoolLines + 1, "school[0].working_days", "must name at least one day"},
      {"working hours reversed",
       SchoolConfig(std::string(testing_text::kSchool) + "working_hours = \"17:00-08:00\"\n"),
       kSchoolLines + 1, "school[0].working_hours", "\"17:00-08:00\" ends before it starts"},
      {"working hours in am/pm",
       SchoolConfig(std::string(testing_text::kSchool) + "working_hours = \"8am-5pm\"\n"),
       kSchoolLines + 1, "school[0].working_hours", "is not a time range (write \"08:00-17:00\")"},
      {"working hours past midnight",
       SchoolConfig(std::string(testing_text::kSchool) + "working_hours = \"08:00-25:00\"\n"),
       kSchoolLines + 1, "school[0].working_hours", "is not a time range"},
      {"bank holidays unknown",
       SchoolConfig(std::string(testing_text::kSchool) + "bank_holidays = \"wales\"\n"),
       kSchoolLines + 1, "school[0].bank_holidays",
       "\"wales\" is not one of: england-and-wales, scotland, northern-ireland, none"},
      {"holiday range reversed",
       SchoolConfig(
           std::string(testing_text::kSchool) +
           "holidays = [\n  \"2026-10-26..2026-10-30\",\n  \"2027-01-03..2026-12-19\",\n]\n"),
       kSchoolLines + 3, "school[0].holidays[1]",
       "\"2027-01-03..2026-12-19\" ends before it starts"},
      {"holiday range of more than a year",
       SchoolConfig(std::string(testing_text::kSchool) +
                    "holidays = [\"2026-12-19..2028-01-03\"]\n"),
       kSchoolLines + 1, "school[0].holidays[0]",
       "\"2026-12-19..2028-01-03\" spans 381 days; a closure is shorter than a year"},
      {"holiday not a calendar date",
       SchoolConfig(std::string(testing_text::kSchool) + "holidays = [\"2027-02-30\"]\n"),
       kSchoolLines + 1, "school[0].holidays[0]", "\"2027-02-30\" is not a date (write"},
      {"holiday range with a bad end",
       SchoolConfig(std::string(testing_text::kSchool) + "holidays = [\"2027-02-15..19th\"]\n"),
       kSchoolLines + 1, "school[0].holidays[0]", "\"19th\" is not a date"},
      {"holiday as a number",
       SchoolConfig(std::string(testing_text::kSchool) + "holidays = [20270530]\n"),
       kSchoolLines + 1, "school[0].holidays[0]",
       "must be a date or a range such as \"2026-12-19..2027-01-03\", not an integer"},
      {"extra bank holiday not a date",
       SchoolConfig(std::string(testing_text::kSchool) +
                    "extra_bank_holidays = [\"2027-13-01\"]\n"),
       kSchoolLines + 1, "school[0].extra_bank_holidays[0]", "\"2027-13-01\" is not a date"},
      {"holidays_ical empty",
       SchoolConfig(std::string(testing_text::kSchool) + "holidays_ical = \"\"\n"),
       kSchoolLines + 1, "school[0].holidays_ical", "must name an iCalendar file"},
      {"escalation missing",
       SchoolConfig("[[school]]\nid = \"casterton\"\nname = \"Casterton\"\n"
                    "safeguarding = [\"d@c.example\"]\n"),
       1, "school[0].escalation", "is required: the email addresses of the headteacher"},
      {"escalation not an address",
       SchoolConfig("[[school]]\nid = \"casterton\"\nname = \"Casterton\"\n"
                    "escalation = [\"head\"]\nsafeguarding = [\"d@c.example\"]\n"),
       4, "school[0].escalation[0]", "\"head\" is not an email address"},
      {"safeguarding empty",
       SchoolConfig("[[school]]\nid = \"casterton\"\nname = \"Casterton\"\n"
                    "escalation = [\"h@c.example\"]\nsafeguarding = []\n"),
       5, "school[0].safeguarding", "must list at least one address"},
      {"safeguarding address with two @",
       SchoolConfig("[[school]]\nid = \"casterton\"\nname = \"Casterton\"\n"
                    "escalation = [\"h@c.example\"]\nsafeguarding = [\"dsl@@c.example\"]\n"),
       5, "school[0].safeguarding[0]", "is not an email address"},
      {"unknown school key",
       SchoolConfig(std::string(testing_text::kSchool) + "headteacher = \"Mrs Ward\"\n"),
       kSchoolLines + 1, "school[0].headteacher", "unknown key"},
      {"account written as a single table",
       SchoolConfig(std::string(testing_text::kSchool) + "[school.account]\nid = \"x\"\n"),
       kSchoolLines + 1, "school[0].account", "must be an array of tables ([[school.account]])"},

      // [[school.account]]
      {"unknown platform",
       AccountConfig("[[school.account]]\nid = \"casterton-tiktok\"\nplatform = \"tiktok\"\n" +
                     testing_text::kAdmins),
       a + 3, "school[0].account[0].platform",
       "\"tiktok\" is not a platform (one of: facebook, instagram, youtube, x, mastodon, bluesky, "
       "replay)"},
      {"account without platform",
       AccountConfig("[[school.account]]\nid = \"casterton-facebook\"\n" + testing_text::kAdmins),
       a + 1, "school[0].account[0].platform", "is required"},
      {"account without id",
       AccountConfig("[[school.account]]\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\n" +
                     testing_text::kAdmins),
       a + 1, "school[0].account[0].id", "is required"},
      {"one administrator",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\nadministrators = [\n"
                     "  { name = \"Sinead Travis\", email = \"s.travis@c.example\" },\n]\n"),
       a + 6, "school[0].account[0].administrators",
       "names 1 staff member; at least two staff members should be named"},
      {"no administrators",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\n"),
       a + 1, "school[0].account[0].administrators",
       "is required: at least two staff members should be named"},
      {"the same administrator twice",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\nadministrators = [\n"
                     "  { name = \"Sinead Travis\", email = \"s.travis@c.example\" },\n"
                     "  { name = \"S Travis\", email = \"S.Travis@c.example\" },\n]\n"),
       a + 8, "school[0].account[0].administrators[1].email",
       "S.Travis@c.example is already an administrator of this account"},
      {"administrator with a bad address",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\nadministrators = [\n"
                     "  { name = \"Sinead Travis\", email = \"s.travis@c.example\" },\n"
                     "  { name = \"Tom Hill\", email = \"tom.hill\" },\n]\n"),
       a + 8, "school[0].account[0].administrators[1].email",
       "\"tom.hill\" is not an email address"},
      {"administrator without a name",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\nadministrators = [\n"
                     "  { name = \"Sinead Travis\", email = \"s.travis@c.example\" },\n"
                     "  { email = \"t.hill@c.example\" },\n]\n"),
       a + 8, "school[0].account[0].administrators[1].name", "is required"},
      {"administrator with an unknown key",
       AccountConfig(
           "[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
           "actions_log = \"a.jsonl\"\nadministrators = [\n"
           "  { name = \"Sinead Travis\", email = \"s.travis@c.example\" },\n"
           "  { name = \"Tom Hill\", email = \"t.hill@c.example\", phone = \"0123\" },\n]\n"),
       a + 8, "school[0].account[0].administrators[1].phone", "unknown key"},
      {"facebook without page_id",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "token_credential = \"fb-token\"\n" +
                     testing_text::kAdmins),
       a + 1, "school[0].account[0].page_id", "is required for platform \"facebook\""},
      {"facebook without token",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = \"104861234567890\"\n" +
                     testing_text::kAdmins),
       a + 1, "school[0].account[0].token_credential",
       "is required for platform \"facebook\" (Page access token"},
      {"facebook token in the file",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = \"104861234567890\"\ntoken = \"EAABsbCS1iHgBA\"\n" +
                     testing_text::kAdmins),
       a + 5, "school[0].account[0].token", "secrets never sit in the config file"},
      {"secret-looking key on a platform without it",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\npassword = \"hunter2\"\n" +
                     testing_text::kAdmins),
       a + 6, "school[0].account[0].password", "secrets never sit in the config file"},
      {"token credential and token file",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = \"104861234567890\"\ntoken_credential = \"fb-token\"\n"
                     "token_file = \"/etc/schoolmod/fb-token\"\n" +
                     testing_text::kAdmins),
       a + 6, "school[0].account[0].token_file",
       "set either token_credential or token_file, not both"},
      {"credential name with a slash",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = \"104861234567890\"\ntoken_credential = \"../../etc/shadow\"\n" +
                     testing_text::kAdmins),
       a + 5, "school[0].account[0].token_credential", "is not a credential name"},
      {"page_id as a number",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = 104861234567890\ntoken_credential = \"fb-token\"\n" +
                     testing_text::kAdmins),
       a + 4, "school[0].account[0].page_id",
       "must be a string, not an integer (quote it: \"104861234567890\")"},
      {"key of another platform",
       AccountConfig("[[school.account]]\nid = \"fb\"\nplatform = \"facebook\"\n"
                     "page_id = \"1\"\nchannel_id = \"UC1\"\ntoken_credential = \"fb-token\"\n" +
                     testing_text::kAdmins),
       a + 5, "school[0].account[0].channel_id", "unknown key"},
      {"replay without actions_log",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n" +
                     testing_text::kAdmins),
       a + 1, "school[0].account[0].actions_log", "is required for platform \"replay\""},
      {"poll_interval without unit",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\npoll_interval = \"5\"\n" +
                     testing_text::kAdmins),
       a + 6, "school[0].account[0].poll_interval", "\"5\" is not a duration"},
      {"api_base_url without scheme",
       AccountConfig("[[school.account]]\nid = \"r\"\nplatform = \"replay\"\npath = \"c.jsonl\"\n"
                     "actions_log = \"a.jsonl\"\napi_base_url = \"127.0.0.1:9000\"\n" +
                     testing_text::kAdmins),
       a + 6, "school[0].account[0].api_base_url", "must start with http:// or https://"},
      {"mastodon instance_url without scheme",
       AccountConfig("[[school.account]]\nid = \"m\"\nplatform = \"mastodon\"\n"
                     "instance_url = \"mastodon.example\"\ntoken_credential = \"m-token\"\n" +
                     testing_text::kAdmins),
       a + 4, "school[0].account[0].instance_url", "must start with http:// or https://"},
      {"youtube without client secret",
       AccountConfig("[[school.account]]\nid = \"yt\"\nplatform = \"youtube\"\n"
                     "channel_id = \"UC1\"\nrefresh_token_credential = \"yt-refresh\"\n"
                     "client_id_credential = \"yt-client-id\"\n" +
                     testing_text::kAdmins),
       a + 1, "school[0].account[0].client_secret_credential",
       "is required for platform \"youtube\""},
      {"bluesky app password in the file",
       AccountConfig(
           "[[school.account]]\nid = \"bs\"\nplatform = \"bluesky\"\n"
           "handle = \"casterton.bsky.social\"\napp_password = \"abcd-efgh-ijkl-mnop\"\n" +
           testing_text::kAdmins),
       a + 5, "school[0].account[0].app_password", "secrets never sit in the config file"},
      {"account id with a slash",
       AccountConfig("[[school.account]]\nid = \"casterton/fb\"\nplatform = \"replay\"\n"
                     "path = \"c.jsonl\"\nactions_log = \"a.jsonl\"\n" +
                     testing_text::kAdmins),
       a + 2, "school[0].account[0].id", "may contain only lowercase letters, digits"},
  };
}

TEST_CASE("bad configs are refused with the place, the key and the reason") {
  for (const auto& bad : BadCases()) {
    INFO("case: " << bad.name << "\n" << bad.text);
    LoadResult result = LoadFromString(bad.text, "bad.toml", NoSecrets());
    INFO("errors:\n" << Describe(result));
    CHECK_FALSE(result.config.has_value());
    REQUIRE(result.errors.size() == 1);
    const Diagnostic& d = result.errors[0];
    CHECK(d.file == "bad.toml");
    CHECK(d.line == bad.line);
    CHECK(d.key == bad.key);
    CHECK_THAT(d.reason, Catch::Contains(bad.reason));
    if (d.line > 0) CHECK(d.column > 0);
  }
}

TEST_CASE("duplicate account ids are refused across schools") {
  std::string text = std::string(testing_text::kMail) + testing_text::kSchool +
                     testing_text::ReplayAccount("shared-id") +
                     "[[school]]\nid = \"ashby\"\nname = \"Ashby Infant School\"\n"
                     "escalation = [\"head@ashby.example.sch.uk\"]\n"
                     "safeguarding = [\"dsl@ashby.example.sch.uk\"]\n" +
                     testing_text::ReplayAccount("shared-id");
  LoadResult result = LoadFromString(text, "dup.toml", NoSecrets());
  INFO(Describe(result));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].key == "school[1].account[0].id");
  CHECK_THAT(result.errors[0].reason,
             Catch::Contains("duplicate account id \"shared-id\" (first defined at line 11)"));
  CHECK(result.errors[0].line == 25);
}

TEST_CASE("every error in a file is reported together, in file order") {
  const std::string text =
      "[daemon]\n"                                           // 1
      "listen = \"8440\"\n"                                  // 2  no host
      "colour = \"blue\"\n"                                  // 3  unknown key
      "\n"                                                   // 4
      "[sla]\n"                                              // 5
      "reminders = [\"12h\", \"-30h\"]\n"                    // 6  before receipt
      "repeat_breach_every = \"daily\"\n"                    // 7  not a duration
      "\n"                                                   // 8
      "[[school]]\n"                                         // 9
      "id = \"casterton\"\n"                                 // 10
      "name = \"Casterton Primary Academy\"\n"               // 11
      "timezone = \"Europe/Casterton\"\n"                    // 12 unknown zone
      "escalation = [\"head@casterton.example.sch.uk\"]\n"   // 13
      "safeguarding = [\"dsl@casterton.example.sch.uk\"]\n"  // 14
      "\n"                                                   // 15
      "[[school.account]]\n"                                 // 16
      "id = \"casterton-facebook\"\n"                        // 17
      "platform = \"facebook\"\n"                            // 18
      "page_id = \"104861234567890\"\n"                      // 19
      "token = \"EAAB\"\n"                                   // 20 secret in file
      "administrators = [{ name = \"Sinead Travis\", email = \"s.travis@c.example\" }]\n";  // 21
  LoadResult result = LoadFromString(text, "many.toml", NoSecrets());
  INFO(Describe(result));
  CHECK_FALSE(result.config.has_value());
  std::vector<std::pair<int, std::string>> got;
  for (const auto& d : result.errors) got.emplace_back(d.line, d.key);
  std::vector<std::pair<int, std::string>> want = {
      {2, "daemon.listen"},
      {3, "daemon.colour"},
      {6, "sla.reminders[1]"},
      {7, "sla.repeat_breach_every"},
      {12, "school[0].timezone"},
      {20, "school[0].account[0].token"},
      {21, "school[0].account[0].administrators"},
      {0, "mail"},  // no place in the file: listed last
  };
  CHECK(got == want);
}

TEST_CASE("a diagnostic prints as file:line:col: key: reason") {
  Diagnostic d{"/etc/schoolmod/schoolmod.toml", 12, 14, "sla.reminders[1]",
               "-30h is before receipt"};
  CHECK(d.ToString() ==
        "/etc/schoolmod/schoolmod.toml:12:14: sla.reminders[1]: -30h is before receipt");
  Diagnostic whole_file{"x.toml", 0, 0, "mail", "section [mail] is required"};
  CHECK(whole_file.ToString() == "x.toml: mail: section [mail] is required");
  Diagnostic syntax{"x.toml", 3, 7, "", "unexpected character"};
  CHECK(syntax.ToString() == "x.toml:3:7: unexpected character");

  LoadResult result = LoadFromString(SectionConfig("[sla]\nreminders = [\"12h\", \"-30h\"]\n"),
                                     "school.toml", NoSecrets());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].ToString() ==
        "school.toml:2:21: sla.reminders[1]: -30h is before receipt (response_hours = 24)");
}

TEST_CASE("a minimal config takes the documented defaults") {
  LoadResult result = LoadFromString(std::string(testing_text::kMail) + testing_text::kSchool,
                                     "minimal.toml", NoSecrets());
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Config& config = *result.config;
  CHECK(config.path == "minimal.toml");
  CHECK(config.daemon.database == "/var/lib/schoolmod/schoolmod.db");
  CHECK(config.daemon.listen == "127.0.0.1:8440");
  CHECK(config.mail.transport == MailTransport::kFile);
  CHECK(config.mail.directory == "var/mail");
  CHECK(config.mail.connect_timeout == std::chrono::seconds(30));
  CHECK(config.mail.max_attempts == 12);
  CHECK(config.mail.first_retry == std::chrono::seconds(60));
  CHECK(config.sla.mode == SlaMode::kSchoolPolicy);
  CHECK(config.sla.response_hours == 24);
  CHECK(config.sla.reminders ==
        std::vector<Seconds>{std::chrono::hours(12), std::chrono::hours(-2)});
  CHECK(config.sla.repeat_breach_every == std::chrono::hours(24));
  CHECK(config.moderation.auto_hide);
  CHECK_FALSE(config.moderation.explain_removals);
  REQUIRE(config.schools.size() == 1);
  const School& school = config.schools[0];
  CHECK(school.id == "casterton");
  CHECK(school.timezone == "Europe/London");
  CHECK(school.working_days == std::array<bool, 7>{false, true, true, true, true, true, false});
  CHECK(school.working_hours.start == std::chrono::hours(8));
  CHECK(school.working_hours.end == std::chrono::hours(17));
  CHECK(school.bank_holidays == BankHolidays::kEnglandAndWales);
  CHECK(school.accounts.empty());  // a school without accounts yet is allowed
}

TEST_CASE("values are read into the model") {
  const std::string text = R"([daemon]
database = "var/test/schoolmod.db"
listen = "[::1]:8440"
public_url = "https://schoolmod.example.sch.uk/"

[mail]
transport = "smtp"
url = "smtps://smtp.example.sch.uk:465"
starttls = "none"
username = "alerts@example.sch.uk"
password_credential = "smtp-password"
from = "alerts@example.sch.uk"
connect_timeout = "10s"
timeout = "1m30s"
max_attempts = 3

[sla]
mode = "calendar"
response_hours = 48
reminders = ["1d", "-4h", "90m"]
repeat_breach_every = "12h"

[moderation]
auto_hide = false
explain_removals = true
extra_terms = [
  { term = "scrounger", category = "insult", severity = 3, match = "stem" },
  { term = "cassy crims", category = "harassment" },
]
allow_terms = ["Scunthorpe"]
disabled_terms = ["bloody", "crap"]

[[school]]
id = "st-bees"
name = "St Bees Village School"
timezone = "Europe/Belfast"
working_days = ["sat", "sun"]
working_hours = "07:30-24:00"
bank_holidays = "northern-ireland"
holidays = ["2026-12-19..2027-01-03", 2027-05-28, "2027-07-01"]
holidays_ical = "calendars/st-bees.ics"
extra_bank_holidays = ["2027-06-07", 2027-06-08]
escalation = ["head@stbees.example.sch.uk", "chair@stbees.example.sch.uk"]
safeguarding = ["dsl@stbees.example.sch.uk"]
contact = "office@stbees.example.sch.uk or 01946 000000"

[[school.account]]
id = "st-bees-facebook"
platform = "facebook"
page_id = "104861234567890"
token_file = "/etc/schoolmod/st-bees-facebook-token"
poll_interval = "2m"
api_base_url = "http://127.0.0.1:9000"
api_version = "v21.0"
administrators = [
  { name = "Sinead Travis", email = "s.travis@stbees.example.sch.uk" },
  { name = "Tom Hill", email = "t.hill@stbees.example.sch.uk" },
  { name = "Priya Shah", email = "p.shah@stbees.example.sch.uk" },
]
)";
  LoadResult result = LoadFromString(text, "full.toml", NoSecrets());
  INFO(Describe(result));
  REQUIRE(result.config.has_value());
  const Config& c = *result.config;
  using namespace std::chrono;
  CHECK(c.daemon.database == "var/test/schoolmod.db");  // relative paths are kept as written
  CHECK(c.daemon.listen == "[::1]:8440");
  CHECK(c.daemon.public_url == "https://schoolmod.example.sch.uk/");
  CHECK(c.mail.transport == MailTransport::kSmtp);
  CHECK(c.mail.url == "smtps://smtp.example.sch.uk:465");
  CHECK(c.mail.starttls == StartTls::kNone);
  CHECK(c.mail.username == "alerts@example.sch.uk");
  CHECK_FALSE(c.mail.password.has_value());  // read_secrets = false
  CHECK(c.mail.connect_timeout == seconds(10));
  CHECK(c.mail.timeout == seconds(90));
  CHECK(c.mail.max_attempts == 3);
  CHECK(c.sla.mode == SlaMode::kCalendar);
  CHECK(c.sla.response_hours == 48);
  CHECK(c.sla.reminders == std::vector<Seconds>{hours(24), hours(-4), minutes(90)});
  CHECK(c.sla.repeat_breach_every == hours(12));
  CHECK_FALSE(c.moderation.auto_hide);
  CHECK(c.moderation.explain_removals);
  REQUIRE(c.moderation.extra_terms.size() == 2);
  CHECK(c.moderation.extra_terms[0].term == "scrounger");
  CHECK(c.moderation.extra_terms[0].category == "insult");
  CHECK(c.moderation.extra_terms[0].severity == 3);
  CHECK(c.moderation.extra_terms[0].stem);
  CHECK(c.moderation.extra_terms[1].severity == 2);
  CHECK_FALSE(c.moderation.extra_terms[1].stem);
  CHECK(c.moderation.allow_terms == std::vector<std::string>{"Scunthorpe"});
  CHECK(c.moderation.disabled_terms == std::vector<std::string>{"bloody", "crap"});

  REQUIRE(c.schools.size() == 1);
  const School& s = c.schools[0];
  CHECK(s.timezone == "Europe/Belfast");
  CHECK(s.working_days == std::array<bool, 7>{true, false, false, false, false, false, true});
  CHECK(s.working_hours.start == hours(7) + minutes(30));
  CHECK(s.working_hours.end == hours(24));
  CHECK(s.bank_holidays == BankHolidays::kNorthernIreland);
  REQUIRE(s.holidays.size() == 3);
  CHECK(s.holidays[0].first == year{2026} / December / 19);
  CHECK(s.holidays[0].last == year{2027} / January / 3);
  CHECK(s.holidays[1].first == year{2027} / May / 28);  // a TOML date works as well as a string
  CHECK(s.holidays[1].last == year{2027} / May / 28);
  CHECK(s.holidays[2].first == year{2027} / July / 1);
  CHECK(s.holidays_ical == "calendars/st-bees.ics");
  CHECK(s.extra_bank_holidays ==
        std::vector<year_month_day>{year{2027} / June / 7, year{2027} / June / 8});
  CHECK(s.escalation.size() == 2);
  CHECK(s.safeguarding == std::vector<std::string>{"dsl@stbees.example.sch.uk"});
  CHECK(s.contact == "office@stbees.example.sch.uk or 01946 000000");

  REQUIRE(s.accounts.size() == 1);
  const Account& account = s.accounts[0];
  CHECK(account.id == "st-bees-facebook");
  CHECK(account.school_id == "st-bees");
  CHECK(account.platform == "facebook");
  CHECK(account.setting("page_id") == "104861234567890");
  CHECK(account.settings.size() == 1);
  CHECK(account.secrets.empty());  // read_secrets = false
  CHECK(account.poll_interval == minutes(2));
  CHECK(account.api_base_url == "http://127.0.0.1:9000");
  CHECK(account.api_version == "v21.0");
  REQUIRE(account.administrators.size() == 3);
  CHECK(account.administrators[2].name == "Priya Shah");
  CHECK(account.administrators[2].email == "p.shah@stbees.example.sch.uk");

  CHECK(c.FindSchool("st-bees") == &s);
  CHECK(c.FindAccount("st-bees-facebook").second == &account);
}

TEST_CASE("every platform's keys validate") {
  struct PlatformCase {
    std::string platform;
    std::string keys;
    std::vector<std::string> settings;
  };
  const std::vector<PlatformCase> cases = {
      {"facebook", "page_id = \"1048\"\ntoken_credential = \"t\"\n", {"page_id"}},
      {"instagram", "ig_user_id = \"1784\"\ntoken_file = \"/etc/schoolmod/ig\"\n", {"ig_user_id"}},
      {"youtube",
       "channel_id = \"UC1\"\nrefresh_token_credential = \"r\"\nclient_id_credential = \"i\"\n"
       "client_secret_credential = \"s\"\n",
       {"channel_id"}},
      {"youtube",
       "channel_id = \"UC1\"\nrefresh_token_credential = \"r\"\nclient_id_credential = \"i\"\n"
       "client_secret_credential = \"s\"\ntoken_credential = \"t\"\n",
       {"channel_id"}},
      {"x", "user_id = \"1456\"\ntoken_credential = \"t\"\n", {"user_id"}},
      {"x",
       "user_id = \"1456\"\ntoken_credential = \"t\"\nrefresh_token_credential = \"r\"\n"
       "client_id_credential = \"i\"\nclient_secret_file = \"/etc/schoolmod/x-secret\"\n",
       {"user_id"}},
      {"mastodon",
       "instance_url = \"https://mastodon.example\"\ntoken_credential = \"t\"\n",
       {"instance_url"}},
      {"bluesky",
       "handle = \"casterton.bsky.social\"\napp_password_credential = \"p\"\n",
       {"handle"}},
      {"replay",
       "path = \"config/demo/comments.jsonl\"\nactions_log = \"var/demo/actions.jsonl\"\n",
       {"path", "actions_log"}},
  };
  for (const auto& pc : cases) {
    std::string text = AccountConfig("[[school.account]]\nid = \"acct\"\nplatform = \"" +
                                     pc.platform + "\"\n" + pc.keys + testing_text::kAdmins);
    INFO(pc.platform << "\n" << text);
    LoadResult result = LoadFromString(text, "platform.toml", NoSecrets());
    INFO(Describe(result));
    REQUIRE(result.config.has_value());
    const Account& account = result.config->schools[0].accounts[0];
    CHECK(account.platform == pc.platform);
    CHECK(account.settings.size() == pc.settings.size());
    for (const auto& key : pc.settings) CHECK_FALSE(account.setting(key).empty());
  }
}

}  // namespace
}  // namespace schoolmod::config
