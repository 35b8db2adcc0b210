#include <catch2/catch.hpp>

#include "schoolmod/moderation/workflow.h"

using namespace schoolmod::moderation;

namespace {

schoolmod::config::School TestSchool() {
  schoolmod::config::School school;
  school.id = "s";
  school.contact = "office@s.example.sch.uk or 01234 567890";
  return school;
}

DecisionOutcome Run(DecisionKind kind, std::string reason, std::string message = "",
                    ItemFacts item = {false, true, false}) {
  return Decide({kind, std::move(reason), std::move(message)}, item, TestSchool());
}

}  // namespace

TEST_CASE("decision names round-trip", "[workflow]") {
  for (auto name : {"leave", "hide", "unhide", "delete", "block", "report", "reply",
                    "acknowledge", "no_reply_needed"}) {
    auto kind = ParseDecisionKind(name);
    REQUIRE(kind);
    CHECK(ToString(*kind) == name);
  }
  CHECK_FALSE(ParseDecisionKind("destroy"));
}

TEST_CASE("each decision has the effects the policy gives it", "[workflow]") {
  struct Row {
    DecisionKind kind;
    std::optional<PlatformCall> call;
    bool stop_clock;
    bool reviewed;
  };
  const Row rows[] = {
      {DecisionKind::kLeave, std::nullopt, false, true},
      {DecisionKind::kHide, PlatformCall::kHide, false, true},
      {DecisionKind::kUnhide, PlatformCall::kUnhide, false, true},
      {DecisionKind::kDelete, PlatformCall::kDelete, false, true},
      {DecisionKind::kBlock, PlatformCall::kBlock, false, true},
      {DecisionKind::kReport, PlatformCall::kReport, false, true},
      {DecisionKind::kReply, PlatformCall::kReply, true, false},
      {DecisionKind::kAcknowledge, PlatformCall::kReply, true, false},
      {DecisionKind::kNoReplyNeeded, std::nullopt, true, false},
  };
  for (const auto& row : rows) {
    INFO(ToString(row.kind));
    auto out = Run(row.kind, "a reason", "a message");
    REQUIRE(out.effects);
    CHECK(out.effects->call == row.call);
    CHECK(out.effects->stop_clock == row.stop_clock);
    CHECK(out.effects->mark_reviewed == row.reviewed);
  }
}

TEST_CASE("decisions that need a reason or a message say so", "[workflow]") {
  CHECK(Run(DecisionKind::kHide, "  ").error == "hide needs a reason");
  CHECK(Run(DecisionKind::kNoReplyNeeded, "").error == "no_reply_needed needs a reason");
  CHECK(Run(DecisionKind::kReply, "", "").error == "reply needs a message");
  // Replies carry their own words, so a reason is optional.
  CHECK(Run(DecisionKind::kAcknowledge, "").effects);
  CHECK(Run(DecisionKind::kReply, "", "Thanks, the trip is on Friday").effects);
}

TEST_CASE("a safeguarding item cannot be deleted", "[workflow]") {
  auto out = Run(DecisionKind::kDelete, "abusive", "", {true, false, false});
  CHECK_FALSE(out.effects);
  CHECK(out.error.find("Designated Safeguarding Lead") != std::string::npos);
  CHECK(Run(DecisionKind::kHide, "hide it", "", {true, false, false}).effects);
}

TEST_CASE("no_reply_needed needs a running clock; a deleted comment only takes leave", "[workflow]") {
  CHECK(Run(DecisionKind::kNoReplyNeeded, "spam", "", {false, false, false}).error ==
        "no response clock is running");
  auto gone = ItemFacts{false, false, true};
  CHECK_FALSE(Run(DecisionKind::kHide, "x", "", gone).effects);
  CHECK(Run(DecisionKind::kLeave, "fine", "", gone).effects);
}

TEST_CASE("the acknowledgement points parents to the school office", "[workflow]") {
  auto out = Run(DecisionKind::kAcknowledge, "");
  REQUIRE(out.effects);
  CHECK(out.effects->call_message.find("office@s.example.sch.uk or 01234 567890") !=
        std::string::npos);
  CHECK(out.effects->stop_reason == "acknowledged");
}
