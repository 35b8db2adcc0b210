#include "service.h"

#include <filesystem>

#include "action_worker.h"
#include "daemon_state.h"
#include "http/admin_server.h"
#include "http/health_handler.h"
#include "mail/transport.h"
#include "notification_worker.h"
#include "poller.h"
#include "runtime.h"
#include "scheduler.h"
#include "worker_loop.h"

namespace schoolmod::daemon {
namespace {

// How often the workers look for due rows when nothing kicks them: reminders are planned ahead,
// so this is the lateness of a reminder at worst.
constexpr std::chrono::seconds kWorkerPeriod{5};

std::map<std::string, Seconds> PollJobs(const config::Config& config) {
  std::map<std::string, Seconds> jobs;
  for (const auto& school : config.schools) {
    for (const auto& account : school.accounts) jobs[account.id] = account.poll_interval;
  }
  return jobs;
}

std::vector<http::Route> Routes(DaemonState& state) {
  return {
      {"GET", "/healthz", [&state](const http::Request&) { return http::HandleHealthz(state); }},
      {"GET", "/metrics", [&state](const http::Request&) { return http::HandleMetrics(state); }},
  };
}

}  // namespace

Result<std::unique_ptr<Service>> Service::Start(config::Config config, const Loggers& loggers) {
  auto runtime = BuildRuntime(config);
  if (!runtime) return runtime.error();

  std::error_code ec;
  auto db_dir = std::filesystem::path(config.daemon.database).parent_path();
  if (!db_dir.empty()) std::filesystem::create_directories(db_dir, ec);
  storage::Options db_options;
  db_options.recover_in_flight = true;
  db_options.logger = loggers.storage;
  auto db = storage::Database::Open(config.daemon.database, db_options);
  if (!db) return db.error();

  auto transport = mail::MakeMailTransport(config.mail, loggers.mail);
  if (!transport) return transport.error();

  connectors::HttpClientOptions http_options;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  http_options.cancel = cancel;
  auto http_client = connectors::MakeCurlHttpClient(http_options, loggers.connectors);

  std::unique_ptr<Service> service(new Service());
  service->state_ = std::make_unique<DaemonState>(loggers, std::move(*db), std::move(http_client),
                                                  Now());
  service->cancel_http_ = cancel;
  DaemonState& state = *service->state_;
  state.SetRuntime(*runtime);
  state.mail = std::shared_ptr<mail::MailTransport>(std::move(*transport));

  service->actions_ = std::make_unique<WorkerLoop>(
      "actions", kWorkerPeriod, [&state] { return RunActionBatch(state, Now()); },
      loggers.outbox);
  service->notifications_ = std::make_unique<WorkerLoop>(
      "emails", kWorkerPeriod, [&state] { return RunNotificationBatch(state, Now()); },
      loggers.outbox);
  state.kick_actions = [w = service->actions_.get()] { w->Kick(); };
  state.kick_notifications = [w = service->notifications_.get()] { w->Kick(); };

  auto server = http::StartAdminServer(config.daemon.listen, Routes(state), loggers.http);
  if (!server) {
    service->Stop();
    return server.error();
  }
  service->server_ = std::move(*server);

  service->scheduler_ = std::make_unique<Scheduler>(
      Scheduler::Options{}, [&state](const std::string& key) { return PollAccount(state, key); },
      loggers.scheduler);
  service->scheduler_->SetJobs(PollJobs(config));
  return service;
}

Service::~Service() { Stop(); }

Result<void> Service::Reload(config::Config config) {
  auto old = state_->runtime();
  if (config.daemon.database != old->config.daemon.database ||
      config.daemon.listen != old->config.daemon.listen) {
    state_->log.config->warn(
        "reload keeps database and listen address; restart to change them database={} listen={}",
        old->config.daemon.database, old->config.daemon.listen);
  }
  auto transport = mail::MakeMailTransport(config.mail, state_->log.mail);
  if (!transport) return transport.error();
  auto jobs = PollJobs(config);
  auto runtime = BuildRuntime(std::move(config));
  if (!runtime) return runtime.error();
  state_->SetRuntime(*runtime);
  {
    std::lock_guard lock(state_->mail_mu);
    state_->mail = std::shared_ptr<mail::MailTransport>(std::move(*transport));
  }
  // A reload is how the IT administrator says a renewed token is in place.
  state_->ClearAuthStopped();
  scheduler_->SetJobs(jobs);
  state_->kick_notifications();
  return Ok();
}

void Service::Stop() {
  // A poll waiting on a slow platform is abandoned (nothing of it is stored, its cursor stays),
  // so shutdown never waits for a network timeout.
  if (cancel_http_) cancel_http_->store(true);
  if (scheduler_) scheduler_->Stop();
  if (server_) server_->Stop();
  if (actions_) actions_->Stop();
  if (notifications_) notifications_->Stop();
}

std::string Service::base_url() const { return server_ ? server_->base_url() : ""; }

}  // namespace schoolmod::daemon
