#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schoolmod/time.h"

// The vocabulary every connector speaks: normalised comments, cursors, actions.
namespace schoolmod::connectors {

// One comment or reply as every platform is made to look. Fields a platform does not give are
// empty/nullopt, never invented.
struct Comment {
  std::string platform_id;               // the platform's id, unique within the account
  std::string post_id;                   // the post, media or video it is on
  std::string permalink;                 // a link a person can open; may be empty
  std::optional<std::string> parent_id;  // platform id of the comment it replies to
  std::optional<std::string> author_id;  // missing when the platform withholds it
  std::optional<std::string> author_name;
  std::string text;
  TimePoint created_at;
  std::optional<TimePoint> updated_at;  // set when the platform reports an edit
  bool hidden = false;                  // already hidden on the platform
  bool own = false;                     // written by the school's own account
  bool deleted = false;                 // gone from the platform (a tombstone in a poll)
};

// Where the next poll starts. Opaque to everyone but the connector that made it; persisted by
// storage in the same transaction as the comments that came with it.
struct Cursor {
  std::string value;  // empty: start from the beginning (the look-back window)
  bool operator==(const Cursor&) const = default;
};

// What the platform said about its limits in the last response.
struct RateLimit {
  std::optional<int> remaining;         // calls (or quota units) left in the window
  std::optional<TimePoint> reset_at;    // when the window resets
  std::optional<int> usage_percent;     // platforms that report usage instead (Graph)
};

struct PollResult {
  std::vector<Comment> comments;  // normalised, oldest first
  Cursor next_cursor;             // committed in the same transaction as `comments`
  RateLimit rate_limit;
  int api_calls = 0;              // requests this poll made, for metrics and benchmarks
  int skipped = 0;                // malformed items skipped (and logged by id)
};

enum class ActionKind { kHide, kUnhide, kDelete, kBlock, kReport, kReply };

std::string_view ToString(ActionKind kind);
std::optional<ActionKind> ParseActionKind(std::string_view s);

struct Action {
  ActionKind kind = ActionKind::kHide;
  std::string comment_id;               // platform id of the comment acted on
  std::string post_id;
  std::optional<std::string> author_id;  // for kBlock
  std::string message;                   // reply text for kReply; report reason for kReport
  std::string idempotency_key;           // the outbox row's key; stable across retries
};

struct ActionOutcome {
  std::string platform_ref;  // id of what the platform created (a reply id), if anything
  bool manual = false;       // no API: a person must do it (see `note`, e.g. a permalink)
  std::string note;
};

}  // namespace schoolmod::connectors
