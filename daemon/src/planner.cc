#include "planner.h"

#include <fmt/format.h>

#include "schoolmod/moderation/deadline.h"
#include "schoolmod/moderation/reminders.h"
#include "schoolmod/storage/outbox.h"

namespace schoolmod::daemon {
namespace {

using moderation::VerdictKind;

std::string FirstExplanation(const moderation::Verdict& verdict) {
  for (const auto& reason : verdict.reasons) {
    if (!reason.explanation.empty()) return reason.explanation;
  }
  return "classified as " + std::string(moderation::ToString(verdict.verdict));
}

void AddForEach(storage::IngestItem& item, const std::vector<std::string>& recipients,
                std::string_view kind, const std::string& account_id, TimePoint due_at,
                std::int64_t step) {
  for (const auto& recipient : recipients) {
    storage::PlannedNotification n;
    n.kind = std::string(kind);
    n.recipient = recipient;
    n.due_at = due_at;
    n.dedupe_key = NotificationKey(kind, account_id, item.comment.platform_id, recipient, step);
    item.notifications.push_back(std::move(n));
  }
}

}  // namespace

std::string NotificationKey(std::string_view kind, const std::string& account_id,
                            const std::string& platform_id, const std::string& recipient,
                            std::int64_t step) {
  return fmt::format("{}:{}:{}:{}:{}", kind, account_id, platform_id, recipient, step);
}

storage::IngestItem PlanItem(const PlanContext& ctx, const connectors::Comment& comment,
                             const moderation::Verdict& verdict) {
  storage::IngestItem item;
  item.comment = comment;
  item.verdict = verdict;
  item.school_id = ctx.school.id;
  // The school's own replies and tombstones need nothing: the former stop clocks (storage), the
  // latter were already planned when first seen.
  if (comment.own || comment.deleted) return item;

  const bool removing = verdict.verdict == VerdictKind::kRemove;
  // A comment that is coming down needs no public answer; anything else the classifier says
  // needs one gets a clock, as the policy asks of every comment, query or complaint.
  if (verdict.needs_response && !removing) {
    auto deadline = moderation::ComputeDeadline(ctx.calendar, ctx.config.sla, comment.created_at);
    item.due_at = deadline.due_at;
  }

  if (removing && ctx.config.moderation.auto_hide &&
      connectors::Has(ctx.capabilities, connectors::Capability::kHide) && !comment.hidden) {
    storage::PlannedAction hide;
    hide.kind = connectors::ActionKind::kHide;
    hide.reason = FirstExplanation(verdict);
    hide.requested_by = "policy";
    hide.idempotency_key = fmt::format("auto-hide:{}:{}", ctx.account.id, comment.platform_id);
    item.actions.push_back(std::move(hide));
  }

  std::vector<std::string> administrators;
  for (const auto& admin : ctx.account.administrators) administrators.push_back(admin.email);

  // Safeguarding reaches the DSL whatever the comment's age: a child may be at risk now.
  if (verdict.safeguarding) {
    AddForEach(item, ctx.school.safeguarding, kSafeguardingNotification, ctx.account.id, ctx.now,
               0);
  }
  if (comment.created_at + kBacklogAge < ctx.now) return item;

  if (item.due_at) {
    AddForEach(item, administrators, kNewItemNotification, ctx.account.id, ctx.now, 0);
    auto reminders = moderation::ScheduleReminders(ctx.calendar, ctx.config.sla,
                                                   comment.created_at, *item.due_at);
    for (std::size_t i = 0; i < reminders.size(); ++i) {
      // A reminder whose moment passed before we saw the comment would only be noise; the
      // new-item email (or the breach alert) says it all.
      if (reminders[i] <= ctx.now || reminders[i] >= *item.due_at) continue;
      AddForEach(item, administrators, storage::kReminderNotification, ctx.account.id,
                 reminders[i], static_cast<std::int64_t>(i));
    }
    // The first breach alert; the notification worker plans each repeat as it sends one.
    std::vector<std::string> breach_to = administrators;
    breach_to.insert(breach_to.end(), ctx.school.escalation.begin(), ctx.school.escalation.end());
    AddForEach(item, breach_to, storage::kBreachNotification, ctx.account.id,
               std::max(*item.due_at, ctx.now), ToUnixSeconds(*item.due_at));
  } else if (verdict.verdict != VerdictKind::kOk) {
    // Hidden or held for review: the administrators decide what happens next.
    AddForEach(item, administrators, kNewItemNotification, ctx.account.id, ctx.now, 0);
  }
  return item;
}

}  // namespace schoolmod::daemon
