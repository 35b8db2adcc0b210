#include <array>
#include <set>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "schoolmod/moderation/policy.h"

// The policy table: categories and severities to verdicts and recommended actions.
namespace schoolmod::moderation {
namespace {

using enum RecommendedAction;

PolicyDecision Decide(std::vector<std::pair<Category, int>> found, bool needs_response = false,
                      int prior_removals = 0) {
  std::array<int, 14> severity{};
  for (const auto& [c, s] : found) severity[static_cast<int>(c)] = s;
  AuthorHistory history;
  history.prior_removals = prior_removals;
  return ApplyPolicy(severity, needs_response, history);
}

}  // namespace

TEST_CASE("policy table: each category's rows, in order") {
  struct Row {
    Category category;
    int severity;
    VerdictKind verdict;
    std::vector<RecommendedAction> actions;
  };
  const std::vector<Row> rows = {
      {Category::kProfanity, 1, VerdictKind::kReview, {}},
      {Category::kProfanity, 2, VerdictKind::kRemove, {kHide}},
      {Category::kInsult, 3, VerdictKind::kRemove, {kHide}},
      {Category::kHarassment, 2, VerdictKind::kRemove, {kHide}},
      {Category::kHate, 3, VerdictKind::kRemove, {kHide, kBlock, kReport}},
      {Category::kThreat, 3, VerdictKind::kRemove, {kPreserve, kHide, kBlock, kReport}},
      {Category::kSexual, 3, VerdictKind::kRemove, {kHide, kReport}},
      {Category::kSpam, 2, VerdictKind::kRemove, {kDelete, kReport}},
      {Category::kPersonalData, 2, VerdictKind::kRemove, {kHide}},
      {Category::kPersonalData, 1, VerdictKind::kReview, {}},
      {Category::kSafeguarding, 3, VerdictKind::kRemove, {kPreserve, kEscalateDsl, kHide}},
      {Category::kSafeguarding, 2, VerdictKind::kReview, {kPreserve, kEscalateDsl}},
      {Category::kDefamation, 1, VerdictKind::kReview, {kPreserve}},
      {Category::kComplaint, 1, VerdictKind::kReview, {}},
      {Category::kComplaint, 0, VerdictKind::kOk, {}},
      {Category::kQuery, 0, VerdictKind::kOk, {}},
      {Category::kPraise, 0, VerdictKind::kOk, {}},
  };
  for (const Row& row : rows) {
    INFO(ToString(row.category) << " severity " << row.severity);
    const PolicyDecision d = Decide({{row.category, row.severity}});
    CHECK(d.verdict == row.verdict);
    CHECK(d.actions == row.actions);
  }
}

TEST_CASE("policy table: rows for one category are ordered by descending severity") {
  std::set<Category> seen;
  const PolicyRule* previous = nullptr;
  for (const PolicyRule& rule : PolicyTable()) {
    CHECK(rule.min_severity >= 1);
    CHECK(rule.min_severity <= 4);
    if (previous && previous->category == rule.category) {
      CHECK(rule.min_severity < previous->min_severity);
    } else {
      CHECK(seen.insert(rule.category).second);  // each category's rows are together
    }
    previous = &rule;
  }
}

TEST_CASE("policy: the most serious category sets the verdict; actions add up") {
  const PolicyDecision d = Decide({{Category::kProfanity, 1}, {Category::kHate, 3}});
  CHECK(d.verdict == VerdictKind::kRemove);
  CHECK(d.actions == std::vector<RecommendedAction>{kHide, kBlock, kReport});
}

TEST_CASE("policy: delete replaces hide, but safeguarding is never deleted") {
  CHECK(Decide({{Category::kSpam, 2}, {Category::kProfanity, 2}}).actions ==
        std::vector<RecommendedAction>{kDelete, kReport});
  const PolicyDecision d = Decide({{Category::kSpam, 2}, {Category::kSafeguarding, 2}});
  CHECK(d.actions == std::vector<RecommendedAction>{kPreserve, kEscalateDsl, kHide, kReport});
}

TEST_CASE("policy: repeat offenders are blocked only when removed") {
  CHECK(Decide({{Category::kProfanity, 2}}, false, kRepeatOffenderRemovals).actions ==
        std::vector<RecommendedAction>{kHide, kBlock});
  CHECK(Decide({{Category::kProfanity, 2}}, false, kRepeatOffenderRemovals - 1).actions ==
        std::vector<RecommendedAction>{kHide});
  CHECK(Decide({{Category::kProfanity, 1}}, false, 10).actions.empty());
}

TEST_CASE("policy: a comment that needs a response gets respond, last") {
  CHECK(Decide({{Category::kQuery, 0}}, true).actions == std::vector<RecommendedAction>{kRespond});
  CHECK(Decide({{Category::kSafeguarding, 3}}, true).actions ==
        std::vector<RecommendedAction>{kPreserve, kEscalateDsl, kHide, kRespond});
}

TEST_CASE("policy: nothing found, nothing to do") {
  const PolicyDecision d = Decide({});
  CHECK(d.verdict == VerdictKind::kOk);
  CHECK(d.actions.empty());
}

}  // namespace schoolmod::moderation
