#include "classifier/text_model.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <random>

#include "classifier/data_file.h"

namespace schoolmod::moderation::classifier {
namespace {

constexpr std::string_view kBias = "@bias";
constexpr std::string_view kThreshold = "@threshold";

std::uint64_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// "'text' reason", built by appending (GCC 12 warns falsely about "'" + std::string).
std::string Quoted(std::string_view text, std::string_view reason) {
  std::string out;
  out.reserve(text.size() + reason.size() + 3);
  out += '\'';
  out += text;
  out += "' ";
  out += reason;
  return out;
}

std::optional<double> ParseNumber(std::string_view s) {
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace

std::uint64_t WordFeatureKey(std::string_view word) {
  if (word.size() < 8) return Mix(WordKey(word));
  std::uint64_t head, tail;
  std::memcpy(&head, word.data(), 8);
  std::memcpy(&tail, word.data() + word.size() - 8, 8);
  return Mix(head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ (word.size() << 56) ^ 0x5bd1e995);
}

namespace {

std::uint64_t TokenFeatureKey(const NormalizedText& norm, const Token& t) {
  return t.word_key != kLongWordKey ? Mix(t.word_key) : WordFeatureKey(norm.PlainText(t));
}

// Calls on_repeat(i) for each of `keys` equal to an earlier one, until it returns false, and
// returns how many distinct keys it saw. The keys are hashes already, so their low bits index
// an open-addressing table: no sort of the tens of thousands of features.
template <typename OnRepeat>
std::size_t CountDistinct(const std::vector<std::uint64_t>& keys, OnRepeat&& on_repeat) {
  std::size_t size = 16;
  while (size < keys.size() * 2) size *= 2;
  std::vector<std::uint32_t> table(size, 0);  // by slot: 1 + the index of a key, or 0
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    std::size_t slot = keys[i] & (size - 1);
    while (table[slot] != 0 && keys[table[slot] - 1] != keys[i]) slot = (slot + 1) & (size - 1);
    if (table[slot] != 0) {
      if (!on_repeat(i)) break;
      continue;
    }
    table[slot] = static_cast<std::uint32_t>(i + 1);
    ++distinct;
  }
  return distinct;
}

}  // namespace

std::uint64_t PairFeatureKey(std::uint64_t first, std::uint64_t second) {
  return Mix(first * 0x9E3779B97F4A7C15ULL + second + 1);
}

void FeatureNames(const NormalizedText& norm, std::vector<std::string>& out) {
  out.clear();
  for (std::size_t i = 0; i < norm.tokens.size(); ++i) {
    const std::string_view word = norm.PlainText(norm.tokens[i]);
    out.emplace_back(word);
    if (i + 1 < norm.tokens.size()) {
      std::string pair(word);
      pair += ' ';
      pair += norm.PlainText(norm.tokens[i + 1]);
      out.push_back(std::move(pair));
    }
  }
}

Result<TextModel> TextModel::Parse(std::string_view file, std::string_view contents) {
  TextModel model;
  bool has_bias = false, has_threshold = false;
  // Each weight's line and name, for naming a feature listed twice.
  std::vector<int> lines;
  std::vector<std::string_view> names;
  for (const DataLine& line : DataLines(file, contents)) {
    if (line.fields.size() != 2) return line.Invalid("expected a feature and a weight");
    const std::string_view name = line.fields[0];
    const auto value = ParseNumber(line.fields[1]);
    if (!value) return line.Invalid(Quoted(line.fields[1], "is not a number"));
    if (name == kBias) {
      model.bias_ = *value;
      has_bias = true;
      continue;
    }
    if (name == kThreshold) {
      model.threshold_ = *value;
      has_threshold = true;
      continue;
    }
    // "word" or "word next": one space at most, no empty word.
    const std::size_t space = name.find(' ');
    if (name.empty() || space == 0 || space + 1 == name.size() ||
        (space != std::string_view::npos && name.find(' ', space + 1) != std::string_view::npos)) {
      return line.Invalid("a feature is one word or two words separated by one space");
    }
    const std::uint64_t key =
        space == std::string_view::npos
            ? WordFeatureKey(name)
            : PairFeatureKey(WordFeatureKey(name.substr(0, space)),
                             WordFeatureKey(name.substr(space + 1)));
    if ((key >> 32) == 0) return line.Invalid("feature " + Quoted(name, "cannot be stored"));
    model.weights_.push_back({key, static_cast<float>(*value)});
    lines.push_back(line.number);
    names.push_back(name);
  }
  if (!model.weights_.empty() && (!has_bias || !has_threshold)) {
    return Error::InvalidInput(std::string(file) + ": a model needs @bias and @threshold lines");
  }
  // A feature listed twice: the later line is named.
  std::vector<std::uint64_t> keys;
  keys.reserve(model.weights_.size());
  for (const Weight& w : model.weights_) keys.push_back(w.key);
  std::size_t repeat = keys.size();
  CountDistinct(keys, [&](std::size_t i) {
    repeat = i;
    return false;
  });
  if (repeat < keys.size()) {
    return Error::InvalidInput(std::string(file) + ":" + std::to_string(lines[repeat]) +
                               ": feature " + Quoted(names[repeat], "is listed twice"));
  }
  return model;
}

TextModel::Score TextModel::Evaluate(const NormalizedText& norm) const {
  const ModelBank bank({*this});
  ModelBank::Scratch scratch;
  Score score;
  bank.Evaluate(norm, scratch, &score);
  return score;
}

ModelBank::ModelBank(std::vector<TextModel> models) : models_(std::move(models)) {
  assert(models_.size() <= kMaxModels && "a model bank holds at most kMaxModels models");
  if (models_.size() > kMaxModels) models_.resize(kMaxModels);
  // Sized for the distinct features: the models share most of their common words.
  std::vector<std::uint64_t> keys;
  for (const TextModel& m : models_) {
    for (const TextModel::Weight& w : m.weights()) keys.push_back(w.key);
  }
  const std::size_t features = CountDistinct(keys, [](std::size_t) { return true; });
  std::size_t size = 16;
  while (size < features * 2) size *= 2;
  slots_.assign(size, Slot{});
  mask_ = size - 1;
  for (std::size_t m = 0; m < models_.size(); ++m) {
    for (const TextModel::Weight& w : models_[m].weights()) {
      std::uint64_t slot = w.key & mask_;
      while (slots_[slot].check != 0 && slots_[slot].check != Check(w.key)) {
        slot = (slot + 1) & mask_;
      }
      slots_[slot].check = Check(w.key);
      slots_[slot].weight[m] = w.weight;
    }
  }
}

float ModelBank::WordWeight(std::size_t model, const NormalizedText& norm, const Token& t) const {
  if (model >= models_.size()) return 0;
  const std::uint64_t key = TokenFeatureKey(norm, t);
  std::uint64_t slot = key & mask_;
  while (slots_[slot].check != Check(key) && slots_[slot].check != 0) slot = (slot + 1) & mask_;
  return slots_[slot].check == 0 ? 0 : slots_[slot].weight[model];
}

void ModelBank::Evaluate(const NormalizedText& norm, Scratch& scratch,
                         TextModel::Score* scores) const {
  for (std::size_t m = 0; m < models_.size(); ++m) scores[m] = {models_[m].bias(), 0, 0};
  const std::size_t n = norm.tokens.size();
  if (models_.empty() || n == 0) return;
  // First every feature's key, its slot prefetched so that the table's cache misses overlap.
  // A token gives its word and the pair it ends: at most 2n features.
  Scratch::Feature* features = scratch.features.Reserve(2 * n);
  std::size_t feature_count = 0;
  std::uint64_t previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t key = TokenFeatureKey(norm, norm.tokens[i]);
    if (i > 0) {
      const std::uint64_t pair = PairFeatureKey(previous, key);
      __builtin_prefetch(&slots_[pair & mask_]);
      features[feature_count++] = {pair, static_cast<std::uint32_t>(i - 1)};
    }
    __builtin_prefetch(&slots_[key & mask_]);
    features[feature_count++] = {key, static_cast<std::uint32_t>(i)};
    previous = key;
  }
  // Then the lookups. A feature counts once however often it occurs, as in training: a bit per
  // slot marks the features already counted, and is cleared again at the end. Features come in
  // token order, so the first of the heaviest is the earliest.
  std::vector<std::uint64_t>& seen = scratch.seen;
  if (seen.size() != slots_.size() / 64 + 1) seen.assign(slots_.size() / 64 + 1, 0);
  std::uint32_t* counted = scratch.counted.Reserve(feature_count);
  std::size_t counted_count = 0;
  double sum[kMaxModels] = {};
  float strongest[kMaxModels] = {};
  std::uint32_t strongest_token[kMaxModels] = {};
  for (std::size_t k = 0; k < feature_count; ++k) {
    const Scratch::Feature& f = features[k];
    const std::uint32_t check = Check(f.key);
    std::uint64_t slot = f.key & mask_;
    while (slots_[slot].check != check && slots_[slot].check != 0) slot = (slot + 1) & mask_;
    const Slot& s = slots_[slot];
    if (s.check == 0) continue;  // in no model
    std::uint64_t& word = seen[slot / 64];
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    if (word & bit) continue;
    word |= bit;
    counted[counted_count++] = static_cast<std::uint32_t>(slot);
    for (std::size_t m = 0; m < kMaxModels; ++m) {
      // Floats summed in a double: exact, whatever the order.
      sum[m] += s.weight[m];
      if (s.weight[m] > strongest[m]) {
        strongest[m] = s.weight[m];
        strongest_token[m] = f.token;
      }
    }
  }
  for (std::size_t k = 0; k < counted_count; ++k) seen[counted[k] / 64] = 0;
  for (std::size_t m = 0; m < models_.size(); ++m) {
    // The reason's span: the sentence of the word that weighs most towards the label.
    TextModel::Score& score = scores[m];
    score.value = models_[m].bias() + sum[m];
    const Sentence& s = norm.sentences[norm.tokens[strongest_token[m]].sentence];
    score.first_token = s.first;
    score.last_token = s.last - 1;
  }
}

std::string TrainTextModel(const std::vector<TrainingExample>& examples,
                           const TrainingOptions& options, std::string_view header) {
  // Features seen in enough examples, numbered in name order.
  std::map<std::string, int> seen_in;
  for (const TrainingExample& e : examples) {
    std::vector<std::string> unique = e.features;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const std::string& f : unique) ++seen_in[f];
  }
  std::vector<std::string> names;
  std::map<std::string_view, std::uint32_t> index;
  for (const auto& [name, count] : seen_in) {
    if (count < options.min_examples) continue;
    index.emplace(name, static_cast<std::uint32_t>(names.size()));
    names.push_back(name);
  }
  std::vector<std::vector<std::uint32_t>> rows;
  std::size_t positives = 0;
  for (const TrainingExample& e : examples) {
    std::vector<std::uint32_t> row;
    for (const std::string& f : e.features) {
      if (auto it = index.find(f); it != index.end()) row.push_back(it->second);
    }
    std::sort(row.begin(), row.end());
    row.erase(std::unique(row.begin(), row.end()), row.end());
    rows.push_back(std::move(row));
    positives += e.positive ? 1 : 0;
  }
  const std::size_t negatives = examples.size() - positives;
  const double positive_weight =
      positives == 0 ? 1.0 : static_cast<double>(negatives) / static_cast<double>(positives) / 2;
  const double negative_weight = 0.5;

