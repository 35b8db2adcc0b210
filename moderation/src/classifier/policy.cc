#include "schoolmod/moderation/policy.h"

#include <array>
#include <bit>

namespace schoolmod::moderation {
namespace {

using enum RecommendedAction;
constexpr std::uint32_t kHideBit = ActionBit(kHide);
constexpr std::uint32_t kDeleteBit = ActionBit(kDelete);
constexpr std::uint32_t kBlockBit = ActionBit(kBlock);
constexpr std::uint32_t kReportBit = ActionBit(kReport);
constexpr std::uint32_t kEscalateBit = ActionBit(kEscalateDsl);
constexpr std::uint32_t kPreserveBit = ActionBit(kPreserve);
constexpr std::uint32_t kRespondBit = ActionBit(kRespond);

// Hide is the default for removal: reversible, so a wrong call costs little. Spam is deleted
// (nobody will want it back). Threats and hate block the author and are reported to the
// platform, as is sexual content. Safeguarding alerts the DSL and keeps a copy; it is hidden
// only when the comment itself exposes a child.
constexpr std::array<PolicyRule, 21> kTable = {{
    {Category::kSafeguarding, 3, VerdictKind::kRemove, kHideBit | kEscalateBit | kPreserveBit},
    {Category::kSafeguarding, 1, VerdictKind::kReview, kEscalateBit | kPreserveBit},
    {Category::kThreat, 2, VerdictKind::kRemove, kHideBit | kBlockBit | kReportBit | kPreserveBit},
    {Category::kThreat, 1, VerdictKind::kReview, kPreserveBit},
    {Category::kHate, 2, VerdictKind::kRemove, kHideBit | kBlockBit | kReportBit},
    {Category::kHate, 1, VerdictKind::kReview, 0},
    {Category::kSexual, 2, VerdictKind::kRemove, kHideBit | kReportBit},
    {Category::kSexual, 1, VerdictKind::kReview, 0},
    {Category::kSpam, 2, VerdictKind::kRemove, kDeleteBit | kReportBit},
    {Category::kSpam, 1, VerdictKind::kReview, 0},
    {Category::kHarassment, 2, VerdictKind::kRemove, kHideBit},
    {Category::kHarassment, 1, VerdictKind::kReview, 0},
    {Category::kPersonalData, 2, VerdictKind::kRemove, kHideBit},
    {Category::kPersonalData, 1, VerdictKind::kReview, 0},
    {Category::kInsult, 2, VerdictKind::kRemove, kHideBit},
    {Category::kInsult, 1, VerdictKind::kReview, 0},
    {Category::kProfanity, 2, VerdictKind::kRemove, kHideBit},
    {Category::kProfanity, 1, VerdictKind::kReview, 0},
    {Category::kDefamation, 3, VerdictKind::kRemove, kHideBit | kPreserveBit},
    {Category::kDefamation, 1, VerdictKind::kReview, kPreserveBit},
    {Category::kComplaint, 1, VerdictKind::kReview, 0},
}};

// Each category's rules, as indexes into kTable in table order (-1: none), so a decision looks
// only at the categories found rather than down the whole table.
constexpr std::array<std::array<int, 2>, 14> kRulesOf = [] {
  std::array<std::array<int, 2>, 14> rules{};
  for (auto& r : rules) r = {-1, -1};
  for (int i = 0; i < static_cast<int>(kTable.size()); ++i) {
    auto& r = rules[static_cast<int>(kTable[i].category)];
    r[r[0] < 0 ? 0 : 1] = i;
  }
  return rules;
}();
static_assert([] {
  // At most two rules a category, as kRulesOf holds, each needing some severity.
  std::array<int, 14> count{};
  for (const PolicyRule& rule : kTable) {
    if (++count[static_cast<int>(rule.category)] > 2 || rule.min_severity < 1) return false;
  }
  return true;
}());

// The order actions are carried out in: evidence first, then the alert, then removal.
constexpr std::array<RecommendedAction, 7> kOrder = {kPreserve, kEscalateDsl, kHide, kDelete,
                                                     kBlock,    kReport,      kRespond};

}  // namespace

std::span<const PolicyRule> PolicyTable() { return kTable; }

PolicyDecision ApplyPolicy(std::span<const int, 14> severity, bool needs_response,
                           const AuthorHistory& history) {
  PolicyDecision decision;
  ApplyPolicy(severity, needs_response, history, decision);
  return decision;
}

void ApplyPolicy(std::span<const int, 14> severity, bool needs_response,
                 const AuthorHistory& history, PolicyDecision& decision) {
  decision.verdict = VerdictKind::kOk;
  decision.actions.clear();
  std::uint32_t bits = 0;
  bool any = needs_response;
  for (int s : severity) any = any || s > 0;
  if (!any) return;  // most comments: nothing found, nothing to do
  // Per category found, its first rule (in table order) that the severity reaches. The verdict
  // is the most severe of theirs and the actions their union, so the order of categories does
  // not matter. Every rule needs a severity of 1 or more.
  for (int c = 0; c < 14; ++c) {
    if (severity[c] <= 0) continue;
    for (int index : kRulesOf[c]) {
      if (index < 0) break;
      const PolicyRule& rule = kTable[index];
      if (severity[c] < rule.min_severity) continue;
      if (static_cast<int>(rule.verdict) > static_cast<int>(decision.verdict)) {
        decision.verdict = rule.verdict;
      }
      bits |= rule.actions;
      break;
    }
  }
  if (decision.verdict == VerdictKind::kRemove &&
      history.prior_removals >= kRepeatOffenderRemovals) {
    bits |= kBlockBit;
  }
  if (severity[static_cast<int>(Category::kSafeguarding)] > 0) {
    // Never deleted alone: the DSL needs the original.
    if (bits & kDeleteBit) bits = (bits & ~kDeleteBit) | kHideBit;
    bits |= kEscalateBit | kPreserveBit;
  }
  if (bits & kDeleteBit) bits &= ~kHideBit;
  if (needs_response) bits |= kRespondBit;
  decision.actions.reserve(static_cast<std::size_t>(std::popcount(bits)));
  for (RecommendedAction a : kOrder) {
    if (bits & ActionBit(a)) decision.actions.push_back(a);
  }
}

}  // namespace schoolmod::moderation
