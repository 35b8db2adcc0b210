// Hostile text, made up by the thousand: every labelled comment in tests/moderation/data/, broken
// in the ways real comments and attackers break text (invalid and truncated UTF-8, invisible and
// bidi controls, lookalike letters, masks, floods of one character, NUL bytes, two comments
// spliced together). Whatever comes in, the verdict keeps its contract (verdict_invariants.h),
// is the same every time, and a batch says what one-at-a-time says.
//
// The mutations come from a fixed seed, so a failure names a case that fails again on rerun. The
// fuzz target (fuzz/classifier_fuzz.cc) checks the same promises on inputs it searches for.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "classifier_support.h"
#include "verdict_invariants.h"

namespace schoolmod::moderation::testing {
namespace {

std::vector<std::string> LabelledTexts() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(SCHOOLMOD_MODERATION_TEST_DATA)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // directory order is not fixed; the seed's use must be
  std::vector<std::string> texts;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      const auto json = nlohmann::json::parse(line, nullptr, false);
      if (json.is_object() && json.contains("text") && json["text"].is_string()) {
        texts.push_back(json["text"].get<std::string>());
      }
    }
  }
  return texts;
}

// Breaks comment text the ways real comments do. mt19937's output is fixed by the standard (its
// distributions are not), so draws are taken from it directly.
class Mutator {
 public:
  explicit Mutator(const std::vector<std::string>& texts) : texts_(texts) {}

  std::string Mutate(std::string text) {
    const int rounds = 1 + static_cast<int>(Below(3));
    for (int r = 0; r < rounds; ++r) MutateOnce(text);
    return text;
  }

 private:
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : rng_() % n; }
  std::size_t At(const std::string& t) { return Below(t.size() + 1); }

  void MutateOnce(std::string& t) {
    static constexpr std::array<std::string_view, 12> kInvisible = {
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u202E",
        "\u202D", "\u2066", "\u2069", "\u00AD", "\u061C", "\u180E"};
    static constexpr std::array<std::string_view, 16> kLookalikes = {
        "\u0430", "\u0435", "\u043E", "\u0440", "\u0441", "\u0445", "\u03BF", "\u0456",
        "\uFF41", "\U0001D41A", "\u24D0", "0", "1", "3", "@", "$"};
    static constexpr std::array<std::string_view, 10> kSymbols = {
        "*", "#", ".", "-", " ", "!", "'", "\u2019", "\n", "\t"};
    static constexpr std::array<std::string_view, 8> kEmoji = {
        "\U0001F595", "\U0001F595\U0001F3FF", "\U0001F468\u200D\U0001F469\u200D\U0001F467",
        "\u2764\uFE0F", "\U0001F1EC\U0001F1E7", "\U0001F52A", "\U0001F602", "\u26BD"};
    switch (Below(11)) {
      case 0:  // one byte changed to any value
        if (!t.empty()) t[Below(t.size())] = static_cast<char>(Below(256));
        break;
      case 1: {  // stray bytes: continuation bytes, lead bytes without their tail, anything
        std::string bytes;
        for (std::size_t k = 0, n = 1 + Below(4); k < n; ++k) {
          bytes.push_back(static_cast<char>(Below(256)));
        }
        t.insert(At(t), bytes);
        break;
      }
      case 2:  // an invisible or bidi control, perhaps inside a word or a character
        t.insert(At(t), kInvisible[Below(kInvisible.size())]);
        break;
      case 3:  // cut off, perhaps in the middle of a character
        t.resize(Below(t.size() + 1));
        break;
      case 4: {  // a piece missing
        const std::size_t from = At(t);
        t.erase(from, Below(t.size() - from + 1));
        break;
      }
      case 5: {  // a piece repeated, as a flood
        const std::size_t from = At(t);
        const std::string piece = t.substr(from, 1 + Below(12));
        std::string flood;
        for (std::size_t k = 0, n = 1 + Below(40); k < n; ++k) flood += piece;
        t.insert(from, flood);
        break;
      }
      case 6: {  // two comments spliced
        const std::string& other = texts_[Below(texts_.size())];
        t = t.substr(0, At(t)) + other.substr(Below(other.size() + 1));
        break;
      }
      case 7:  // letters swapped for lookalikes, leetspeak or masks
        for (std::size_t k = 0, n = 1 + Below(6); k < n && !t.empty(); ++k) {
          const std::size_t at = Below(t.size());
          if (static_cast<unsigned char>(t[at]) >= 0x80) continue;
          const auto& with = Below(2) ? kLookalikes[Below(kLookalikes.size())]
                                      : kSymbols[Below(kSymbols.size())];
          t.replace(at, 1, with);
        }
        break;
      case 8:  // a long run of one byte
        t.insert(At(t), std::string(50 + Below(400), "a*!.? \x01\xE2"[Below(8)]));
        break;
      case 9:  // NUL bytes and line ends
        t.insert(At(t), std::string_view("\0\r\n\0", 1 + Below(4)));
        break;
      default:  // emoji, modifiers and joiners
        t.insert(At(t), kEmoji[Below(kEmoji.size())]);
        break;
    }
  }

  const std::vector<std::string>& texts_;
  std::mt19937 rng_{20261122};
};

