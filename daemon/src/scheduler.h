#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "schoolmod/time.h"

namespace spdlog { class logger; }

namespace schoolmod::daemon {

// Runs one periodic job per key (an account) on a small pool of threads. A key's job never runs
// twice at once; each run is followed by the key's interval with jitter (so accounts polled at
// the same interval spread out), or by the delay the job asks for (backoff, a rate limit).
// Thread-safe: SetJobs, Kick and Stop may be called from any thread.
class Scheduler {
 public:
  // Returns the delay before the next run, or nullopt for the key's normal interval.
  using Job = std::function<std::optional<Seconds>(const std::string& key)>;

  struct Options {
    int threads = 2;           // jobs that may run at once (different keys)
    double jitter = 0.1;       // +-10% of the interval; 0 in tests that need exact timing
    std::uint32_t seed = 0;    // 0: seeded from the clock
  };

  Scheduler(Options options, Job job, std::shared_ptr<spdlog::logger> log);
  ~Scheduler();  // Stop()s

  // Replaces the set of keys and their intervals. Known keys keep their next due time (clamped
  // to the new interval); new keys run at once; removed keys run no more (a run in progress
  // finishes).
  void SetJobs(const std::map<std::string, Seconds>& intervals);
  // Runs the key's job as soon as a thread is free; a kick while the key's job is running runs
  // it again as soon as that run ends.
  void Kick(const std::string& key);
  // Stops taking jobs and waits for the ones in progress. Idempotent.
  void Stop();
  // Runs in progress right now (for tests and /healthz).
  int running() const;

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;
  struct Entry {
    Seconds interval{};
    SteadyTime next_due{};
    bool kicked_while_running = false;  // run again as soon as the current run ends
  };

  void WorkerLoop();
  std::chrono::milliseconds Jittered(Seconds interval);  // requires mu_ held

  const Options options_;
  const Job job_;
  std::shared_ptr<spdlog::logger> log_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Entry> entries_;  // guarded by mu_
  std::set<std::string> in_progress_;     // guarded by mu_
  bool stopping_ = false;                 // guarded by mu_
  std::mt19937 rng_;                      // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace schoolmod::daemon
