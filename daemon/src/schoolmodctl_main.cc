#include <cstdlib>
#include <iostream>
#include <span>

#include <fmt/format.h>

#include "args.h"
#include "ctl_classify.h"
#include "ctl_commands.h"
#include "schoolmod/daemon/programs.h"

namespace schoolmod::daemon {
namespace {

// Every subcommand, in one table (ninja's ChooseTool): name, one line of help, entry point.
struct Command {
  std::string_view name;
  std::string_view usage;
  std::string_view help;
  int (*run)(const CtlContext& ctx);
};

constexpr Command kCommands[] = {
    {"check-config", "check-config", "validate the config file: exit 0, or 2 with the errors",
     &RunCheckConfig},
    {"classify", "classify < comments.jsonl",
     "classify JSON Lines {\"id\",\"text\"} from stdin: one verdict per line", &RunClassifyCommand},
    {"eval", "eval FILE [--misses]",
     "score the classifier on a labelled JSON Lines file", &RunEvalCommand},
    {"queue", "queue list [--all] [--account ID] [--limit N]",
     "the moderation queue, soonest deadline first", &RunQueue},
    {"queue", "queue show ID", "one item: comment, verdict and reasons, deadline, history",
     &RunQueue},
    {"queue", "queue act ID ACTION [--reason TEXT] [--message TEXT]",
     "decide: leave hide unhide delete block report reply acknowledge no_reply_needed",
     &RunQueue},
    {"sla", "sla deadline --school ID --received TIME",
     "when a comment received at TIME is due, and its reminders (RFC 3339)", &RunSla},
    {"db", "db backup PATH", "copy the live database with SQLite's online backup", &RunDb},
    {"version", "version", "print the version", &RunVersion},
};

void PrintUsage(std::ostream& out) {
  out << "usage: schoolmodctl [--config PATH] COMMAND [ARGS]\n\n"
         "Works on the same host as schoolmodd, through its database; works while the daemon "
         "is down.\n\ncommands:\n";
  for (const auto& c : kCommands) out << fmt::format("  {:<54} {}\n", c.usage, c.help);
  out << "\n  --config PATH   config file (default /etc/schoolmod/schoolmod.toml)\n";
}

}  // namespace

int SchoolmodctlMain(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    PrintUsage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  // Global options come before the command; the command parses the rest itself.
  CtlContext ctx{"/etc/schoolmod/schoolmod.toml", {}, std::cin, std::cout, std::cerr};
  std::size_t i = 0;
  while (i < args.size() && args[i].rfind("--", 0) == 0) {
    if (args[i] == "--config" && i + 1 < args.size()) {
      ctx.config_path = args[i + 1];
      i += 2;
    } else if (args[i].rfind("--config=", 0) == 0) {
      ctx.config_path = args[i].substr(9);
      ++i;
    } else {
      break;
    }
  }
  if (i >= args.size()) {
    PrintUsage(std::cerr);
    return 2;
  }
  std::string name = args[i];
  ctx.args.assign(args.begin() + static_cast<long>(i) + 1, args.end());
  for (const auto& c : kCommands) {
    if (c.name != name) continue;
    try {
      return c.run(ctx);
    } catch (const std::exception& e) {
      std::cerr << "schoolmodctl " << name << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "schoolmodctl: unknown command \"" << name << "\"\n\n";
  PrintUsage(std::cerr);
  return 2;
}

}  // namespace schoolmod::daemon
