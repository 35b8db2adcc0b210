#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The admin server's own request and response types, so handlers never see cpprestsdk
// (archived upstream; only admin_server.cc includes it).
namespace schoolmod::daemon::http {

struct Request {
  std::string method;                          // "GET", "POST", ...
  std::string path;                            // decoded, without the query
  std::map<std::string, std::string> query;    // decoded
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> params;   // from the route pattern: "{id}" -> params["id"]

  std::string header(const std::string& lower_name) const;
  std::string query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)

  static Response Json(int status, std::string body);
  // {"error": message} with the message JSON-escaped.
  static Response Error(int status, std::string_view message);
};

using Handler = std::function<Response(const Request&)>;

struct Route {
  std::string_view method;
  std::string_view pattern;  // "/api/v1/items/{id}": a {name} segment matches one path segment
  Handler handler;
};

// The route for method+path, filling request.params; nullptr when none matches. `*path_matched`
// tells 404 from 405.
const Route* MatchRoute(const std::vector<Route>& routes, Request& request, bool* path_matched);

}  // namespace schoolmod::daemon::http
