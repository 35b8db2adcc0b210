#include "args.h"

namespace schoolmod::daemon {

std::optional<std::string> ParsedArgs::get(const std::string& option) const {
  auto it = options.find(option);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

ParsedArgs ParseArgs(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                     const std::set<std::string>& flags) {
  ParsedArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      out.positional.push_back(arg);
      continue;
    }
    std::string name = arg;
    std::optional<std::string> value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (flags.count(name) != 0 && !value) {
      out.flags.insert(name);
    } else if (with_value.count(name) != 0) {
      if (!value) {
        if (i + 1 >= args.size()) {
          out.error = name + " needs a value";
          return out;
        }
        value = args[++i];
      }
      out.options[name] = *value;
    } else {
      out.error = "unknown option " + name;
      return out;
    }
  }
  return out;
}

}  // namespace schoolmod::daemon
