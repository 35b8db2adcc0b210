#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/temp_dir.h"

namespace schoolmod::testing {

// A message as Python's email package (policy=default) reads it: the independent reader the
// mail tests check our MIME output against.
struct ParsedMessage {
  struct Part {
    std::string content_type;  // "text/plain"
    std::string charset;       // "utf-8"
    std::string transfer_encoding;
    std::string content;  // decoded text, "\n" line ends
  };

  std::string content_type;  // of the whole message: "multipart/alternative"
  std::vector<std::pair<std::string, std::string>> headers;  // in order, RFC 2047 decoded
  // "From", "To", ... -> (display name, addr-spec) for each address the header holds.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> addresses;
  std::vector<Part> parts;            // leaf parts in order
  std::vector<std::string> defects;   // anything the parser found wrong; empty for a good message

  // Every value of the header called `name` (case-insensitive), in order.
  std::vector<std::string> HeaderValues(std::string_view name) const;
  // The first leaf part of this content type, or nullptr.
  const Part* FindPart(std::string_view content_type) const;
};

// One message the server accepted.
struct ReceivedMessage {
  std::string mail_from;              // the SMTP envelope
  std::vector<std::string> rcpt_tos;  // accepted RCPT TO addresses
  bool tls = false;                   // the session was encrypted (STARTTLS or implicit)
  std::string auth_login;             // the AUTH user; empty without AUTH
  std::string raw;                    // the DATA as received (dot-unstuffed)
  ParsedMessage parsed;
};

struct SmtpServerOptions {
  enum class Tls {
    kNone,               // plain SMTP, no STARTTLS offered
    kStartTls,           // STARTTLS offered, plain sessions still accepted
    kStartTlsRequired,   // STARTTLS offered, every command before it refused (530)
    kImplicit,           // TLS from the first byte (smtps://)
  };

  std::vector<std::string> reject_recipients;  // RCPT TO answered "550 mailbox unavailable"
  int tempfail_first = 0;                      // the first N messages answered 451 after DATA
  std::string auth_user;  // non-empty: AUTH LOGIN/PLAIN with this user and auth_password required
  std::string auth_password;
  Tls tls = Tls::kNone;   // with TLS, a fresh self-signed certificate for 127.0.0.1 (ca_file())
  int port = 0;           // listen on this port; 0: a free one (a server that comes up late)
};

// A real SMTP server (tests/support/smtp_sink.py on Debian's python3-aiosmtpd) as a child process
// on a free loopback port. The constructor returns once the server accepts connections; every
// message it answered 250 to is on disk by then, so Received() right after a successful send
// sees it. The destructor stops the process. Throws std::runtime_error when it cannot start.
class SmtpServer {
 public:
  explicit SmtpServer(SmtpServerOptions options = {});
  ~SmtpServer();
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  int port() const { return port_; }
  // "smtp://127.0.0.1:PORT", or "smtps://..." with Tls::kImplicit.
  std::string url() const;
  // The server's self-signed certificate (PEM), to trust as the CA; "" without TLS.
  const std::string& ca_file() const { return ca_file_; }

  // Every accepted message, oldest first.
  std::vector<ReceivedMessage> Received() const;

 private:
  SmtpServerOptions options_;
  TempDir dir_;
  std::string ca_file_;
  int pid_ = -1;
  int port_ = 0;
};

// The message file at `path` (a .eml) as Python's email package reads it.
ParsedMessage ParseMessageFile(const std::string& path);

// A loopback port where nothing listens (bound, then released): connecting is refused.
int UnusedLoopbackPort();

// A loopback socket that completes TCP handshakes but never says a word: a server that hangs
// before its greeting, for timeout tests.
class SilentServer {
 public:
  SilentServer();  // throws std::runtime_error when the socket cannot be set up
  ~SilentServer();
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;

  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace schoolmod::testing
