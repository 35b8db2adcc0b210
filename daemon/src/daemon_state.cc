#include "daemon_state.h"

namespace schoolmod::daemon {

DaemonState::DaemonState(Loggers loggers, std::unique_ptr<storage::Database> database,
                         std::unique_ptr<connectors::HttpClient> http, TimePoint started)
    : log(std::move(loggers)),
      started_at(started),
      db(std::move(database)),
      http_(std::move(http)) {
  env_.http = http_.get();
  env_.log = log.connectors;
  env_.started_at = started_at;
  env_.now = [] { return Now(); };
}

std::shared_ptr<const Runtime> DaemonState::runtime() const {
  std::lock_guard lock(mu_);
  return runtime_;
}

void DaemonState::SetRuntime(std::shared_ptr<const Runtime> runtime) {
  std::lock_guard lock(mu_);
  runtime_ = std::move(runtime);
}

std::shared_ptr<AccountSlot> DaemonState::Slot(const config::Account& account) {
  std::lock_guard lock(mu_);
  auto& slot = slots_[account.id];
  if (slot && slot->platform == account.platform) return slot;
  auto connector = connectors::MakeConnector(account.platform, env_);
  if (!connector) {
    slots_.erase(account.id);
    return nullptr;
  }
  slot = std::make_shared<AccountSlot>();
  slot->platform = account.platform;
  slot->connector = std::move(connector);
  return slot;
}

bool DaemonState::AuthStopped(const std::string& account_id) const {
  std::lock_guard lock(mu_);
  return auth_stopped_.count(account_id) != 0;
}

void DaemonState::SetAuthStopped(const std::string& account_id) {
  std::lock_guard lock(mu_);
  auth_stopped_.insert(account_id);
}

void DaemonState::MarkPolled(const std::string& account_id) {
  std::lock_guard lock(mu_);
  polled_.insert(account_id);
}

bool DaemonState::PolledSinceStart(const std::string& account_id) const {
  std::lock_guard lock(mu_);
  return polled_.count(account_id) != 0;
}

void DaemonState::ClearAuthStopped() {
  std::lock_guard lock(mu_);
  auth_stopped_.clear();
}

}  // namespace schoolmod::daemon