std::string Problems(const std::string& text, const Verdict& v) {
  std::string all;
  for (const std::string& p : VerdictProblems(text, v)) all += "\n  " + p;
  return all;
}

}  // namespace

TEST_CASE("robustness: mutated comments keep the verdict's promises") {
  const std::vector<std::string> texts = LabelledTexts();
  REQUIRE(texts.size() > 1000);
  Mutator mutator(texts);
  std::size_t checked = 0, invalid = 0;
  for (const std::string& original : texts) {
    for (int variant = 0; variant < 2; ++variant) {
      const std::string text = mutator.Mutate(original);
      const Verdict v = Engine().Classify(text);
      INFO("text (hex-safe): " << nlohmann::json(text).dump(-1, ' ', true,
                                                          nlohmann::json::error_handler_t::replace));
      const std::string problems = Problems(text, v);
      CHECK(problems.empty());
      if (!problems.empty()) FAIL_CHECK(problems);
      ++checked;
      invalid += !IsValidUtf8(text);
    }
  }
  // The mutations reach what they are for: a real share of the texts is broken UTF-8.
  CHECK(checked == 2 * texts.size());
  CHECK(invalid > checked / 10);
}

TEST_CASE("robustness: the same text gets the same verdict, alone or in a batch") {
  const std::vector<std::string> texts = LabelledTexts();
  Mutator mutator(texts);
  // A batch of mutated texts in several group sizes, with long texts among them (a batch takes
  // those one at a time), against each classified alone, twice.
  std::vector<std::string> batch;
  for (std::size_t i = 0; i < texts.size() && batch.size() < 300; i += 17) {
    batch.push_back(mutator.Mutate(texts[i]));
  }
  batch.push_back(std::string(70 * 1024, 'x') + " you are a twat");
  batch.push_back(batch[3] + std::string(70 * 1024, ' ') + batch[5]);
  std::vector<std::string_view> views(batch.begin(), batch.end());
  std::vector<Verdict> verdicts(views.size());
  Engine().ClassifyBatch(views, {}, verdicts);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    INFO("item " << i);
    const Verdict alone = Engine().Classify(batch[i]);
    CHECK(SameVerdict(alone, verdicts[i]));
    CHECK(SameVerdict(alone, Engine().Classify(batch[i])));
  }
  // A verdict reused by a second batch says what a fresh one would.
  std::reverse(views.begin(), views.end());
  Engine().ClassifyBatch(views, {}, verdicts);
  for (std::size_t i = 0; i < views.size(); ++i) {
    INFO("reused verdict " << i);
    CHECK(SameVerdict(Engine().Classify(views[i]), verdicts[i]));
  }
}

TEST_CASE("robustness: the invariants catch a broken verdict") {
  // The checks themselves can fail: a verdict that breaks each promise is reported.
  Verdict v = Engine().Classify("Mrs Patel is a useless lazy waste of space");
  REQUIRE(VerdictProblems("Mrs Patel is a useless lazy waste of space", v).empty());
  Verdict bad = v;
  bad.reasons.at(0).end = 1000;
  CHECK_FALSE(VerdictProblems("Mrs Patel is a useless lazy waste of space", bad).empty());
  bad = v;
  bad.actions.clear();
  CHECK_FALSE(VerdictProblems("Mrs Patel is a useless lazy waste of space", bad).empty());
  bad = v;
  bad.safeguarding = true;
  CHECK_FALSE(VerdictProblems("Mrs Patel is a useless lazy waste of space", bad).empty());
  const std::string cafe = "caf\u00e9 owner is a twat";
  Verdict split = Engine().Classify(cafe);
  REQUIRE(!split.reasons.empty());
  split.reasons[0].begin = 4;  // inside the two bytes of "é"
  CHECK_FALSE(VerdictProblems(cafe, split).empty());
  CHECK_FALSE(IsValidUtf8("\xC3"));
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  CHECK(IsValidUtf8("\U0001F595 ok"));
}

}  // namespace schoolmod::moderation::testing
