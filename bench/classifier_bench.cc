// Classifier throughput and build time (issue 3 targets: 500,000 comments/second on one core over
// a 200,000-comment corpus, full pipeline; building the classifier under 50 ms).
//
//   classifier_bench [--corpus=FILE.jsonl] [benchmark flags]
//
// The corpus is read before any timing: every line's "text" field, cycled to 200,000 comments.
// Without --corpus the bench uses tests/moderation/data/heldout.jsonl from the source tree;
// BENCHMARKS.md records the figures for shared/eval/dev.jsonl.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "schoolmod/config/config.h"
#include "schoolmod/moderation/classifier.h"

namespace {

constexpr std::size_t kCorpusSize = 200'000;

std::vector<std::string>& Corpus() {
  static std::vector<std::string> corpus;
  return corpus;
}

bool LoadCorpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) return false;
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    auto json = nlohmann::json::parse(line, nullptr, false);
    if (json.is_object() && json.contains("text") && json["text"].is_string()) {
      texts.push_back(json["text"].get<std::string>());
    }
  }
  if (texts.empty()) return false;
  auto& corpus = Corpus();
  corpus.reserve(kCorpusSize);
  for (std::size_t i = 0; i < kCorpusSize; ++i) corpus.push_back(texts[i % texts.size()]);
  return true;
}

// Comments per ClassifyBatch call, as `schoolmodctl classify` passes them.
constexpr std::size_t kBatch = 256;

// The whole pipeline per comment: normalisation, matching, detectors, policy, the Verdict with
// its reasons and explanations; comments taken in batches (ClassifyBatch).
void BM_ClassifyCorpus(benchmark::State& state) {
  auto classifier = schoolmod::moderation::MakeClassifier();
  const auto& corpus = Corpus();
  const std::vector<std::string_view> texts(corpus.begin(), corpus.end());
  std::vector<schoolmod::moderation::Verdict> verdicts(kBatch);
  std::size_t removed = 0;
  for (auto _ : state) {
    for (std::size_t first = 0; first < texts.size(); first += kBatch) {
      const std::size_t n = std::min(kBatch, texts.size() - first);
      classifier->ClassifyBatch(std::span(texts).subspan(first, n), {},
                                std::span(verdicts).first(n));
      for (std::size_t i = 0; i < n; ++i) {
        removed += verdicts[i].verdict == schoolmod::moderation::VerdictKind::kRemove;
      }
      benchmark::DoNotOptimize(verdicts.data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus.size()));
  state.counters["removed_per_pass"] =
      static_cast<double>(removed) / static_cast<double>(state.iterations());
}
// items_per_second is against CPU time: the figure is per core, even on a busy machine.
BENCHMARK(BM_ClassifyCorpus)->Unit(benchmark::kMillisecond);

// The same one comment at a time (Classify), as the daemon's poller calls it.
void BM_ClassifyOneByOne(benchmark::State& state) {
  auto classifier = schoolmod::moderation::MakeClassifier();
  const auto& corpus = Corpus();
  std::size_t removed = 0;
  for (auto _ : state) {
    for (const std::string& text : corpus) {
      auto verdict = classifier->Classify(text);
      removed += verdict.verdict == schoolmod::moderation::VerdictKind::kRemove;
      benchmark::DoNotOptimize(verdict);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus.size()));
  state.counters["removed_per_pass"] =
      static_cast<double>(removed) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ClassifyOneByOne)->Unit(benchmark::kMillisecond);

// Making the built-in classifier, as the service starts: the tables built from the word lists
// when the service was built are loaded from the embedded bytes.
void BM_Create(benchmark::State& state) {
  for (auto _ : state) {
    auto classifier = schoolmod::moderation::MakeClassifier();
    benchmark::DoNotOptimize(classifier);
  }
}
BENCHMARK(BM_Create)->Unit(benchmark::kMillisecond);

// Making a classifier for a school with its own terms: everything is built at start, the
// folding table from ICU, the embedded word lists parsed and expanded, the matchers and models.
void BM_CreateWithSchoolTerms(benchmark::State& state) {
  schoolmod::config::ModerationSettings settings;
  settings.extra_terms.push_back({"grotbag", "insult", 3, false});
  for (auto _ : state) {
    auto classifier = schoolmod::moderation::MakeClassifier(settings);
    if (!classifier) state.SkipWithError("the school's terms did not build");
    benchmark::DoNotOptimize(classifier);
  }
}
BENCHMARK(BM_CreateWithSchoolTerms)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  std::string corpus = SCHOOLMOD_DEFAULT_CORPUS;
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--corpus=", 9) == 0) {
      corpus = argv[i] + 9;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (!LoadCorpus(corpus)) {
    std::cerr << "classifier_bench: cannot read a JSON Lines corpus from " << corpus << "\n";
    return 2;
  }
  std::cerr << "corpus: " << corpus << " cycled to " << Corpus().size() << " comments\n";
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
