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
  // Scores one comment with this model alone (tests and tools; the classifier scores all its
  // models at once through a ModelBank).
  Score Evaluate(const NormalizedText& norm) const;
  bool Fires(const Score& s) const { return !empty() && s.value > threshold_; }

  bool empty() const { return weights_.empty(); }
  std::size_t features() const { return weights_.size(); }
  double bias() const { return bias_; }
  double threshold() const { return threshold_; }

  struct Weight {
    std::uint64_t key = 0;  // WordFeatureKey or PairFeatureKey; its high 32 bits are not 0
    float weight = 0;
    std::uint32_t spare = 0;  // explicit, so that a snapshot of the weight has no padding
  };
  const std::vector<Weight>& weights() const { return weights_; }

  // The parsed model's fields, for snapshot.h.
  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.bias_);
    a(self.threshold_);
    a(self.weights_);
  }

 private:
  double bias_ = 0;
  double threshold_ = 0;
  std::vector<Weight> weights_;  // distinct keys, in file order
};

// Several models' weights in one table, so that each of a comment's words and pairs is looked
// up once for all of them.
class ModelBank {
 public:
  static constexpr std::size_t kMaxModels = 2;
  ModelBank() = default;
  explicit ModelBank(std::vector<TextModel> models);  // at most kMaxModels

  std::size_t size() const { return models_.size(); }
  const TextModel& model(std::size_t i) const { return models_[i]; }

  // One comment's score under every model, in the order given to the constructor. `scratch`
  // is reused between calls so that scoring does not allocate.
  struct Scratch {
    struct Feature {
      std::uint64_t key;
      std::uint32_t token;  // the token it starts at
    };
    // Buffers, not vectors: sized once per comment, then filled without a capacity check per
    // feature.
    Buffer<Feature> features;
    std::vector<std::uint64_t> seen;  // a bit per slot, all clear between calls
    Buffer<std::uint32_t> counted;    // the slots whose bits are set
  };
  void Evaluate(const NormalizedText& norm, Scratch& scratch, TextModel::Score* scores) const;

  // The weight model `model` gives token `t`'s word on its own (0 if it has none): what that
  // one word adds to Evaluate's score.
  float WordWeight(std::size_t model, const NormalizedText& norm, const Token& t) const;

 private:
  // Open addressing: a slot is found from the key's low bits and checked against its high 32
  // (0: empty slot). At most half full, since a miss probes until an empty slot. Two different
  // keys agreeing on the slot's bits and all 32 check bits is a chance of about one in four
  // billion per lookup.
  struct Slot {
    std::uint32_t check = 0;
    float weight[kMaxModels] = {};
  };
  static std::uint32_t Check(std::uint64_t key) { return static_cast<std::uint32_t>(key >> 32); }

  std::vector<TextModel> models_;
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
