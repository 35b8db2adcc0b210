#include <string>

#include <catch2/catch.hpp>

#include "classifier_support.h"
#include "schoolmod/config/config.h"

// A school's own word lists: [moderation] extra_terms, allow_terms, disabled_terms.
namespace schoolmod::moderation::testing {
namespace {

config::CustomTerm Term(std::string term, std::string category, int severity, bool stem) {
  config::CustomTerm t;
  t.term = std::move(term);
  t.category = std::move(category);
  t.severity = severity;
  t.stem = stem;
  return t;
}

std::unique_ptr<Classifier> Make(const config::ModerationSettings& settings) {
  auto made = MakeClassifier(settings);
  REQUIRE(made.ok());
  return std::move(*made);
}

}  // namespace

TEST_CASE("settings: extra terms are flagged with their category and severity") {
  config::ModerationSettings s;
  s.extra_terms.push_back(Term("grotbag", "insult", 3, false));
  s.extra_terms.push_back(Term("skiver", "insult", 1, true));
  s.extra_terms.push_back(Term("Oakfield losers", "harassment", 2, false));
  auto c = Make(s);

  const Verdict v = c->Classify("the new head is a grotbag");
  CHECK(v.verdict == VerdictKind::kRemove);
  CHECK(v.severity == 3);
  CHECK(HasRule(v, "lexicon:school"));
  CHECK(c->Classify("gr0tb4g").verdict == VerdictKind::kRemove);  // obfuscation still applies
  CHECK(c->Classify("the skivers in Year 9").verdict == VerdictKind::kReview);  // stem, mild
  CHECK(HasCategory(c->Classify("typical OAKFIELD LOSERS"), Category::kHarassment));
  // The default classifier knows none of them.
  CHECK(Check("the new head is a grotbag").verdict == VerdictKind::kOk);
}

TEST_CASE("settings: allowed words are never flagged") {
  config::ModerationSettings s;
  s.allow_terms = {"Twatling Farm", "Cockshutt"};
  auto c = Make(s);
  CHECK(c->Classify("Trip to Twatling Farm on Friday").verdict == VerdictKind::kOk);
  CHECK(c->Classify("Cockshutt primary were our guests").verdict == VerdictKind::kOk);
  // Only the allowed words: the same term elsewhere is still flagged.
  CHECK(c->Classify("you twat").verdict == VerdictKind::kRemove);
}

TEST_CASE("settings: disabled built-in terms are not flagged") {
  config::ModerationSettings s;
  s.disabled_terms = {"bloody"};
  auto c = Make(s);
  CHECK(c->Classify("bloody brilliant sports day").verdict == VerdictKind::kOk);
  CHECK(Check("bloody brilliant sports day").verdict == VerdictKind::kReview);
}

TEST_CASE("settings: an invalid custom term fails with a message naming it") {
  config::ModerationSettings s;
  SECTION("unknown category") {
    s.extra_terms.push_back(Term("grotbag", "rudeness", 2, false));
    auto c = MakeClassifier(s);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().kind == ErrorKind::kInvalidInput);
    CHECK(c.error().message.find("grotbag") != std::string::npos);
    CHECK(c.error().message.find("rudeness") != std::string::npos);
  }
  SECTION("a category that is not unacceptable in itself") {
    s.extra_terms.push_back(Term("thanks", "praise", 2, false));
    CHECK_FALSE(MakeClassifier(s).ok());
  }
  SECTION("severity out of range") {
    s.extra_terms.push_back(Term("grotbag", "insult", 5, false));
    CHECK_FALSE(MakeClassifier(s).ok());
    s.extra_terms[0].severity = 0;
    CHECK_FALSE(MakeClassifier(s).ok());
  }
  SECTION("no letters") {
    s.extra_terms.push_back(Term("!!!", "insult", 2, false));
    CHECK_FALSE(MakeClassifier(s).ok());
    s.extra_terms[0].term = "\xd8\xa7\xd9\x84";  // Arabic script: nothing the matcher can read
    CHECK_FALSE(MakeClassifier(s).ok());
  }
  SECTION("alternatives that multiply into too many phrases") {
    // 10^6 combinations of a stem (whole-word phrases become word graphs instead): refused
    // with the term named, before anything is built.
    std::string term;
    for (int slot = 0; slot < 6; ++slot) term += "(aa|bb|cc|dd|ee|ff|gg|hh|ii|jj) ";
    s.extra_terms.push_back(Term(term, "insult", 2, true));
    auto c = MakeClassifier(s);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message.find("expands to more than") != std::string::npos);
  }
}

}  // namespace schoolmod::moderation::testing
