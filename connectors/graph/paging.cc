#include "graph/paging.h"

#include <fmt/format.h>

namespace schoolmod::connectors::graph {
namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// The `after` parameter of a `next` URL.
std::optional<std::string> AfterFromUrl(std::string_view url) {
  auto q = url.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(q + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.starts_with("after=")) return PercentDecode(pair.substr(6));
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

// Cursors are opaque, but they go back into our query string: printable ASCII, bounded.
bool IsUsableCursor(std::string_view c) {
  if (c.empty() || c.size() > 4096) return false;
  for (char ch : c) {
    if (ch <= 0x20 || ch >= 0x7f) return false;
  }
  return true;
}

}  // namespace

Result<std::optional<std::string>> NextCursor(const Json& page, std::string_view account_id,
                                              std::string_view what) {
  const Json* paging = GetObject(page, "paging");
  if (paging == nullptr || GetString(*paging, "next") == nullptr) {
    return std::optional<std::string>();
  }
  std::optional<std::string> after;
  if (const Json* cursors = GetObject(*paging, "cursors")) {
    if (const std::string* a = GetString(*cursors, "after")) after = *a;
  }
  if (!after) after = AfterFromUrl(*GetString(*paging, "next"));
  if (!after || !IsUsableCursor(*after)) {
    return Error::Transient(fmt::format(
        "account {}: {}: the page says there is more but gives no usable cursor", account_id,
        what));
  }
  return after;
}

}  // namespace schoolmod::connectors::graph
