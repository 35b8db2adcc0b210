#pragma once

#include <string>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/config/loader.h"
#include "schoolmod/result.h"
#include "toml_reader.h"

// Secrets (platform tokens, the SMTP password) never sit in the config file (policy 002: "Store
// account details, including passwords securely"). The file names where to find them instead:
//   <stem>_credential = "name"   -> $CREDENTIALS_DIRECTORY/name (systemd LoadCredential=)
//   <stem>_file = "/path"        -> a file nobody but its owner can read (mode 0600 or stricter)
namespace schoolmod::config::internal {

// Where secrets come from for one load: the credentials directory is resolved once, so the
// environment is read in exactly one place.
struct SecretSource {
  std::string credentials_directory;  // empty: not available
  bool read = true;                   // LoadOptions::read_secrets
};
SecretSource MakeSecretSource(const LoadOptions& options);

// "smtp-password": the name of a systemd credential. Empty when fine.
std::string CheckCredentialName(std::string_view name);

// The file's contents with one trailing newline removed. Fails (kInvalidInput, message phrased to
// follow the key) when the file is missing, not a regular file, empty, too large, or readable by
// group or others.
Result<Secret> ReadSecretFile(const std::string& path);
Result<Secret> ReadCredential(const std::string& directory, const std::string& name);

// Reads the secret with key stem `stem` from `reader`'s table: checks the shape of
// <stem>_credential / <stem>_file, reports a plain `<stem> = "..."`, and, when `source.read`,
// reads the secret. Returns true when the table names the secret in some way (so a caller can
// report a missing required secret), and fills `out` when it was read.
bool ReadSecretKeys(TableReader& reader, std::string_view stem, const SecretSource& source,
                    std::optional<Secret>& out);

// The message for `key = "..."` holding a secret in the file itself.
std::string PlainSecretReason(std::string_view stem);

}  // namespace schoolmod::config::internal
