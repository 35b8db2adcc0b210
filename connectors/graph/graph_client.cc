#include "graph/graph_client.h"

#include <fmt/format.h>

namespace schoolmod::connectors::graph {
namespace {

bool IsVersion(std::string_view v) {
  // "v21.0": the version becomes a path segment, so nothing but this shape gets through.
  if (v.size() < 4 || v.size() > 8 || v[0] != 'v') return false;
  auto dot = v.find('.');
  if (dot == std::string_view::npos || dot == 1 || dot == v.size() - 1) return false;
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (i != dot && (v[i] < '0' || v[i] > '9')) return false;
  }
  return true;
}

bool IsBaseUrl(std::string_view url) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) return false;
  return url.find_first_of("?# \r\n\t") == std::string_view::npos;
}

}  // namespace

Result<GraphAccount> ReadGraphAccount(const config::Account& account,
                                      std::string_view owner_key) {
  GraphAccount out;
  out.account_id = account.id;
  out.base_url = account.api_base_url.empty() ? std::string(kDefaultBaseUrl) : account.api_base_url;
  while (out.base_url.ends_with('/')) out.base_url.pop_back();
  if (!IsBaseUrl(out.base_url)) {
    return Error::InvalidInput(fmt::format(
        "account {}: api_base_url must be an http(s) URL without query", account.id));
  }
  out.version = account.api_version.empty() ? std::string(kDefaultVersion) : account.api_version;
  if (!IsVersion(out.version)) {
    return Error::InvalidInput(fmt::format(
        "account {}: api_version \"{}\" is not a Graph version like \"v21.0\"", account.id,
        out.version.substr(0, 20)));
  }
  out.owner_id = account.setting(std::string(owner_key));
  if (!IsGraphId(out.owner_id)) {
    return Error::InvalidInput(
        fmt::format("account {}: {} must be the numeric id, as a string", account.id, owner_key));
  }
  const config::Secret* token = account.secret("token");
  if (token == nullptr || token->value.empty()) {
    return Error::InvalidInput(
        fmt::format("account {}: no token (token_credential or token_file)", account.id));
  }
  out.token = token->value;
  if (const std::string& lookback = account.setting("lookback"); !lookback.empty()) {
    auto d = ParseDuration(lookback);
    if (!d || *d <= Seconds{0}) {
      return Error::InvalidInput(fmt::format(
          "account {}: lookback \"{}\" is not a positive duration like \"30d\"", account.id,
          lookback.substr(0, 20)));
    }
    out.lookback = *d;
  }
  return out;
}

std::string EncodeParams(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += UrlEncode(name);
    out += '=';
    out += UrlEncode(value);
  }
  return out;
}

GraphClient::GraphClient(HttpClient& http, const GraphAccount& account, TimePoint now)
    : http_(http), account_(account), now_(now) {}

Result<Reply> GraphClient::Call(std::string_view method, std::string_view path,
                                const Params& params, std::string_view what,
                                std::string_view permission) {
  HttpRequest request;
  request.method = std::string(method);
  request.url = fmt::format("{}/{}/{}", account_.base_url, account_.version, path);
  std::string encoded = EncodeParams(params);
  if (method == "POST") {
    request.body = std::move(encoded);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  } else if (!encoded.empty()) {
    request.url += '?';
    request.url += encoded;
  }
  // Graph takes OAuth 2.0 bearer tokens: never access_token= in a URL that proxies may log.
  request.headers.emplace_back("Authorization", "Bearer " + account_.token);

  ++calls_;
  Result<HttpResponse> sent = http_.Send(request);
  if (!sent) {
    Error e = sent.error();
    e.message = fmt::format("account {}: {}: {}", account_.account_id, what, e.message);
    return e;
  }
  const HttpResponse& response = *sent;
  Usage usage = ParseUsage(response, now_);
  if (usage.percent || usage.regain_at) {
    rate_limit_.usage_percent = usage.percent;
    rate_limit_.reset_at = usage.regain_at;
    rate_limit_.remaining = usage.regain_at ? std::optional<int>(0) : std::nullopt;
  }

  Json body = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  std::optional<GraphError> error = ParseGraphError(body);
  const bool ok = response.status >= 200 && response.status < 300 && !error;
  if (!ok) {
    if (IsGone(response.status, error)) return Reply{Json::object(), true};
    CallContext ctx{account_.account_id, what, permission, now_};
    return MapGraphError(response.status, error, usage, ctx);
  }
  if (!body.is_object()) {
    return Error::Transient(fmt::format(
        "account {}: {}: HTTP {} with a body that is not a JSON object ({} bytes)",
        account_.account_id, what, response.status, response.body.size()));
  }
  return Reply{std::move(body), false};
}

}  // namespace schoolmod::connectors::graph
