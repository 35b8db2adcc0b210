#include "schoolmod/config/loader.h"

// Placeholder until the TOML loader lands in this file; kept compilable so the tree builds.
namespace schoolmod::config {

std::string Diagnostic::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + key + ": " +
         reason;
}

LoadResult Load(const std::string& path, const LoadOptions&) {
  return {std::nullopt, {{path, 0, 0, "", "config loading is not built yet"}}};
}

LoadResult LoadFromString(const std::string&, const std::string& name, const LoadOptions&) {
  return {std::nullopt, {{name, 0, 0, "", "config loading is not built yet"}}};
}

}  // namespace schoolmod::config
