#pragma once

#include <string>
#include <string_view>

namespace schoolmod::daemon {

// Escapes text for HTML element content and quoted attribute values: & < > " ' become entities.
// Comment text is hostile input; everything shown in a page or an HTML email goes through this.
std::string HtmlEscape(std::string_view text);

}  // namespace schoolmod::daemon
