#include "logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace schoolmod::daemon {

Loggers MakeLoggers(const std::string& level, bool journal) {
  spdlog::sink_ptr sink;
  if (journal) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    sink->set_pattern("%l %n: %v");
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    sink->set_pattern("%Y-%m-%d %H:%M:%S %^%-5l%$ %-10n %v");
  }
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") parsed = spdlog::level::info;
  auto make = [&](const char* name) {
    auto logger = std::make_shared<spdlog::logger>(name, sink);
    logger->set_level(parsed);
    logger->flush_on(spdlog::level::info);
    return logger;
  };
  return Loggers{make("schoolmodd"), make("config"), make("scheduler"), make("poll"),
                 make("outbox"),     make("mail"),   make("storage"),   make("http"),
                 make("connector")};
}

}  // namespace schoolmod::daemon
