#include "ctl_commands.h"

#include <iostream>

#include <fmt/format.h>

#include "args.h"
#include "ctl_sla.h"
#include "decisions.h"
#include "email_templates.h"
#include "schoolmod/config/loader.h"
#include "schoolmod/storage/database.h"

namespace schoolmod::daemon {
namespace {

// Loads the config for a command that needs it; prints the errors and returns nullopt if invalid.
std::optional<config::Config> LoadConfig(const CtlContext& ctx, bool read_secrets) {
  config::LoadOptions options;
  options.read_secrets = read_secrets;
  auto loaded = config::Load(ctx.config_path, options);
  if (!loaded.config) {
    for (const auto& e : loaded.errors) ctx.err << e.ToString() << "\n";
    return std::nullopt;
  }
  return std::move(*loaded.config);
}

// The daemon's database, opened as a second process: never takes back the daemon's in-flight
// work (storage::Options::recover_in_flight stays false).
std::unique_ptr<storage::Database> OpenDatabase(const CtlContext& ctx, const config::Config& c) {
  auto db = storage::Database::Open(c.daemon.database);
  if (!db) {
    ctx.err << "cannot open database " << c.daemon.database << ": " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(*db);
}

std::string Categories(const moderation::Verdict& v) {
  std::string out;
  for (auto c : v.categories) {
    if (!out.empty()) out += ",";
    out += moderation::ToString(c);
  }
  return out;
}

std::string ZoneOf(const config::Config& c, const std::string& school_id) {
  const auto* school = c.FindSchool(school_id);
  return school ? school->timezone : "UTC";
}

int QueueList(const CtlContext& ctx, const config::Config& c, storage::Database& db,
              const ParsedArgs& args) {
  storage::ItemFilter filter;
  if (args.has("--all")) filter.state = storage::ItemFilter::State::kAll;
  if (auto a = args.get("--account")) filter.account_id = *a;
  if (auto s = args.get("--school")) filter.school_id = *s;
  if (auto l = args.get("--limit")) filter.limit = std::atoi(l->c_str());
  auto items = db.ListItems(filter);
  if (!items) {
    ctx.err << "cannot list the queue: " << items.error().message << "\n";
    return 1;
  }
  ctx.out << fmt::format("{:>6}  {:<24} {:<7} {:<28} {}\n", "ID", "ACCOUNT", "VERDICT",
                         "CATEGORIES", "RESPONSE");
  for (const auto& item : *items) {
    std::string verdict = item.verdict ? std::string(moderation::ToString(item.verdict->verdict.verdict)) : "-";
    std::string cats = item.verdict ? Categories(item.verdict->verdict) : "";
    std::string response = "-";
    if (item.sla) {
      response = item.sla->state == storage::SlaState::kOpen
                     ? "due " + LocalTimeLabel(item.sla->due_at, ZoneOf(c, item.comment.school_id))
                     : "answered (" + item.sla->stop_reason + ")";
    }
    ctx.out << fmt::format("{:>6}  {:<24} {:<7} {:<28} {}\n", item.comment.id,
                           item.comment.account_id, verdict, cats, response);
  }
  return 0;
}

int QueueShow(const CtlContext& ctx, const config::Config& c, storage::Database& db,
              const std::string& id_text) {
  char* end = nullptr;
  long long id = std::strtoll(id_text.c_str(), &end, 10);
  if (id_text.empty() || *end != '\0' || id <= 0) {
    ctx.err << "queue show: \"" << id_text << "\" is not an item id\n";
    return 2;
  }
  auto got = db.GetItem(id);
  if (!got) {
    ctx.err << "cannot read item " << id << ": " << got.error().message << "\n";
    return 1;
  }
  if (!got->has_value()) {
    ctx.err << "no item " << id << "\n";
    return 1;
  }
  const auto& item = **got;
  const auto& comment = item.comment.comment;
  std::string zone = ZoneOf(c, item.comment.school_id);
  ctx.out << fmt::format("item {}\naccount: {} ({})\nplatform id: {}\nauthor: {}\nreceived: {}\n",
                         item.comment.id, item.comment.account_id, item.comment.platform,
                         comment.platform_id, comment.author_name.value_or("unknown"),
                         LocalTimeLabel(comment.created_at, zone));
  if (!comment.permalink.empty()) ctx.out << "link: " << comment.permalink << "\n";
  ctx.out << "text:\n";
  // Printed as data to a terminal: control characters would let a comment rewrite the screen.
  std::string safe;
  for (unsigned char ch : comment.text) {
    safe += (ch < 0x20 && ch != '\n') || ch == 0x7f ? '?' : static_cast<char>(ch);
  }
  ctx.out << "  " << safe << "\n";
  if (item.verdict) {
    const auto& v = item.verdict->verdict;
    ctx.out << fmt::format("verdict: {} categories={} severity={} needs_response={} "
                           "safeguarding={} classifier={}\n",
                           moderation::ToString(v.verdict), Categories(v), v.severity,
                           v.needs_response, v.safeguarding, v.classifier);
    for (const auto& r : v.reasons) {
      ctx.out << fmt::format("  reason: {} rule={} span=[{},{}] {}\n",
                             moderation::ToString(r.category), r.rule, r.begin, r.end,
                             r.explanation);
    }
  }
  if (item.sla) {
    ctx.out << fmt::format("response due: {} state={}", LocalTimeLabel(item.sla->due_at, zone),
                           storage::ToString(item.sla->state));
    if (item.sla->stopped_at) {
      ctx.out << fmt::format(" stopped by {} at {} ({})", item.sla->stopped_by,
                             LocalTimeLabel(*item.sla->stopped_at, zone), item.sla->stop_reason);
    }
    ctx.out << "\n";
  }
  for (const auto& a : item.actions) {
    ctx.out << fmt::format("action: {} state={} by={} reason={}\n", connectors::ToString(a.kind),
                           storage::ToString(a.state), a.requested_by, a.reason);
  }
  for (const auto& a : item.audit) {
    ctx.out << fmt::format("audit: {} {} by {}: {}\n", FormatRfc3339Utc(a.entry.at),
                           a.entry.action, a.entry.actor, a.entry.reason);
  }
  return 0;
}

// The person acting: --as NAME, else the login that ran the command (sudo's caller first).
std::string Actor(const ParsedArgs& args) {
  if (auto as = args.get("--as")) return *as;
  for (const char* var : {"SUDO_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return v;
  }
  return "schoolmodctl";
}

int QueueAct(const CtlContext& ctx, const config::Config& c, storage::Database& db,
             const ParsedArgs& args) {
  const std::string& id_text = args.positional[1];
  char* end = nullptr;
  long long id = std::strtoll(id_text.c_str(), &end, 10);
  if (id_text.empty() || *end != '\0' || id <= 0) {
    ctx.err << "queue act: \"" << id_text << "\" is not an item id\n";
    return 2;
  }
  auto kind = moderation::ParseDecisionKind(args.positional[2]);
  if (!kind) {
    ctx.err << "queue act: unknown action \"" << args.positional[2]
            << "\" (leave, hide, unhide, delete, block, report, reply, acknowledge, "
               "no_reply_needed)\n";
    return 2;
  }
  moderation::Decision decision{*kind, args.get("--reason").value_or(""),
                                args.get("--message").value_or("")};
  auto applied = ApplyDecision(db, c, id, decision, Actor(args), Now());
  if (!applied) {
    ctx.err << "queue act: " << applied.error().message << "\n";
    return applied.error().kind == ErrorKind::kInvalidInput ? 2 : 1;
  }
  ctx.out << fmt::format("item {}: {}", id, moderation::ToString(*kind));
  if (applied->action_id) ctx.out << fmt::format(" queued as action {}", *applied->action_id);
  if (applied->clock_stopped) ctx.out << ", response clock stopped";
  ctx.out << "\n";
  return 0;
}

}  // namespace

int RunCheckConfig(const CtlContext& ctx) {
  auto parsed = ParseArgs(ctx.args, {}, {"--no-secrets"});
  if (!parsed.error.empty() || !parsed.positional.empty()) {
    ctx.err << "usage: schoolmodctl [--config PATH] check-config [--no-secrets]\n";
    return 2;
  }
  if (!LoadConfig(ctx, !parsed.has("--no-secrets"))) return 2;
  ctx.out << ctx.config_path << ": ok\n";
  return 0;
}

int RunQueue(const CtlContext& ctx) {
  auto args = ParseArgs(ctx.args,
                        {"--account", "--school", "--limit", "--reason", "--message", "--as"},
                        {"--all"});
  const auto& p = args.positional;
  bool valid = args.error.empty() && !p.empty() &&
               ((p[0] == "list" && p.size() == 1) || (p[0] == "show" && p.size() == 2) ||
                (p[0] == "act" && p.size() == 3));
  if (!valid) {
    ctx.err << "usage: schoolmodctl queue list [--all] [--account ID] [--school ID] [--limit N]\n"
               "       schoolmodctl queue show ID\n"
               "       schoolmodctl queue act ID ACTION [--reason TEXT] [--message TEXT] "
               "[--as NAME]\n";
    return 2;
  }
  auto c = LoadConfig(ctx, false);
  if (!c) return 2;
  auto db = OpenDatabase(ctx, *c);
  if (!db) return 1;
  if (p[0] == "list") return QueueList(ctx, *c, *db, args);
  if (p[0] == "act") return QueueAct(ctx, *c, *db, args);
  return QueueShow(ctx, *c, *db, args.positional[1]);
}

int RunDb(const CtlContext& ctx) {
  if (ctx.args.size() != 2 || ctx.args[0] != "backup") {
    ctx.err << "usage: schoolmodctl [--config PATH] db backup PATH\n";
    return 2;
  }
  auto c = LoadConfig(ctx, false);
  if (!c) return 2;
  auto db = OpenDatabase(ctx, *c);
  if (!db) return 1;
  if (auto r = db->Backup(ctx.args[1]); !r) {
    ctx.err << "backup failed: " << r.error().message << "\n";
    return 1;
  }
  ctx.out << "backed up " << c->daemon.database << " to " << ctx.args[1] << "\n";
  return 0;
}

int RunSla(const CtlContext& ctx) {
  auto args = ParseArgs(ctx.args, {"--school", "--received"}, {});
  if (!args.error.empty() || args.positional != std::vector<std::string>{"deadline"} ||
      !args.get("--school") || !args.get("--received")) {
    ctx.err << "usage: schoolmodctl [--config PATH] sla deadline --school ID --received TIME\n";
    return 2;
  }
  auto c = LoadConfig(ctx, false);
  if (!c) return 2;
  return RunSlaDeadline(*c, *args.get("--school"), *args.get("--received"), ctx.out, ctx.err);
}

int RunVersion(const CtlContext& ctx) {
  ctx.out << "schoolmodctl " << SCHOOLMOD_VERSION << "\n";
  return 0;
}

}  // namespace schoolmod::daemon
