#include <algorithm>
#include <cctype>
#include <string>

#include "schoolmod/moderation/classifier.h"

// The interim classifier: whole-word matches against a short list, and a guess at whether the
// comment asks or complains. It exists so the pipeline runs end to end before the real engine.
namespace schoolmod::moderation {
namespace {

struct Term {
  std::string_view word;
  Category category;
  int severity;
};

constexpr Term kTerms[] = {
    {"fuck", Category::kProfanity, 3},  {"fucking", Category::kProfanity, 3},
    {"shit", Category::kProfanity, 2},  {"bitch", Category::kInsult, 3},
    {"twat", Category::kInsult, 3},     {"wanker", Category::kInsult, 3},
    {"idiot", Category::kInsult, 2},    {"useless", Category::kInsult, 1},
    {"kill", Category::kThreat, 4},
};

constexpr std::string_view kQuestionWords[] = {"when", "what", "where", "why", "how",
                                               "who", "can", "could", "will", "is", "are", "does"};
constexpr std::string_view kComplaintWords[] = {"disappointed", "unacceptable", "complaint",
                                                "ridiculous", "disgrace", "appalling"};

bool IsWordChar(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

class InterimClassifier final : public Classifier {
 public:
  Verdict Classify(std::string_view text, const AuthorHistory&) const override {
    Verdict v;
    v.classifier = std::string(name());
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    bool first_word = true;
    bool question = false;
    bool complaint = false;
    for (std::size_t i = 0; i < lower.size();) {
      if (!IsWordChar(lower[i])) { ++i; continue; }
      std::size_t j = i;
      while (j < lower.size() && IsWordChar(lower[j])) ++j;
      std::string_view word(lower.data() + i, j - i);
      for (const auto& term : kTerms) {
        if (word == term.word) {
          v.reasons.push_back({term.category, "interim:word", i, j,
                               "contains a word on the interim list"});
          v.severity = std::max(v.severity, term.severity);
          if (!HasCategory(v, term.category)) v.categories.push_back(term.category);
        }
      }
      if (first_word) {
        for (auto q : kQuestionWords) question |= word == q;
        first_word = false;
      }
      for (auto c : kComplaintWords) complaint |= word == c;
      i = j;
    }
    question |= lower.find('?') != std::string::npos;
    if (v.severity >= 2) {
      v.verdict = VerdictKind::kRemove;
      v.actions = {RecommendedAction::kHide};
    } else if (v.severity == 1) {
      v.verdict = VerdictKind::kReview;
    }
    if (v.verdict == VerdictKind::kOk && (question || complaint)) {
      v.needs_response = true;
      v.categories.push_back(complaint ? Category::kComplaint : Category::kQuery);
      v.actions.push_back(RecommendedAction::kRespond);
    }
    if (v.categories.empty()) v.categories.push_back(Category::kNeutral);
    return v;
  }
  std::string_view name() const override { return "interim-1"; }
};

}  // namespace

std::unique_ptr<Classifier> MakeInterimClassifier() {
  return std::make_unique<InterimClassifier>();
}

}  // namespace schoolmod::moderation
