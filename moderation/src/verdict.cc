#include "schoolmod/moderation/verdict.h"
#include "schoolmod/enum_names.h"

#include <algorithm>
#include <array>
#include <utility>

namespace schoolmod::moderation {
namespace {

constexpr std::array<std::pair<VerdictKind, std::string_view>, 3> kVerdicts{{
    {VerdictKind::kOk, "ok"}, {VerdictKind::kReview, "review"}, {VerdictKind::kRemove, "remove"}}};

constexpr std::array<std::pair<Category, std::string_view>, 14> kCategories{{
    {Category::kProfanity, "profanity"},
    {Category::kInsult, "insult"},
    {Category::kHarassment, "harassment"},
    {Category::kHate, "hate"},
    {Category::kThreat, "threat"},
    {Category::kSexual, "sexual"},
    {Category::kSpam, "spam"},
    {Category::kPersonalData, "personal_data"},
    {Category::kSafeguarding, "safeguarding"},
    {Category::kDefamation, "defamation"},
    {Category::kComplaint, "complaint"},
    {Category::kQuery, "query"},
    {Category::kPraise, "praise"},
    {Category::kNeutral, "neutral"},
}};

constexpr std::array<std::pair<RecommendedAction, std::string_view>, 7> kActions{{
    {RecommendedAction::kHide, "hide"},
    {RecommendedAction::kDelete, "delete"},
    {RecommendedAction::kBlock, "block"},
    {RecommendedAction::kReport, "report"},
    {RecommendedAction::kEscalateDsl, "escalate_dsl"},
    {RecommendedAction::kPreserve, "preserve"},
    {RecommendedAction::kRespond, "respond"},
}};

}  // namespace

std::string_view ToString(VerdictKind v) { return NameOf(kVerdicts, v); }
std::string_view ToString(Category c) { return NameOf(kCategories, c); }
std::string_view ToString(RecommendedAction a) { return NameOf(kActions, a); }

std::optional<VerdictKind> ParseVerdictKind(std::string_view s) {
  return ValueOf<VerdictKind>(kVerdicts, s);
}
std::optional<Category> ParseCategory(std::string_view s) {
  return ValueOf<Category>(kCategories, s);
}
std::optional<RecommendedAction> ParseRecommendedAction(std::string_view s) {
  return ValueOf<RecommendedAction>(kActions, s);
}

bool HasCategory(const Verdict& v, Category c) {
  return std::find(v.categories.begin(), v.categories.end(), c) != v.categories.end();
}

}  // namespace schoolmod::moderation

namespace schoolmod::moderation {

std::string PublicExplanation(const Verdict& v) {
  if (v.verdict != VerdictKind::kRemove || v.reasons.empty()) return {};
  // Reasons are ordered most serious first; the first with an explanation speaks for all.
  for (const Reason& r : v.reasons) {
    if (r.explanation.empty()) continue;
    return "A comment containing " + r.explanation + " was removed.";
  }
  return {};
}

}  // namespace schoolmod::moderation
