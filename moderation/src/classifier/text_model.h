#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classifier/normalizer.h"
#include "schoolmod/result.h"

// A linear model over a comment's words and pairs of adjacent words, learnt from labelled
// comments. The cue lists recognise the wordings someone wrote a rule for; a child at risk is
// described in endless everyday ways ("he gave all his Lego away", "she won't use the toilet when
// mum's partner is in"), and a model of which words tend to come with such disclosures catches
// many that no cue names. It only ever sends a comment to a person (review), never removes one.
//
// Features are the tokens' folded words (NormalizedText::PlainText: "all", "i'm", "0" for a
// digit) and each adjacent pair, written "word" and "word next" in the model file.
namespace schoolmod::moderation::classifier {

// The key a feature is stored under: a 64-bit hash of a word (from its WordKey when short, so a
// token's Token::word_key gives it without reading the text), and of a pair from its words' keys.
std::uint64_t WordFeatureKey(std::string_view word);
std::uint64_t PairFeatureKey(std::uint64_t first, std::uint64_t second);

// A comment's features for scoring: each distinct key once, with the first token it starts at.
struct FeatureRef {
  std::uint64_t key = 0;
  std::uint32_t token = 0;
};
// Computed once per comment and shared by every model: sorted by key, duplicates dropped.
void CollectFeatures(const NormalizedText& norm, std::vector<FeatureRef>& out);

// The features of a normalised comment by name, in token order ("mum", "mum won't", ...): what
// training sees. Scoring computes the same keys without building the names.
void FeatureNames(const NormalizedText& norm, std::vector<std::string>& out);

class TextModel {
 public:
  // Parses a model file: "@bias<TAB>number", "@threshold<TAB>number" and "feature<TAB>weight"
  // lines (data_file.h format). Errors name file:line.
  static Result<TextModel> Parse(std::string_view file, std::string_view contents);

  struct Score {
    double value = 0;               // bias plus the weights of the comment's features
    std::uint32_t first_token = 0;  // the sentence whose words weigh most towards the label
    std::uint32_t last_token = 0;
  };
  // `features` from CollectFeatures(norm).
  Score Evaluate(const NormalizedText& norm, const std::vector<FeatureRef>& features) const;
  Score Evaluate(const NormalizedText& norm) const;
  bool Fires(const Score& s) const { return !empty() && s.value > threshold_; }

  bool empty() const { return features_ == 0; }
  std::size_t features() const { return features_; }
  double threshold() const { return threshold_; }

 private:
  double Weight(std::uint64_t key) const;

  double bias_ = 0;
  double threshold_ = 0;
  std::size_t features_ = 0;
  // Open addressing: a slot is found from the key's low bits and checked against its high 32
  // (0: empty slot; Parse refuses a feature whose high bits are 0). At eight bytes a slot, a
  // model of ten thousand features takes 256 KB; two different keys agreeing on the slot's bits
  // and all 32 check bits is a chance of about one in four billion per lookup.
  struct Slot {
    std::uint32_t check = 0;
    float weight = 0;
  };
  static std::uint32_t Check(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }
  std::vector<Slot> slots_;
  std::uint64_t mask_ = 0;
};

// One labelled comment for training: its feature names and whether it has the label.
struct TrainingExample {
  std::vector<std::string> features;
  bool positive = false;
};

struct TrainingOptions {
  int epochs = 15;
  double learning_rate = 0.2;
  double l2 = 1e-3;
  int min_examples = 2;        // a feature seen in fewer examples is not learnt
  double min_weight = 0.05;    // smaller weights are left out of the file
  double threshold = 1.0;
  std::uint32_t seed = 1;      // the order examples are visited in; fixed, so training repeats
};

// Logistic regression by stochastic gradient descent, the positive examples weighted up to half
// the total so that a rare label is not ignored. Returns the model file's text (Parse reads it),
// features sorted by name. Deterministic for the same examples and options.
std::string TrainTextModel(const std::vector<TrainingExample>& examples,
                           const TrainingOptions& options, std::string_view header);

}  // namespace schoolmod::moderation::classifier
