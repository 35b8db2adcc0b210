#pragma once

#include <span>
#include <string_view>

// The keys each platform adds to [[school.account]], declared once so that check-config can
// validate them and list them with help (PowerDNS declareArguments). A connector reads its
// keys from Account::settings / Account::secrets by these names.
namespace schoolmod::config {

enum class KeyKind {
  kString,  // a plain value in Account::settings
  kSecret,  // <stem>_credential or <stem>_file, read into Account::secrets[<stem>]
};

struct PlatformKey {
  std::string_view name;  // the TOML key; for kSecret the stem ("token")
  KeyKind kind;
  bool required;
  std::string_view help;
};

struct PlatformSpec {
  std::string_view platform;  // the connector id
  std::string_view help;
  std::span<const PlatformKey> keys;
};

// Every platform schoolmod knows, in one explicit table.
std::span<const PlatformSpec> Platforms();
const PlatformSpec* FindPlatform(std::string_view platform);

// The optional keys every [[school.account]] may set whatever its platform (poll_interval,
// api_base_url, api_version), with help, for check-config listings. They are read into the
// Account fields of the same names, not into Account::settings.
std::span<const PlatformKey> CommonAccountKeys();

}  // namespace schoolmod::config
