#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "ctl_classify.h"
#include "schoolmod/config/config.h"

// `schoolmodctl classify` and `schoolmodctl eval`, driven through string streams.
namespace schoolmod::daemon {
namespace {

std::vector<nlohmann::json> Lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

std::string Fixture(const char* name) {
  return std::string(SCHOOLMOD_MODERATION_TEST_DATA) + "/" + name;
}

}  // namespace

TEST_CASE("classify: one verdict per line, in order, with the contract's fields") {
  std::istringstream in(
      "{\"id\":\"c1\",\"text\":\"Thanks for a lovely concert\"}\n"
      "{\"id\":2,\"text\":\"You absolute pillock\"}\n"
      "\n"
      "{\"id\":\"c3\",\"text\":\"What time does pick up finish?\"}\n");
  std::ostringstream out, err;
  REQUIRE(RunClassify(in, out, err, nullptr) == 0);
  const auto lines = Lines(out.str());
  REQUIRE(lines.size() == 3);  // the blank line is skipped

  CHECK(lines[0]["id"] == "c1");
  CHECK(lines[0]["verdict"] == "ok");
  CHECK(lines[0]["categories"] == nlohmann::json::array({"praise"}));
  CHECK(lines[1]["id"] == 2);
  CHECK(lines[1]["verdict"] == "remove");
  CHECK(lines[1]["actions"] == nlohmann::json::array({"hide"}));
  CHECK(lines[2]["needs_response"] == true);
  CHECK(lines[2]["actions"] == nlohmann::json::array({"respond"}));

  // Field order is the contract's (DESIGN.md), not alphabetical.
  std::vector<std::string> keys;
  const auto first = nlohmann::ordered_json::parse(out.str().substr(0, out.str().find('\n')));
  for (auto it = first.begin(); it != first.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"id", "verdict", "categories", "severity",
                                         "needs_response", "safeguarding", "personal_data",
                                         "actions", "reasons"});
  const auto& reason = lines[1]["reasons"][0];
  CHECK(reason["category"].is_string());
  CHECK(reason["rule"].is_string());
  CHECK(reason["span"].size() == 2);
  CHECK(reason["explanation"].is_string());
  CHECK(err.str().empty());
}

TEST_CASE("classify: a malformed line gives an error object with its number, and the run goes on") {
  std::istringstream in(
      "{\"id\":1,\"text\":\"hello\"}\n"
      "this is not json\n"
      "[1,2,3]\n"
      "{\"id\":4}\n"
      "{\"id\":5,\"text\":42}\n"
      "{\"id\":6,\"text\":\"shite\",\"prior_removals\":\"many\"}\n"
      "{\"id\":7,\"text\":\"what a load of shite\",\"prior_removals\":3}\n");
  std::ostringstream out, err;
  REQUIRE(RunClassify(in, out, err, nullptr) == 0);
  const auto lines = Lines(out.str());
  REQUIRE(lines.size() == 7);
  CHECK(lines[0]["id"] == 1);
  CHECK(lines[1] == nlohmann::json{{"line", 2}, {"error", "not valid JSON"}});
  CHECK(lines[2]["line"] == 3);
  CHECK(lines[3]["line"] == 4);
  CHECK(lines[3]["error"] == "missing string field \"text\"");
  CHECK(lines[4]["line"] == 5);
  CHECK(lines[5]["line"] == 6);
  CHECK(lines[6]["actions"] == nlohmann::json::array({"hide", "block"}));  // repeat offender
}

TEST_CASE("classify: the school's word lists from the config") {
  config::ModerationSettings settings;
  settings.extra_terms.push_back({"grotbag", "insult", 2, false});
  std::istringstream in("{\"id\":1,\"text\":\"what a grotbag\"}\n");
  std::ostringstream out, err;
  REQUIRE(RunClassify(in, out, err, &settings) == 0);
  CHECK(Lines(out.str())[0]["verdict"] == "remove");

  settings.extra_terms[0].category = "nonsense";
  std::istringstream again("{\"id\":1,\"text\":\"what a grotbag\"}\n");
  std::ostringstream out2, err2;
  CHECK(RunClassify(again, out2, err2, &settings) == 2);
  CHECK(err2.str().find("grotbag") != std::string::npos);
  CHECK(out2.str().empty());
}

TEST_CASE("classify: hostile bytes in ids and texts never break the output") {
  std::istringstream in(std::string("{\"id\":\"\\ud83d\\ude00\",\"text\":\"\\u0000fine\"}\n"));
  std::ostringstream out, err;
  REQUIRE(RunClassify(in, out, err, nullptr) == 0);
  const auto lines = Lines(out.str());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["verdict"] == "ok");
}

TEST_CASE("eval: the figures for a labelled fixture") {
  std::ostringstream out, err;
  // The fixture's first line is a comment, which is reported as malformed and skipped.
  CHECK(RunEval(Fixture("eval_fixture.jsonl"), out, err, nullptr) == 1);
  CHECK(err.str().find("eval_fixture.jsonl:1: not valid JSON") != std::string::npos);
  const std::string report = out.str();
  INFO(report);
  CHECK(report.find("items: 10\n") != std::string::npos);
  CHECK(report.find("remove: precision 0.667 recall 0.800 f1 0.727 (tp 4, fp 2, fn 1)\n") !=
        std::string::npos);
  CHECK(report.find("false positives: expected ok 1 of 4 (remove 1, review 0); traps 0 of 1\n") !=
        std::string::npos);
  CHECK(report.find("  safeguarding 1.000 (1/1)\n") != std::string::npos);
  CHECK(report.find("  insult 0.500 (1/2)\n") != std::string::npos);
  CHECK(report.find("needs_response: precision 1.000 recall 0.667 f1 0.800\n") !=
        std::string::npos);
  CHECK(report.find("safeguarding: recall 1.000 (1/1) precision 1.000\n") != std::string::npos);
  CHECK(report.find("personal_data: recall 1.000 (1/1) precision 1.000\n") != std::string::npos);
}

TEST_CASE("eval: misses listed on request; unreadable file") {
  std::ostringstream out, err;
  EvalOptions options;
  options.list_misses = true;
  (void)RunEval(Fixture("eval_fixture.jsonl"), out, err, nullptr, options);
  CHECK(out.str().find("miss \"f8\": expected remove [insult], got ok") != std::string::npos);
  CHECK(out.str().find("miss \"f1\"") == std::string::npos);

  std::ostringstream out2, err2;
  CHECK(RunEval(Fixture("no_such_file.jsonl"), out2, err2, nullptr) == 2);
  CHECK(err2.str().find("cannot read") != std::string::npos);
}

TEST_CASE("eval: lines without labels are reported, not scored") {
  std::istringstream in(
      "{\"id\":1,\"text\":\"hello\"}\n"
      "{\"id\":2,\"text\":\"hello\",\"expect\":{\"verdict\":\"maybe\"}}\n"
      "{\"id\":3,\"text\":\"hello\",\"expect\":{\"verdict\":\"ok\"}}\n");
  std::ostringstream out, err;
  CHECK(RunEvalStream(in, "inline", out, err, nullptr) == 1);
  CHECK(err.str().find("inline:1: missing object \"expect\"") != std::string::npos);
  CHECK(err.str().find("inline:2:") != std::string::npos);
  CHECK(out.str().find("items: 1\n") != std::string::npos);
}

}  // namespace schoolmod::daemon
