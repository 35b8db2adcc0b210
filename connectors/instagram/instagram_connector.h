#pragma once

#include <memory>

#include "graph/poll_support.h"
#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors {

// An Instagram professional account through the Graph API (platform-apis.md section 2), either
// flavour: Facebook Login (default host) or Instagram Login (api_base_url =
// "https://graph.instagram.com"). Account keys: ig_user_id, token_credential / token_file,
// lookback (default "30d"), api_base_url, api_version (default graph::kDefaultVersion).
std::unique_ptr<Connector> MakeInstagramConnector(const ConnectorEnv& env);
// With other page sizes and sweep intervals (tests).
std::unique_ptr<Connector> MakeInstagramConnector(const ConnectorEnv& env,
                                                  const graph::GraphOptions& options);

}  // namespace schoolmod::connectors
