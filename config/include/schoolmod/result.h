#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "schoolmod/time.h"

namespace schoolmod {

// What went wrong, phrased as what the caller should do next (DESIGN.md "Connectors").
enum class ErrorKind {
  kAuth,          // credentials expired or revoked: alert a person, stop using them
  kPermission,    // the token lacks a permission: alert a person, do not retry
  kRateLimited,   // wait until retry_at, then try again
  kTransient,     // network blip, 5xx, timeout: retry with backoff
  kPermanent,     // will fail the same way every time: record it, do not retry
  kNotSupported,  // the platform or object cannot do this
  kInvalidInput,  // the caller's input (config, file, request) is wrong
};

std::string_view ToString(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kPermanent;
  std::string message;                // names the thing: file:line, account id, comment id
  std::optional<TimePoint> retry_at;  // set with kRateLimited when the platform says when

  static Error Auth(std::string m) { return {ErrorKind::kAuth, std::move(m), {}}; }
  static Error Permission(std::string m) { return {ErrorKind::kPermission, std::move(m), {}}; }
  static Error RateLimited(std::string m, std::optional<TimePoint> at) {
    return {ErrorKind::kRateLimited, std::move(m), at};
  }
  static Error Transient(std::string m) { return {ErrorKind::kTransient, std::move(m), {}}; }
  static Error Permanent(std::string m) { return {ErrorKind::kPermanent, std::move(m), {}}; }
  static Error NotSupported(std::string m) { return {ErrorKind::kNotSupported, std::move(m), {}}; }
  static Error InvalidInput(std::string m) { return {ErrorKind::kInvalidInput, std::move(m), {}}; }
};

// A T or an Error. Expected failures (rate limits, bad input, I/O) travel as values; check with
// `if (!r)` before touching value(). Reading the wrong side is a bug and asserts.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { assert(!ok()); return *error_; }

 private:
  std::optional<Error> error_;
};

inline Result<void> Ok() { return {}; }

}  // namespace schoolmod
