#include "worker_loop.h"

#include <spdlog/spdlog.h>

namespace schoolmod::daemon {

WorkerLoop::WorkerLoop(std::string name, std::chrono::milliseconds period,
                       std::function<bool()> step, std::shared_ptr<spdlog::logger> log)
    : name_(std::move(name)), period_(period), step_(std::move(step)), log_(std::move(log)) {
  thread_ = std::thread([this] { Run(); });
}

WorkerLoop::~WorkerLoop() { Stop(); }

void WorkerLoop::Kick() {
  {
    std::lock_guard lock(mu_);
    kicked_ = true;
  }
  cv_.notify_all();
}

void WorkerLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WorkerLoop::Run() {
  while (true) {
    bool more = false;
    try {
      more = step_();
    } catch (const std::exception& e) {
      log_->error("worker step failed worker={} error=\"{}\"", name_, e.what());
    }
    std::unique_lock lock(mu_);
    if (!more) cv_.wait_for(lock, period_, [this] { return stopping_ || kicked_; });
    if (stopping_) return;
    kicked_ = false;
  }
}

}  // namespace schoolmod::daemon
