#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace schoolmod::daemon {

// A small command-line parser: "--name value", "--name=value" and "--flag"; everything else is
// positional. Unknown options are errors so a typo never silently changes behaviour.
struct ParsedArgs {
  std::map<std::string, std::string> options;  // "--config" -> "path"
  std::set<std::string> flags;                 // "--check-config"
  std::vector<std::string> positional;
  std::string error;                           // non-empty when parsing failed

  bool has(const std::string& flag) const { return flags.count(flag) != 0; }
  std::optional<std::string> get(const std::string& option) const;
};

// `with_value` lists options that take a value, `flags` those that don't.
ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                     const std::set<std::string>& flags);

}  // namespace schoolmod::daemon
