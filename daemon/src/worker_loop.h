#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "schoolmod/time.h"

namespace spdlog { class logger; }

namespace schoolmod::daemon {

// A thread that runs `step` every `period`, or at once when kicked. `step` returns true when it
// did a full batch and should run again straight away. An exception from `step` is logged and
// the loop carries on (one bad row must not stop every email).
class WorkerLoop {
 public:
  WorkerLoop(std::string name, std::chrono::milliseconds period, std::function<bool()> step,
             std::shared_ptr<spdlog::logger> log);
  ~WorkerLoop();  // Stop()s

  void Kick();
  // Waits for the step in progress, then ends the thread. Idempotent.
  void Stop();

 private:
  void Run();

  const std::string name_;
  const std::chrono::milliseconds period_;
  const std::function<bool()> step_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool kicked_ = false;    // guarded by mu_
  bool stopping_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace schoolmod::daemon
