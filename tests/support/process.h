#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace schoolmod::testing {

// A program started as a child process for an integration test, its stdout and stderr appended
// to `log_path`. The destructor kills it (SIGKILL) if it is still running.
class ChildProcess {
 public:
  // Throws std::runtime_error when fork/exec fails. `cwd` empty: the test's working directory.
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path,
               const std::string& cwd = "");
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig) const;
  // Waits up to `timeout` for the process to exit; returns its exit status (WEXITSTATUS, or
  // 128 + signal), or -1 when it is still running.
  int Wait(std::chrono::milliseconds timeout);
  bool running();

 private:
  pid_t pid_ = -1;
  int status_ = -1;
};

// Polls `condition` every 50 ms until it is true or `timeout` passes; returns the last result.
// For waiting on another process, never for timing assertions.
bool WaitFor(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// A TCP port on 127.0.0.1 that was free a moment ago.
int FreeLoopbackPort();

}  // namespace schoolmod::testing
