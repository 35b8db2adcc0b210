#pragma once

#include "graph/graph_client.h"
#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"

namespace schoolmod::connectors::facebook {

// What the Page token needs (platform-apis.md section 1.2), named in kPermission errors.
inline constexpr std::string_view kReadPermission =
    "pages_read_engagement and pages_read_user_content (a Page token with the MODERATE task)";
inline constexpr std::string_view kModeratePermission =
    "pages_manage_engagement (a Page token with the MODERATE task)";

// One moderation action on a Page comment (platform-apis.md section 1.4). Safe to repeat:
// hiding a hidden comment succeeds, hiding or deleting one Facebook no longer has is reported
// done, and a reply is not posted again when the Page's identical reply is already in the
// thread. kReport is kNotSupported: Graph has no reporting API.
Result<ActionOutcome> ActOnPage(graph::GraphClient& graph, const graph::GraphAccount& account,
                                const Action& action);

}  // namespace schoolmod::connectors::facebook
