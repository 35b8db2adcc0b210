#include "poller.h"

#include <algorithm>

#include <fmt/format.h>

#include "planner.h"
#include "schoolmod/storage/outbox.h"

namespace schoolmod::daemon {
namespace {

std::string CategoriesLabel(const moderation::Verdict& verdict) {
  std::string out;
  for (auto c : verdict.categories) {
    if (!out.empty()) out += ',';
    out += moderation::ToString(c);
  }
  return out;
}

std::size_t CountKind(const storage::IngestItem& item, std::string_view kind) {
  return static_cast<std::size_t>(
      std::count_if(item.notifications.begin(), item.notifications.end(),
                    [&](const auto& n) { return n.kind == kind; }));
}

// The account could not be polled: remember why, and tell a person when only a person can fix
// it (a refused token). Returns the delay before the next try.
std::optional<Seconds> HandleFailure(DaemonState& state, const config::School& school,
                                     const config::Account& account,
                                     const Error& error, TimePoint now) {
  state.metrics.polls_failed++;
  int failures = 1;
  {
    auto db = state.db.Lock();
    if (auto prior = (*db)->GetAccountState(account.id); prior && prior->has_value()) {
      failures = (*prior)->consecutive_failures + 1;
    }
  }
  Seconds delay = PollBackoff(account.poll_interval, failures);
  if (error.kind == ErrorKind::kRateLimited && error.retry_at && *error.retry_at > now) {
    delay = std::max(delay, *error.retry_at - now);
  }
  switch (error.kind) {
    case ErrorKind::kAuth:
      state.log.poll->error("poll stopped account={} kind=auth error=\"{}\" fix=\"renew the "
                            "token credential, then reload\"",
                            account.id, error.message);
      state.SetAuthStopped(account.id);
      break;
    case ErrorKind::kPermission:
      state.log.poll->error("poll failed account={} kind=permission error=\"{}\"", account.id,
                            error.message);
      break;
    default:
      state.log.poll->warn("poll failed account={} kind={} failures={} retry_in={} error=\"{}\"",
                           account.id, ToString(error.kind), failures, FormatDuration(delay),
                           error.message);
  }

  auto db = state.db.Lock();
  auto recorded = (*db)->RecordPollFailure(account.id, account.platform, error, now, now + delay);
  if (!recorded) {
    state.log.storage->error("cannot record poll failure account={} error=\"{}\"", account.id,
                             recorded.error().message);
  }
  if (error.kind == ErrorKind::kAuth || error.kind == ErrorKind::kPermission) {
    // One email per account and day to its administrators: polling has stopped and comments are
    // going unseen until somebody acts.
    auto day = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
    for (const auto& admin : account.administrators) {
      storage::PlannedNotification n;
      n.kind = std::string(kAuthNotification);
      n.recipient = admin.email;
      n.due_at = now;
      n.dedupe_key = fmt::format("auth:{}:{}:{}", account.id, admin.email, day);
      n.subject = fmt::format("[{}] schoolmod cannot reach the {} account {}", school.name,
                              account.platform, account.id);
      n.body_text = fmt::format(
          "schoolmod could not read the school's {} account \"{}\" and has stopped checking it, "
          "so new comments are not being moderated or tracked.\n\nWhat the platform said: "
          "{}\n\nAsk the IT administrator to renew the account's access token (the {} "
          "credential) and reload schoolmod.",
          account.platform, account.id, error.message, account.id);
      if (auto queued = (*db)->EnqueueNotification(n, std::nullopt, now); !queued) {
        state.log.storage->error("cannot queue auth alert account={} error=\"{}\"", account.id,
                                 queued.error().message);
      }
    }
    state.kick_notifications();
  }
  if (error.kind == ErrorKind::kAuth) return std::chrono::hours(24 * 365);
  return delay;
}

}  // namespace

std::optional<Seconds> RateLimitDelay(const connectors::RateLimit& limit, Seconds interval,
                                      TimePoint now) {
  if (limit.remaining && *limit.remaining <= 0 && limit.reset_at && *limit.reset_at > now) {
    return std::max<Seconds>(interval, *limit.reset_at - now);
  }
  // Platforms that report usage as a percentage (Graph) throttle at 100%: back off well before.
  if (limit.usage_percent && *limit.usage_percent >= 95) return interval * 4;
  if (limit.usage_percent && *limit.usage_percent >= 80) return interval * 2;
  return std::nullopt;
}

Seconds PollBackoff(Seconds interval, int failures) {
  constexpr Seconds kMax = std::chrono::hours(1);
  Seconds delay = std::max(interval, Seconds{1});
  for (int i = 0; i < failures && delay < kMax; ++i) delay *= 2;
  return std::max(std::min(delay, kMax), interval);
}

std::optional<Seconds> PollAccount(DaemonState& state, const std::string& account_id) {
  auto rt = state.runtime();
  auto [school, account] = rt->config.FindAccount(account_id);
  if (account == nullptr) return std::nullopt;  // removed by a reload
  if (state.AuthStopped(account_id)) return std::nullopt;
  const auto* calendar = rt->calendar(school->id);
  auto slot = state.Slot(*account);
  if (slot == nullptr || calendar == nullptr) {
    state.log.poll->error("no connector account={} platform={}", account->id, account->platform);
    return std::chrono::hours(1);
  }

  connectors::Cursor cursor;
  {
    auto db = state.db.Lock();
    auto prior = (*db)->GetAccountState(account_id);
    if (!prior) {
      state.log.storage->warn("cannot read account state account={} error=\"{}\"", account_id,
                              prior.error().message);
      return PollBackoff(account->poll_interval, 1);
    }
    if (prior->has_value()) cursor = (*prior)->cursor;
  }

  Result<connectors::PollResult> polled = Error::Transient("not polled");
  connectors::Capabilities capabilities = 0;
  {
    std::lock_guard lock(slot->mu);
    capabilities = slot->connector->capabilities();
    polled = slot->connector->Poll(*account, cursor);
  }
  TimePoint now = Now();
  state.MarkPolled(account_id);
  if (!polled) return HandleFailure(state, *school, *account, polled.error(), now);

  PlanContext ctx{rt->config, *school, *account, *calendar, capabilities, now};
  storage::PollBatch batch;
  batch.account_id = account->id;
  batch.platform = account->platform;
  batch.next_cursor = polled->next_cursor;
  batch.fetched_at = now;
  batch.next_poll_at = now + account->poll_interval;
  for (const auto& comment : polled->comments) {
    moderation::AuthorHistory history;
    if (comment.author_id && !comment.own) {
      auto db = state.db.Lock();
      auto removals = (*db)->CountAuthorRemovals(account->id, *comment.author_id);
      if (removals) history.prior_removals = *removals;
    }
    auto verdict = rt->classifier->Classify(comment.text, history);
    batch.items.push_back(PlanItem(ctx, comment, verdict));
  }

  Result<storage::IngestReport> report = Error::Transient("not stored");
  {
    auto db = state.db.Lock();
    report = (*db)->IngestPoll(batch);
  }
  if (!report) {
    // Nothing was stored and the cursor did not move: the next poll fetches the same comments.
    state.log.storage->error("cannot store poll account={} error=\"{}\"", account->id,
                             report.error().message);
    return HandleFailure(state, *school, *account,
                         Error::Transient("storing the poll failed: " + report.error().message),
                         now);
  }

  state.metrics.polls_ok++;
  state.metrics.comments_new += report->new_count;
  state.metrics.comments_edited += report->edited_count;
  for (std::size_t i = 0; i < report->comments.size(); ++i) {
    const auto& stored = report->comments[i];
    if (stored.status != storage::IngestStatus::kNew &&
        stored.status != storage::IngestStatus::kEdited) {
      continue;
    }
    const auto& item = batch.items[i];
    // Ids, verdict and deadline only: comment text never goes to the log.
    state.log.poll->info(
        "comment {} account={} item={} platform_id={} own={} verdict={} categories={} due={} "
        "reminders={}{}{}",
        storage::ToString(stored.status), account->id, stored.comment_id, stored.platform_id,
        item.comment.own, moderation::ToString(item.verdict.verdict), CategoriesLabel(item.verdict),
        item.due_at ? FormatRfc3339(*item.due_at, calendar->UtcOffset(*item.due_at)) : "-",
        CountKind(item, storage::kReminderNotification) / std::max<std::size_t>(
                                                              1, account->administrators.size()),
        item.actions.empty() ? "" : " auto_hide=true",
        item.verdict.safeguarding ? " safeguarding=true" : "");
  }
  state.log.poll->info(
      "poll done account={} fetched={} new={} edited={} deleted={} clocks_stopped={} actions={} "
      "emails={} skipped={}",
      account->id, polled->comments.size(), report->new_count, report->edited_count,
      report->deleted_count, report->clocks_stopped, report->actions_enqueued,
      report->notifications_enqueued, polled->skipped);
  if (report->actions_enqueued > 0) state.kick_actions();
  if (report->notifications_enqueued > 0) state.kick_notifications();

  return RateLimitDelay(polled->rate_limit, account->poll_interval, now);
}

}  // namespace schoolmod::daemon
