#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "schoolmod/time.h"

// The audit log: append-only, hash-chained record of who did what, when and why.
namespace schoolmod::storage {

// One event. Never put comment text (or any personal data beyond ids and user names) in an
// entry: the audit log cannot be purged by retention.
struct AuditEntry {
  TimePoint at;
  std::string actor;    // user name, "policy", "account", "platform", "schoolmodd"
  std::string action;   // dotted verb: "sla.stop", "action.request", "action.done", "item.review"
  std::string subject;  // what it is about: CommentSubject(id), "account:<id>", "user:<name>"
  std::string reason;   // the person's or the rule's words
  std::string details;  // JSON object with ids and parameters, or empty
};

// A stored entry with its place in the chain.
struct AuditRecord {
  std::int64_t id = 0;
  AuditEntry entry;
  std::string prev_hash;  // hash of row id-1; 64 zeros for the first row
  // Lowercase hex SHA-256 over the netstrings ("<byte length>:<bytes>,") of, in order:
  // prev_hash, id, at (unix seconds), actor, action, subject, reason, details; ids and seconds
  // in decimal. Anyone can recompute the chain from an exported log with this rule.
  std::string hash;
};

struct AuditFilter {
  std::optional<std::string> subject;
  int limit = 100;                        // clamped to 1..1000
  std::optional<std::int64_t> before_id;  // paging: newest first, rows older than this one
};

// The audit subject of a queue item: "comment:42".
std::string CommentSubject(std::int64_t comment_id);

}  // namespace schoolmod::storage
