#include "youtube/cursor.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace schoolmod::connectors::youtube {
namespace {

using Json = nlohmann::json;

bool ReadInt(const Json& j, const char* key, std::int64_t& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return false;
  out = it->get<std::int64_t>();
  return out >= 0;
}

}  // namespace

std::optional<CursorState> DecodeCursor(const std::string& value) {
  if (value.empty()) return CursorState{};
  Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto version = j.find("v");
  if (version == j.end() || !version->is_number_integer() || *version != 1) return std::nullopt;
  CursorState state;
  if (!ReadInt(j, "mark", state.mark) || !ReadInt(j, "scan", state.scanned_at) ||
      !ReadInt(j, "held", state.held_at)) {
    return std::nullopt;
  }
  auto threads = j.find("t");
  if (threads == j.end() || !threads->is_object()) return std::nullopt;
  for (const auto& [id, entry] : threads->items()) {
    if (id.empty() || !entry.is_array() || entry.size() != 4) return std::nullopt;
    for (const Json& n : entry) {
      if (!n.is_number_integer() || n.get<std::int64_t>() < 0) return std::nullopt;
    }
    ThreadState t;
    t.published = entry[0].get<std::int64_t>();
    t.activity = entry[1].get<std::int64_t>();
    t.replies = static_cast<int>(std::min<std::int64_t>(entry[2].get<std::int64_t>(), 1'000'000));
    t.held = entry[3].get<std::int64_t>() != 0;
    state.threads.emplace(id, t);
  }
  return state;
}

std::string EncodeCursor(const CursorState& state) {
  Json threads = Json::object();
  for (const auto& [id, t] : state.threads) {
    threads[id] = Json::array({t.published, t.activity, t.replies, t.held ? 1 : 0});
  }
  Json j = {{"v", 1},
            {"mark", state.mark},
            {"scan", state.scanned_at},
            {"held", state.held_at},
            {"t", std::move(threads)}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace schoolmod::connectors::youtube
