#include "schoolmod/connectors/http_client.h"

// Placeholder until the libcurl client lands in this file; kept compilable so the tree builds.
namespace schoolmod::connectors {

std::unique_ptr<HttpClient> MakeCurlHttpClient(const HttpClientOptions&,
                                               std::shared_ptr<spdlog::logger>) {
  return nullptr;
}

}  // namespace schoolmod::connectors
