#include "schoolmod/config/loader.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "secrets.h"
#include "toml_reader.h"
#include "validate.h"

namespace schoolmod::config {
namespace {

using internal::Diagnostics;
using internal::PlaceOf;
using internal::TableReader;

// A top-level [section]: nullptr when absent or not a table (reported).
const toml::table* Section(TableReader& root, std::string_view key, bool required) {
  const toml::node* node = root.Get(key);
  if (node == nullptr) {
    if (required)
      root.diags().Add({}, std::string(key), fmt::format("section [{}] is required", key));
    return nullptr;
  }
  if (const toml::table* table = node->as_table()) return table;
  root.Error(key, fmt::format("must be a section [{}], not {}", key, internal::TypeName(*node)));
  return nullptr;
}

void Validate(const toml::table& document, const LoadOptions& options, Config& config,
              Diagnostics& diags) {
  const internal::SecretSource secrets = internal::MakeSecretSource(options);
  TableReader root(document, "", diags);
  if (const toml::table* daemon = Section(root, "daemon", false)) {
    internal::ReadDaemon(*daemon, config.daemon, diags);
  }
  if (const toml::table* mail = Section(root, "mail", true)) {
    internal::ReadMail(*mail, config.mail, diags, secrets);
  }
  if (const toml::table* sla = Section(root, "sla", false)) {
    internal::ReadSla(*sla, config.sla, diags);
  }
  if (const toml::table* moderation = Section(root, "moderation", false)) {
    internal::ReadModeration(*moderation, config.moderation, diags);
  }
  const toml::node* schools = root.Get("school");
  if (schools == nullptr) {
    diags.Add({}, "school", "at least one [[school]] is required");
  } else if (const toml::array* array = schools->as_array()) {
    if (array->empty()) root.Error("school", "at least one [[school]] is required");
    internal::ReadSchools(*array, config.schools, diags, secrets);
  } else {
    root.Error("school",
               fmt::format("must be an array of tables: write [[school]], not {}",
                           schools->is_table() ? "[school]" : internal::TypeName(*schools)));
  }
  root.RejectUnknown();
}

}  // namespace

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format(":{}:{}", line, column);
  out += ": ";
  if (!key.empty()) out += key + ": ";
  out += reason;
  return out;
}

LoadResult LoadFromString(const std::string& text, const std::string& name,
                          const LoadOptions& options) {
  LoadResult result;
  try {
    Diagnostics diags(name);
    toml::table document;
    try {
      document = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
      // toml++ stops at the first syntax error; nothing after it can be trusted anyway.
      diags.Add(PlaceOf(e.source()), "", std::string(e.description()));
      result.errors = diags.TakeSorted();
      return result;
    }
    Config config;
    config.path = name;
    Validate(document, options, config, diags);
    result.errors = diags.TakeSorted();
    if (result.errors.empty()) result.config = std::move(config);
  } catch (const std::exception& e) {
    // Validation itself does not throw; this is the public boundary's guarantee (bad_alloc...).
    result.config.reset();
    result.errors.push_back({name, 0, 0, "", fmt::format("cannot load: {}", e.what())});
  }
  return result;
}

LoadResult Load(const std::string& path, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return {std::nullopt, {{path, 0, 0, "", fmt::format("cannot read: {}", std::strerror(err))}}};
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return {std::nullopt, {{path, 0, 0, "", "cannot read the file"}}};
  }
  return LoadFromString(text.str(), path, options);
}

}  // namespace schoolmod::config
