#include "youtube/youtube_connector.h"

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "youtube/actions.h"
#include "youtube/api.h"
#include "youtube/oauth.h"
#include "youtube/poll.h"
#include "youtube/quota_ledger.h"
#include "youtube/settings.h"

namespace schoolmod::connectors {
namespace {

constexpr Capabilities kYoutubeCapabilities =
    Capability::kListComments | Capability::kDetectOwnReplies | Capability::kHide |
    Capability::kUnhide | Capability::kDelete | Capability::kBlock | Capability::kReply;

class YoutubeConnector final : public Connector {
 public:
  explicit YoutubeConnector(const ConnectorEnv& env)
      : http_(env.http),
        log_(env.log ? env.log
                     : std::make_shared<spdlog::logger>(
                           "connector.youtube", std::make_shared<spdlog::sinks::null_sink_mt>())),
        now_(env.now ? env.now : [] { return Now(); }),
        ledger_(youtube::ProcessQuotaLedger()) {}

  std::string_view platform() const override { return "youtube"; }
  Capabilities capabilities() const override { return kYoutubeCapabilities; }

  Result<PollResult> Poll(const config::Account& account, const Cursor& cursor) override {
    auto settings = Prepare(account);
    if (!settings) return settings.error();
    youtube::Api api(*http_, tokens_, ledger_, *settings, now_());
    return youtube::PollChannel(api, cursor, *log_);
  }

  Result<ActionOutcome> Act(const config::Account& account, const Action& action) override {
    if (!Has(capabilities(), RequiredCapability(action.kind))) {
      return Error::NotSupported(fmt::format(
          "account {}: YouTube has no API to {} a comment{}", account.id, ToString(action.kind),
          action.kind == ActionKind::kReport ? "; report it on youtube.com instead" : ""));
    }
    if (action.comment_id.empty() || action.comment_id.size() > 200 ||
        action.comment_id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                            "0123456789-_.") != std::string::npos) {
      return Error::InvalidInput(fmt::format("account {}: \"{}\" is not a YouTube comment id",
                                             account.id, action.comment_id.substr(0, 60)));
    }
    auto settings = Prepare(account);
    if (!settings) return settings.error();
    youtube::Api api(*http_, tokens_, ledger_, *settings, now_());
    auto outcome = youtube::RunAction(api, action, *log_);
    log_->debug("youtube action account={} action={} comment={} ok={} requests={}", account.id,
                ToString(action.kind), action.comment_id, outcome.ok(), api.requests());
    return outcome;
  }

 private:
  Result<youtube::Settings> Prepare(const config::Account& account) const {
    if (http_ == nullptr) {
      return Error::Permanent(
          fmt::format("account {}: youtube connector has no HTTP client", account.id));
    }
    return youtube::ReadSettings(account);
  }

  HttpClient* const http_;
  const std::shared_ptr<spdlog::logger> log_;
  const std::function<TimePoint()> now_;
  youtube::QuotaLedger& ledger_;
  youtube::TokenCache tokens_;  // thread-safe: accounts may be polled concurrently
};

}  // namespace

std::unique_ptr<Connector> MakeYoutubeConnector(const ConnectorEnv& env) {
  return std::make_unique<YoutubeConnector>(env);
}

}  // namespace schoolmod::connectors
