#include "replay/replay_connector.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace schoolmod::connectors {
namespace {

using Json = nlohmann::json;

constexpr Capabilities kAllCapabilities =
    Capability::kListComments | Capability::kDetectOwnReplies | Capability::kHide |
    Capability::kUnhide | Capability::kDelete | Capability::kBlock | Capability::kReport |
    Capability::kReply;

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

std::uint64_t HashLine(std::uint64_t h, std::string_view line) {
  for (char c : line) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  h ^= static_cast<unsigned char>('\n');
  return h * kFnvPrime;
}

// Where the next poll starts, as JSON in Cursor::value:
//   {"v":1, "lines":N, "hash":"<FNV-1a 64 of those N lines>", "pending":["id", ...]}
// The first N lines of the file have been examined: every good line among them was released
// except the ids in `pending`, whose created_at was still in the future. Lines past N are new
// (appended since). Bad lines before N were already reported and are not counted again. If the
// file no longer starts with the same N lines (rewritten, truncated, edited), the hash differs
// and the poll starts again from line 1: storage dedupes by comment id, so re-sending is
// harmless while skipping would lose comments.
struct ReplayCursor {
  std::size_t lines = 0;
  std::uint64_t hash = kFnvOffset;
  std::set<std::string> pending;
};

std::optional<ReplayCursor> DecodeCursor(const std::string& value) {
  if (value.empty()) return ReplayCursor{};
  Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  auto version = j.find("v");
  if (version == j.end() || !version->is_number_integer() || *version != 1) return std::nullopt;
  auto lines = j.find("lines");
  auto hash = j.find("hash");
  auto pending = j.find("pending");
  if (lines == j.end() || !lines->is_number_unsigned() || hash == j.end() || !hash->is_string() ||
      pending == j.end() || !pending->is_array()) {
    return std::nullopt;
  }
  ReplayCursor cursor;
  cursor.lines = lines->get<std::size_t>();
  const auto& hex = hash->get_ref<const std::string&>();
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cursor.hash, 16);
  if (ec != std::errc() || end != hex.data() + hex.size()) return std::nullopt;
  for (const auto& id : *pending) {
    if (!id.is_string()) return std::nullopt;
    cursor.pending.insert(id.get<std::string>());
  }
  return cursor;
}

