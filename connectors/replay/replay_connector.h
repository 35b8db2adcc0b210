#pragma once

#include <memory>

#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors {

// Reads comments from a JSON Lines file (DESIGN.md "Replay file lines") and records every
// action to the account's actions_log. Drives the demo and the integration tests.
std::unique_ptr<Connector> MakeReplayConnector(const ConnectorEnv& env);

}  // namespace schoolmod::connectors
