#include "notification_worker.h"

#include <fmt/format.h>

#include "digest.h"
#include "mail/retry.h"
#include "mail/transport.h"
#include "planner.h"
#include "schoolmod/moderation/reminders.h"
#include "schoolmod/storage/outbox.h"

namespace schoolmod::daemon {
namespace {

using storage::OutboxNotification;

// Plain-text bodies stored with the row (alerts not about an item): paragraphs at blank lines.
std::vector<mail::BodyBlock> Paragraphs(const std::string& text) {
  std::vector<mail::BodyBlock> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find("\n\n", start);
    std::string part = text.substr(start, end == std::string::npos ? std::string::npos
                                                                    : end - start);
    if (!part.empty()) out.push_back(mail::BodyBlock::Paragraph(part));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

// What to send for `row`, or nullopt when it should not go at all (the item's clock stopped
// after this reminder was claimed). Sets *detail for item rows.
std::optional<EmailContent> Render(const Runtime& rt, const OutboxNotification& row,
                                   const std::optional<storage::ItemDetail>& detail,
                                   TimePoint now) {
  if (!row.subject.empty() || !row.item_id) {
    return EmailContent{row.subject, Paragraphs(row.body_text)};
  }
  if (!detail) return std::nullopt;
  ItemFacts facts = FactsFor(rt, *detail);
  bool clock_running = detail->sla && detail->sla->state == storage::SlaState::kOpen;
  if (row.kind == kSafeguardingNotification) return SafeguardingAlertEmail(facts);
  if (row.kind == storage::kReminderNotification) {
    if (!clock_running) return std::nullopt;
    return ReminderEmail(facts, now);
  }
  if (row.kind == storage::kBreachNotification) {
    if (!clock_running) return std::nullopt;
    int repeat = 0;
    if (detail->sla->breached_at) repeat = 1;
    return BreachEmail(facts, now, repeat);
  }
  return NewItemEmail(facts);
}

// After a breach alert went out: record the breach and plan the next alert to this recipient.
void PlanNextBreach(DaemonState& state, const Runtime& rt, const OutboxNotification& row,
                    const storage::ItemDetail& detail, TimePoint now) {
  if (!detail.sla || detail.sla->state != storage::SlaState::kOpen) return;
  auto db = state.db.Lock();
  (void)(*db)->MarkSlaBreached(detail.comment.id, now);
  auto next = moderation::NextBreachAlert(detail.sla->due_at, rt.config.sla.repeat_breach_every,
                                          std::max(row.due_at, detail.sla->due_at));
  if (!next) return;
  storage::PlannedNotification n;
  n.kind = std::string(storage::kBreachNotification);
  n.recipient = row.recipient;
  n.due_at = *next;
  n.dedupe_key = NotificationKey(storage::kBreachNotification, detail.comment.account_id,
                                 detail.comment.comment.platform_id, row.recipient,
                                 ToUnixSeconds(*next));
  if (auto r = (*db)->EnqueueNotification(n, detail.comment.id, now); !r) {
    state.log.storage->error("cannot plan breach repeat item={} error=\"{}\"", detail.comment.id,
                             r.error().message);
  }
}

void SendOne(DaemonState& state, const Runtime& rt, mail::MailTransport& transport,
             const OutboxNotification& row, TimePoint now) {
  std::optional<storage::ItemDetail> detail;
  if (row.item_id) {
    auto db = state.db.Lock();
    auto got = (*db)->GetItem(*row.item_id);
    if (got && got->has_value()) detail = std::move(**got);
  }
  auto content = Render(rt, row, detail, now);
  auto db_fail = [&](const Result<void>& r) {
    if (!r) state.log.storage->error("cannot record email id={} error=\"{}\"", row.id,
                                     r.error().message);
  };
  if (!content) {
    state.log.outbox->info("email dropped id={} kind={} item={} reason=\"clock stopped\"", row.id,
                           row.kind, row.item_id.value_or(0));
    auto db = state.db.Lock();
    db_fail((*db)->MarkNotificationFailed(row.id, "not sent: the response clock had stopped",
                                          now));
    return;
  }

  std::string message_id = row.message_id;
  if (message_id.empty()) {
    auto from = mail::ParseMailbox(rt.config.mail.from);
    std::string domain = from ? std::string(mail::AddressDomain(from->address)) : "localhost";
    auto db = state.db.Lock();
    auto fixed = (*db)->SetNotificationMessageId(row.id, mail::GenerateMessageId(domain));
    if (!fixed) {
      db_fail(fixed.error());
      return;
    }
    message_id = *fixed;
  }

  mail::OutgoingMessage message;
  message.to.address = row.recipient;
  message.subject = content->subject;
  message.body = std::move(content->body);
  message.message_id = message_id;
  auto sent = transport.Send(message);

  bool plan_breach = false;
  {
    auto db = state.db.Lock();
    if (sent) {
      state.metrics.emails_sent++;
      state.log.mail->info("email sent id={} kind={} item={} message_id={}", row.id, row.kind,
                           row.item_id.value_or(0), message_id);
      db_fail((*db)->MarkNotificationSent(row.id, message_id, now));
      plan_breach = row.kind == storage::kBreachNotification && detail.has_value();
    } else {
      const Error& error = sent.error();
      // A refused SMTP login fails every message alike until the password is fixed: keep them
      // queued (with backoff) rather than dropping them, and say so loudly.
      bool retry = error.kind == ErrorKind::kTransient || error.kind == ErrorKind::kAuth;
      if (error.kind == ErrorKind::kAuth) {
        state.log.mail->error("smtp login refused; emails are held until mail.username and the "
                              "password credential are fixed error=\"{}\"",
                              error.message);
      }
      if (retry && row.attempts < rt.config.mail.max_attempts) {
        TimePoint at = now + mail::RetryDelay(row.attempts, static_cast<std::uint32_t>(row.id),
                                              rt.config.mail.first_retry);
        state.log.mail->warn("email retry id={} kind={} attempt={} at={} error=\"{}\"", row.id,
                             row.kind, row.attempts, FormatRfc3339Utc(at), error.message);
        db_fail((*db)->MarkNotificationRetry(row.id, error.message, at));
      } else {
        state.metrics.emails_failed++;
        state.log.mail->error("email failed id={} kind={} attempts={} error_kind={} error=\"{}\"",
                              row.id, row.kind, row.attempts, ToString(error.kind),
                              error.message);
        db_fail((*db)->MarkNotificationFailed(row.id, error.message, now));
      }
    }
  }
  if (plan_breach) PlanNextBreach(state, rt, row, *detail, now);
}

}  // namespace

std::string ItemUrl(const config::Config& config, std::int64_t item_id) {
  std::string base = config.daemon.public_url.empty() ? "http://" + config.daemon.listen
                                                      : config.daemon.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return fmt::format("{}/items/{}", base, item_id);
}

ItemFacts FactsFor(const Runtime& rt, const storage::ItemDetail& item) {
  ItemFacts facts;
  const auto& c = item.comment;
  auto [school, account] = rt.config.FindAccount(c.account_id);
  facts.school_name = school ? school->name : c.school_id;
  facts.timezone = school ? school->timezone : "UTC";
  facts.account_id = c.account_id;
  facts.platform = c.platform;
  facts.author = c.comment.author_name.value_or("");
  facts.comment_text = c.text_purged ? "(text removed after the retention period)" : c.comment.text;
  facts.permalink = c.comment.permalink;
  facts.item_url = ItemUrl(rt.config, c.id);
  facts.received_at = c.comment.created_at;
  if (item.sla) facts.due_at = item.sla->due_at;
  if (item.verdict) {
    const auto& v = item.verdict->verdict;
    facts.verdict = std::string(moderation::ToString(v.verdict));
    for (auto cat : v.categories) facts.categories.emplace_back(moderation::ToString(cat));
    for (const auto& reason : v.reasons) {
      if (!reason.explanation.empty()) facts.explanations.push_back(reason.explanation);
    }
  }
  return facts;
}

bool RunNotificationBatch(DaemonState& state, TimePoint now, int limit) {
  std::shared_ptr<mail::MailTransport> transport;
  {
    std::lock_guard lock(state.mail_mu);
    transport = state.mail;
  }
  if (!transport) return false;
  PlanDigests(state, now);
  auto rt = state.runtime();
  Result<std::vector<OutboxNotification>> claimed = std::vector<OutboxNotification>{};
  {
    auto db = state.db.Lock();
    claimed = (*db)->ClaimDueNotifications(now, limit);
  }
  if (!claimed) {
    state.log.storage->warn("cannot claim emails error=\"{}\"", claimed.error().message);
    return false;
  }
  for (const auto& row : *claimed) SendOne(state, *rt, *transport, row, Now());
  return static_cast<int>(claimed->size()) == limit;
}

}  // namespace schoolmod::daemon
