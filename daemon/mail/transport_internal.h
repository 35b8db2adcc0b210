#pragma once

#include <memory>
#include <string>

#include "mail/message.h"
#include "mail/transport.h"

// Shared by the two transports; MakeMailTransport (transport.cc) is the way in for everyone else.
namespace schoolmod::mail::internal {

// `message` as sent: Date now, a random MIME boundary, and a generated Message-ID when the
// message has none. *message_id receives the id used.
Result<std::string> RenderForDelivery(const OutgoingMessage& message, const Mailbox& from,
                                      std::string* message_id);

// `settings` has been checked by MakeMailTransport: the url's scheme, the password.
std::unique_ptr<MailTransport> MakeSmtpTransport(const config::MailSettings& settings,
                                                 Mailbox from,
                                                 std::shared_ptr<spdlog::logger> log,
                                                 const TransportOptions& options);

// Creates `directory` (and its parents); kInvalidInput when that fails.
Result<std::unique_ptr<MailTransport>> MakeFileTransport(const std::string& directory,
                                                         Mailbox from,
                                                         std::shared_ptr<spdlog::logger> log);

// "<id@host>" -> "id@host.eml": only [A-Za-z0-9._@+-], never a leading dot (temporary files
// start with one), at most ~220 characters. When characters had to be replaced, a hash of the
// exact id is appended so two ids never share a file.
std::string EmlFileName(std::string_view message_id);

}  // namespace schoolmod::mail::internal
