#pragma once

#include <optional>
#include <string_view>

// Names of enum values from one explicit table of {value, name} pairs, used wherever an enum is
// written to JSON, SQL or a command line and read back. The table is the single place a name
// is spelt, so writing and reading can never disagree.
namespace schoolmod {

// The name of `value`, or "unknown" when the table lacks it.
template <typename Table, typename E>
std::string_view NameOf(const Table& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}

// The value named `name`, or nullopt.
template <typename E, typename Table>
std::optional<E> ValueOf(const Table& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace schoolmod
