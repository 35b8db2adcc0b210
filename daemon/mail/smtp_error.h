#pragma once

#include <string>

#include "schoolmod/result.h"

namespace schoolmod::mail {

// What went wrong in an SMTP exchange, before the server's reply code is considered. The libcurl
// result codes map onto these in smtp_transport.cc, so the policy below is tested without curl.
enum class SmtpFailure {
  kConnect,      // DNS, refused or reset, no or odd reply; also a command answered with an error
  kTimeout,      // connect or total timeout
  kTls,          // handshake, certificate, or STARTTLS required but not offered
  kLoginDenied,  // the server refused AUTH
  kOther,
};

// The error kind the outbox acts on (see MailTransport::Send). The reply code decides when there
// is one: 4xx is transient whatever the command (greylisting, a full queue, 454 temporary auth
// failure); 530/534/535/538 are authentication; other 5xx are permanent. Without a failure code
// (0, or the last code was a success before the connection broke), kLoginDenied is auth and
// everything else transient. `smtp_code` is CURLINFO_RESPONSE_CODE; `message` is kept as is.
Error ClassifySmtpFailure(SmtpFailure failure, long smtp_code, std::string message);

}  // namespace schoolmod::mail
