#include "mail/smtp_error.h"

#include <utility>

namespace schoolmod::mail {

Error ClassifySmtpFailure(SmtpFailure failure, long smtp_code, std::string message) {
  if (smtp_code >= 400 && smtp_code < 500) return Error::Transient(std::move(message));
  // RFC 4954: 530 authentication required (also sent as "must issue STARTTLS first"), 534 mechanism
  // too weak, 535 credentials invalid, 538 encryption required for the mechanism. Retrying the
  // same message cannot help until someone changes the config.
  if (smtp_code == 530 || smtp_code == 534 || smtp_code == 535 || smtp_code == 538 ||
      failure == SmtpFailure::kLoginDenied) {
    return Error::Auth(std::move(message));
  }
  if (smtp_code >= 500 && smtp_code < 600) return Error::Permanent(std::move(message));
  return Error::Transient(std::move(message));
}

}  // namespace schoolmod::mail
