#include "instagram/actions.h"

#include <fmt/format.h>

namespace schoolmod::connectors::instagram {
namespace {

using graph::GetArray;
using graph::GetBool;
using graph::GetObject;
using graph::GetString;
using graph::Json;

Error Gone(const graph::GraphAccount& account, const Action& action) {
  return Error::Permanent(fmt::format("account {}: comment {} no longer exists on Instagram",
                                      account.account_id, action.comment_id));
}

Result<ActionOutcome> ExpectSuccess(const Result<graph::Reply>& reply,
                                    const graph::GraphAccount& account, const Action& action,
                                    bool gone_is_done) {
  if (!reply) return reply.error();
  if (reply->gone) {
    if (!gone_is_done) return Gone(account, action);
    return ActionOutcome{"", false, "the comment no longer exists on Instagram"};
  }
  if (GetBool(reply->body, "success") != true) {
    return Error::Permanent(fmt::format("account {}: {} comment {}: Instagram did not confirm",
                                        account.account_id, ToString(action.kind),
                                        action.comment_id));
  }
  return ActionOutcome{};
}

Result<ActionOutcome> Reply(graph::GraphClient& graph, const graph::GraphAccount& account,
                            const Action& action) {
  if (action.message.empty()) {
    return Error::InvalidInput(fmt::format("account {}: reply to {} has no text",
                                           account.account_id, action.comment_id));
  }
  const std::string what = fmt::format("replying to comment {}", action.comment_id);
  // Only top-level comments take replies: answer a reply under its parent.
  auto target = graph.Call("GET", action.comment_id, {{"fields", "id,parent_id"}}, what,
                           kReadPermission);
  if (!target) return target.error();
  if (target->gone) return Gone(account, action);
  std::string thread = action.comment_id;
  if (const std::string* parent = GetString(target->body, "parent_id");
      parent != nullptr && graph::IsGraphId(*parent)) {
    thread = *parent;
  }
  // The account's identical reply already there means a previous attempt got through.
  auto replies = graph.Call("GET", thread + "/replies", {{"fields", "id,text,from"}}, what,
                            kReadPermission);
  if (!replies) return replies.error();
  if (replies->gone) return Gone(account, action);
  if (const Json* data = GetArray(replies->body, "data")) {
    for (const auto& item : *data) {
      const Json* from = GetObject(item, "from");
      const std::string* author = from != nullptr ? GetString(*from, "id") : nullptr;
      const std::string* text = GetString(item, "text");
      const std::string* id = GetString(item, "id");
      if (author != nullptr && *author == account.owner_id && text != nullptr &&
          *text == action.message && id != nullptr && graph::IsGraphId(*id)) {
        return ActionOutcome{*id, false, "the reply was already posted"};
      }
    }
  }
  auto posted = graph.Call("POST", thread + "/replies", {{"message", action.message}}, what,
                           kModeratePermission);
  if (!posted) return posted.error();
  if (posted->gone) return Gone(account, action);
  const std::string* id = GetString(posted->body, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    return Error::Transient(fmt::format("account {}: {}: Instagram answered without an id",
                                        account.account_id, what));
  }
  return ActionOutcome{*id, false, ""};
}

}  // namespace

Result<ActionOutcome> ActOnInstagram(graph::GraphClient& graph,
                                     const graph::GraphAccount& account, const Action& action) {
  if (!graph::IsGraphId(action.comment_id)) {
    return Error::InvalidInput(fmt::format("account {}: {} on a malformed Instagram comment id",
                                           account.account_id, ToString(action.kind)));
  }
  const std::string& id = action.comment_id;
  switch (action.kind) {
    case ActionKind::kHide:
    case ActionKind::kUnhide: {
      const bool hide = action.kind == ActionKind::kHide;
      auto reply = graph.Call("POST", id, {{"hide", hide ? "true" : "false"}},
                              fmt::format("{} comment {}", hide ? "hiding" : "unhiding", id),
                              kModeratePermission);
      return ExpectSuccess(reply, account, action, /*gone_is_done=*/hide);
    }
    case ActionKind::kDelete: {
      auto reply = graph.Call("DELETE", id, {}, fmt::format("deleting comment {}", id),
                              kModeratePermission);
      return ExpectSuccess(reply, account, action, /*gone_is_done=*/true);
    }
    case ActionKind::kReply:
      return Reply(graph, account, action);
    case ActionKind::kBlock:
    case ActionKind::kReport:
      break;
  }
  return Error::NotSupported(fmt::format("account {}: Instagram has no API to {}",
                                         account.account_id, ToString(action.kind)));
}

}  // namespace schoolmod::connectors::instagram
