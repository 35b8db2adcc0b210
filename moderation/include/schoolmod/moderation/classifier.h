#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "schoolmod/moderation/verdict.h"
#include "schoolmod/result.h"

namespace schoolmod::config {
struct ModerationSettings;
}

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
  // Classifies texts[i] (with histories[i], or no history when `histories` is empty) into
  // verdicts[i], exactly as Classify() would one at a time. Faster for many comments at once:
  // the engine runs each stage over a group of comments while the stage's code and tables are
  // in cache, and reuses the verdicts' storage. `verdicts` has texts.size() elements, whatever
  // they held is replaced. Thread-safe like Classify().
  virtual void ClassifyBatch(std::span<const std::string_view> texts,
                             std::span<const AuthorHistory> histories,
                             std::span<Verdict> verdicts) const;
  // Engine name and version, stored with every verdict ("schoolmod-1").
  virtual std::string_view name() const = 0;
};

// The moderation engine. Text is normalised first (Unicode NFKC and case folding, zero-width and
// bidi controls dropped, Cyrillic/Greek lookalikes and accents folded, leetspeak, masking such as
// "f*ck", letters spelt out one by one, stretched letters, meaningful emoji), then matched in one
// pass against the built-in lexicon (moderation/data/, compiled in), the school's own terms and
// the phrase cues the detectors use: insults and harassment without swear words, threats,
// discrimination, sexual content, spam and scams, personal data, safeguarding disclosures,
// allegations against staff, and whether the school needs to respond. Each reason names the rule
// and the byte span in the original text. The policy table (policy.h) turns categories into the
// verdict and the recommended actions.
//
// `settings` adds the school's terms (extra_terms), words never flagged (allow_terms) and
// built-in terms switched off (disabled_terms). Fails with kInvalidInput naming the entry when a
// custom term has an unknown category, a severity outside 1..4 or no letters. Building takes
// about 30 ms (it computes the folding table with ICU and compiles the word lists): keep one
// classifier and share it. Classify() is const and thread-safe; each thread keeps a little
// scratch space between calls (freed after an unusually long comment).
Result<std::unique_ptr<Classifier>> MakeClassifier(const config::ModerationSettings& settings);
// The built-in lists only, as `schoolmodctl classify` uses without --config. Never fails.
std::unique_ptr<Classifier> MakeClassifier();

}  // namespace schoolmod::moderation
