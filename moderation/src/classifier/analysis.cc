#include "classifier/analysis.h"

#include <algorithm>

namespace schoolmod::moderation::classifier {

void Analysis::IndexSignals() {
  for (const SignalHit& hit : matches.signals) {
    hits_by_signal[static_cast<int>(hit.signal)].push_back(hit);
  }
  for (auto& hits : hits_by_signal) {
    if (hits.size() < 2) continue;
    std::sort(hits.begin(), hits.end(), [](const SignalHit& x, const SignalHit& y) {
      return x.first_token < y.first_token;
    });
  }
}

int Analysis::WeightIn(Signal s, std::size_t first, std::size_t last) const {
  // A phrase is at most a dozen words: hits touching [first, last] start no earlier than that.
  constexpr std::size_t kLongestPhrase = 16;
  const auto& hits = hits_by_signal[static_cast<int>(s)];
  const std::size_t from = first > kLongestPhrase ? first - kLongestPhrase : 0;
  auto it = std::lower_bound(hits.begin(), hits.end(), from,
                             [](const SignalHit& h, std::size_t t) { return h.first_token < t; });
  int sum = 0;
  for (; it != hits.end() && it->first_token <= last; ++it) {
    if (it->last_token >= first) sum += it->weight;
  }
  return sum;
}

const SignalHit* Analysis::FirstHit(Signal s) const {
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