std::string EncodeCursor(const ReplayCursor& cursor) {
  Json j = {{"v", 1},
            {"lines", cursor.lines},
            {"hash", fmt::format("{:016x}", cursor.hash)},
            {"pending", cursor.pending}};
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct ParsedLine {
  std::optional<Comment> comment;
  std::string reason;  // why `comment` is empty; never quotes the comment text
};

// A required string field; "" in `reason` when fine.
const std::string* StringField(const Json& j, const char* name, std::string& reason,
                               bool non_empty) {
  auto it = j.find(name);
  if (it == j.end()) {
    reason = fmt::format("missing field \"{}\"", name);
    return nullptr;
  }
  if (!it->is_string()) {
    reason = fmt::format("field \"{}\" is not a string", name);
    return nullptr;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (non_empty && s.empty()) {
    reason = fmt::format("field \"{}\" is empty", name);
    return nullptr;
  }
  return &s;
}

// "-26h" / "+2m" from the daemon's start, or an RFC 3339 instant.
std::optional<TimePoint> ParseCreatedAt(std::string_view s, TimePoint started_at) {
  if (s.starts_with('+')) {
    s.remove_prefix(1);
    if (s.starts_with('-')) return std::nullopt;
    auto d = ParseDuration(s);
    if (!d) return std::nullopt;
    return started_at + *d;
  }
  if (s.starts_with('-')) {
    auto d = ParseDuration(s);
    if (!d) return std::nullopt;
    return started_at + *d;
  }
  return ParseRfc3339(s);
}

ParsedLine ParseLine(std::string_view line, TimePoint started_at) {
  ParsedLine out;
  Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    out.reason = "invalid JSON";
    return out;
  }
  if (!j.is_object()) {
    out.reason = "not a JSON object";
    return out;
  }
  Comment c;
  const std::string* id = StringField(j, "id", out.reason, true);
  if (!id) return out;
  const std::string* post_id = StringField(j, "post_id", out.reason, true);
  if (!post_id) return out;
  const std::string* author_id = StringField(j, "author_id", out.reason, true);
  if (!author_id) return out;
  const std::string* author_name = StringField(j, "author_name", out.reason, false);
  if (!author_name) return out;
  const std::string* text = StringField(j, "text", out.reason, false);
  if (!text) return out;
  const std::string* created_at = StringField(j, "created_at", out.reason, true);
  if (!created_at) return out;

  if (auto it = j.find("parent_id"); it != j.end() && !it->is_null()) {
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
      out.reason = "field \"parent_id\" is not a non-empty string";
      return out;
    }
    c.parent_id = it->get<std::string>();
  }
  if (auto it = j.find("own"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      out.reason = "field \"own\" is not a boolean";
      return out;
    }
    c.own = it->get<bool>();
  }
  auto when = ParseCreatedAt(*created_at, started_at);
  if (!when) {
    // The value is ours (a time or offset), short, and useful to whoever fixes the file.
    out.reason =
        fmt::format("created_at \"{}\" is neither RFC 3339 nor an offset like \"-26h\" or \"+2m\"",
                    created_at->substr(0, 40));
    return out;
  }
  c.platform_id = *id;
  c.post_id = *post_id;
  c.author_id = *author_id;
  c.author_name = *author_name;
  c.text = *text;
  c.created_at = *when;
  out.comment = std::move(c);
  return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// The file's lines, without their '\n'. A last line with no '\n' may still be being written: it
// counts only if it is already a complete JSON value, otherwise it waits for the next poll.
std::vector<std::string_view> SplitLines(std::string_view content) {
  std::vector<std::string_view> lines;
  while (!content.empty()) {
    auto nl = content.find('\n');
    if (nl == std::string_view::npos) {
      if (!IsBlank(content) && Json::accept(content)) lines.push_back(content);
      break;
    }
    lines.push_back(content.substr(0, nl));
    content.remove_prefix(nl + 1);
  }
  return lines;
}

std::string_view StripCr(std::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

// Closes a descriptor on every return path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

bool ReadAll(int fd, std::string& out) {
  char buf[64 * 1024];
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd, buf, sizeof buf, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buf, static_cast<std::size_t>(n));
    offset += n;
  }
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Comments from a JSON Lines file, actions to another: the demo and the integration tests.
// Capabilities: all of them, with no API permission needed. Stateless between calls (all state
// is in the cursor and the two files), so safe for concurrent calls on different accounts.
class ReplayConnector final : public Connector {
 public:
  explicit ReplayConnector(const ConnectorEnv& env)
      : log_(env.log ? env.log
                     : std::make_shared<spdlog::logger>(
                           "connector.replay", std::make_shared<spdlog::sinks::null_sink_mt>())),
        started_at_(env.started_at),
        now_(env.now ? env.now : [] { return Now(); }) {}

  std::string_view platform() const override { return "replay"; }
  Capabilities capabilities() const override { return kAllCapabilities; }

  Result<PollResult> Poll(const config::Account& account, const Cursor& cursor) override {
    const std::string& path = account.setting("path");
    if (path.empty()) {
      return Error::InvalidInput(fmt::format("account {}: replay needs \"path\"", account.id));
    }
    std::string content;
    {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec)) {
        return Error::Permanent(
            fmt::format("account {}: replay file {} does not exist", account.id, path));
      }
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        return Error::Permanent(fmt::format("account {}: cannot read replay file {}: {}",
                                            account.id, path, std::strerror(errno)));
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      content = std::move(ss).str();
    }
    const auto lines = SplitLines(content);

    auto decoded = DecodeCursor(cursor.value);
    if (!decoded) {
      log_->warn("replay cursor unreadable, reading from the start account={} file={}", account.id,
                 path);
      decoded = ReplayCursor{};
    }
    ReplayCursor state = std::move(*decoded);
    if (state.lines > 0) {
      std::uint64_t h = kFnvOffset;
      for (std::size_t i = 0; i < std::min(state.lines, lines.size()); ++i) {
        h = HashLine(h, lines[i]);
      }
      if (state.lines > lines.size() || h != state.hash) {
        log_->warn("replay file changed, reading from the start account={} file={}", account.id,
                   path);
        state = ReplayCursor{};
      }
    }

    const TimePoint now = now_();
    PollResult result;
    std::set<std::string> released;
    std::vector<Comment> due;
    std::uint64_t hash = kFnvOffset;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      hash = HashLine(hash, lines[i]);
      const bool seen = i < state.lines;
      // Everything seen is released except `pending`: nothing to look at.
      if (seen && state.pending.empty()) continue;
      std::string_view line = StripCr(lines[i]);
      if (IsBlank(line)) continue;
      ParsedLine parsed = ParseLine(line, started_at_);
      if (!parsed.comment) {
        if (!seen) {
          log_->warn("replay line skipped account={} file={}:{} reason={}", account.id, path, i + 1,
                     parsed.reason);
          ++result.skipped;
        }
        continue;
      }
      Comment& c = *parsed.comment;
      if (seen && !state.pending.contains(c.platform_id)) continue;
      if (released.contains(c.platform_id)) {
        if (!seen) {
          log_->warn("replay line skipped account={} file={}:{} reason=duplicate id {}", account.id,
                     path, i + 1, c.platform_id);
          ++result.skipped;
        }
        continue;
      }
      if (c.created_at <= now) {
        state.pending.erase(c.platform_id);
        released.insert(c.platform_id);
        due.push_back(std::move(c));
      } else {
        state.pending.insert(c.platform_id);
      }
    }
    state.lines = lines.size();
    state.hash = hash;

    std::stable_sort(due.begin(), due.end(), [](const Comment& a, const Comment& b) {
      return a.created_at < b.created_at;
    });
    result.comments = std::move(due);
    result.next_cursor.value = EncodeCursor(state);
    log_->debug("replay poll account={} released={} pending={} skipped={}", account.id,
                result.comments.size(), state.pending.size(), result.skipped);
    return result;
  }

  Result<ActionOutcome> Act(const config::Account& account, const Action& action) override {
    if (!Has(capabilities(), RequiredCapability(action.kind))) {
      return Error::NotSupported(
          fmt::format("account {}: replay cannot {}", account.id, ToString(action.kind)));
    }
    const std::string& path = account.setting("actions_log");
    if (path.empty()) {
      return Error::InvalidInput(
          fmt::format("account {}: replay needs \"actions_log\"", account.id));
    }
    if (action.idempotency_key.empty()) {
      return Error::InvalidInput(fmt::format("account {}: {} on {} has no idempotency key",
                                             account.id, ToString(action.kind), action.comment_id));
    }
    ActionOutcome outcome;
    if (action.kind == ActionKind::kReply) {
      outcome.platform_ref = "replay-reply-" + action.idempotency_key;
    }

    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Error::Permanent(fmt::format("account {}: cannot create {}: {}", account.id,
                                          parent.string(), ec.message()));
    }
    Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0640));
    if (fd.get() < 0) {
      return Error::Permanent(fmt::format("account {}: cannot open actions log {}: {}", account.id,
                                          path, std::strerror(errno)));
    }
    // Check-then-append must be atomic: accounts may share one log, and the daemon and a
    // second process might both act.
    if (::flock(fd.get(), LOCK_EX) != 0) {
      return Error::Transient(fmt::format("account {}: cannot lock actions log {}: {}", account.id,
                                          path, std::strerror(errno)));
    }
    std::string existing;
    if (!ReadAll(fd.get(), existing)) {
      return Error::Permanent(fmt::format("account {}: cannot read actions log {}: {}", account.id,
                                          path, std::strerror(errno)));
    }
    std::string_view rest = existing;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
      // Cheap filter before parsing: most lines are other actions.
      if (line.find(action.idempotency_key) == std::string_view::npos) continue;
      Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!j.is_object()) continue;
      auto key = j.find("idempotency_key");
      if (key != j.end() && key->is_string() && *key == action.idempotency_key) {
        log_->debug("replay action already logged account={} action={} comment={} key={}",
                    account.id, ToString(action.kind), action.comment_id, action.idempotency_key);
        return outcome;
      }
    }

    nlohmann::ordered_json entry;
    entry["at"] = FormatRfc3339Utc(now_());
    entry["account"] = account.id;
    entry["action"] = ToString(action.kind);
    entry["comment_id"] = action.comment_id;
    entry["post_id"] = action.post_id;
    entry["author_id"] = action.author_id ? Json(*action.author_id) : Json(nullptr);
    entry["message"] = action.message;
    entry["idempotency_key"] = action.idempotency_key;
    std::string line = entry.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    // A crash mid-append can leave a partial last line; start ours on a fresh one.
    if (!existing.empty() && existing.back() != '\n') line.insert(line.begin(), '\n');
    if (!WriteAll(fd.get(), line) || ::fsync(fd.get()) != 0) {
      return Error::Transient(fmt::format("account {}: cannot append to actions log {}: {}",
                                          account.id, path, std::strerror(errno)));
    }
    log_->debug("replay action logged account={} action={} comment={} key={}", account.id,
                ToString(action.kind), action.comment_id, action.idempotency_key);
    return outcome;
  }

 private:
  const std::shared_ptr<spdlog::logger> log_;
  const TimePoint started_at_;
  const std::function<TimePoint()> now_;
};

}  // namespace

std::unique_ptr<Connector> MakeReplayConnector(const ConnectorEnv& env) {
  return std::make_unique<ReplayConnector>(env);
}

}  // namespace schoolmod::connectors
