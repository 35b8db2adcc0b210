#pragma once

#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace schoolmod::daemon {

// One named logger per component (STYLE.md section 8), all writing to stderr, which systemd
// sends to the journal. Messages are a short event followed by key=value pairs.
struct Loggers {
  std::shared_ptr<spdlog::logger> main;
  std::shared_ptr<spdlog::logger> config;
  std::shared_ptr<spdlog::logger> scheduler;
  std::shared_ptr<spdlog::logger> poll;
  std::shared_ptr<spdlog::logger> outbox;
  std::shared_ptr<spdlog::logger> mail;
  std::shared_ptr<spdlog::logger> storage;
  std::shared_ptr<spdlog::logger> http;
  std::shared_ptr<spdlog::logger> connectors;
};

// `level` is spdlog's name ("info", "debug"); an unknown name means info. Under systemd
// (`journal` true) the timestamp is left to the journal.
Loggers MakeLoggers(const std::string& level, bool journal);

}  // namespace schoolmod::daemon
