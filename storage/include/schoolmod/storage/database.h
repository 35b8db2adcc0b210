#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/connectors/types.h"
#include "schoolmod/result.h"
#include "schoolmod/storage/audit.h"
#include "schoolmod/storage/ingest.h"
#include "schoolmod/storage/outbox.h"
#include "schoolmod/storage/queue.h"
#include "schoolmod/storage/records.h"
#include "schoolmod/time.h"

namespace spdlog {
class logger;
}

// schoolmod's state: one SQLite file shared by schoolmodd and schoolmodctl.
namespace schoolmod::storage {

struct Options {
  // How long a statement waits for another process's lock before failing with kTransient.
  // Writes are short transactions, so a few seconds rides out contention between schoolmodd and
  // schoolmodctl; longer would stall the scheduler behind a stuck process.
  std::chrono::milliseconds busy_timeout{5000};

  // Set by the one process that runs the outbox workers (schoolmodd), and by nobody else. Open
  // then returns rows a crashed run left in_flight to pending, so they are retried (emails with
  // their stored message id). schoolmodctl leaves it false: its Open must not take back work the
  // running daemon has in flight, which would do it twice.
  bool recover_in_flight = false;

  // Migrations and recovery are logged here ("storage" logger); null: no logging.
  std::shared_ptr<spdlog::logger> logger;
};

// The database. Open() creates or migrates the file; every method is one transaction, so a
// failure leaves nothing half-written. Connections use WAL with synchronous=NORMAL: a crash of the
// process loses nothing committed; a power cut may lose the last commits (the outboxes then redo
// at most those side effects).
//
// Errors: no exception leaves this class. SQLITE_BUSY/LOCKED (another process held the lock past
// busy_timeout) is kTransient: retry later. kInvalidInput is a bad argument (unknown id, empty
// key). Everything else (disk full, corruption, constraint) is kPermanent, with a message naming
// the operation and the ids involved.
//
// Thread-safety: a Database is NOT thread-safe. Use one per thread, or guard a shared one with a
// mutex (the daemon keeps one behind LockGuarded). Separate processes and separate Database
// objects on the same file are safe: SQLite's locking serialises writers, readers see committed
// data.
//
// Text from platforms is hostile: it is only ever bound as a parameter, never spliced into SQL.
class Database {
 public:
  // Opens (creating if missing) the database at `path`, sets WAL, foreign_keys, synchronous and
  // the busy timeout, then applies each migration this build knows and the file does not, each in
  // its own transaction. A file with a newer schema than this build knows is refused (kPermanent,
  // "database X is schema version 7; this schoolmod understands up to 3: upgrade schoolmod").
  static Result<std::unique_ptr<Database>> Open(const std::string& path,
                                                const Options& options = {});
  // The schema version this build migrates to.
  static int LatestSchemaVersion();

  virtual ~Database() = default;

  // ---- Polling --------------------------------------------------------------------------------

  // Stores one poll in ONE transaction: every comment (upsert on account_id + platform_id); for new
  // and edited comments their verdict, response clock and planned actions/notifications (keys
  // already present are skipped); deletions (deleted_at, clock stopped "deleted on platform");
  // own replies (the parent's open clock stopped "account replied in thread"); then the account's
  // cursor, last_poll_at, last_success_at, cleared error and failure count. On any error nothing
  // of the batch is stored and the cursor is unchanged. Storing the same batch again changes
  // nothing. kInvalidInput names the first item that is unusable (empty platform id or key).
  virtual Result<IngestReport> IngestPoll(const PollBatch& batch) = 0;

  // Records a failed poll: last_poll_at, the error, consecutive_failures + 1, next_poll_at.
  // The cursor is untouched.
  virtual Result<void> RecordPollFailure(std::string_view account_id, std::string_view platform,
                                         const Error& error, TimePoint at,
                                         std::optional<TimePoint> next_poll_at) = 0;
  // nullopt: the account has never been polled.
  virtual Result<std::optional<AccountState>> GetAccountState(std::string_view account_id) = 0;
  // Ordered by account id.
  virtual Result<std::vector<AccountState>> ListAccountStates() = 0;
  // How many of `author_id`'s stored comments on the account have "remove" as their current
  // verdict: the classifier blocks repeat offenders. 0 for an unknown author.
  virtual Result<int> CountAuthorRemovals(std::string_view account_id,
                                          std::string_view author_id) = 0;

  // ---- Action outbox --------------------------------------------------------------------------

  // Queues an action on a stored comment (an administrator's decision). Writes an audit row
  // ("action.request", actor requested_by) when the row is created. kInvalidInput: unknown comment
  // or empty idempotency key / requested_by.
  virtual Result<Enqueued> EnqueueAction(std::int64_t comment_id, const PlannedAction& action,
                                         TimePoint at) = 0;
  // Marks up to `limit` pending actions whose next_attempt_at <= now in_flight (attempts + 1) and
  // returns them, earliest first. The caller must finish each with one of the Mark* calls.
  virtual Result<std::vector<OutboxAction>> ClaimDueActions(TimePoint now, int limit) = 0;
  // in_flight -> done. Also records the fact on the comment (hide/unhide: hidden; delete:
  // deleted_at, and its clock stops "deleted by moderation action") and an audit row.
  // kInvalidInput if the action is not in flight.
  virtual Result<void> MarkActionDone(std::int64_t id, const connectors::ActionOutcome& outcome,
                                      TimePoint at) = 0;
  // in_flight -> pending, to be claimed again at next_attempt_at.
  virtual Result<void> MarkActionRetry(std::int64_t id, std::string_view error,
                                       TimePoint next_attempt_at) = 0;
  // in_flight -> failed (given up; an audit row records it).
  virtual Result<void> MarkActionFailed(std::int64_t id, std::string_view error, TimePoint at) = 0;
  virtual Result<std::int64_t> CountActions(ActionState state) = 0;

