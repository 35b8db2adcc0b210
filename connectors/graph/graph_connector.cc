#include "graph/graph_connector.h"

#include <fmt/format.h>
#include <spdlog/sinks/null_sink.h>

namespace schoolmod::connectors::graph {

GraphConnector::GraphConnector(const ConnectorEnv& env, GraphOptions options, Traits traits)
    : http_(env.http),
      log_(env.log ? env.log
                   : std::make_shared<spdlog::logger>(
                         "connector.graph", std::make_shared<spdlog::sinks::null_sink_mt>())),
      now_(env.now ? env.now : [] { return Now(); }),
      options_(options),
      traits_(traits) {}

Result<PollResult> GraphConnector::Poll(const config::Account& config, const Cursor& cursor) {
  if (http_ == nullptr) return Error::Permanent("Graph connector made without an HTTP client");
  auto account = ReadGraphAccount(config, traits_.owner_key);
  if (!account) return account.error();
  auto state = DecodeCursor(cursor.value);
  if (!state) {
    log_->warn("cursor unreadable, reading the look-back window again account={}", config.id);
    state = GraphCursor{};
  }
  const TimePoint now = now_();
  GraphClient graph(*http_, *account, now);
  PollState poll{graph, *account, options_, now, *log_, traits_.read_permission, {}};
  auto result = PollAccount(poll, *state);
  if (!result) return result.error();
  const RateLimit& rate = result->rate_limit;
  log_->debug("poll account={} platform={} comments={} calls={} skipped={} usage_percent={}",
              config.id, platform(), result->comments.size(), result->api_calls,
              result->skipped, rate.usage_percent.value_or(-1));
  if (rate.usage_percent && *rate.usage_percent >= 80) {
    log_->warn("rate limit usage high account={} usage_percent={}", config.id,
               *rate.usage_percent);
  }
  return result;
}

Result<ActionOutcome> GraphConnector::Act(const config::Account& config, const Action& action) {
  if (!Has(capabilities(), RequiredCapability(action.kind))) {
    return Error::NotSupported(fmt::format("account {}: {} has no API to {} comments", config.id,
                                           platform(), ToString(action.kind)));
  }
  if (http_ == nullptr) return Error::Permanent("Graph connector made without an HTTP client");
  auto account = ReadGraphAccount(config, traits_.owner_key);
  if (!account) return account.error();
  GraphClient graph(*http_, *account, now_());
  auto outcome = ActOnAccount(graph, *account, action);
  log_->debug("action account={} platform={} action={} comment={} ok={} calls={}", config.id,
              platform(), ToString(action.kind), action.comment_id, outcome.ok(), graph.calls());
  return outcome;
}

}  // namespace schoolmod::connectors::graph
