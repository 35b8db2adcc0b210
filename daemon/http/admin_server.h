#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/http_types.h"
#include "schoolmod/result.h"

namespace spdlog { class logger; }

namespace schoolmod::daemon::http {

// The admin UI and API server on `daemon.listen`. Every response passes through one wrapper that
// adds the security headers and turns an exception into a JSON 500, so handlers stay small.
class AdminServer {
 public:
  virtual ~AdminServer() = default;
  // Stops accepting and waits for requests in progress. Idempotent.
  virtual void Stop() = 0;
  virtual std::string base_url() const = 0;
};

// Binds `listen` ("127.0.0.1:8440") and starts serving `routes`. Fails (kPermanent) when the
// address is malformed or cannot be bound, naming it.
Result<std::unique_ptr<AdminServer>> StartAdminServer(const std::string& listen,
                                                      std::vector<Route> routes,
                                                      std::shared_ptr<spdlog::logger> log);

}  // namespace schoolmod::daemon::http
