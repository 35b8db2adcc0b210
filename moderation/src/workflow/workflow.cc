#include "schoolmod/moderation/workflow.h"

#include <array>
#include <utility>

#include "schoolmod/enum_names.h"

namespace schoolmod::moderation {
namespace {

constexpr std::array<std::pair<DecisionKind, std::string_view>, 9> kNames{{
    {DecisionKind::kLeave, "leave"},
    {DecisionKind::kHide, "hide"},
    {DecisionKind::kUnhide, "unhide"},
    {DecisionKind::kDelete, "delete"},
    {DecisionKind::kBlock, "block"},
    {DecisionKind::kReport, "report"},
    {DecisionKind::kReply, "reply"},
    {DecisionKind::kAcknowledge, "acknowledge"},
    {DecisionKind::kNoReplyNeeded, "no_reply_needed"},
}};

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::string_view ToString(DecisionKind kind) { return NameOf(kNames, kind); }

std::optional<DecisionKind> ParseDecisionKind(std::string_view s) {
  return ValueOf<DecisionKind>(kNames, s);
}

std::string AcknowledgementText(const config::School& school) {
  std::string text =
      "Thank you for your message. We have received it and will come back to you as soon as we "
      "can.";
  // Policy 002: parents are told social media is not the preferred way to contact the school.
  if (!school.contact.empty()) {
    text += " Social media is not the best way to reach us: please contact the school office at " +
            school.contact + ".";
  }
  return text;
}

DecisionOutcome Decide(const Decision& decision, const ItemFacts& item,
                       const config::School& school) {
  const DecisionKind kind = decision.kind;
  const bool is_reply = kind == DecisionKind::kReply || kind == DecisionKind::kAcknowledge;
  if (!is_reply && Blank(decision.reason)) {
    return {std::nullopt, std::string(ToString(kind)) + " needs a reason"};
  }
  if (kind == DecisionKind::kReply && Blank(decision.message)) {
    return {std::nullopt, "reply needs a message"};
  }
  if (item.deleted && kind != DecisionKind::kLeave && kind != DecisionKind::kNoReplyNeeded &&
      kind != DecisionKind::kBlock && kind != DecisionKind::kReport) {
    return {std::nullopt, "the comment is already deleted from the platform"};
  }
  if (kind == DecisionKind::kDelete && item.safeguarding) {
    return {std::nullopt,
            "a safeguarding item is not deleted: hide it, and leave the decision to the "
            "Designated Safeguarding Lead"};
  }

  DecisionEffects e;
  switch (kind) {
    case DecisionKind::kLeave:
      e.mark_reviewed = true;
      break;
    case DecisionKind::kHide:
      e.call = PlatformCall::kHide;
      e.mark_reviewed = true;
      break;
    case DecisionKind::kUnhide:
      e.call = PlatformCall::kUnhide;
      e.mark_reviewed = true;
      break;
    case DecisionKind::kDelete:
      e.call = PlatformCall::kDelete;
      e.mark_reviewed = true;
      break;
    case DecisionKind::kBlock:
      e.call = PlatformCall::kBlock;
      e.mark_reviewed = true;
      break;
    case DecisionKind::kReport:
      e.call = PlatformCall::kReport;
      e.mark_reviewed = true;
      break;
    case DecisionKind::kReply:
      e.call = PlatformCall::kReply;
      e.call_message = decision.message;
      e.stop_clock = item.clock_running;
      e.stop_reason = "replied";
      break;
    case DecisionKind::kAcknowledge:
      e.call = PlatformCall::kReply;
      e.call_message = AcknowledgementText(school);
      e.stop_clock = item.clock_running;
      e.stop_reason = "acknowledged";
      break;
    case DecisionKind::kNoReplyNeeded:
      if (!item.clock_running) return {std::nullopt, "no response clock is running"};
      e.stop_clock = true;
      e.stop_reason = "no reply needed: " + decision.reason;
      break;
  }
  return {e, ""};
}

}  // namespace schoolmod::moderation
