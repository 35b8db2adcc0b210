#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <spdlog/logger.h>

#include "mail/smtp_error.h"
#include "mail/transport_internal.h"

namespace schoolmod::mail::internal {
namespace {

void InitCurlOnce() {
  static std::once_flag once;
  // curl_global_init is not thread-safe in every libcurl build; never cleaned up: the process
  // owns it.
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

// The message being uploaded as DATA. libcurl dot-stuffs it and appends the terminating
// "<CRLF>.<CRLF>".
struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t OnRead(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

SmtpFailure FailureOf(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
      // Send and receive errors also stand for "the server answered a command with an error";
      // the reply code tells those apart.
      return SmtpFailure::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return SmtpFailure::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CERTPROBLEM:
      return SmtpFailure::kTls;
    case CURLE_LOGIN_DENIED:
      return SmtpFailure::kLoginDenied;
    default:
      return SmtpFailure::kOther;
  }
}

long UseSslFor(const config::MailSettings& settings) {
  switch (settings.starttls) {
    case config::StartTls::kRequired:
      return CURLUSESSL_ALL;
    case config::StartTls::kOpportunistic:
      return CURLUSESSL_TRY;
    case config::StartTls::kNone:
      return CURLUSESSL_NONE;
  }
  return CURLUSESSL_ALL;
}

class SmtpTransport final : public MailTransport {
 public:
  SmtpTransport(config::MailSettings settings, Mailbox from, std::shared_ptr<spdlog::logger> log,
                TransportOptions options)
      : settings_(std::move(settings)),
        from_(std::move(from)),
        log_(std::move(log)),
        options_(std::move(options)),
        mail_from_("<" + from_.address + ">") {
    // smtps:// is TLS from the first byte; CURLUSESSL_ALL only makes that explicit.
    std::string scheme = settings_.url.substr(0, settings_.url.find(':'));
    for (char& ch : scheme) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    use_ssl_ = scheme == "smtps" ? static_cast<long>(CURLUSESSL_ALL) : UseSslFor(settings_);
  }

  Result<void> Send(const OutgoingMessage& message) override {
    if (!IsValidAddress(message.to.address)) {
      return Error::InvalidInput(fmt::format("recipient address \"{}\" is not valid",
                                             SanitizeHeaderText(message.to.address)));
    }
    std::string message_id;
    auto data = RenderForDelivery(message, from_, &message_id);
    if (!data) return data.error();

    std::unique_ptr<CURL, EasyDeleter> h(curl_easy_init());
    if (!h) return Error::Transient("could not create a libcurl handle");
    std::unique_ptr<curl_slist, SlistDeleter> rcpt(
        curl_slist_append(nullptr, ("<" + message.to.address + ">").c_str()));
    if (!rcpt) return Error::Transient("out of memory building the recipient list");

    Upload upload{*data, 0};
    char error_buffer[CURL_ERROR_SIZE] = {};
    CURL* c = h.get();
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
    // Timeouts without SIGALRM, which is unsafe in a threaded daemon.
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(settings_.connect_timeout.count() * 1000));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count() * 1000));
    curl_easy_setopt(c, CURLOPT_USE_SSL, use_ssl_);
    // Explicit so no libcurl build default can turn verification off.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
    if (!settings_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password->value.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from_.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &OnRead);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data->size()));

    const auto started = std::chrono::steady_clock::now();
    const CURLcode code = curl_easy_perform(c);
    const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - started)
                                .count();
    long smtp_code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtp_code);
    if (code == CURLE_OK) {
      log_->debug("mail sent message_id={} smtp_code={} elapsed_ms={}", message_id, smtp_code,
                  elapsed_ms);
      return Ok();
    }
    std::string detail = curl_easy_strerror(code);
    if (error_buffer[0] != '\0' && detail != error_buffer) {
      detail = fmt::format("{} ({})", detail, error_buffer);
    }
    Error error = ClassifySmtpFailure(
        FailureOf(code), smtp_code,
        fmt::format("sending {} to {} failed: smtp_code={}: {}", message_id, settings_.url,
                    smtp_code, detail));
    log_->debug("mail not sent message_id={} kind={} smtp_code={} curl={} elapsed_ms={}",
                message_id, ToString(error.kind), smtp_code, static_cast<int>(code), elapsed_ms);
    return error;
  }

 private:
  const config::MailSettings settings_;
  const Mailbox from_;
  const std::shared_ptr<spdlog::logger> log_;
  const TransportOptions options_;
  const std::string mail_from_;  // "<addr>" for MAIL FROM
  long use_ssl_ = CURLUSESSL_ALL;
};

}  // namespace

std::unique_ptr<MailTransport> MakeSmtpTransport(const config::MailSettings& settings,
                                                 Mailbox from,
                                                 std::shared_ptr<spdlog::logger> log,
                                                 const TransportOptions& options) {
  InitCurlOnce();
  return std::make_unique<SmtpTransport>(settings, std::move(from), std::move(log), options);
}

}  // namespace schoolmod::mail::internal
