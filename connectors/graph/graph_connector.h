#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "graph/graph_client.h"
#include "graph/poll_support.h"
#include "graph/tracker.h"
#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors::graph {

// What Facebook and Instagram share around their own polling and actions: reading the account
// (graph_client.h), the cursor (tracker.h), one GraphClient per call, the capability check and
// the poll summary log line. Keeps nothing between calls but the environment.
class GraphConnector : public Connector {
 public:
  Result<PollResult> Poll(const config::Account& account, const Cursor& cursor) final;
  Result<ActionOutcome> Act(const config::Account& account, const Action& action) final;

 protected:
  struct Traits {
    std::string_view owner_key;        // "page_id" or "ig_user_id"
    std::string_view read_permission;  // named when listing is refused
  };
  GraphConnector(const ConnectorEnv& env, GraphOptions options, Traits traits);

  // The platform's poll; `cursor` is a copy the caller keeps only on success.
  virtual Result<PollResult> PollAccount(PollState& poll, GraphCursor& cursor) = 0;
  // Called only for actions within capabilities().
  virtual Result<ActionOutcome> ActOnAccount(GraphClient& graph, const GraphAccount& account,
                                             const Action& action) = 0;

 private:
  HttpClient* http_;
  std::shared_ptr<spdlog::logger> log_;
  std::function<TimePoint()> now_;
  GraphOptions options_;
  Traits traits_;
};

}  // namespace schoolmod::connectors::graph
