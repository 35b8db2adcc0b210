#include "sql.h"

#include <array>
#include <utility>

#include <sqlite3.h>

#include "schoolmod/storage/ingest.h"
#include "schoolmod/enum_names.h"

namespace schoolmod::storage {
namespace {

constexpr std::array<std::pair<ActionState, std::string_view>, 5> kActionStates{{
    {ActionState::kPending, "pending"},
    {ActionState::kInFlight, "in_flight"},
    {ActionState::kDone, "done"},
    {ActionState::kFailed, "failed"},
    {ActionState::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<NotificationState, std::string_view>, 5> kNotificationStates{{
    {NotificationState::kPending, "pending"},
    {NotificationState::kInFlight, "in_flight"},
    {NotificationState::kSent, "sent"},
    {NotificationState::kFailed, "failed"},
    {NotificationState::kCancelled, "cancelled"},
}};

constexpr std::array<std::pair<SlaState, std::string_view>, 2> kSlaStates{{
    {SlaState::kOpen, "open"},
    {SlaState::kStopped, "stopped"},
}};

constexpr std::array<std::pair<IngestStatus, std::string_view>, 5> kIngestStatuses{{
    {IngestStatus::kNew, "new"},
    {IngestStatus::kEdited, "edited"},
    {IngestStatus::kUnchanged, "unchanged"},
    {IngestStatus::kDeleted, "deleted"},
    {IngestStatus::kIgnored, "ignored"},
}};

constexpr std::array<ErrorKind, 7> kErrorKinds{
    ErrorKind::kAuth,         ErrorKind::kPermission, ErrorKind::kRateLimited,
    ErrorKind::kTransient,    ErrorKind::kPermanent,  ErrorKind::kNotSupported,
    ErrorKind::kInvalidInput,
};

}  // namespace

std::string_view ToString(ActionState s) { return NameOf(kActionStates, s); }
std::string_view ToString(NotificationState s) { return NameOf(kNotificationStates, s); }
std::string_view ToString(SlaState s) { return NameOf(kSlaStates, s); }
std::string_view ToString(IngestStatus s) { return NameOf(kIngestStatuses, s); }

namespace internal {

Error SqlError(std::string_view what, const SQLite::Exception& e) {
  const int primary = e.getErrorCode() & 0xff;
  std::string message = std::string(what) + ": " + e.what();
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Error::Transient(message);
  return Error::Permanent(message);
}

void BindText(SQLite::Statement& q, const char* name, std::string_view value) {
  q.bind(name, std::string(value));
}

void BindOptText(SQLite::Statement& q, const char* name, const std::optional<std::string>& value) {
  if (value) {
    q.bind(name, *value);
  } else {
    q.bind(name);
  }
}

void BindInt(SQLite::Statement& q, const char* name, std::int64_t value) {
  q.bind(name, static_cast<int64_t>(value));
}

void BindBool(SQLite::Statement& q, const char* name, bool value) {
  q.bind(name, static_cast<int32_t>(value ? 1 : 0));
}

void BindTime(SQLite::Statement& q, const char* name, TimePoint value) {
  q.bind(name, static_cast<int64_t>(ToUnixSeconds(value)));
}

void BindOptTime(SQLite::Statement& q, const char* name, std::optional<TimePoint> value) {
  if (value) {
    BindTime(q, name, *value);
  } else {
    q.bind(name);
  }
}

void BindNull(SQLite::Statement& q, const char* name) { q.bind(name); }

std::string ColText(const SQLite::Statement& q, const char* name) {
  // getString() keeps embedded NULs, which hostile text may contain.
  return q.getColumn(name).getString();
}

std::optional<std::string> ColOptText(const SQLite::Statement& q, const char* name) {
  auto column = q.getColumn(name);
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

std::int64_t ColInt(const SQLite::Statement& q, const char* name) {
  return q.getColumn(name).getInt64();
}

bool ColBool(const SQLite::Statement& q, const char* name) {
  return q.getColumn(name).getInt64() != 0;
}

TimePoint ColTime(const SQLite::Statement& q, const char* name) {
  return FromUnixSeconds(q.getColumn(name).getInt64());
}

std::optional<TimePoint> ColOptTime(const SQLite::Statement& q, const char* name) {
  auto column = q.getColumn(name);
  if (column.isNull()) return std::nullopt;
  return FromUnixSeconds(column.getInt64());
}

bool ColIsNull(const SQLite::Statement& q, const char* name) { return q.getColumn(name).isNull(); }

std::optional<ActionState> ParseActionState(std::string_view s) {
  return ValueOf<ActionState>(kActionStates, s);
}
std::optional<NotificationState> ParseNotificationState(std::string_view s) {
  return ValueOf<NotificationState>(kNotificationStates, s);
}
std::optional<SlaState> ParseSlaState(std::string_view s) {
  return ValueOf<SlaState>(kSlaStates, s);
}
std::optional<ErrorKind> ParseErrorKind(std::string_view s) {
  for (ErrorKind kind : kErrorKinds) {
    if (ToString(kind) == s) return kind;
  }
  return std::nullopt;
}

}  // namespace internal
}  // namespace schoolmod::storage
