#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "schoolmod/config/loader.h"
#include "schoolmod/time.h"

// Private helpers of the loader: collecting diagnostics, and reading one TOML table with type
// checks and unknown-key detection. Only config/src sees toml++.
namespace schoolmod::config::internal {

// Where a diagnostic points. Line 0 means "no single place" (a missing top-level section).
struct Place {
  int line = 0;
  int column = 0;
};

Place PlaceOf(const toml::source_region& region);
inline Place PlaceOf(const toml::node& node) { return PlaceOf(node.source()); }

// Collects every problem found while loading one file, so the administrator sees them all at once.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void Add(Place place, std::string key, std::string reason);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  // Every diagnostic in file order; those without a place come last.
  std::vector<Diagnostic> TakeSorted();

 private:
  std::string file_;
  std::vector<Diagnostic> items_;
};

// "string", "integer", "table"... for messages.
std::string_view TypeName(const toml::node& node);

// Reads one TOML table whose key path is `path` ("mail", "school[0].account[1]"). Every getter
// marks its key as known, present or not; RejectUnknown() then reports the rest. A getter reports
// a wrong type (or a missing required key) itself and returns nullopt / nullptr, so callers only
// check whether they got a value.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, Diagnostics& diags)
      : table_(table), path_(std::move(path)), diags_(diags) {}

  const toml::table& table() const { return table_; }
  const std::string& path() const { return path_; }
  Diagnostics& diags() { return diags_; }
  Place place() const { return PlaceOf(table_); }

  // "mail.url", or just the key at the root.
  std::string KeyPath(std::string_view key) const;
  // Reports `reason` at the key's value (or at the table when the key is absent).
  void Error(std::string_view key, std::string reason);

  // Marks `key` known and returns its node, or nullptr when absent.
  const toml::node* Get(std::string_view key);
  bool Has(std::string_view key) const { return table_.contains(key); }
  void MarkKnown(std::string_view key) { known_.emplace(key); }

  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<std::int64_t> Integer(std::string_view key, bool required = false);
  std::optional<bool> Boolean(std::string_view key);
  // A duration string ("5m"). `allow_negative` is for reminders only; otherwise it must be > 0.
  std::optional<Seconds> Duration(std::string_view key, bool allow_negative = false);
  const toml::array* Array(std::string_view key, bool required = false);
  // An array whose elements must all be strings; reports each element of another type.
  std::optional<std::vector<std::pair<std::string, const toml::node*>>> StringArray(
      std::string_view key, bool required = false);

  // Reports every key of the table that no getter asked for, with a suggestion when one of the
  // known keys is a likely typo.
  void RejectUnknown();

 private:
  const toml::table& table_;
  std::string path_;
  Diagnostics& diags_;
  std::set<std::string, std::less<>> known_;
};

// Checks a duration string for a key; reports at `node`. Shared by TableReader::Duration and the
// reminder list.
std::optional<Seconds> ParseDurationAt(const toml::node& node, const std::string& key_path,
                                       bool allow_negative, Diagnostics& diags);

}  // namespace schoolmod::config::internal
