#include "schoolmod/result.h"

namespace schoolmod {

std::string_view ToString(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kAuth: return "auth";
    case ErrorKind::kPermission: return "permission";
    case ErrorKind::kRateLimited: return "rate_limited";
    case ErrorKind::kTransient: return "transient";
    case ErrorKind::kPermanent: return "permanent";
    case ErrorKind::kNotSupported: return "not_supported";
    case ErrorKind::kInvalidInput: return "invalid_input";
  }
  return "unknown";
}

}  // namespace schoolmod
