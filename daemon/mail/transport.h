#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "mail/message.h"
#include "schoolmod/config/config.h"
#include "schoolmod/result.h"

namespace spdlog { class logger; }

// How the notification outbox hands an email to the world: SMTP through libcurl, or .eml files in
// a directory (the demo, and sites that pick mail up some other way). One seam, so the outbox
// worker is tested against a recording fake and the transports against a real SMTP server.
namespace schoolmod::mail {

class MailTransport {
 public:
  virtual ~MailTransport() = default;

  // Renders and delivers one message (Date is now; Message-ID generated when message_id is
  // empty). Success means the server accepted the message after DATA (SMTP) or the complete
  // file is in place under its final name (file). Thread-safe: each call uses its own
  // connection or temporary file. Never throws. The error kinds tell the outbox what to do:
  //   kTransient     SMTP 4xx, connection refused or reset, DNS, timeout, TLS handshake or
  //                  certificate failure, STARTTLS required but not offered, a full disk:
  //                  retry after RetryDelay() with the SAME Message-ID.
  //   kPermanent     SMTP 5xx for the recipient or the message (550 no such mailbox, 552, 554):
  //                  record it for this recipient, do not retry.
  //   kAuth          SMTP 530/534/535/538: the configured username or password is wrong or
  //                  missing. A person must fix the config; every message will fail alike.
  //   kInvalidInput  the message cannot be built (recipient address, Message-ID):
  //                  a bug or bad data, do not retry.
  virtual Result<void> Send(const OutgoingMessage& message) = 0;
};

// What the config file does not say, for tests and unusual sites.
struct TransportOptions {
  // PEM bundle of the certificate authorities trusted for the SMTP server's certificate, in
  // place of the system store. Empty (the default): the system store. Only a relay with a
  // private CA, or a test server with a self-signed certificate, needs it. Verification of the
  // certificate and the host name is always on.
  std::string ca_file;
};

// The transport `settings.transport` names. Checks everything that can be checked before the
// first message: mail.from parses, an smtp url is smtp:// or smtps:// with a host, a username
// has a password, a file directory exists or can be created. kInvalidInput naming the key
// otherwise. `log` is the "mail" logger (may be null: nothing is logged); it gets one debug line
// per message with the Message-ID and the outcome, never addresses, bodies or passwords.
Result<std::unique_ptr<MailTransport>> MakeMailTransport(const config::MailSettings& settings,
                                                         std::shared_ptr<spdlog::logger> log,
                                                         const TransportOptions& options = {});

// A fresh "<32 random hex digits@domain>". The outbox calls it when it queues an email and stores
// the result, so every retry carries the same Message-ID. `domain` is the sender's
// (AddressDomain of mail.from).
std::string GenerateMessageId(std::string_view domain);

}  // namespace schoolmod::mail
