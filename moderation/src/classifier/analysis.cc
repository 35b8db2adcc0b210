#include "classifier/analysis.h"

#include <algorithm>

namespace schoolmod::moderation::classifier {

void Analysis::IndexSignals() {
  static_assert(static_cast<int>(Signal::kCount) <= 64);
  signals_present = 0;
  for (const SignalHit& hit : matches.signals) {
    signals_present |= std::uint64_t{1} << static_cast<int>(hit.signal);
  }
  signals_indexed = true;
  hits_by_signal.assign(matches.signals.begin(), matches.signals.end());
  std::sort(hits_by_signal.begin(), hits_by_signal.end(), [](const SignalHit& x, const SignalHit& y) {
    if (x.signal != y.signal) return x.signal < y.signal;
    return x.first_token < y.first_token;
  });
}

int Analysis::IndexedWeightIn(Signal s, std::size_t first, std::size_t last) const {
  // A phrase is at most a dozen words: hits touching [first, last] start no earlier than that.
  constexpr std::size_t kLongestPhrase = 16;
  const std::size_t from = first > kLongestPhrase ? first - kLongestPhrase : 0;
  auto it = std::lower_bound(hits_by_signal.begin(), hits_by_signal.end(), std::make_pair(s, from),
                             [](const SignalHit& h, const std::pair<Signal, std::size_t>& key) {
                               if (h.signal != key.first) return h.signal < key.first;
                               return h.first_token < key.second;
                             });
  int sum = 0;
  for (; it != hits_by_signal.end() && it->signal == s && it->first_token <= last; ++it) {
    if (it->last_token >= first) sum += it->weight;
  }
  return sum;
}

const SignalHit* Analysis::ScanFirstHit(Signal s) const {
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

namespace {

// Most specific wins: a named member of staff over "she".
int Rank(PersonRef r) {
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
}

}  // namespace

PersonRef Analysis::BestPersonIn(std::size_t first, std::size_t last) const {
  // One pass, best rank kept.
  PersonRef best = PersonRef::kNone;
  for (std::size_t i = first; i <= last && i < person.size(); ++i) {
    if (person[i] == PersonRef::kNone || Rank(person[i]) <= Rank(best)) continue;
    // "my kid", "our son": the writer's own family is who they defend, not who they attack.
    // "Our head", "my son's teacher" are still staff.
    if (i > 0 && (is_word(i - 1, "my") || is_word(i - 1, "our")) &&
        person[i] != PersonRef::kStaff) {
      continue;
    }
    best = person[i];
  }
  return best;
}

Target Analysis::TargetIn(std::size_t first, std::size_t last) const {
  return ToTarget(BestPersonIn(first, last));
}

void Analysis::ComputeTargets() {
  // The sentences split the tokens in order, so the whole comment's most specific person is the
  // most specific of the sentences' ones: one pass, not two.
  const std::size_t n = size();
  sentence_targets.resize(norm.sentences.size());
  PersonRef all = PersonRef::kNone;
  std::size_t covered = 0;
  for (std::size_t s = 0; s < norm.sentences.size(); ++s) {
    const Sentence& sentence = norm.sentences[s];
    const PersonRef best = BestPersonIn(sentence.first, sentence.last - 1);
    sentence_targets[s] = ToTarget(best);
    if (Rank(best) > Rank(all)) all = best;
    covered = sentence.first == covered ? sentence.last : n + 1;
  }
  if (covered != n) all = n ? BestPersonIn(0, n - 1) : PersonRef::kNone;
  target_all = ToTarget(all);
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

int NumberValue(const Analysis& a, std::size_t i) {
  if (i >= a.size() || !(a.tok(i).flags & kNumber)) return -1;
  const Token& t = a.tok(i);
  std::string_view raw = a.original.substr(t.begin, t.end - t.begin);
  if (raw.size() > 2) return -1;
  int value = 0;
  for (char c : raw) value = value * 10 + (c - '0');
  return value;
}

bool IsNumberToken(const Analysis& a, std::size_t i, int low, int high) {
  const int value = NumberValue(a, i);
  return value >= 0 && value >= low && value <= high;
}

bool AgeGiven(const Analysis& a, int low, int high) {
  for (std::size_t i = 1; i < a.size(); ++i) {
    if (!IsNumberToken(a, i, low, high)) continue;
    // A span of time, not an age.
    if (a.is_word(i + 1, "months") || a.is_word(i + 1, "weeks") || a.is_word(i + 1, "days") ||
        a.is_word(i + 1, "minutes")) {
      continue;
    }
    if (a.is_word(i - 1, "a") && (a.is_word(i + 1, "year") || a.is_word(i + 1, "yr"))) return true;
    // Back over hedges to the word that gives the age.
    std::size_t k = i - 1;
    while (k > 0 && i - k <= 3 &&
           (a.is_word(k, "like") || a.is_word(k, "about") || a.is_word(k, "least") ||
            a.is_word(k, "at") || a.is_word(k, "nearly") || a.is_word(k, "over") ||
            a.is_word(k, "probably") || a.is_word(k, "maybe") || a.is_word(k, "easily") ||
            a.is_word(k, "looks") || a.is_word(k, "around") || a.is_word(k, "be") ||
            a.is_word(k, "only"))) {
      --k;
    }
    if (a.is_word(k, "he's") || a.is_word(k, "hes") || a.is_word(k, "he") ||
        a.is_word(k, "she's") || a.is_word(k, "shes") || a.is_word(k, "she") ||
        a.is_word(k, "aged") || (a.is_word(k, "is") && k > 0 && (a.is_word(k - 1, "he") ||
                                                                a.is_word(k - 1, "she")))) {
      return true;
    }
  }
  return false;
}

}  // namespace schoolmod::moderation::classifier
