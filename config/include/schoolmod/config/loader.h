#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schoolmod/config/config.h"

namespace schoolmod::config {

// One problem found in a config file. ToString() gives "file:line:col: key.path: reason"; the
// ":line:col" part is left out when line is 0, and "key.path: " when key is empty (a TOML syntax
// error, or a file that cannot be read).
struct Diagnostic {
  std::string file;
  int line = 0;    // 0 when the problem has no single place (e.g. a missing section)
  int column = 0;
  std::string key;  // "school[0].account[1].administrators"
  std::string reason;

  std::string ToString() const;
};

struct LoadOptions {
  // Where *_credential names are looked up; empty: $CREDENTIALS_DIRECTORY.
  std::string credentials_directory;
  // Read the secrets. check-config with no access to them may turn this off.
  bool read_secrets = true;
};

struct LoadResult {
  std::optional<Config> config;       // set only when errors is empty
  std::vector<Diagnostic> errors;     // every problem found, in file order (line 0 last)
};

// Reads, parses and validates a config file. Reports every error it can find, not just the first
// (a TOML syntax error stops parsing, so it is reported alone). Reads the secret files the config
// names unless options.read_secrets is false. Relative paths in the config are kept as written.
// Never throws.
LoadResult Load(const std::string& path, const LoadOptions& options = {});
// The same for text already in memory; `name` stands for the file in messages.
LoadResult LoadFromString(const std::string& text, const std::string& name,
                          const LoadOptions& options = {});

}  // namespace schoolmod::config
