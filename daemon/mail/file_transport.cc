#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "mail/transport_internal.h"

namespace schoolmod::mail::internal {
namespace {

constexpr std::size_t kMaxNameStem = 200;

bool IsFileNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '@' || c == '+' || c == '-';
}

std::uint64_t Fnv1a64(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string ErrnoText(int err) { return std::generic_category().message(err); }

// Closes the descriptor and removes the temporary file unless the rename happened.
class TempFile {
 public:
  explicit TempFile(std::string path_template) : path_(std::move(path_template)) {
    fd_ = mkstemp(path_.data());
    created_ = fd_ >= 0;
  }
  ~TempFile() {
    if (fd_ >= 0) close(fd_);
    if (created_ && !committed_) unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // Closes the descriptor; false (errno set) if buffered data could not be written.
  bool Close() {
    const int rc = close(fd_);
    fd_ = -1;
    return rc == 0;
  }
  void Committed() { committed_ = true; }

 private:
  std::string path_;
  int fd_ = -1;
  bool created_ = false;
  bool committed_ = false;
};

Result<void> WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Error::Transient(ErrnoText(errno));
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return Ok();
}

class FileTransport final : public MailTransport {
 public:
  FileTransport(std::filesystem::path directory, Mailbox from,
                std::shared_ptr<spdlog::logger> log)
      : directory_(std::move(directory)), from_(std::move(from)), log_(std::move(log)) {}

  Result<void> Send(const OutgoingMessage& message) override {
    if (!IsValidAddress(message.to.address)) {
      return Error::InvalidInput(fmt::format("recipient address \"{}\" is not valid",
                                             SanitizeHeaderText(message.to.address)));
    }
    std::string message_id;
    auto data = RenderForDelivery(message, from_, &message_id);
    if (!data) return data.error();

    // The directory may have been cleaned out since startup (the demo's var/ is disposable).
    std::error_code ec;
    std::filesystem::create_directories(directory_, ec);
    if (ec) {
      return Error::Transient(
          fmt::format("mail directory {}: {}", directory_.string(), ec.message()));
    }
    const std::filesystem::path target = directory_ / EmlFileName(message_id);
    // Same directory, so the rename is atomic; the leading dot keeps readers that look for
    // *.eml from ever opening a file that is still being written.
    TempFile temp((directory_ / ".tmp-XXXXXX").string());
    if (!temp.ok()) {
      return Error::Transient(
          fmt::format("mail directory {}: {}", directory_.string(), ErrnoText(errno)));
    }
    if (auto written = WriteAll(temp.fd(), *data); !written) {
      return Error::Transient(
          fmt::format("writing {}: {}", temp.path(), written.error().message));
    }
    // Data on disk before the name appears: after a crash the file is whole or absent.
    if (fsync(temp.fd()) != 0 || !temp.Close()) {
      return Error::Transient(fmt::format("writing {}: {}", temp.path(), ErrnoText(errno)));
    }
    if (rename(temp.path().c_str(), target.c_str()) != 0) {
      return Error::Transient(fmt::format("renaming {} to {}: {}", temp.path(), target.string(),
                                          ErrnoText(errno)));
    }
    temp.Committed();
    // Makes the new name itself durable; losing it would only resend, so failure is ignored.
    if (int dir = open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
      fsync(dir);
      close(dir);
    }
    log_->debug("mail written message_id={} file={}", message_id, target.filename().string());
    return Ok();
  }

 private:
  const std::filesystem::path directory_;
  const Mailbox from_;
  const std::shared_ptr<spdlog::logger> log_;
};

}  // namespace

std::string EmlFileName(std::string_view message_id) {
  std::string_view inner = message_id;
  if (inner.size() >= 2 && inner.front() == '<' && inner.back() == '>') {
    inner = inner.substr(1, inner.size() - 2);
  }
  std::string stem;
  for (char c : inner.substr(0, kMaxNameStem)) stem += IsFileNameChar(c) ? c : '_';
  if (stem.empty() || stem.front() == '.') stem.insert(stem.begin(), '_');
  if (stem != inner) stem += fmt::format("-{:016x}", Fnv1a64(message_id));
  return stem + ".eml";
}

Result<std::unique_ptr<MailTransport>> MakeFileTransport(const std::string& directory,
                                                         Mailbox from,
                                                         std::shared_ptr<spdlog::logger> log) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory, ec)) {
    return Error::InvalidInput(
        fmt::format("mail.directory {}: {}", directory,
                    ec ? ec.message() : std::string("not a directory")));
  }
  return std::unique_ptr<MailTransport>(
      std::make_unique<FileTransport>(directory, std::move(from), std::move(log)));
}

}  // namespace schoolmod::mail::internal
