#include "facebook/actions.h"

#include <fmt/format.h>

namespace schoolmod::connectors::facebook {
namespace {

using graph::GetArray;
using graph::GetBool;
using graph::GetObject;
using graph::GetString;
using graph::Json;

// {"success":true}; `gone_is_done` when the comment being gone is what the action wanted.
Result<ActionOutcome> ExpectSuccess(const Result<graph::Reply>& reply,
                                    const graph::GraphAccount& account, const Action& action,
                                    bool gone_is_done) {
  if (!reply) return reply.error();
  ActionOutcome out;
  if (reply->gone) {
    if (gone_is_done) {
      out.note = "the comment no longer exists on Facebook";
      return out;
    }
    return Error::Permanent(fmt::format("account {}: comment {} no longer exists on Facebook",
                                        account.account_id, action.comment_id));
  }
  if (GetBool(reply->body, "success") != true) {
    return Error::Permanent(fmt::format("account {}: {} comment {}: Facebook did not confirm",
                                        account.account_id, ToString(action.kind),
                                        action.comment_id));
  }
  return out;
}

Result<ActionOutcome> Block(graph::GraphClient& graph, const graph::GraphAccount& account,
                            const Action& action) {
  if (!action.author_id || !graph::IsGraphId(*action.author_id)) {
    return Error::InvalidInput(fmt::format(
        "account {}: comment {} has no author id (Facebook withheld it); block by hand",
        account.account_id, action.comment_id));
  }
  const std::string& user = *action.author_id;
  auto reply = graph.Call("POST", account.owner_id + "/blocked", {{"user", user}},
                          fmt::format("blocking user {}", user), kModeratePermission);
  if (!reply) return reply.error();
  // The answer maps each id to whether it is now blocked: {"6629184302217745":true}.
  if (!reply->gone && (GetBool(reply->body, user) == true ||
                       GetBool(reply->body, "success") == true)) {
    return ActionOutcome{};
  }
  return Error::Permanent(fmt::format("account {}: Facebook did not block user {}",
                                      account.account_id, user));
}

Result<ActionOutcome> Reply(graph::GraphClient& graph, const graph::GraphAccount& account,
                            const Action& action) {
  if (action.message.empty()) {
    return Error::InvalidInput(fmt::format("account {}: reply to {} has no text",
                                           account.account_id, action.comment_id));
  }
  const std::string what = fmt::format("replying to comment {}", action.comment_id);
  auto gone = [&] {
    return Error::Permanent(fmt::format("account {}: comment {} no longer exists on Facebook",
                                        account.account_id, action.comment_id));
  };
  // Facebook threads are two levels: a reply to a reply belongs under its top-level comment.
  auto target = graph.Call("GET", action.comment_id, {{"fields", "id,parent{id}"}}, what,
                           kReadPermission);
  if (!target) return target.error();
  if (target->gone) return gone();
  std::string thread = action.comment_id;
  if (const Json* parent = GetObject(target->body, "parent")) {
    const std::string* id = GetString(*parent, "id");
    if (id != nullptr && graph::IsGraphId(*id)) thread = *id;
  }
  // A crash between posting and recording the reply must not post it twice: the Page's own
  // identical reply already in the thread counts as done.
  auto replies = graph.Call("GET", thread + "/comments",
                            {{"fields", "id,message,from{id}"},
                             {"order", "reverse_chronological"},
                             {"limit", "100"}},
                            what, kReadPermission);
  if (!replies) return replies.error();
  if (replies->gone) return gone();
  if (const Json* data = GetArray(replies->body, "data")) {
    for (const auto& item : *data) {
      const Json* from = GetObject(item, "from");
      const std::string* author = from != nullptr ? GetString(*from, "id") : nullptr;
      const std::string* message = GetString(item, "message");
      const std::string* id = GetString(item, "id");
      if (author != nullptr && *author == account.owner_id && message != nullptr &&
          *message == action.message && id != nullptr && graph::IsGraphId(*id)) {
        return ActionOutcome{*id, false, "the reply was already posted"};
      }
    }
  }
  auto posted = graph.Call("POST", thread + "/comments", {{"message", action.message}}, what,
                           kModeratePermission);
  if (!posted) return posted.error();
  if (posted->gone) return gone();
  const std::string* id = GetString(posted->body, "id");
  if (id == nullptr || !graph::IsGraphId(*id)) {
    // Retrying is safe: the check above finds the reply if it was posted after all.
    return Error::Transient(fmt::format("account {}: {}: Facebook answered without an id",
                                        account.account_id, what));
  }
  return ActionOutcome{*id, false, ""};
}

}  // namespace

Result<ActionOutcome> ActOnPage(graph::GraphClient& graph, const graph::GraphAccount& account,
                                const Action& action) {
  if (!graph::IsGraphId(action.comment_id)) {
    return Error::InvalidInput(fmt::format("account {}: {} on a malformed Facebook comment id",
                                           account.account_id, ToString(action.kind)));
  }
  const std::string& id = action.comment_id;
  switch (action.kind) {
    case ActionKind::kHide:
    case ActionKind::kUnhide: {
      const bool hide = action.kind == ActionKind::kHide;
      auto reply = graph.Call("POST", id, {{"is_hidden", hide ? "true" : "false"}},
                              fmt::format("{} comment {}", hide ? "hiding" : "unhiding", id),
                              kModeratePermission);
      return ExpectSuccess(reply, account, action, /*gone_is_done=*/hide);
    }
    case ActionKind::kDelete: {
      auto reply = graph.Call("DELETE", id, {}, fmt::format("deleting comment {}", id),
                              kModeratePermission);
      return ExpectSuccess(reply, account, action, /*gone_is_done=*/true);
    }
    case ActionKind::kBlock:
      return Block(graph, account, action);
    case ActionKind::kReply:
      return Reply(graph, account, action);
    case ActionKind::kReport:
      break;
  }
  return Error::NotSupported(fmt::format("account {}: Facebook has no API to {} comments",
                                         account.account_id, ToString(action.kind)));
}

}  // namespace schoolmod::connectors::facebook
