#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "schoolmod/config/config.h"
#include "secrets.h"
#include "toml_reader.h"

// One function per config section. Each reads its table into the model, reporting every problem
// to `diags` and carrying on, so one run shows the administrator everything to fix.
namespace schoolmod::config::internal {

void ReadDaemon(const toml::table& table, DaemonSettings& daemon, Diagnostics& diags);
void ReadMail(const toml::table& table, MailSettings& mail, Diagnostics& diags,
              const SecretSource& secrets);
void ReadSla(const toml::table& table, SlaSettings& sla, Diagnostics& diags);
void ReadModeration(const toml::table& table, ModerationSettings& moderation, Diagnostics& diags);
// The [[school]] array: schools, their accounts, and the checks across them (duplicate ids).
void ReadSchools(const toml::array& array, std::vector<School>& schools, Diagnostics& diags,
                 const SecretSource& secrets);

// A string key restricted to a few words ("smtp", "file"). Reports anything else with the list.
template <typename E>
std::optional<E> ReadEnum(TableReader& reader, std::string_view key,
                          std::initializer_list<std::pair<std::string_view, E>> choices,
                          bool required = false) {
  auto text = reader.String(key, required);
  if (!text) return std::nullopt;
  std::string names;
  for (const auto& [name, value] : choices) {
    if (*text == name) return value;
    names += names.empty() ? "" : ", ";
    names += name;
  }
  reader.Error(key, fmt::format("\"{}\" is not one of: {}", *text, names));
  return std::nullopt;
}

}  // namespace schoolmod::config::internal
