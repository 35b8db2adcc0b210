#include "mail/transport.h"

#include <array>
#include <cstdint>
#include <random>
#include <utility>

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "mail/transport_internal.h"

namespace schoolmod::mail {
namespace {

// 128 bits from the OS (random_device is getrandom(2) on Linux): Message-IDs must not repeat
// across restarts or hosts, and boundaries must not be guessable by whoever writes a comment.
std::string RandomHex128() {
  std::random_device device;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:08x}", static_cast<std::uint32_t>(device()));
  return out;
}

bool HasScheme(std::string_view url, std::string_view scheme) {
  if (url.size() <= scheme.size() + 3) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    const char c = url[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != scheme[i]) return false;
  }
  return url.substr(scheme.size(), 3) == "://";
}

Result<void> CheckSmtpSettings(const config::MailSettings& settings) {
  if (!HasScheme(settings.url, "smtp") && !HasScheme(settings.url, "smtps")) {
    return Error::InvalidInput(
        fmt::format("mail.url \"{}\" must start with smtp:// or smtps:// and name a host",
                    SanitizeHeaderText(settings.url)));
  }
  // A host is required; user:password@ in the URL is not how the password is supplied.
  const auto authority_begin = settings.url.find("://") + 3;
  const auto authority = std::string_view(settings.url).substr(
      authority_begin, settings.url.find_first_of("/?#", authority_begin) - authority_begin);
  if (authority.empty() || authority.front() == ':') {
    return Error::InvalidInput("mail.url has no host");
  }
  if (authority.find('@') != std::string_view::npos) {
    return Error::InvalidInput(
        "mail.url must not carry credentials; use mail.username and mail.password_credential");
  }
  if (settings.url.find_first_of(" \t\r\n") != std::string::npos) {
    return Error::InvalidInput("mail.url contains whitespace");
  }
  if (!settings.username.empty() && !settings.password) {
    return Error::InvalidInput("mail.username is set but no password was supplied");
  }
  if (settings.connect_timeout.count() <= 0 || settings.timeout.count() <= 0) {
    return Error::InvalidInput("mail.connect_timeout and mail.timeout must be positive");
  }
  return Ok();
}

}  // namespace

std::string GenerateMessageId(std::string_view domain) {
  return MakeMessageId(RandomHex128(), domain);
}

namespace internal {

Result<std::string> RenderForDelivery(const OutgoingMessage& message, const Mailbox& from,
                                      std::string* message_id) {
  *message_id = message.message_id.empty() ? GenerateMessageId(AddressDomain(from.address))
                                           : message.message_id;
  OutgoingMessage copy = message;
  copy.message_id = *message_id;
  // "=_" cannot occur in quoted-printable output, so no body line can match the boundary.
  return RenderMessage(copy, from, Now(), "=_schoolmod_" + RandomHex128());
}

}  // namespace internal

Result<std::unique_ptr<MailTransport>> MakeMailTransport(const config::MailSettings& settings,
                                                         std::shared_ptr<spdlog::logger> log,
                                                         const TransportOptions& options) {
  if (!log) {
    log = std::make_shared<spdlog::logger>("mail", std::make_shared<spdlog::sinks::null_sink_mt>());
  }
  auto from = ParseMailbox(settings.from);
  if (!from) return Error::InvalidInput("mail.from: " + from.error().message);

  switch (settings.transport) {
    case config::MailTransport::kSmtp: {
      if (auto checked = CheckSmtpSettings(settings); !checked) return checked.error();
      if (!settings.username.empty() && settings.starttls != config::StartTls::kRequired &&
          !HasScheme(settings.url, "smtps")) {
        log->warn("smtp password may be sent unencrypted starttls={} url={}",
                  settings.starttls == config::StartTls::kNone ? "none" : "opportunistic",
                  settings.url);
      }
      return internal::MakeSmtpTransport(settings, std::move(from).value(), std::move(log),
                                         options);
    }
    case config::MailTransport::kFile:
      if (settings.directory.empty()) {
        return Error::InvalidInput("mail.directory must be set when mail.transport = \"file\"");
      }
      return internal::MakeFileTransport(settings.directory, std::move(from).value(),
                                         std::move(log));
  }
  return Error::InvalidInput("mail.transport is not smtp or file");
}

}  // namespace schoolmod::mail
