#include "secrets.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace schoolmod::config::internal {
namespace {

// Tokens and passwords are short; anything bigger is the wrong file.
constexpr std::size_t kMaxSecretBytes = 64 * 1024;

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads the whole secret. `check_mode`: refuse group/other access (for *_file; a systemd
// credentials directory is already private to the service).
Result<std::string> ReadPrivateFile(const std::string& path, bool check_mode) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    int err = errno;
    if (err == ENOENT) return Error::InvalidInput(fmt::format("{} does not exist", path));
    return Error::InvalidInput(fmt::format("cannot open {}: {}", path, std::strerror(err)));
  }
  // fstat on the open descriptor, so the mode checked is the mode of the file actually read.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return Error::InvalidInput(fmt::format("cannot stat {}: {}", path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode))
    return Error::InvalidInput(fmt::format("{} is not a regular file", path));
  if (check_mode && (st.st_mode & 077) != 0) {
    return Error::InvalidInput(fmt::format(
        "{} is readable by group or others (mode {:04o}); a secret file must be private to the "
        "service user: chmod 600 {}",
        path, st.st_mode & 07777, path));
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxSecretBytes) {
    return Error::InvalidInput(
        fmt::format("{} is {} bytes, too large for a secret", path, st.st_size));
  }
  std::string content;
  char buffer[4096];
  while (true) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::InvalidInput(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
    if (content.size() > kMaxSecretBytes) {
      return Error::InvalidInput(fmt::format("{} is too large for a secret", path));
    }
  }
  // `echo token > file` adds a newline that is not part of the token.
  if (!content.empty() && content.back() == '\n') content.pop_back();
  if (!content.empty() && content.back() == '\r') content.pop_back();
  if (content.empty()) return Error::InvalidInput(fmt::format("{} is empty", path));
  return content;
}

}  // namespace

SecretSource MakeSecretSource(const LoadOptions& options) {
  SecretSource source;
  source.read = options.read_secrets;
  source.credentials_directory = options.credentials_directory;
  if (source.credentials_directory.empty()) {
    // The one place schoolmod reads the environment for configuration: systemd sets this for
    // services with LoadCredential=.
    if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY"); dir != nullptr) {
      source.credentials_directory = dir;
    }
  }
  return source;
}

std::string CheckCredentialName(std::string_view name) {
  if (name.empty()) return "must name a credential";
  if (name == "." || name == ".." || name.find('/') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos) {
    return fmt::format(
        "\"{}\" is not a credential name (a file name in $CREDENTIALS_DIRECTORY, "
        "without '/')",
        name);
  }
  return "";
}

Result<Secret> ReadSecretFile(const std::string& path) {
  auto content = ReadPrivateFile(path, true);
  if (!content) return content.error();
  return Secret{std::move(content).value(), path};
}

Result<Secret> ReadCredential(const std::string& directory, const std::string& name) {
  std::string path = directory + "/" + name;
  auto content = ReadPrivateFile(path, false);
  if (!content) {
    return Error::InvalidInput(fmt::format("credential \"{}\": {}", name, content.error().message));
  }
  return Secret{std::move(content).value(), fmt::format("credential {}", name)};
}

std::string PlainSecretReason(std::string_view stem) {
  return fmt::format(
      "secrets never sit in the config file; put it in a credential ({0}_credential = \"name\", "
      "systemd LoadCredential=) or a mode 0600 file ({0}_file = \"/path\")",
      stem);
}

bool ReadSecretKeys(TableReader& reader, std::string_view stem, const SecretSource& source,
                    std::optional<Secret>& out) {
  std::string credential_key = fmt::format("{}_credential", stem);
  std::string file_key = fmt::format("{}_file", stem);
  bool has_plain = reader.Has(stem);
  if (has_plain) {
    reader.MarkKnown(stem);
    reader.Error(stem, PlainSecretReason(stem));
  }
  auto credential = reader.String(credential_key);
  auto file = reader.String(file_key);
  bool named = has_plain || reader.Has(credential_key) || reader.Has(file_key);
  if (credential && file) {
    reader.Error(file_key, fmt::format("set either {} or {}, not both", credential_key, file_key));
    return named;
  }
  if (credential) {
    std::string reason = CheckCredentialName(*credential);
    if (!reason.empty()) {
      reader.Error(credential_key, reason);
    } else if (source.read) {
      if (source.credentials_directory.empty()) {
        reader.Error(credential_key,
                     fmt::format("credential \"{0}\" cannot be read: $CREDENTIALS_DIRECTORY is not "
                                 "set (run as a systemd service with LoadCredential={0}:/path, or "
                                 "use {1} with a mode 0600 file)",
                                 *credential, file_key));
      } else if (auto secret = ReadCredential(source.credentials_directory, *credential)) {
        out = std::move(secret).value();
      } else {
        reader.Error(credential_key, secret.error().message);
      }
    }
  } else if (file) {
    if (file->empty()) {
      reader.Error(file_key, "must name a file");
    } else if (source.read) {
      if (auto secret = ReadSecretFile(*file)) {
        out = std::move(secret).value();
      } else {
        reader.Error(file_key, secret.error().message);
      }
    }
  }
  return named;
}

}  // namespace schoolmod::config::internal
