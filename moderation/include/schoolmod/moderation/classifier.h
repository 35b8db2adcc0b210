#pragma once

#include <memory>
#include <string_view>

#include "schoolmod/moderation/verdict.h"

namespace schoolmod::moderation {

// What the daemon knows about the comment's author; optional input to the policy mapping
// (repeat offenders are blocked).
struct AuthorHistory {
  int prior_removals = 0;  // comments by the same author already removed on this account
};

// Classifies comment text. Pure: no I/O, no clock, no global state; safe to call from several
// threads at once. Any byte string is valid input (invalid UTF-8 is repaired, never rejected).
class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual Verdict Classify(std::string_view text, const AuthorHistory& history = {}) const = 0;
  // Engine name and version, stored with every verdict ("interim-1").
  virtual std::string_view name() const = 0;
};

// The interim keyword classifier used until the full engine lands: a short built-in word list,
// question/complaint detection, no normalisation. Small on purpose; replaced, not extended.
std::unique_ptr<Classifier> MakeInterimClassifier();

}  // namespace schoolmod::moderation
