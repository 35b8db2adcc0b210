#include "toml_reader.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace schoolmod::config::internal {
namespace {

// Levenshtein distance, for "did you mean" on misspelt keys.
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

Place PlaceOf(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

void Diagnostics::Add(Place place, std::string key, std::string reason) {
  items_.push_back({file_, place.line, place.column, std::move(key), std::move(reason)});
}

std::vector<Diagnostic> Diagnostics::TakeSorted() {
  auto order = [](const Diagnostic& d) {
    // Line 0 has no place in the file: list those after everything that does.
    return std::pair{d.line == 0 ? std::numeric_limits<int>::max() : d.line, d.column};
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return order(a) < order(b); });
  return std::move(items_);
}

std::string_view TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::none:
      return "nothing";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
  }
  return "an unknown type";
}

std::string TableReader::KeyPath(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return fmt::format("{}.{}", path_, key);
}

void TableReader::Error(std::string_view key, std::string reason) {
  const toml::node* node = table_.get(key);
  diags_.Add(node ? PlaceOf(*node) : place(), KeyPath(key), std::move(reason));
}

const toml::node* TableReader::Get(std::string_view key) {
  MarkKnown(key);
  return table_.get(key);
}

std::optional<std::string> TableReader::String(std::string_view key, bool required) {
  const toml::node* node = Get(key);
  if (node == nullptr) {
    if (required) Error(key, "is required");
    return std::nullopt;
  }
  if (const auto* value = node->as_string()) return value->get();
  // IDs such as a Facebook page_id look like numbers; TOML would read them as integers.
  std::string hint =
      node->is_integer() ? fmt::format(" (quote it: \"{}\")", *node->value<std::int64_t>()) : "";
  Error(key, fmt::format("must be a string, not {}{}", TypeName(*node), hint));
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::Integer(std::string_view key, bool required) {
  const toml::node* node = Get(key);
  if (node == nullptr) {
    if (required) Error(key, "is required");
    return std::nullopt;
  }
  if (const auto* value = node->as_integer()) return value->get();
  Error(key, fmt::format("must be an integer, not {}", TypeName(*node)));
  return std::nullopt;
}

std::optional<bool> TableReader::Boolean(std::string_view key) {
  const toml::node* node = Get(key);
  if (node == nullptr) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  Error(key, fmt::format("must be true or false, not {}", TypeName(*node)));
  return std::nullopt;
}

std::optional<Seconds> ParseDurationAt(const toml::node& node, const std::string& key_path,
                                       bool allow_negative, Diagnostics& diags) {
  const auto* text = node.as_string();
  if (text == nullptr) {
    diags.Add(PlaceOf(node), key_path,
              fmt::format("must be a duration string such as \"5m\", not {}", TypeName(node)));
    return std::nullopt;
  }
  auto duration = ParseDuration(text->get());
  if (!duration) {
    diags.Add(PlaceOf(node), key_path,
              fmt::format("\"{}\" is not a duration (write a number and a unit s, m, h, d or w, "
                          "such as \"90s\", \"5m\", \"12h\", \"1h30m\")",
                          text->get()));
    return std::nullopt;
  }
  if (!allow_negative && duration->count() <= 0) {
    diags.Add(PlaceOf(node), key_path, fmt::format("\"{}\" must be longer than zero", text->get()));
    return std::nullopt;
  }
  return duration;
}

std::optional<Seconds> TableReader::Duration(std::string_view key, bool allow_negative) {
  const toml::node* node = Get(key);
  if (node == nullptr) return std::nullopt;
  return ParseDurationAt(*node, KeyPath(key), allow_negative, diags_);
}

const toml::array* TableReader::Array(std::string_view key, bool required) {
  const toml::node* node = Get(key);
  if (node == nullptr) {
    if (required) Error(key, "is required");
    return nullptr;
  }
  if (const auto* array = node->as_array()) return array;
  Error(key, fmt::format("must be an array, not {}", TypeName(*node)));
  return nullptr;
}

std::optional<std::vector<std::pair<std::string, const toml::node*>>> TableReader::StringArray(
    std::string_view key, bool required) {
  const toml::array* array = Array(key, required);
  if (array == nullptr) return std::nullopt;
  std::vector<std::pair<std::string, const toml::node*>> out;
  bool all_strings = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    if (const auto* text = element.as_string()) {
      out.emplace_back(text->get(), &element);
    } else {
      diags_.Add(PlaceOf(element), fmt::format("{}[{}]", KeyPath(key), i),
                 fmt::format("must be a string, not {}", TypeName(element)));
      all_strings = false;
    }
  }
  if (!all_strings) return std::nullopt;
  return out;
}

void TableReader::RejectUnknown() {
  for (auto&& [key, node] : table_) {
    if (known_.count(key.str()) > 0) continue;
    std::string reason = "unknown key";
    std::string_view best;
    std::size_t best_distance = 3;  // suggest only near misses
    for (const auto& candidate : known_) {
      std::size_t distance = EditDistance(key.str(), candidate);
      if (distance < best_distance) {
        best_distance = distance;
        best = candidate;
      }
    }
    if (!best.empty()) reason += fmt::format(" (did you mean \"{}\"?)", best);
    diags_.Add(PlaceOf(key.source()), KeyPath(key.str()), std::move(reason));
  }
}

}  // namespace schoolmod::config::internal
