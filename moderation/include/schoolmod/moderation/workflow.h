#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/verdict.h"

// The case workflow: what an administrator's decision on a queue item means. Pure: the daemon
// (HTTP API) and schoolmodctl both turn a decision into these effects and apply them to storage.
namespace schoolmod::moderation {

// The decisions of DESIGN.md's `POST /api/v1/items/{id}/actions`.
enum class DecisionKind {
  kLeave,          // keep it up; the moderation question is settled
  kHide,           // hide it from the public (reversible)
  kUnhide,         // undo a hide
  kDelete,         // remove it for good
  kBlock,          // block the author
  kReport,         // report it to the platform
  kReply,          // answer it publicly with `message`
  kAcknowledge,    // answer it with the school's acknowledgement text
  kNoReplyNeeded,  // stop the clock without answering, saying why
};

std::string_view ToString(DecisionKind kind);
std::optional<DecisionKind> ParseDecisionKind(std::string_view s);

// The platform call a decision needs, in moderation's own words (the daemon maps it to the
// connector's ActionKind).
enum class PlatformCall { kHide, kUnhide, kDelete, kBlock, kReport, kReply };

struct Decision {
  DecisionKind kind = DecisionKind::kLeave;
  std::string reason;   // why: the audit log and the public explanation use it
  std::string message;  // reply text (kReply)
};

// What follows from a valid decision.
struct DecisionEffects {
  std::optional<PlatformCall> call;
  std::string call_message;           // the reply text to post (kReply, kAcknowledge)
  bool stop_clock = false;            // the response obligation is met now
  std::string stop_reason;            // "replied", "acknowledged", "no reply needed: ..."
  bool mark_reviewed = false;         // the moderation question is settled
};

// What the item looks like when the decision is taken.
struct ItemFacts {
  bool safeguarding = false;  // the current verdict says a child may be at risk
  bool clock_running = false;
  bool deleted = false;       // already gone from the platform
};

// The effects of `decision` on an item, or an error message saying what is missing or not
// allowed: a reason for everything but replies, a message for a reply, nothing on a deleted
// comment but leave, and no deletion of a safeguarding item (policy: never deleted without
// a preserved copy and the DSL's decision: hide it instead).
struct DecisionOutcome {
  std::optional<DecisionEffects> effects;
  std::string error;
};
DecisionOutcome Decide(const Decision& decision, const ItemFacts& item,
                       const config::School& school);

// The public acknowledgement the policy asks for ("even if the response is only to acknowledge
// receipt"), pointing to the school's preferred contact routes.
std::string AcknowledgementText(const config::School& school);

}  // namespace schoolmod::moderation
