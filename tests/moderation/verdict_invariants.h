#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/moderation/verdict.h"

// What every verdict must satisfy, whatever the text: the contract in DESIGN.md and the policy
// table's promises, checked by the randomised robustness test and by the fuzz target.
namespace schoolmod::moderation::testing {

// Whether `text` is valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      len = 2, cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3, cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4, cp = b & 0x07;
    } else {
      return false;
    }
    if (i + len > text.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

// Every broken promise, one line each naming it; empty when the verdict keeps them all.
inline std::vector<std::string> VerdictProblems(std::string_view text, const Verdict& v) {
  std::vector<std::string> problems;
  auto fail = [&](std::string what) { problems.push_back(std::move(what)); };
  using enum RecommendedAction;
  auto has = [&](RecommendedAction a) {
    return std::find(v.actions.begin(), v.actions.end(), a) != v.actions.end();
  };

  if (v.classifier.empty()) fail("no engine name");
  if (v.severity < 0 || v.severity > 4) fail("severity " + std::to_string(v.severity));

  // Categories: at least one, none twice, most serious first, "neutral" only alone.
  const auto& order = kCategoriesBySeriousness;
  auto rank = [&](Category c) { return std::find(order.begin(), order.end(), c) - order.begin(); };
  if (v.categories.empty()) fail("no category");
  for (std::size_t i = 1; i < v.categories.size(); ++i) {
    if (rank(v.categories[i - 1]) >= rank(v.categories[i])) {
      fail("categories out of order or repeated at " + std::string(ToString(v.categories[i])));
    }
  }
  if (HasCategory(v, Category::kNeutral) && v.categories.size() > 1) {
    fail("neutral beside another category");
  }
  if (v.safeguarding != HasCategory(v, Category::kSafeguarding)) {
    fail("safeguarding flag disagrees with the categories");
  }
  if (v.personal_data != HasCategory(v, Category::kPersonalData)) {
    fail("personal_data flag disagrees with the categories");
  }

  // Actions: each once, and what the policy promises.
  for (std::size_t i = 0; i < v.actions.size(); ++i) {
    for (std::size_t k = i + 1; k < v.actions.size(); ++k) {
      if (v.actions[i] == v.actions[k]) fail("action repeated: " + std::string(ToString(v.actions[i])));
    }
  }
  if (v.needs_response != has(kRespond)) fail("needs_response disagrees with respond");
  if (v.safeguarding) {
    if (!has(kEscalateDsl)) fail("safeguarding without escalation to the DSL");
    if (!has(kPreserve)) fail("safeguarding without preserving evidence");
    if (has(kDelete)) fail("safeguarding comment deleted");
    if (!v.needs_response) fail("safeguarding without needs_response");
    if (v.verdict == VerdictKind::kOk) fail("safeguarding comment left as ok");
  }
  const bool removes = has(kHide) || has(kDelete);
  if (v.verdict == VerdictKind::kRemove && !removes) fail("remove without hide or delete");
  if (v.verdict != VerdictKind::kRemove && removes) fail("hide or delete without remove");
  if (has(kHide) && has(kDelete)) fail("both hide and delete");
  if (v.verdict == VerdictKind::kOk && (has(kBlock) || has(kReport))) {
    fail("block or report on an ok comment");
  }

  // Reasons: within the text, on character boundaries of valid text, for a category listed,
  // with a rule and a plain explanation.
  const bool valid = IsValidUtf8(text);
  auto boundary = [&](std::size_t at) {
    return at >= text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
  };
  if (v.reasons.size() > 24) fail("more than 24 reasons");
  if (v.verdict != VerdictKind::kOk && v.reasons.empty()) fail("not ok but no reason");
  for (const Reason& r : v.reasons) {
    const std::string where = " (" + r.rule + " at " + std::to_string(r.begin) + ")";
    if (r.begin > r.end || r.end > text.size()) fail("span outside the text" + where);
    if (valid && (!boundary(r.begin) || !boundary(r.end))) fail("span splits a character" + where);
    if (!HasCategory(v, r.category)) fail("reason for a category not listed" + where);
    if (r.rule.empty()) fail("reason without a rule");
    if (r.explanation.empty()) fail("reason without an explanation" + where);
    for (char c : r.explanation) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
        fail("explanation with a control or non-ASCII byte" + where);
        break;
      }
    }
  }
  return problems;
}

// Whether two verdicts say the same in every field.
inline bool SameVerdict(const Verdict& a, const Verdict& b) {
  if (a.verdict != b.verdict || a.categories != b.categories || a.severity != b.severity ||
      a.needs_response != b.needs_response || a.safeguarding != b.safeguarding ||
      a.personal_data != b.personal_data || a.actions != b.actions ||
      a.classifier != b.classifier || a.reasons.size() != b.reasons.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.reasons.size(); ++i) {
    const Reason& x = a.reasons[i];
    const Reason& y = b.reasons[i];
    if (x.category != y.category || x.rule != y.rule || x.begin != y.begin || x.end != y.end ||
        x.explanation != y.explanation) {
      return false;
    }
  }
  return true;
}

}  // namespace schoolmod::moderation::testing
