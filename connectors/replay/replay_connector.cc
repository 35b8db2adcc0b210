#include "replay/replay_connector.h"

// Placeholder until the replay connector lands in this file; kept compilable so the tree builds.
namespace schoolmod::connectors {

std::unique_ptr<Connector> MakeReplayConnector(const ConnectorEnv&) { return nullptr; }

}  // namespace schoolmod::connectors
