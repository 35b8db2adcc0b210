// libFuzzer target for the classifier: any bytes are a comment. Each input is classified alone
// and in a batch beside a piece of itself; the verdicts must keep the contract checked by
// tests/moderation/verdict_invariants.h and agree with each other. Built with AddressSanitizer
// and UndefinedBehaviorSanitizer, so memory errors and undefined behaviour stop it too.
//
//   cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DSCHOOLMOD_BUILD_FUZZERS=ON
//   cmake --build build/fuzz --target classifier_fuzz
//   scripts/fuzz-corpus build/fuzz/corpus
//   build/fuzz/fuzz/classifier_fuzz -max_len=4096 -dict=fuzz/classifier.dict build/fuzz/corpus
//
// The corpus starts from the labelled comments in tests/moderation/data.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "schoolmod/moderation/classifier.h"
#include "verdict_invariants.h"

namespace {

using schoolmod::moderation::Verdict;
namespace testing = schoolmod::moderation::testing;

[[noreturn]] void Fail(std::string_view what, std::string_view text) {
  std::fprintf(stderr, "classifier_fuzz: %.*s\n  for %zu bytes of input\n",
               static_cast<int>(what.size()), what.data(), text.size());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto classifier = schoolmod::moderation::MakeClassifier();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const Verdict alone = classifier->Classify(text);
  for (const auto& problem : testing::VerdictProblems(text, alone)) Fail(problem, text);

  // The same text in a batch, after a piece of itself that shares the batch's scratch space.
  const std::vector<std::string_view> batch = {text.substr(size / 2), text};
  std::vector<Verdict> verdicts(batch.size());
  classifier->ClassifyBatch(batch, {}, verdicts);
  if (!testing::SameVerdict(alone, verdicts[1])) Fail("a batch disagrees with Classify()", text);
  for (const auto& problem : testing::VerdictProblems(batch[0], verdicts[0])) {
    Fail(problem, batch[0]);
  }
  return 0;
}
