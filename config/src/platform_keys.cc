#include "schoolmod/config/platform_keys.h"

#include <array>

namespace schoolmod::config {
namespace {

constexpr PlatformKey kReplayKeys[] = {
    {"path", KeyKind::kString, true, "JSON Lines file of comments to replay (see DESIGN.md)"},
    {"actions_log", KeyKind::kString, true, "file the connector appends every action to"},
};

constexpr PlatformSpec kPlatforms[] = {
    {"replay", "comments read from a JSON Lines file; actions recorded to a file (demo, tests)",
     kReplayKeys},
};

}  // namespace

std::span<const PlatformSpec> Platforms() { return kPlatforms; }

const PlatformSpec* FindPlatform(std::string_view platform) {
  for (const auto& spec : kPlatforms) {
    if (spec.platform == platform) return &spec;
  }
  return nullptr;
}

}  // namespace schoolmod::config
