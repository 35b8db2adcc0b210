#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "lock_guarded.h"
#include "logging.h"
#include "runtime.h"
#include "schoolmod/connectors/connector.h"
#include "schoolmod/connectors/http_client.h"
#include "schoolmod/storage/database.h"

namespace schoolmod::mail { class MailTransport; }

namespace schoolmod::daemon {

// Counters for /metrics. Monotonic since start.
struct Metrics {
  std::atomic<long> polls_ok{0};
  std::atomic<long> polls_failed{0};
  std::atomic<long> comments_new{0};
  std::atomic<long> comments_edited{0};
  std::atomic<long> actions_done{0};
  std::atomic<long> actions_failed{0};
  std::atomic<long> emails_sent{0};
  std::atomic<long> emails_failed{0};
};

// One account's connector. The connector contract forbids concurrent calls for one account, so
// polls and actions take `mu` around every call.
struct AccountSlot {
  std::mutex mu;
  std::string platform;
  std::unique_ptr<connectors::Connector> connector;  // guarded by mu
};

// What the scheduler jobs, the outbox workers and the HTTP handlers share. Each member is
// either immutable after start, atomic, or behind its own lock.
class DaemonState {
 public:
  DaemonState(Loggers loggers, std::unique_ptr<storage::Database> db,
              std::unique_ptr<connectors::HttpClient> http, TimePoint started_at);

  const Loggers log;
  const TimePoint started_at;
  LockGuarded<std::unique_ptr<storage::Database>> db;
  Metrics metrics;

  std::shared_ptr<const Runtime> runtime() const;
  void SetRuntime(std::shared_ptr<const Runtime> runtime);

  // The account's slot, creating its connector on first use (or when the platform changed).
  // nullptr when no connector is registered for the platform.
  std::shared_ptr<AccountSlot> Slot(const config::Account& account);

  // Accounts whose token was refused: not polled again until a reload (the IT administrator fixes
  // the credential, then reloads).
  bool AuthStopped(const std::string& account_id) const;
  void SetAuthStopped(const std::string& account_id);
  void ClearAuthStopped();

  // Accounts polled (successfully or not) since the daemon started: the digest waits for a
  // school's accounts so its first one of the day counts what is really there.
  void MarkPolled(const std::string& account_id);
  bool PolledSinceStart(const std::string& account_id) const;

  // Wakes the workers when new rows are waiting; set by the service once they exist.
  std::function<void()> kick_actions = [] {};
  std::function<void()> kick_notifications = [] {};
  // The mail transport; replaced on reload. Guarded by mail_mu.
  std::mutex mail_mu;
  std::shared_ptr<mail::MailTransport> mail;
  // The local date of the last digest planned per school ("2026-11-23"): saves re-reading the
  // queue on every pass once today's digest is queued. Guarded by digest_mu.
  std::mutex digest_mu;
  std::map<std::string, std::string> digest_planned;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const Runtime> runtime_;                        // guarded by mu_
  std::map<std::string, std::shared_ptr<AccountSlot>> slots_;     // guarded by mu_
  std::set<std::string> auth_stopped_;                            // guarded by mu_
  std::set<std::string> polled_;                                  // guarded by mu_
  std::unique_ptr<connectors::HttpClient> http_;
  connectors::ConnectorEnv env_;
};

}  // namespace schoolmod::daemon