  // ---- Notification outbox --------------------------------------------------------------------

  // Queues one email; `item_id` is the comment it is about (kInvalidInput if unknown), nullopt for
  // account-level alerts. The first attempt is due at notification.due_at.
  virtual Result<Enqueued> EnqueueNotification(const PlannedNotification& notification,
                                               std::optional<std::int64_t> item_id,
                                               TimePoint at) = 0;
  // Marks up to `limit` pending notifications with next_attempt_at <= now in_flight (attempts + 1)
  // and returns them, earliest due_at first.
  virtual Result<std::vector<OutboxNotification>> ClaimDueNotifications(TimePoint now,
                                                                        int limit) = 0;
  // Fixes the Message-ID before the first send and returns the one to use: `message_id` if the row
  // had none, else the one stored earlier (a retry after a crash resends the same message).
  virtual Result<std::string> SetNotificationMessageId(std::int64_t id,
                                                       std::string_view message_id) = 0;
  // in_flight -> sent. An empty message_id keeps the stored one.
  virtual Result<void> MarkNotificationSent(std::int64_t id, std::string_view message_id,
                                            TimePoint at) = 0;
  // in_flight -> pending, to be claimed again at next_attempt_at (message id kept).
  virtual Result<void> MarkNotificationRetry(std::int64_t id, std::string_view error,
                                             TimePoint next_attempt_at) = 0;
  // in_flight -> failed.
  virtual Result<void> MarkNotificationFailed(std::int64_t id, std::string_view error,
                                              TimePoint at) = 0;
  // Cancels the item's pending notifications of the given kinds (every kind if empty) and returns
  // how many. In-flight and finished rows are left alone.
  virtual Result<int> CancelNotificationsForItem(std::int64_t item_id,
                                                 const std::vector<std::string>& kinds) = 0;
  virtual Result<std::int64_t> CountNotifications(NotificationState state) = 0;

  // ---- Queue ----------------------------------------------------------------------------------

  // Items matching `filter`: running clocks soonest due first, then items without a running clock
  // in comment id order.
  virtual Result<std::vector<ItemSummary>> ListItems(const ItemFilter& filter) = 0;
  // nullopt: no such comment.
  virtual Result<std::optional<ItemDetail>> GetItem(std::int64_t comment_id) = 0;

  // Stops the comment's running clock and, in the same transaction, cancels its pending
  // "reminder" and "breach" notifications and writes an audit row ("sla.stop"). Returns false
  // (and writes nothing) when there is no running clock. kInvalidInput: unknown comment.
  virtual Result<bool> StopSla(std::int64_t comment_id, std::string_view stopped_by,
                               std::string_view reason, TimePoint at) = 0;
  // Records the first breach of a running clock; false if already recorded or not running.
  virtual Result<bool> MarkSlaBreached(std::int64_t comment_id, TimePoint at) = 0;
  // A person has dealt with the item's moderation ("leave", or after choosing an action): it
  // leaves the open queue unless its clock still runs. Writes an audit row ("item.review").
  // An edit of the comment clears it. kInvalidInput: unknown comment.
  virtual Result<void> MarkReviewed(std::int64_t comment_id, std::string_view reviewed_by,
                                    std::string_view reason, TimePoint at) = 0;

  // ---- Audit ----------------------------------------------------------------------------------

  // Appends a row chained to the previous one; returns its id. Serialised across processes.
  virtual Result<std::int64_t> AppendAudit(const AuditEntry& entry) = 0;
  // Recomputes every row's hash in id order. The error (kPermanent) names the first bad row and
  // why. Cannot detect removal of the newest rows alone: compare against an exported head hash.
  virtual Result<void> VerifyAuditChain() = 0;
  // Newest first.
  virtual Result<std::vector<AuditRecord>> ListAudit(const AuditFilter& filter) = 0;

  // ---- Maintenance ----------------------------------------------------------------------------

  // Copies the live database to `dest_path` with SQLite's online backup API (writers are not
  // blocked for long). The copy is written beside the destination and linked into place, so
  // dest_path is either absent or a complete database. kInvalidInput if dest_path exists.
  virtual Result<void> Backup(const std::string& dest_path) = 0;

  // Retention (DESIGN.md "Security and data protection"): empties the text and author name of
  // comments created before `cutoff` and the bodies of finished (sent, failed, cancelled) emails
  // about them, and marks them text_purged. Verdicts, clocks, actions and the audit log (which
  // never holds comment text) stay for the reports; author_id stays for blocks. Returns how many
  // comments were purged; writes one audit row ("retention.purge", actor `actor`) if any were.
  virtual Result<int> PurgeCommentText(TimePoint cutoff, std::string_view actor, TimePoint at) = 0;
};

}  // namespace schoolmod::storage
