#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace schoolmod::daemon {

// What a schoolmodctl subcommand gets: the global --config, its own arguments, and the streams
// (tests pass string streams). Each returns the process exit code: 0 done, 1 failed, 2 usage or
// invalid config.
struct CtlContext {
  std::string config_path;
  std::vector<std::string> args;  // after the command name
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

int RunCheckConfig(const CtlContext& ctx);
int RunQueue(const CtlContext& ctx);
int RunDb(const CtlContext& ctx);
int RunSla(const CtlContext& ctx);
int RunVersion(const CtlContext& ctx);

}  // namespace schoolmod::daemon
