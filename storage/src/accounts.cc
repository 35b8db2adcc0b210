#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage::internal {
namespace {

constexpr const char* kAccountColumns =
    "account_id, platform, cursor, last_poll_at, last_success_at, error_kind, error_message, "
    "consecutive_failures, next_poll_at";

AccountState ReadAccountState(const SQLite::Statement& q) {
  AccountState s;
  s.account_id = ColText(q, "account_id");
  s.platform = ColText(q, "platform");
  s.cursor.value = ColText(q, "cursor");
  s.last_poll_at = ColOptTime(q, "last_poll_at");
  s.last_success_at = ColOptTime(q, "last_success_at");
  if (auto kind = ColOptText(q, "error_kind")) s.error_kind = ParseErrorKind(*kind);
  s.error_message = ColText(q, "error_message");
  s.consecutive_failures = static_cast<int>(ColInt(q, "consecutive_failures"));
  s.next_poll_at = ColOptTime(q, "next_poll_at");
  return s;
}

}  // namespace

Result<void> SqliteDatabase::RecordPollFailure(std::string_view account_id,
                                               std::string_view platform, const Error& error,
                                               TimePoint at,
                                               std::optional<TimePoint> next_poll_at) {
  const std::string what = fmt::format("storage: record poll failure account={}", account_id);
  if (account_id.empty()) return Error::InvalidInput(what + ": empty account id");
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(db_,
                        "INSERT INTO account_states (account_id, platform, last_poll_at, "
                        "error_kind, error_message, consecutive_failures, next_poll_at) "
                        "VALUES (:account_id, :platform, :at, :kind, :message, 1, :next) "
                        "ON CONFLICT (account_id) DO UPDATE SET platform = excluded.platform, "
                        "last_poll_at = excluded.last_poll_at, error_kind = excluded.error_kind, "
                        "error_message = excluded.error_message, "
                        "consecutive_failures = consecutive_failures + 1, "
                        "next_poll_at = excluded.next_poll_at");
    BindText(q, ":account_id", account_id);
    BindText(q, ":platform", platform);
    BindTime(q, ":at", at);
    BindText(q, ":kind", ToString(error.kind));
    BindText(q, ":message", error.message);
    BindOptTime(q, ":next", next_poll_at);
    q.exec();
    txn.commit();
    return Ok();
  });
}

Result<std::optional<AccountState>> SqliteDatabase::GetAccountState(std::string_view account_id) {
  return Guard(fmt::format("storage: get account state account={}", account_id),
               [&]() -> Result<std::optional<AccountState>> {
                 SQLite::Statement q(db_, fmt::format("SELECT {} FROM account_states WHERE "
                                                      "account_id = :account_id",
                                                      kAccountColumns));
                 BindText(q, ":account_id", account_id);
                 if (!q.executeStep()) return std::optional<AccountState>();
                 return std::optional<AccountState>(ReadAccountState(q));
               });
}

Result<std::vector<AccountState>> SqliteDatabase::ListAccountStates() {
  return Guard("storage: list account states", [&]() -> Result<std::vector<AccountState>> {
    SQLite::Statement q(
        db_, fmt::format("SELECT {} FROM account_states ORDER BY account_id", kAccountColumns));
    std::vector<AccountState> out;
    while (q.executeStep()) out.push_back(ReadAccountState(q));
    return out;
  });
}

Result<int> SqliteDatabase::CountAuthorRemovals(std::string_view account_id,
                                                std::string_view author_id) {
  return Guard(fmt::format("storage: count removals account={} author={}", account_id, author_id),
               [&]() -> Result<int> {
                 SQLite::Statement q(db_, R"(
                   SELECT COUNT(*) FROM comments c
                   JOIN verdicts v ON v.id = (SELECT MAX(id) FROM verdicts WHERE comment_id = c.id)
                   WHERE c.account_id = :account AND c.author_id = :author
                     AND v.verdict = 'remove')");
                 BindText(q, ":account", account_id);
                 BindText(q, ":author", author_id);
                 q.executeStep();
                 return q.getColumn(0).getInt();
               });
}

}  // namespace schoolmod::storage::internal
