#pragma once

// Private helpers shared by the storage .cc files: exception-to-Error conversion, parameter
// binding and column reading, enum <-> text. Only src/ sees SQLiteCpp.

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "schoolmod/result.h"
#include "schoolmod/storage/outbox.h"
#include "schoolmod/storage/records.h"
#include "schoolmod/time.h"

namespace schoolmod::storage::internal {

// SQLITE_BUSY/LOCKED (another process kept the lock past the busy timeout) -> kTransient;
// anything else -> kPermanent. `what` names the operation and its ids.
Error SqlError(std::string_view what, const SQLite::Exception& e);

// Runs `body` (returning Result<T>) and turns any exception it throws into an Error, so no
// SQLiteCpp (or json, or allocation) exception crosses a public function.
template <typename F>
auto Guard(std::string_view what, F&& body) -> std::invoke_result_t<F> {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    return SqlError(what, e);
  } catch (const std::exception& e) {
    return Error::Permanent(std::string(what) + ": " + e.what());
  }
}

void BindText(SQLite::Statement& q, const char* name, std::string_view value);
void BindOptText(SQLite::Statement& q, const char* name, const std::optional<std::string>& value);
void BindInt(SQLite::Statement& q, const char* name, std::int64_t value);
void BindBool(SQLite::Statement& q, const char* name, bool value);
void BindTime(SQLite::Statement& q, const char* name, TimePoint value);
void BindOptTime(SQLite::Statement& q, const char* name, std::optional<TimePoint> value);
void BindNull(SQLite::Statement& q, const char* name);

std::string ColText(const SQLite::Statement& q, const char* name);  // NULL reads as ""
std::optional<std::string> ColOptText(const SQLite::Statement& q, const char* name);
std::int64_t ColInt(const SQLite::Statement& q, const char* name);
bool ColBool(const SQLite::Statement& q, const char* name);
TimePoint ColTime(const SQLite::Statement& q, const char* name);
std::optional<TimePoint> ColOptTime(const SQLite::Statement& q, const char* name);
bool ColIsNull(const SQLite::Statement& q, const char* name);

std::optional<ActionState> ParseActionState(std::string_view s);
std::optional<NotificationState> ParseNotificationState(std::string_view s);
std::optional<SlaState> ParseSlaState(std::string_view s);
std::optional<ErrorKind> ParseErrorKind(std::string_view s);

}  // namespace schoolmod::storage::internal
