#include "instagram/instagram_connector.h"

#include "graph/graph_connector.h"
#include "instagram/actions.h"
#include "instagram/poll.h"

namespace schoolmod::connectors {
namespace {

// Capabilities and what the token needs for each (platform-apis.md sections 2.1, 2.3):
//   kListComments     instagram_basic, instagram_manage_comments, pages_read_engagement
//                     (Instagram Login: instagram_business_basic,
//                     instagram_business_manage_comments, without which authors are withheld)
//   kDetectOwnReplies the same: from.id == ig_user_id or username == the account's username
//   kHide, kUnhide    instagram_manage_comments                     POST /{comment} hide=
//   kDelete           instagram_manage_comments, own media only     DELETE /{comment}
//   kReply            instagram_manage_comments, top-level comments POST /{comment}/replies
// No kBlock, no kReport: the API exposes neither (the daemon asks a person to report by hand).
class InstagramConnector final : public graph::GraphConnector {
 public:
  InstagramConnector(const ConnectorEnv& env, const graph::GraphOptions& options)
      : GraphConnector(env, options, {"ig_user_id", instagram::kReadPermission}) {}

  std::string_view platform() const override { return "instagram"; }
  Capabilities capabilities() const override {
    return Capability::kListComments | Capability::kDetectOwnReplies | Capability::kHide |
           Capability::kUnhide | Capability::kDelete | Capability::kReply;
  }

 protected:
  Result<PollResult> PollAccount(graph::PollState& poll, graph::GraphCursor& cursor) override {
    return instagram::PollInstagram(poll, cursor);
  }
  Result<ActionOutcome> ActOnAccount(graph::GraphClient& graph,
                                     const graph::GraphAccount& account,
                                     const Action& action) override {
    return instagram::ActOnInstagram(graph, account, action);
  }
};

}  // namespace

std::unique_ptr<Connector> MakeInstagramConnector(const ConnectorEnv& env) {
  return MakeInstagramConnector(env, graph::GraphOptions{});
}

std::unique_ptr<Connector> MakeInstagramConnector(const ConnectorEnv& env,
                                                  const graph::GraphOptions& options) {
  return std::make_unique<InstagramConnector>(env, options);
}

}  // namespace schoolmod::connectors
