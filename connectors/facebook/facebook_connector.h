#pragma once

#include <memory>

#include "graph/poll_support.h"
#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors {

// A Facebook Page through the Graph API (platform-apis.md section 1). Account keys: page_id,
// token_credential / token_file (a Page token), lookback (default "30d"), api_base_url,
// api_version (default graph::kDefaultVersion).
std::unique_ptr<Connector> MakeFacebookConnector(const ConnectorEnv& env);
// With other page sizes and sweep intervals (tests).
std::unique_ptr<Connector> MakeFacebookConnector(const ConnectorEnv& env,
                                                 const graph::GraphOptions& options);

}  // namespace schoolmod::connectors
