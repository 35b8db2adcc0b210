#include "classifier/analysis.h"

#include <algorithm>

namespace schoolmod::moderation::classifier {

void Analysis::IndexSignals() {
  // Counting sort by signal, then each signal's hits by first token (a handful each).
  constexpr int kSignals = static_cast<int>(Signal::kCount);
  std::array<std::uint32_t, kSignals> count{};
  first_hit.fill(-1);
  const std::vector<SignalHit>& hits = matches.signals;
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const int s = static_cast<int>(hits[h].signal);
    if (count[s]++ == 0) first_hit[s] = static_cast<std::int32_t>(h);
  }
  signal_begin[0] = 0;
  for (int s = 0; s < kSignals; ++s) signal_begin[s + 1] = signal_begin[s] + count[s];
  hits_by_signal.resize(hits.size());
  std::array<std::uint32_t, kSignals> next;
  std::copy(signal_begin.begin(), signal_begin.end() - 1, next.begin());
  for (const SignalHit& hit : hits) hits_by_signal[next[static_cast<int>(hit.signal)]++] = hit;
  for (int s = 0; s < kSignals; ++s) {
    if (count[s] < 2) continue;
    std::sort(hits_by_signal.begin() + signal_begin[s], hits_by_signal.begin() + signal_begin[s + 1],
              [](const SignalHit& x, const SignalHit& y) { return x.first_token < y.first_token; });
  }
  signals_indexed = true;
}

void Analysis::Prepare() {
  const std::vector<Token>& tokens = norm.tokens;
  token_count = tokens.size();
  token_classes.resize(token_count);
  word_keys.resize(token_count);
  for (std::size_t i = 0; i < token_count; ++i) {
    const Token& t = tokens[i];
    token_classes[i] = t.classes;
    const std::size_t length = t.plain_last - t.plain_first;
    word_keys[i] = length < 8 ? WordKey(std::string_view(norm.plain).substr(t.plain_first, length))
                              : kLongWordKey;
  }
}

int Analysis::WeightIn(Signal s, std::size_t first, std::size_t last) const {
  // A phrase is at most a dozen words: hits touching [first, last] start no earlier than that.
  constexpr std::size_t kLongestPhrase = 16;
  const auto begin = hits_by_signal.begin() + signal_begin[static_cast<int>(s)];
  const auto end = hits_by_signal.begin() + signal_begin[static_cast<int>(s) + 1];
  const std::size_t from = first > kLongestPhrase ? first - kLongestPhrase : 0;
  auto it = std::lower_bound(begin, end, from,
                             [](const SignalHit& h, std::size_t t) { return h.first_token < t; });
  int sum = 0;
  for (; it != end && it->first_token <= last; ++it) {
    if (it->last_token >= first) sum += it->weight;
  }
  return sum;
}

const SignalHit* Analysis::FirstHit(Signal s) const {
  if (signals_indexed) {
    const std::int32_t h = first_hit[static_cast<int>(s)];
    return h < 0 ? nullptr : &matches.signals[static_cast<std::size_t>(h)];
  }
  for (const SignalHit& hit : matches.signals) {
    if (hit.signal == s) return &hit;
  }
  return nullptr;
}

Target ToTarget(PersonRef r) {
  switch (r) {
    case PersonRef::kStaff:
    case PersonRef::kNamedStaff:
      return Target::kStaff;
    case PersonRef::kChild:
    case PersonRef::kNamedChild:
      return Target::kPupil;
    case PersonRef::kParent:
      return Target::kParent;
    case PersonRef::kNamedPerson:
    case PersonRef::kPerson:
      return Target::kPerson;
    case PersonRef::kNone:
      break;
  }
  return Target::kNone;
}

Target Analysis::TargetIn(std::size_t first, std::size_t last) const {
  // Most specific wins: a named member of staff over "she". One pass, best rank kept.
  auto rank = [](PersonRef r) {
    switch (r) {
      case PersonRef::kNamedStaff: return 7;
      case PersonRef::kNamedChild: return 6;
      case PersonRef::kStaff: return 5;
      case PersonRef::kChild: return 4;
      case PersonRef::kParent: return 3;
      case PersonRef::kNamedPerson: return 2;
      case PersonRef::kPerson: return 1;
      case PersonRef::kNone: break;
    }
    return 0;
  };
  PersonRef best = PersonRef::kNone;
  for (std::size_t i = first; i <= last && i < person.size(); ++i) {
    if (person[i] == PersonRef::kNone || rank(person[i]) <= rank(best)) continue;
    // "my kid", "our son": the writer's own family is who they defend, not who they attack.
    if (i > 0 && (is_word(i - 1, "my") || is_word(i - 1, "our"))) continue;
    best = person[i];
  }
  return ToTarget(best);
}

void Analysis::ComputeTargets() {
  const std::size_t n = size();
  target_all = n ? TargetIn(0, n - 1) : Target::kNone;
  sentence_targets.resize(norm.sentences.size());
  for (std::size_t s = 0; s < norm.sentences.size(); ++s) {
    const Sentence& sentence = norm.sentences[s];
    sentence_targets[s] = TargetIn(sentence.first, sentence.last - 1);
  }
}

bool Analysis::Has(Category c) const {
  return std::any_of(findings.begin(), findings.end(),
                     [c](const Finding& f) { return f.category == c; });
}

int Analysis::SeverityOf(Category c) const {
  int s = -1;
  for (const Finding& f : findings) {
    if (f.category == c) s = std::max(s, f.severity);
  }
  return s;
}

}  // namespace schoolmod::moderation::classifier
