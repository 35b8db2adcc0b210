#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/time.h"

// Defensive readers for Graph API JSON. Graph omits what it will not share rather than sending
// null, and everything it sends is untrusted: each reader returns "absent" for a missing key and
// for a value of the wrong type alike, so callers decide what a gap means.
namespace schoolmod::connectors::graph {

using Json = nlohmann::json;

inline const Json* Find(const Json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

inline const std::string* GetString(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  return v != nullptr && v->is_string() ? &v->get_ref<const std::string&>() : nullptr;
}

inline std::optional<std::int64_t> GetInt(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  if (v == nullptr || !v->is_number_integer()) return std::nullopt;
  return v->get<std::int64_t>();
}

inline std::optional<bool> GetBool(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  if (v == nullptr || !v->is_boolean()) return std::nullopt;
  return v->get<bool>();
}

inline const Json* GetObject(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  return v != nullptr && v->is_object() ? v : nullptr;
}

inline const Json* GetArray(const Json& j, std::string_view key) {
  const Json* v = Find(j, key);
  return v != nullptr && v->is_array() ? v : nullptr;
}

// Graph writes "2024-11-28T17:02:11+0000" (no colon in the offset); ParseRfc3339 takes both.
inline std::optional<TimePoint> GetTime(const Json& j, std::string_view key) {
  const std::string* s = GetString(j, key);
  return s != nullptr ? ParseRfc3339(*s) : std::nullopt;
}

// Graph object ids are digits joined by '_' ("918273645501234_1284452210996643"). They go into
// URL paths, so only id characters pass: a '/', '.', '?', '%' or '&' could change the request.
// Letters and '-' are tolerated, as ids are opaque strings and cannot change a path.
inline bool IsGraphId(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace schoolmod::connectors::graph
