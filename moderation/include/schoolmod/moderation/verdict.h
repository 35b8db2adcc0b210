#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the classifier says about one comment. The JSON form is the contract of
// `schoolmodctl classify` in DESIGN.md; the storage layer persists these fields.
namespace schoolmod::moderation {

enum class VerdictKind { kOk, kReview, kRemove };

enum class Category {
  kProfanity, kInsult, kHarassment, kHate, kThreat, kSexual, kSpam, kPersonalData,
  kSafeguarding, kDefamation, kComplaint, kQuery, kPraise, kNeutral,
};

// Every category, most serious first: the order of Verdict::categories and of the reasons.
inline constexpr std::array<Category, 14> kCategoriesBySeriousness = {
    Category::kSafeguarding, Category::kThreat,     Category::kHate,
    Category::kSexual,       Category::kHarassment, Category::kPersonalData,
    Category::kInsult,       Category::kProfanity,  Category::kSpam,
    Category::kDefamation,   Category::kComplaint,  Category::kQuery,
    Category::kPraise,       Category::kNeutral};

// What the policy recommends doing; the daemon decides which to carry out automatically.
enum class RecommendedAction {
  kHide,         // reversible: hidden from the public, kept on the platform
  kDelete,       // irreversible removal (spam)
  kBlock,        // block the author
  kReport,       // report to the platform
  kEscalateDsl,  // alert the Designated Safeguarding Lead at once
  kPreserve,     // keep a copy as evidence before anything is removed
  kRespond,      // the school must reply or acknowledge
};

// Why a category was assigned: which rule fired on which bytes of the original text.
struct Reason {
  Category category = Category::kNeutral;
  std::string rule;         // stable rule id, e.g. "lexicon:profanity" or "threat:location"
  std::size_t begin = 0;    // byte span in the original (not normalised) text
  std::size_t end = 0;
  std::string explanation;  // one sentence for an administrator and the public explanation reply
};

struct Verdict {
  VerdictKind verdict = VerdictKind::kOk;
  std::vector<Category> categories;  // most serious first
  int severity = 0;                  // 0 (none) .. 4 (severe)
  bool needs_response = false;
  bool safeguarding = false;
  bool personal_data = false;
  std::vector<RecommendedAction> actions;
  std::vector<Reason> reasons;
  std::string classifier;            // engine name and version, kept with each stored verdict
};

std::string_view ToString(VerdictKind v);
std::string_view ToString(Category c);
std::string_view ToString(RecommendedAction a);
std::optional<VerdictKind> ParseVerdictKind(std::string_view s);
std::optional<Category> ParseCategory(std::string_view s);
std::optional<RecommendedAction> ParseRecommendedAction(std::string_view s);

bool HasCategory(const Verdict& v, Category c);

// The sentence for the public explanation reply after a removal (policy 002: "inform the
// audience exactly why the action was taken"), built from the most serious reason and never
// quoting the comment: "A comment containing abusive language about a member of staff was
// removed." Empty when the verdict is not kRemove or there is no reason.
std::string PublicExplanation(const Verdict& v);

}  // namespace schoolmod::moderation