  std::vector<double> w(names.size(), 0.0);
  double bias = 0;
  std::vector<std::size_t> order(examples.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(options.seed);  // mt19937's sequence is fixed by the standard
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    for (std::size_t i : order) {
      double z = bias;
      for (std::uint32_t f : rows[i]) z += w[f];
      const double p = 1 / (1 + std::exp(-std::clamp(z, -30.0, 30.0)));
      const bool y = examples[i].positive;
      const double g = (p - (y ? 1 : 0)) * (y ? positive_weight : negative_weight);
      bias -= options.learning_rate * g;
      for (std::uint32_t f : rows[i]) w[f] -= options.learning_rate * (g + options.l2 * w[f]);
    }
  }

  std::string out(header);
  char line[64];
  std::snprintf(line, sizeof line, "%s\t%.4f\n", kBias.data(), bias);
  out += line;
  std::snprintf(line, sizeof line, "%s\t%.4f\n", kThreshold.data(), options.threshold);
  out += line;
  for (std::size_t f = 0; f < names.size(); ++f) {
    if (std::abs(w[f]) < options.min_weight) continue;
    std::snprintf(line, sizeof line, "\t%.4f\n", w[f]);
    out += names[f];
    out += line;
  }
  return out;
}

}  // namespace schoolmod::moderation::classifier
