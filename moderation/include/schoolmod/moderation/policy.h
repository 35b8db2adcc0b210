#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "schoolmod/moderation/classifier.h"
#include "schoolmod/moderation/verdict.h"

// The moderation policy as a table: which verdict and which recommended actions follow from a
// category found at a given severity. The classifier applies it to every comment; the admin UI
// can show it. Derived from the school policies (002: "block, report or delete"; safeguarding
// sections of 000 and 004: alert the DSL, keep the evidence).
namespace schoolmod::moderation {

constexpr std::uint32_t ActionBit(RecommendedAction a) {
  return std::uint32_t{1} << static_cast<int>(a);
}

// One line of the table. Rows for a category are ordered by descending min_severity; the first
// row whose min_severity the category's severity reaches applies.
struct PolicyRule {
  Category category;
  int min_severity;       // 1 .. 4
  VerdictKind verdict;
  std::uint32_t actions;  // ActionBit()s
};

std::span<const PolicyRule> PolicyTable();

// A comment removed when its author already had this many removals also gets kBlock.
inline constexpr int kRepeatOffenderRemovals = 2;

struct PolicyDecision {
  VerdictKind verdict = VerdictKind::kOk;
  // In the order they should be carried out: preserve before anything is removed.
  std::vector<RecommendedAction> actions;
};

// `severity[c]` is category c's severity (index = static_cast<int>(Category)), 0 when absent.
// Besides the table: repeat offenders are blocked; a safeguarding item is never deleted (hidden
// instead) and always escalated and preserved; delete makes hide redundant; a comment that needs
// a response gets kRespond. Pure.
PolicyDecision ApplyPolicy(std::span<const int, 14> severity, bool needs_response,
                           const AuthorHistory& history);
// The same into `decision`, replacing what it held but keeping its actions' storage (the
// classifier's batches reuse their verdicts).
void ApplyPolicy(std::span<const int, 14> severity, bool needs_response,
                 const AuthorHistory& history, PolicyDecision& decision);

}  // namespace schoolmod::moderation
