#include "facebook/facebook_connector.h"

#include "facebook/actions.h"
#include "facebook/poll.h"
#include "graph/graph_connector.h"

namespace schoolmod::connectors {
namespace {

// Capabilities and what the Page token needs for each (platform-apis.md sections 1.2, 1.4):
//   kListComments     pages_read_engagement, pages_read_user_content (commenter ids and names)
//   kDetectOwnReplies the same: from.id == page_id
//   kHide, kUnhide    pages_manage_engagement, the MODERATE task    POST /{comment} is_hidden
//   kDelete           pages_manage_engagement, the MODERATE task    DELETE /{comment}
//   kBlock            Page token with the MODERATE task (exact permission unconfirmed)
//                                                                   POST /{page}/blocked user=
//   kReply            pages_manage_engagement; CREATE_CONTENT task  POST /{comment}/comments
// No kReport: Graph has no reporting API, so the daemon asks a person to report by hand.
class FacebookConnector final : public graph::GraphConnector {
 public:
  FacebookConnector(const ConnectorEnv& env, const graph::GraphOptions& options)
      : GraphConnector(env, options, {"page_id", facebook::kReadPermission}) {}

  std::string_view platform() const override { return "facebook"; }
  Capabilities capabilities() const override {
    return Capability::kListComments | Capability::kDetectOwnReplies | Capability::kHide |
           Capability::kUnhide | Capability::kDelete | Capability::kBlock | Capability::kReply;
  }

 protected:
  Result<PollResult> PollAccount(graph::PollState& poll, graph::GraphCursor& cursor) override {
    return facebook::PollPage(poll, cursor);
  }
  Result<ActionOutcome> ActOnAccount(graph::GraphClient& graph,
                                     const graph::GraphAccount& account,
                                     const Action& action) override {
    return facebook::ActOnPage(graph, account, action);
  }
};

}  // namespace

std::unique_ptr<Connector> MakeFacebookConnector(const ConnectorEnv& env) {
  return MakeFacebookConnector(env, graph::GraphOptions{});
}

std::unique_ptr<Connector> MakeFacebookConnector(const ConnectorEnv& env,
                                                 const graph::GraphOptions& options) {
  return std::make_unique<FacebookConnector>(env, options);
}

}  // namespace schoolmod::connectors
