#include "digest.h"

#include <algorithm>
#include <set>

#include <date/date.h>
#include <fmt/format.h>

#include "notification_worker.h"
#include "planner.h"

namespace schoolmod::daemon {
namespace {

std::string DateKey(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", int(d.year()), unsigned(d.month()), unsigned(d.day()));
}

std::string DateLabel(std::chrono::year_month_day d) {
  date::year_month_day ymd{date::year{int(d.year())}, date::month{unsigned(d.month())},
                           date::day{unsigned(d.day())}};
  return date::format("%A %d %B %Y", ymd);
}

DigestFacts Gather(const config::School& school,
                   const moderation::SchoolCalendar& calendar,
                   const std::vector<storage::ItemSummary>& items, TimePoint now) {
  DigestFacts facts;
  facts.school_name = school.name;
  facts.date_label = DateLabel(calendar.LocalDate(now));
  TimePoint end_of_day = calendar.AtLocalTime(calendar.LocalDate(now), std::chrono::hours(24));
  std::vector<std::pair<int, DigestLine>> ranked;
  for (const auto& item : items) {
    DigestLine line;
    line.item_id = item.comment.id;
    line.account_id = item.comment.account_id;
    int rank = 3;
    if (item.sla && item.sla->state == storage::SlaState::kOpen) {
      facts.open++;
      if (item.sla->due_at <= now) {
        facts.breached++;
        rank = 0;
        line.what = "overdue since " + LocalTimeLabel(item.sla->due_at, school.timezone);
      } else if (item.sla->due_at < end_of_day) {
        facts.due_today++;
        rank = 1;
        line.what = "due today, " + LocalTimeLabel(item.sla->due_at, school.timezone);
      } else {
        rank = 2;
        line.what = "due " + LocalTimeLabel(item.sla->due_at, school.timezone);
      }
    } else {
      facts.awaiting_review++;
      std::string verdict =
          item.verdict ? std::string(moderation::ToString(item.verdict->verdict.verdict)) : "?";
      line.what = "awaiting a moderation decision (" + verdict + ")";
    }
    ranked.emplace_back(rank, std::move(line));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [rank, line] : ranked) facts.lines.push_back(std::move(line));
  return facts;
}

}  // namespace

EmailContent DigestEmail(const DigestFacts& facts, const std::string& public_base) {
  EmailContent out;
  out.subject = fmt::format("[{}] Social media today: {} open, {} due today, {} overdue",
                            facts.school_name, facts.open, facts.due_today, facts.breached);
  out.body.push_back(mail::BodyBlock::Paragraph(
      fmt::format("Good morning. This is the social media queue for {} on {}.", facts.school_name,
                  facts.date_label)));
  out.body.push_back(mail::BodyBlock::Paragraph(fmt::format(
      "Waiting for a response: {}\nDue today: {}\nOverdue: {}\nAwaiting a moderation decision: {}",
      facts.open, facts.due_today, facts.breached, facts.awaiting_review)));
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < facts.lines.size() && i < kShown; ++i) {
    const auto& line = facts.lines[i];
    out.body.push_back(mail::BodyBlock::Link(
        fmt::format("Item {} ({}): {}", line.item_id, line.account_id, line.what),
        fmt::format("{}/items/{}", public_base, line.item_id)));
  }
  if (facts.lines.size() > kShown) {
    out.body.push_back(mail::BodyBlock::Paragraph(
        fmt::format("... and {} more.", facts.lines.size() - kShown)));
  }
  out.body.push_back(mail::BodyBlock::Link("Open the queue", facts.queue_url));
  return out;
}

void PlanDigests(DaemonState& state, TimePoint now) {
  auto rt = state.runtime();
  std::string base = ItemUrl(rt->config, 0);
  base = base.substr(0, base.rfind("/items/"));
  for (const auto& school : rt->config.schools) {
    const auto* calendar = rt->calendar(school.id);
    if (calendar == nullptr || !calendar->IsWithinWorkingHours(now)) continue;
    auto today = calendar->LocalDate(now);
    std::string key_day = DateKey(today);
    {
      std::lock_guard lock(state.digest_mu);
      if (state.digest_planned[school.id] == key_day) continue;
    }
    bool all_polled = std::all_of(school.accounts.begin(), school.accounts.end(),
                                  [&](const auto& a) { return state.PolledSinceStart(a.id); });
    if (!all_polled) continue;
    std::set<std::string> recipients;
    for (const auto& account : school.accounts) {
      for (const auto& admin : account.administrators) recipients.insert(admin.email);
    }
    storage::ItemFilter filter;
    filter.school_id = school.id;
    filter.limit = 1000;
    auto db = state.db.Lock();
    auto items = (*db)->ListItems(filter);
    if (!items) {
      state.log.outbox->warn("cannot read queue for digest school={} error=\"{}\"", school.id,
                             items.error().message);
      continue;
    }
    DigestFacts facts = Gather(school, *calendar, *items, now);
    facts.queue_url = base + "/";
    EmailContent content = DigestEmail(facts, base);
    std::string text = mail::RenderTextBody(content.body);
    for (const auto& recipient : recipients) {
      storage::PlannedNotification n;
      n.kind = std::string(kDigestNotification);
      n.recipient = recipient;
      n.subject = content.subject;
      n.body_text = text;
      n.due_at = now;
      n.dedupe_key = fmt::format("digest:{}:{}:{}", school.id, key_day, recipient);
      if (auto r = (*db)->EnqueueNotification(n, std::nullopt, now); !r) {
        state.log.storage->error("cannot queue digest school={} error=\"{}\"", school.id,
                                 r.error().message);
      }
    }
    std::lock_guard lock(state.digest_mu);
    state.digest_planned[school.id] = key_day;
  }
}

}  // namespace schoolmod::daemon
