#pragma once

#include "graph/graph_client.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::instagram {

// What the token needs (platform-apis.md section 2.1), named in kPermission errors.
inline constexpr std::string_view kReadPermission =
    "instagram_basic, instagram_manage_comments and pages_read_engagement (Instagram Login: "
    "instagram_business_basic and instagram_business_manage_comments)";
inline constexpr std::string_view kModeratePermission =
    "instagram_manage_comments (Instagram Login: instagram_business_manage_comments)";

// One moderation action on an Instagram comment (platform-apis.md section 2.3): hide, unhide,
// delete, reply. Safe to repeat, as on Facebook. Block and report have no API.
Result<ActionOutcome> ActOnInstagram(graph::GraphClient& graph,
                                     const graph::GraphAccount& account, const Action& action);

}  // namespace schoolmod::connectors::instagram
