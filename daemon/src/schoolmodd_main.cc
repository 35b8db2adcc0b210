#include <signal.h>
#include <systemd/sd-daemon.h>

#include <cstdlib>
#include <iostream>

#include "args.h"
#include "logging.h"
#include "schoolmod/config/loader.h"
#include "schoolmod/daemon/programs.h"
#include "service.h"

namespace schoolmod::daemon {
namespace {

constexpr const char* kUsage =
    "usage: schoolmodd [--config PATH] [--check-config] [--log-level LEVEL]\n"
    "\n"
    "Moderation and response deadlines for a school's social media accounts.\n"
    "\n"
    "  --config PATH      config file (default /etc/schoolmod/schoolmod.toml)\n"
    "  --check-config     validate the config and exit: 0 valid, 2 with the errors\n"
    "  --log-level LEVEL  trace, debug, info (default), warn, error\n"
    "  --version          print the version\n";

constexpr const char* kDefaultConfig = "/etc/schoolmod/schoolmod.toml";

// Prints every problem, one per line, file:line:col first.
void PrintErrors(const config::LoadResult& loaded, std::ostream& out) {
  for (const auto& e : loaded.errors) out << e.ToString() << "\n";
}

int Serve(const std::string& config_path, const Loggers& log) {
  auto loaded = config::Load(config_path);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) log.config->error("{}", e.ToString());
    log.main->error("not starting: the config has {} error(s) config={}", loaded.errors.size(),
                    config_path);
    return 2;
  }

  // Signals are taken synchronously by this thread alone: blocked here before any other thread
  // exists, so every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  log.main->info("starting version={} config={} database={}", SCHOOLMOD_VERSION, config_path,
                 loaded.config->daemon.database);
  auto service = Service::Start(std::move(*loaded.config), log);
  if (!service) {
    log.main->error("cannot start error=\"{}\"", service.error().message);
    return 1;
  }
  sd_notify(0, "READY=1\nSTATUS=polling accounts");
  log.main->info("ready url={}", (*service)->base_url());

  std::uint64_t watchdog_usec = 0;
  bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0;
  while (true) {
    timespec timeout{1, 0};
    int sig = sigtimedwait(&signals, nullptr, &timeout);
    if (watchdog) sd_notify(0, "WATCHDOG=1");
    if (sig < 0) continue;  // timeout or EINTR
    if (sig == SIGHUP) {
      sd_notify(0, "RELOADING=1");
      auto reloaded = config::Load(config_path);
      if (!reloaded.config) {
        for (const auto& e : reloaded.errors) log.config->error("{}", e.ToString());
        log.main->error("reload refused: the new config has {} error(s); keeping the old one",
                        reloaded.errors.size());
      } else if (auto r = (*service)->Reload(std::move(*reloaded.config)); !r) {
        log.main->error("reload failed; keeping the old config error=\"{}\"", r.error().message);
      } else {
        log.main->info("reloaded config={}", config_path);
      }
      sd_notify(0, "READY=1");
      continue;
    }
    log.main->info("stopping signal={}", sig == SIGTERM ? "TERM" : "INT");
    sd_notify(0, "STOPPING=1");
    (*service)->Stop();
    log.main->info("stopped");
    return 0;
  }
}

}  // namespace

int SchoolmoddMain(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = ParseArgs(args, {"--config", "--log-level"},
                          {"--check-config", "--version", "--help"});
  if (!parsed.error.empty() || !parsed.positional.empty()) {
    std::cerr << "schoolmodd: "
              << (parsed.error.empty() ? "unexpected argument " + parsed.positional[0]
                                       : parsed.error)
              << "\n"
              << kUsage;
    return 2;
  }
  if (parsed.has("--help")) {
    std::cout << kUsage;
    return 0;
  }
  if (parsed.has("--version")) {
    std::cout << "schoolmodd " << SCHOOLMOD_VERSION << "\n";
    return 0;
  }
  std::string config_path = parsed.get("--config").value_or(kDefaultConfig);
  if (parsed.has("--check-config")) {
    auto loaded = config::Load(config_path);
    if (!loaded.config) {
      PrintErrors(loaded, std::cerr);
      return 2;
    }
    std::cout << config_path << ": ok\n";
    return 0;
  }
  // Under systemd the journal stamps each line itself.
  bool journal = std::getenv("JOURNAL_STREAM") != nullptr;
  auto log = MakeLoggers(parsed.get("--log-level").value_or("info"), journal);
  try {
    return Serve(config_path, log);
  } catch (const std::exception& e) {
    log.main->critical("fatal error=\"{}\"", e.what());
    return 1;
  }
}

}  // namespace schoolmod::daemon
