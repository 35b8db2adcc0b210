#pragma once

#include <atomic>
#include <memory>

#include "logging.h"
#include "schoolmod/config/config.h"
#include "schoolmod/result.h"

namespace schoolmod::daemon {

class DaemonState;
class Scheduler;
class WorkerLoop;
namespace http { class AdminServer; }

// The running daemon: storage, the admin HTTP server, the poll scheduler and the two outbox
// workers, wired from one config. Start() returns once the database is migrated and the HTTP
// address is bound (systemd READY=1 follows).
class Service {
 public:
  static Result<std::unique_ptr<Service>> Start(config::Config config, const Loggers& loggers);
  ~Service();

  // Applies a new, already validated config: accounts, schools, calendars, mail settings,
  // intervals. The database path and the listen address need a restart (logged if changed).
  // On error the old config stays in force.
  Result<void> Reload(config::Config config);
  // Stops polling and the workers, letting the transaction in progress finish. Idempotent.
  void Stop();
  // HTTP base URL actually bound, e.g. "http://127.0.0.1:8440".
  std::string base_url() const;

 private:
  Service() = default;

  std::shared_ptr<std::atomic<bool>> cancel_http_;  // set on Stop: aborts outbound requests
  std::unique_ptr<DaemonState> state_;
  std::unique_ptr<Scheduler> scheduler_;
  std::unique_ptr<WorkerLoop> actions_;
  std::unique_ptr<WorkerLoop> notifications_;
  std::unique_ptr<http::AdminServer> server_;
};

}  // namespace schoolmod::daemon
