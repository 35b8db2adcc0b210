#include <string>

#include <catch2/catch.hpp>

#include "classifier_support.h"

// Reasons report byte spans in the text as written, whatever the normaliser did to it, and an
// explanation a person can read and the public reply can use.
namespace schoolmod::moderation::testing {
namespace {

// The original bytes of the first reason in `category`.
std::string SpanOf(const std::string& text, Category category) {
  const Verdict v = Check(text);
  for (const Reason& r : v.reasons) {
    if (r.category != category) continue;
    REQUIRE(r.begin <= r.end);
    REQUIRE(r.end <= text.size());
    return text.substr(r.begin, r.end - r.begin);
  }
  return "<none>";
}

}  // namespace

TEST_CASE("spans cover the original bytes of the word, however it was written") {
  CHECK(SpanOf("ok then fuck this", Category::kProfanity) == "fuck");
  CHECK(SpanOf("Oh F U C K off", Category::kProfanity) == "F U C K");
  // The term matched is "fuck", inside the spelt-out word.
  CHECK(SpanOf("what f.u.c.k.i.n.g nonsense", Category::kProfanity) == "f.u.c.k");
  CHECK(SpanOf("so sh1t today", Category::kProfanity) == "sh1t");
  CHECK(SpanOf("utter f*cking joke", Category::kProfanity) == "f*cking");
  CHECK(SpanOf("fuuuuuck me", Category::kProfanity) == "fuuuuuck");
  // Multi-byte letters: fullwidth, Cyrillic, and a zero-width space inside.
  CHECK(SpanOf("\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b it", Category::kProfanity) ==
        "\xef\xbd\x86\xef\xbd\x95\xef\xbd\x83\xef\xbd\x8b");
  CHECK(SpanOf("ugh \xd1\x95hit!", Category::kProfanity) == "\xd1\x95hit");
  CHECK(SpanOf("sh\xe2\x80\x8bite", Category::kProfanity) == "sh\xe2\x80\x8bit");
  CHECK(SpanOf("\xf0\x9f\x96\x95\xf0\x9f\x8f\xbf to you", Category::kProfanity) ==
        "\xf0\x9f\x96\x95");
}

TEST_CASE("spans of phrases and contact details") {
  CHECK(SpanOf("Watch your back, Mr Cole.", Category::kThreat) == "Watch your back");
  const std::string text = "Ring him on 07700 900123 tonight";
  const Verdict v = Check(text);
  bool phone = false;
  for (const Reason& r : v.reasons) {
    if (r.rule == "personal_data:phone") {
      phone = true;
      CHECK(text.substr(r.begin, r.end - r.begin) == "07700 900123");
    }
  }
  CHECK(phone);
}

TEST_CASE("reasons are ordered most serious first, with readable explanations") {
  const Verdict v = Check("Mrs Dean is a useless cow, I know where she lives");
  REQUIRE(v.reasons.size() >= 2);
  CHECK(v.categories.front() == Category::kThreat);
  CHECK(v.reasons.front().category == Category::kThreat);
  for (const Reason& r : v.reasons) {
    CHECK_FALSE(r.rule.empty());
    CHECK_FALSE(r.explanation.empty());
    // Explanations never quote the comment.
    CHECK(r.explanation.find("cow") == std::string::npos);
  }
}

TEST_CASE("public explanation for the reply after a removal") {
  CHECK(PublicExplanation(Check("Mr Gray is a useless idiot")) ==
        "A comment containing abusive language about a member of staff was removed.");
  CHECK(PublicExplanation(Check("Call me on 07700 900555, Mrs Hill's number is the same")) ==
        "A comment containing personal information (a phone number) was removed.");
  CHECK(PublicExplanation(Check("What time is the fair?")).empty());  // not removed
}

}  // namespace schoolmod::moderation::testing
