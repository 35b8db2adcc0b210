#include "decisions.h"

#include <fmt/format.h>

namespace schoolmod::daemon {
namespace {

using moderation::PlatformCall;

connectors::ActionKind ToActionKind(PlatformCall call) {
  switch (call) {
    case PlatformCall::kHide: return connectors::ActionKind::kHide;
    case PlatformCall::kUnhide: return connectors::ActionKind::kUnhide;
    case PlatformCall::kDelete: return connectors::ActionKind::kDelete;
    case PlatformCall::kBlock: return connectors::ActionKind::kBlock;
    case PlatformCall::kReport: return connectors::ActionKind::kReport;
    case PlatformCall::kReply: return connectors::ActionKind::kReply;
  }
  return connectors::ActionKind::kHide;
}

}  // namespace

Result<DecisionReport> ApplyDecision(storage::Database& db, const config::Config& config,
                                     std::int64_t item_id, const moderation::Decision& decision,
                                     const std::string& actor, TimePoint now) {
  auto got = db.GetItem(item_id);
  if (!got) return got.error();
  if (!got->has_value()) return Error::InvalidInput(fmt::format("no item {}", item_id));
  const storage::ItemDetail& item = **got;
  auto [school, account] = config.FindAccount(item.comment.account_id);
  if (school == nullptr) {
    return Error::InvalidInput(fmt::format("item {}: account {} is no longer configured", item_id,
                                           item.comment.account_id));
  }

  moderation::ItemFacts facts;
  facts.safeguarding = item.verdict && item.verdict->verdict.safeguarding;
  facts.clock_running = item.sla && item.sla->state == storage::SlaState::kOpen;
  facts.deleted = item.comment.deleted_at.has_value();
  auto outcome = moderation::Decide(decision, facts, *school);
  if (!outcome.effects) {
    return Error::InvalidInput(fmt::format("item {}: {}", item_id, outcome.error));
  }
  const auto& effects = *outcome.effects;

  DecisionReport report;
  if (effects.call) {
    storage::PlannedAction action;
    action.kind = ToActionKind(*effects.call);
    action.reason = decision.reason;
    action.message = effects.call_message;
    action.requested_by = actor;
    // One decision is one platform call: the same person deciding the same thing on the same
    // item within a second (a double click, a retried request) queues it once.
    action.idempotency_key = fmt::format("decision:{}:{}:{}:{}", item_id,
                                         moderation::ToString(decision.kind), actor,
                                         ToUnixSeconds(now));
    auto queued = db.EnqueueAction(item_id, action, now);
    if (!queued) return queued.error();
    report.action_id = queued->id;
  }
  if (effects.stop_clock) {
    auto stopped = db.StopSla(item_id, actor, effects.stop_reason, now);
    if (!stopped) return stopped.error();
    report.clock_stopped = *stopped;
  }
  if (effects.mark_reviewed) {
    auto reviewed = db.MarkReviewed(item_id, actor, decision.reason, now);
    if (!reviewed) return reviewed.error();
  }
  return report;
}

}  // namespace schoolmod::daemon
