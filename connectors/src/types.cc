#include <array>
#include <utility>

#include "schoolmod/connectors/connector.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/enum_names.h"

namespace schoolmod::connectors {
namespace {

constexpr std::array<std::pair<ActionKind, std::string_view>, 6> kActionNames{{
    {ActionKind::kHide, "hide"},
    {ActionKind::kUnhide, "unhide"},
    {ActionKind::kDelete, "delete"},
    {ActionKind::kBlock, "block"},
    {ActionKind::kReport, "report"},
    {ActionKind::kReply, "reply"},
}};

}  // namespace

std::string_view ToString(ActionKind kind) { return NameOf(kActionNames, kind); }

std::optional<ActionKind> ParseActionKind(std::string_view s) {
  return ValueOf<ActionKind>(kActionNames, s);
}

Capability RequiredCapability(ActionKind kind) {
  switch (kind) {
    case ActionKind::kHide: return Capability::kHide;
    case ActionKind::kUnhide: return Capability::kUnhide;
    case ActionKind::kDelete: return Capability::kDelete;
    case ActionKind::kBlock: return Capability::kBlock;
    case ActionKind::kReport: return Capability::kReport;
    case ActionKind::kReply: return Capability::kReply;
  }
  return Capability::kListComments;
}

}  // namespace schoolmod::connectors
