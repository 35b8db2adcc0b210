#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace spdlog { class logger; }

namespace schoolmod::connectors {

class HttpClient;

// What the platform's API lets us do. The queue offers only actions the account supports.
enum class Capability : std::uint32_t {
  kListComments = 1u << 0,
  kDetectOwnReplies = 1u << 1,
  kHide = 1u << 2,
  kUnhide = 1u << 3,
  kDelete = 1u << 4,
  kBlock = 1u << 5,
  kReport = 1u << 6,
  kReply = 1u << 7,
};
using Capabilities = std::uint32_t;  // bitwise OR of Capability values

constexpr Capabilities operator|(Capability a, Capability b) {
  return static_cast<Capabilities>(a) | static_cast<Capabilities>(b);
}
constexpr Capabilities operator|(Capabilities a, Capability b) {
  return a | static_cast<Capabilities>(b);
}
constexpr bool Has(Capabilities caps, Capability c) {
  return (caps & static_cast<Capabilities>(c)) != 0;
}
// The capability an action needs.
Capability RequiredCapability(ActionKind kind);

// One social platform. Keeps no state but caches; never touches the database, never sleeps or
// retries (the daemon owns scheduling, backoff, persistence). Never called concurrently for the
// same account; may be called concurrently for different accounts.
class Connector {
 public:
  virtual ~Connector() = default;
  // Stable id, persisted in the database ("facebook", "replay"). Never rename it.
  virtual std::string_view platform() const = 0;
  virtual Capabilities capabilities() const = 0;
  // Comments newer than `cursor`. Nothing new is a success with an empty vector.
  virtual Result<PollResult> Poll(const config::Account& account, const Cursor& cursor) = 0;
  // May be repeated after a crash: an action already in effect reports success.
  // kNotSupported if the capability is missing.
  virtual Result<ActionOutcome> Act(const config::Account& account, const Action& action) = 0;
};

// What a connector may use. Outlives every connector made with it.
struct ConnectorEnv {
  HttpClient* http = nullptr;
  std::shared_ptr<spdlog::logger> log;
  // The daemon's start, the origin of relative times in replay files ("-26h").
  TimePoint started_at{};
  // The current instant; tests pass a fixed clock.
  std::function<TimePoint()> now;
};

struct ConnectorEntry {  // one line per platform in src/registry.cc
  std::string_view platform;
  std::unique_ptr<Connector> (*make)(const ConnectorEnv& env);
};
std::span<const ConnectorEntry> Registry();
// A new connector for `platform`, or nullptr when none is registered.
std::unique_ptr<Connector> MakeConnector(std::string_view platform, const ConnectorEnv& env);

}  // namespace schoolmod::connectors
