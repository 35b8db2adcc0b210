#include "classifier/analysis.h"

#include <algorithm>

namespace schoolmod::moderation::classifier {

int Analysis::WeightIn(Signal s, std::size_t first, std::size_t last) const {
  int sum = 0;
  for (const SignalHit& hit : matches.signals) {
    if (hit.signal == s && hit.last_token >= first && hit.first_token <= last) sum += hit.weight;
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
  // Most specific wins: a named member of staff over "she".
  constexpr PersonRef kOrder[] = {PersonRef::kNamedStaff, PersonRef::kNamedChild,
                                  PersonRef::kStaff,      PersonRef::kChild,
                                  PersonRef::kParent,     PersonRef::kNamedPerson,
                                  PersonRef::kPerson};
  last = std::min(last, person.empty() ? 0 : person.size() - 1);
  for (PersonRef want : kOrder) {
    for (std::size_t i = first; i <= last && i < person.size(); ++i) {
      // "my kid", "our son": the writer's own family is who they defend, not who they attack.
      if (i > 0 && (is_word(i - 1, "my") || is_word(i - 1, "our"))) continue;
      if (person[i] == want) return ToTarget(want);
    }
  }
  return Target::kNone;
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
