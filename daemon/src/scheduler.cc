#include "scheduler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace schoolmod::daemon {

Scheduler::Scheduler(Options options, Job job, std::shared_ptr<spdlog::logger> log)
    : options_(options), job_(std::move(job)), log_(std::move(log)) {
  rng_.seed(options_.seed != 0 ? options_.seed
                               : static_cast<std::uint32_t>(
                                     std::chrono::steady_clock::now().time_since_epoch().count()));
  for (int i = 0; i < std::max(1, options_.threads); ++i) {
    threads_.emplace_back([this] { WorkerLoop(); });
  }
}

Scheduler::~Scheduler() { Stop(); }

std::chrono::milliseconds Scheduler::Jittered(Seconds interval) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(interval).count();
  if (options_.jitter > 0 && ms > 0) {
    std::uniform_real_distribution<double> spread(-options_.jitter, options_.jitter);
    ms += static_cast<long long>(static_cast<double>(ms) * spread(rng_));
  }
  return std::chrono::milliseconds(std::max<long long>(ms, 0));
}

void Scheduler::SetJobs(const std::map<std::string, Seconds>& intervals) {
  {
    std::lock_guard lock(mu_);
    auto now = std::chrono::steady_clock::now();
    std::map<std::string, Entry> next;
    for (const auto& [key, interval] : intervals) {
      auto it = entries_.find(key);
      Entry entry{interval, now};
      if (it != entries_.end()) {
        entry.next_due = std::min(it->second.next_due, now + interval);
      }
      next.emplace(key, entry);
    }
    entries_ = std::move(next);
  }
  cv_.notify_all();
}

void Scheduler::Kick(const std::string& key) {
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return;
    it->second.next_due = std::chrono::steady_clock::now();
    // A kick during a run asks for a fresh one: the run in progress may have fetched before
    // whatever prompted the kick.
    if (in_progress_.count(key) != 0) it->second.kicked_while_running = true;
  }
  cv_.notify_all();
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

int Scheduler::running() const {
  std::lock_guard lock(mu_);
  return static_cast<int>(in_progress_.size());
}

void Scheduler::WorkerLoop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    // The soonest due key that no other thread is running.
    auto best = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (in_progress_.count(it->first) != 0) continue;
      if (best == entries_.end() || it->second.next_due < best->second.next_due) best = it;
    }
    auto now = std::chrono::steady_clock::now();
    if (best == entries_.end()) {
      cv_.wait(lock);
      continue;
    }
    if (best->second.next_due > now) {
      cv_.wait_until(lock, best->second.next_due);
      continue;
    }
    std::string key = best->first;
    in_progress_.insert(key);
    lock.unlock();

    std::optional<Seconds> delay;
    try {
      delay = job_(key);
    } catch (const std::exception& e) {
      // One failing account must not stop the others; it is retried at its interval.
      log_->error("job failed key={} error=\"{}\"", key, e.what());
    }

    lock.lock();
    in_progress_.erase(key);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
      auto after = std::chrono::steady_clock::now();
      it->second.next_due = after + (delay ? std::chrono::duration_cast<std::chrono::milliseconds>(*delay)
                                           : Jittered(it->second.interval));
      if (it->second.kicked_while_running) {
        it->second.next_due = after;
        it->second.kicked_while_running = false;
      }
    }
    cv_.notify_all();
  }
}

}  // namespace schoolmod::daemon
