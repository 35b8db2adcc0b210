#include "http/health_handler.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace schoolmod::daemon::http {
namespace {

using nlohmann::json;

json TimeOrNull(const std::optional<TimePoint>& t) {
  return t ? json(FormatRfc3339Utc(*t)) : json(nullptr);
}

// The outbox figures both endpoints show.
struct OutboxCounts {
  std::int64_t emails_pending = 0, emails_failed = 0, actions_pending = 0, actions_failed = 0;
};

OutboxCounts CountOutboxes(storage::Database& db) {
  OutboxCounts c;
  auto value = [](const Result<std::int64_t>& r) { return r ? *r : -1; };
  c.emails_pending = value(db.CountNotifications(storage::NotificationState::kPending));
  c.emails_failed = value(db.CountNotifications(storage::NotificationState::kFailed));
  c.actions_pending = value(db.CountActions(storage::ActionState::kPending));
  c.actions_failed = value(db.CountActions(storage::ActionState::kFailed));
  return c;
}

}  // namespace

Response HandleHealthz(DaemonState& state) {
  auto rt = state.runtime();
  std::vector<storage::AccountState> states;
  OutboxCounts counts;
  bool storage_ok = true;
  {
    auto db = state.db.Lock();
    auto listed = (*db)->ListAccountStates();
    if (listed) {
      states = std::move(*listed);
    } else {
      storage_ok = false;
    }
    counts = CountOutboxes(**db);
  }
  bool degraded = !storage_ok || counts.emails_failed != 0 || counts.actions_failed != 0;
  json accounts = json::array();
  for (const auto& school : rt->config.schools) {
    for (const auto& account : school.accounts) {
      json a = {{"id", account.id},
                {"school", school.id},
                {"platform", account.platform},
                {"polling", !state.AuthStopped(account.id)},
                {"last_poll_at", nullptr},
                {"last_success_at", nullptr},
                {"consecutive_failures", 0},
                {"error", nullptr}};
      for (const auto& s : states) {
        if (s.account_id != account.id) continue;
        a["last_poll_at"] = TimeOrNull(s.last_poll_at);
        a["last_success_at"] = TimeOrNull(s.last_success_at);
        a["consecutive_failures"] = s.consecutive_failures;
        a["next_poll_at"] = TimeOrNull(s.next_poll_at);
        if (s.error_kind) {
          a["error"] = {{"kind", ToString(*s.error_kind)}, {"message", s.error_message}};
          degraded = true;
        }
      }
      accounts.push_back(std::move(a));
    }
  }
  json body = {{"status", degraded ? "degraded" : "ok"},
               {"version", SCHOOLMOD_VERSION},
               {"started_at", FormatRfc3339Utc(state.started_at)},
               {"storage", storage_ok ? "ok" : "error"},
               {"accounts", std::move(accounts)},
               {"emails", {{"pending", counts.emails_pending}, {"failed", counts.emails_failed}}},
               {"actions",
                {{"pending", counts.actions_pending}, {"failed", counts.actions_failed}}}};
  return Response::Json(200, body.dump());
}

Response HandleMetrics(DaemonState& state) {
  OutboxCounts counts;
  {
    auto db = state.db.Lock();
    counts = CountOutboxes(**db);
  }
  const auto& m = state.metrics;
  std::string out;
  auto counter = [&](const char* name, const char* help, long value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} counter\n{0} {2}\n", name, help, value);
  };
  auto gauge = [&](const char* name, const char* help, std::int64_t value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} gauge\n{0} {2}\n", name, help, value);
  };
  counter("schoolmod_polls_total", "Successful polls since start.", m.polls_ok.load());
  counter("schoolmod_poll_failures_total", "Failed polls since start.", m.polls_failed.load());
  counter("schoolmod_comments_new_total", "New comments stored since start.",
          m.comments_new.load());
  counter("schoolmod_comments_edited_total", "Edited comments reclassified since start.",
          m.comments_edited.load());
  counter("schoolmod_actions_done_total", "Platform actions carried out since start.",
          m.actions_done.load());
  counter("schoolmod_actions_failed_total", "Platform actions given up since start.",
          m.actions_failed.load());
  counter("schoolmod_emails_sent_total", "Emails sent since start.", m.emails_sent.load());
  counter("schoolmod_emails_failed_total", "Emails given up since start.",
          m.emails_failed.load());
  gauge("schoolmod_emails_pending", "Emails waiting in the outbox.", counts.emails_pending);
  gauge("schoolmod_emails_failed", "Emails in the outbox marked failed.", counts.emails_failed);
  gauge("schoolmod_actions_pending", "Platform actions waiting in the outbox.",
        counts.actions_pending);
  gauge("schoolmod_actions_failed", "Platform actions in the outbox marked failed.",
        counts.actions_failed);
  Response r = Response::Json(200, std::move(out));
  r.content_type = "text/plain; version=0.0.4";
  return r;
}

}  // namespace schoolmod::daemon::http
