#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "classifier/snapshot.h"
#include "classifier/tables.h"
#include "classifier_support.h"
#include "ctl_classify.h"
#include "schoolmod/config/config.h"

// The built-in tables, built when the service is built and loaded when it starts (tables.h).
namespace schoolmod::moderation::testing {
namespace {

using classifier::BuildTables;
using classifier::EmbeddedSnapshot;
using classifier::LoadTables;
using classifier::SaveTables;

}  // namespace

TEST_CASE("tables: the embedded tables are the ones the word lists build") {
  // Byte for byte: a loaded classifier is the one building would give, so every other test of
  // the built-in classifier speaks for both.
  REQUIRE(EmbeddedSnapshot().size() > 1000);
  auto built = BuildTables(config::ModerationSettings{});
  REQUIRE(built.ok());
  CHECK(SaveTables(*built) == EmbeddedSnapshot());
}

TEST_CASE("tables: loaded tables save to the bytes they came from") {
  auto loaded = LoadTables(EmbeddedSnapshot());
  REQUIRE(loaded.has_value());
  CHECK(SaveTables(*loaded) == EmbeddedSnapshot());
  CHECK(loaded->lexicon.term_count() > 100);
  CHECK(!loaded->hate_model.empty());
  CHECK(!loaded->safeguarding_model.empty());
}

TEST_CASE("tables: damaged bytes are refused, never read past or crashed on") {
  const std::string_view bytes = EmbeddedSnapshot();
  REQUIRE(!bytes.empty());
  // Cut short anywhere: at the start, inside the first count, and at spread-out points.
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}}) {
    CHECK(!LoadTables(bytes.substr(0, size)).has_value());
  }
  for (std::size_t k = 1; k < 64; ++k) {
    const std::size_t size = bytes.size() * k / 64;
    INFO("cut at " << size << " of " << bytes.size());
    CHECK(!LoadTables(bytes.substr(0, size)).has_value());
  }
  CHECK(!LoadTables(bytes.substr(0, bytes.size() - 1)).has_value());
  // A byte left over.
  CHECK(!LoadTables(std::string(bytes) + "x").has_value());
}

TEST_CASE("tables: a count larger than the bytes left is refused before allocating") {
  using classifier::SnapshotReader;
  using classifier::SnapshotWriter;
  SnapshotWriter writer;
  writer(std::vector<std::uint32_t>{1, 2, 3});
  writer(std::string("grotbag"));
  writer(std::optional<int>(7));
  std::string bytes = writer.bytes();
  {
    SnapshotReader reader(bytes);
    std::vector<std::uint32_t> numbers;
    std::string word;
    std::optional<int> seven;
    reader(numbers);
    reader(word);
    reader(seven);
    CHECK(reader.done());
    CHECK(numbers == std::vector<std::uint32_t>{1, 2, 3});
    CHECK(word == "grotbag");
    CHECK(seven == 7);
  }
  // The vector's count says 2^64 - 1 elements: refused at once, the rest left default.
  for (std::size_t k = 0; k < 8; ++k) bytes[k] = '\xff';
  SnapshotReader reader(bytes);
  std::vector<std::uint32_t> numbers;
  std::string word;
  reader(numbers);
  reader(word);
  CHECK(reader.failed());
  CHECK(!reader.done());
  CHECK(numbers.empty());
  CHECK(word.empty());
}

TEST_CASE("tables: loaded and built classifiers give the same verdicts on every labelled comment") {
  // A field the snapshot left out would load as empty and change some verdict. Disabling a word
  // that is in no list makes MakeClassifier build the same tables instead of loading them.
  config::ModerationSettings build;
  build.disabled_terms = {"qqzzxq"};
  auto built = MakeClassifier(build);
  REQUIRE(built.ok());
  auto loaded = MakeClassifier();
  std::size_t compared = 0;
  for (const auto& file : std::filesystem::directory_iterator(SCHOOLMOD_MODERATION_TEST_DATA)) {
    if (file.path().extension() != ".jsonl") continue;
    std::ifstream in(file.path());
    std::string line;
    while (std::getline(in, line)) {
      const auto item = nlohmann::json::parse(line, nullptr, false);
      if (!item.is_object() || !item.contains("text")) continue;
      const std::string text = item["text"].get<std::string>();
      const std::string a = daemon::VerdictToJson("0", loaded->Classify(text));
      const std::string b = daemon::VerdictToJson("0", (*built)->Classify(text));
      if (a != b) FAIL_CHECK(file.path().filename().string() << ": " << text);
      ++compared;
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("tables: the classifier from the embedded tables classifies") {
  // What the service starts with: the loaded tables, nothing built.
  CHECK(Check("you absolute bellend").verdict == VerdictKind::kRemove);
  CHECK(Check("When is the Year 6 trip to Scunthorpe?").verdict != VerdictKind::kRemove);
}

}  // namespace schoolmod::moderation::testing
