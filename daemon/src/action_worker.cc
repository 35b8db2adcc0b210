#include "action_worker.h"

#include <fmt/format.h>

#include "mail/retry.h"

namespace schoolmod::daemon {
namespace {

using connectors::ActionKind;

void Finish(DaemonState& state, const storage::OutboxAction& row,
            const Result<connectors::ActionOutcome>& outcome, TimePoint now) {
  auto db = state.db.Lock();
  if (outcome) {
    state.metrics.actions_done++;
    state.log.outbox->info("action done id={} account={} item={} action={} manual={}", row.id,
                           row.account_id, row.comment_id, connectors::ToString(row.kind),
                           outcome->manual);
    if (auto r = (*db)->MarkActionDone(row.id, *outcome, now); !r) {
      state.log.storage->error("cannot record action id={} error=\"{}\"", row.id,
                               r.error().message);
      return;
    }
    // Policy: the clock stops when the comment is removed by a moderation action.
    if (row.kind == ActionKind::kHide || row.kind == ActionKind::kDelete) {
      auto stopped = (*db)->StopSla(row.comment_id, row.requested_by,
                                    "removed by moderation action", now);
      if (!stopped) {
        state.log.storage->error("cannot stop clock item={} error=\"{}\"", row.comment_id,
                                 stopped.error().message);
      }
    }
    return;
  }
  const Error& error = outcome.error();
  bool retry = (error.kind == ErrorKind::kTransient || error.kind == ErrorKind::kRateLimited) &&
               row.attempts < kMaxActionAttempts;
  if (retry) {
    TimePoint at = now + mail::RetryDelay(row.attempts, static_cast<std::uint32_t>(row.id));
    if (error.retry_at && *error.retry_at > at) at = *error.retry_at;
    state.log.outbox->warn("action retry id={} account={} item={} action={} attempt={} at={} "
                           "error=\"{}\"",
                           row.id, row.account_id, row.comment_id,
                           connectors::ToString(row.kind), row.attempts, FormatRfc3339Utc(at),
                           error.message);
    if (auto r = (*db)->MarkActionRetry(row.id, error.message, at); !r) {
      state.log.storage->error("cannot record action id={} error=\"{}\"", row.id,
                               r.error().message);
    }
    return;
  }
  state.metrics.actions_failed++;
  state.log.outbox->error("action failed id={} account={} item={} action={} kind={} error=\"{}\"",
                          row.id, row.account_id, row.comment_id, connectors::ToString(row.kind),
                          ToString(error.kind), error.message);
  if (auto r = (*db)->MarkActionFailed(row.id, error.message, now); !r) {
    state.log.storage->error("cannot record action id={} error=\"{}\"", row.id,
                             r.error().message);
  }
}

Result<connectors::ActionOutcome> Perform(DaemonState& state, const storage::OutboxAction& row) {
  auto rt = state.runtime();
  auto [school, account] = rt->config.FindAccount(row.account_id);
  if (account == nullptr) {
    return Error::Permanent("account " + row.account_id + " is no longer configured");
  }
  auto slot = state.Slot(*account);
  if (slot == nullptr) return Error::Permanent("no connector for platform " + account->platform);

  connectors::Action action;
  action.kind = row.kind;
  action.comment_id = row.comment_platform_id;
  action.post_id = row.post_id;
  action.author_id = row.author_id;
  action.message = row.message;
  action.idempotency_key = row.idempotency_key;

  std::lock_guard lock(slot->mu);
  if (!connectors::Has(slot->connector->capabilities(), connectors::RequiredCapability(row.kind))) {
    if (row.kind == ActionKind::kReport) {
      // No reporting API: the queue shows the link so a person reports it on the platform.
      return connectors::ActionOutcome{"", true, "report manually on " + account->platform};
    }
    return Error::NotSupported(fmt::format("{} cannot {} comments", account->platform,
                                           connectors::ToString(row.kind)));
  }
  return slot->connector->Act(*account, action);
}

}  // namespace

bool RunActionBatch(DaemonState& state, TimePoint now, int limit) {
  Result<std::vector<storage::OutboxAction>> claimed = std::vector<storage::OutboxAction>{};
  {
    auto db = state.db.Lock();
    claimed = (*db)->ClaimDueActions(now, limit);
  }
  if (!claimed) {
    state.log.storage->warn("cannot claim actions error=\"{}\"", claimed.error().message);
    return false;
  }
  for (const auto& row : *claimed) {
    auto outcome = Perform(state, row);
    Finish(state, row, outcome, Now());
  }
  return static_cast<int>(claimed->size()) == limit;
}

}  // namespace schoolmod::daemon
