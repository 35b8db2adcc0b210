#include "facebook/facebook_connector.h"
#include "instagram/instagram_connector.h"
#include "replay/replay_connector.h"
#include "youtube/youtube_connector.h"
#include "schoolmod/connectors/connector.h"

namespace schoolmod::connectors {
namespace {

// Every platform, in one explicit table. Ids are persisted: never rename one.
const ConnectorEntry kConnectors[] = {
    {"replay", &MakeReplayConnector},
    {"facebook", &MakeFacebookConnector},
    {"instagram", &MakeInstagramConnector},
    {"youtube", &MakeYoutubeConnector},
};

}  // namespace

std::span<const ConnectorEntry> Registry() { return kConnectors; }

std::unique_ptr<Connector> MakeConnector(std::string_view platform, const ConnectorEnv& env) {
  for (const auto& entry : kConnectors) {
    if (entry.platform == platform) return entry.make(env);
  }
  return nullptr;
}

}  // namespace schoolmod::connectors
