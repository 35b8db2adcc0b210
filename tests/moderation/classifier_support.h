#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

#include "schoolmod/moderation/classifier.h"
#include "schoolmod/moderation/verdict.h"

// Helpers shared by the classifier_*_test.cc files. One classifier for all of them: building it
// takes a few milliseconds, and Classify() is const.
namespace schoolmod::moderation::testing {

inline const Classifier& Engine() {
  static const std::unique_ptr<Classifier> engine = MakeClassifier();
  return *engine;
}

inline Verdict Check(std::string_view text, int prior_removals = 0) {
  AuthorHistory history;
  history.prior_removals = prior_removals;
  return Engine().Classify(text, history);
}

inline bool HasAction(const Verdict& v, RecommendedAction a) {
  return std::find(v.actions.begin(), v.actions.end(), a) != v.actions.end();
}

// Whether some reason's rule starts with `prefix` ("lexicon:profanity", "threat:").
inline bool HasRule(const Verdict& v, std::string_view prefix) {
  return std::any_of(v.reasons.begin(), v.reasons.end(),
                     [&](const Reason& r) { return r.rule.rfind(prefix, 0) == 0; });
}

inline std::string Describe(const Verdict& v) {
  std::string s(ToString(v.verdict));
  s += " [";
  for (Category c : v.categories) {
    s += ToString(c);
    s += ' ';
  }
  s += "]";
  for (const Reason& r : v.reasons) s += " " + r.rule;
  return s;
}

}  // namespace schoolmod::moderation::testing
