#pragma once

#include <string>
#include <string_view>

#include "schoolmod/config/loader.h"

// Building blocks for config texts in the config tests. A snippet under test goes first in the
// file, so the line numbers a test expects are the snippet's own; the blocks that complete a valid
// config follow it.
namespace schoolmod::config::testing_text {

inline const std::string kMail =
    "[mail]\n"
    "transport = \"file\"\n"
    "directory = \"var/mail\"\n"
    "from = \"alerts@casterton.example.sch.uk\"\n";

inline const std::string kSchool =
    "[[school]]\n"
    "id = \"casterton\"\n"
    "name = \"Casterton Primary Academy\"\n"
    "escalation = [\"head@casterton.example.sch.uk\"]\n"
    "safeguarding = [\"dsl@casterton.example.sch.uk\"]\n";
constexpr int kSchoolLines = 5;

inline const std::string kAdmins =
    "administrators = [\n"
    "  { name = \"Sinead Travis\", email = \"s.travis@casterton.example.sch.uk\" },\n"
    "  { name = \"Tom Hill\", email = \"t.hill@casterton.example.sch.uk\" },\n"
    "]\n";

// A valid replay account, 9 lines, id on its second line.
inline std::string ReplayAccount(const std::string& id) {
  return "[[school.account]]\nid = \"" + id +
         "\"\nplatform = \"replay\"\npath = \"c.jsonl\"\nactions_log = \"a.jsonl\"\n" + kAdmins;
}

// A [daemon], [sla] or [moderation] snippet, then a valid [mail] and school.
inline std::string SectionConfig(const std::string& snippet) { return snippet + kMail + kSchool; }
// A [mail] snippet, then a valid school.
inline std::string MailConfig(const std::string& snippet) { return snippet + kSchool; }
// One or more [[school]] snippets, then a valid [mail].
inline std::string SchoolConfig(const std::string& snippet) { return snippet + kMail; }
// [[school.account]] snippets after the kSchoolLines lines of a valid school, then [mail].
inline std::string AccountConfig(const std::string& snippet) { return kSchool + snippet + kMail; }

inline LoadOptions NoSecrets() {
  LoadOptions options;
  options.read_secrets = false;
  return options;
}

}  // namespace schoolmod::config::testing_text
