#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "schoolmod/storage/database.h"

namespace schoolmod::storage::internal {

// The one Database implementation. Each public method runs in Guard() and opens its own
// transaction; the *InTxn helpers expect the caller's write transaction to be open and throw on
// SQL errors, so several of them compose into one atomic step (ingest, StopSla).
class SqliteDatabase final : public Database {
 public:
  // Opens the SQLite connection; throws SQLite::Exception (Database::Open converts it).
  SqliteDatabase(const std::string& path, const Options& options);

  // Pragmas, migrations, in-flight recovery. Called once by Database::Open.
  Result<void> Initialise();

  Result<IngestReport> IngestPoll(const PollBatch& batch) override;
  Result<void> RecordPollFailure(std::string_view account_id, std::string_view platform,
                                 const Error& error, TimePoint at,
                                 std::optional<TimePoint> next_poll_at) override;
  Result<std::optional<AccountState>> GetAccountState(std::string_view account_id) override;
  Result<std::vector<AccountState>> ListAccountStates() override;
  Result<int> CountAuthorRemovals(std::string_view account_id,
                                  std::string_view author_id) override;

  Result<Enqueued> EnqueueAction(std::int64_t comment_id, const PlannedAction& action,
                                 TimePoint at) override;
  Result<std::vector<OutboxAction>> ClaimDueActions(TimePoint now, int limit) override;
  Result<void> MarkActionDone(std::int64_t id, const connectors::ActionOutcome& outcome,
                              TimePoint at) override;
  Result<void> MarkActionRetry(std::int64_t id, std::string_view error,
                               TimePoint next_attempt_at) override;
  Result<void> MarkActionFailed(std::int64_t id, std::string_view error, TimePoint at) override;
  Result<std::int64_t> CountActions(ActionState state) override;

  Result<Enqueued> EnqueueNotification(const PlannedNotification& notification,
                                       std::optional<std::int64_t> item_id, TimePoint at) override;
  Result<std::vector<OutboxNotification>> ClaimDueNotifications(TimePoint now, int limit) override;
  Result<std::string> SetNotificationMessageId(std::int64_t id,
                                               std::string_view message_id) override;
  Result<void> MarkNotificationSent(std::int64_t id, std::string_view message_id,
                                    TimePoint at) override;
  Result<void> MarkNotificationRetry(std::int64_t id, std::string_view error,
                                     TimePoint next_attempt_at) override;
  Result<void> MarkNotificationFailed(std::int64_t id, std::string_view error,
                                      TimePoint at) override;
  Result<int> CancelNotificationsForItem(std::int64_t item_id,
                                         const std::vector<std::string>& kinds) override;
  Result<std::int64_t> CountNotifications(NotificationState state) override;

  Result<std::vector<ItemSummary>> ListItems(const ItemFilter& filter) override;
  Result<std::optional<ItemDetail>> GetItem(std::int64_t comment_id) override;
  Result<bool> StopSla(std::int64_t comment_id, std::string_view stopped_by,
                       std::string_view reason, TimePoint at) override;
  Result<bool> MarkSlaBreached(std::int64_t comment_id, TimePoint at) override;
  Result<void> MarkReviewed(std::int64_t comment_id, std::string_view reviewed_by,
                            std::string_view reason, TimePoint at) override;

  Result<std::int64_t> AppendAudit(const AuditEntry& entry) override;
  Result<void> VerifyAuditChain() override;
  Result<std::vector<AuditRecord>> ListAudit(const AuditFilter& filter) override;

  Result<void> Backup(const std::string& dest_path) override;
  Result<int> PurgeCommentText(TimePoint cutoff, std::string_view actor, TimePoint at) override;

 private:
  std::string SetWalMode();  // returns the journal mode now in effect
  Result<void> Migrate();
  void RecoverInFlight();
  int UserVersion();

  // ---- helpers inside the caller's write transaction ----

  // The comment's account id; nullopt if there is no such comment.
  std::optional<std::string> CommentAccountInTxn(std::int64_t comment_id);
  std::optional<std::int64_t> FindCommentInTxn(std::string_view account_id,
                                               std::string_view platform_id);
  // Stops a running clock, cancels its reminder/breach notifications and audits the stop.
  // False if no clock was running.
  bool StopSlaInTxn(std::int64_t comment_id, std::string_view stopped_by, std::string_view reason,
                    TimePoint at);
  int CancelNotificationsInTxn(std::int64_t item_id, const std::vector<std::string>& kinds);
  // Inserts unless the key exists; audits a created row.
  Enqueued EnqueueActionInTxn(std::int64_t comment_id, const std::string& account_id,
                              const PlannedAction& action, TimePoint at);
  Enqueued EnqueueNotificationInTxn(const PlannedNotification& notification,
                                    std::optional<std::int64_t> item_id, TimePoint at);
  void InsertVerdictInTxn(std::int64_t comment_id, const moderation::Verdict& verdict,
                          TimePoint decided_at);
  std::int64_t AppendAuditInTxn(const AuditEntry& entry);
  // Checks that outbox row `id` of `table` is in flight; the error says what it is instead.
  std::optional<Error> RequireInFlight(const char* table, std::int64_t id);
  // Puts an in-flight row of `table` back to pending for another attempt at next_attempt_at.
  Result<void> ReturnToPending(const char* table, const std::string& what, std::int64_t id,
                               std::string_view error, TimePoint next_attempt_at);

  const std::string path_;
  const Options options_;
  SQLite::Database db_;
};

}  // namespace schoolmod::storage::internal
