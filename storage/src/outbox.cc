#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rows.h"
#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage::internal {
namespace {

std::string Json(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::optional<std::string> SqliteDatabase::CommentAccountInTxn(std::int64_t comment_id) {
  SQLite::Statement q(db_, "SELECT account_id FROM comments WHERE id = :id");
  BindInt(q, ":id", comment_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

std::optional<Error> SqliteDatabase::RequireInFlight(const char* table, std::int64_t id) {
  const std::string_view noun =
      std::string_view(table) == "action_outbox" ? "action" : "notification";
  SQLite::Statement q(db_, fmt::format("SELECT state FROM {} WHERE id = :id", table));
  BindInt(q, ":id", id);
  if (!q.executeStep()) return Error::InvalidInput(fmt::format("{} {} does not exist", noun, id));
  const std::string state = q.getColumn(0).getString();
  if (state != "in_flight") {
    return Error::InvalidInput(fmt::format("{} {} is {}, not in flight", noun, id, state));
  }
  return std::nullopt;
}

// ---- Actions --------------------------------------------------------------------------------

Enqueued SqliteDatabase::EnqueueActionInTxn(std::int64_t comment_id, const std::string& account_id,
                                            const PlannedAction& action, TimePoint at) {
  // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: OR IGNORE would also swallow CHECK and
  // NOT NULL failures, hiding a bad row instead of failing the transaction.
  SQLite::Statement insert(
      db_,
      "INSERT INTO action_outbox (idempotency_key, account_id, comment_id, kind, reason, message, "
      "requested_by, next_attempt_at, created_at) VALUES (:key, :account_id, :comment_id, :kind, "
      ":reason, :message, :requested_by, :at, :at) ON CONFLICT (idempotency_key) DO NOTHING");
  BindText(insert, ":key", action.idempotency_key);
  BindText(insert, ":account_id", account_id);
  BindInt(insert, ":comment_id", comment_id);
  BindText(insert, ":kind", connectors::ToString(action.kind));
  BindText(insert, ":reason", action.reason);
  BindText(insert, ":message", action.message);
  BindText(insert, ":requested_by", action.requested_by);
  BindTime(insert, ":at", at);
  if (insert.exec() == 1) {
    const std::int64_t id = db_.getLastInsertRowid();
    AppendAuditInTxn({at, action.requested_by, "action.request", CommentSubject(comment_id),
                      action.reason,
                      Json({{"action_id", id},
                            {"kind", connectors::ToString(action.kind)},
                            {"idempotency_key", action.idempotency_key}})});
    return {id, true};
  }
  SQLite::Statement existing(db_, "SELECT id FROM action_outbox WHERE idempotency_key = :key");
  BindText(existing, ":key", action.idempotency_key);
  existing.executeStep();
  return {existing.getColumn(0).getInt64(), false};
}

Result<Enqueued> SqliteDatabase::EnqueueAction(std::int64_t comment_id, const PlannedAction& action,
                                               TimePoint at) {
  const std::string what = fmt::format("storage: enqueue {} action comment={}",
                                       connectors::ToString(action.kind), comment_id);
  if (action.idempotency_key.empty()) return Error::InvalidInput(what + ": empty idempotency key");
  if (action.requested_by.empty()) return Error::InvalidInput(what + ": empty requested_by");
  return Guard(what, [&]() -> Result<Enqueued> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    auto account_id = CommentAccountInTxn(comment_id);
    if (!account_id) return Error::InvalidInput(what + ": no such comment");
    Enqueued result = EnqueueActionInTxn(comment_id, *account_id, action, at);
    txn.commit();
    return result;
  });
}

Result<std::vector<OutboxAction>> SqliteDatabase::ClaimDueActions(TimePoint now, int limit) {
  return Guard("storage: claim due actions", [&]() -> Result<std::vector<OutboxAction>> {
    std::vector<OutboxAction> out;
    if (limit <= 0) return out;
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<std::int64_t> ids;
    {
      SQLite::Statement due(db_,
                            "SELECT id FROM action_outbox WHERE state = 'pending' AND "
                            "next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :limit");
      BindTime(due, ":now", now);
      BindInt(due, ":limit", limit);
      while (due.executeStep()) ids.push_back(due.getColumn(0).getInt64());
    }
    SQLite::Statement claim(db_,
                            "UPDATE action_outbox SET state = 'in_flight', attempts = attempts + 1 "
                            "WHERE id = :id");
    SQLite::Statement read(db_, fmt::format("SELECT {} FROM action_outbox AS a JOIN comments AS c "
                                            "ON c.id = a.comment_id WHERE a.id = :id",
                                            kActionColumns));
    for (std::int64_t id : ids) {
      BindInt(claim, ":id", id);
      claim.exec();
      claim.reset();
      BindInt(read, ":id", id);
      if (read.executeStep()) out.push_back(ReadAction(read));
      read.reset();
    }
    txn.commit();
    return out;
  });
}

Result<void> SqliteDatabase::MarkActionDone(std::int64_t id,
                                            const connectors::ActionOutcome& outcome,
                                            TimePoint at) {
  const std::string what = fmt::format("storage: mark action {} done", id);
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto bad = RequireInFlight("action_outbox", id)) {
      return Error::InvalidInput(what + ": " + bad->message);
    }
    SQLite::Statement row(
        db_, "SELECT kind, comment_id, requested_by FROM action_outbox WHERE id = :id");
    BindInt(row, ":id", id);
    row.executeStep();
    const auto kind = connectors::ParseActionKind(row.getColumn(0).getString());
    const std::int64_t comment_id = row.getColumn(1).getInt64();
    const std::string requested_by = row.getColumn(2).getString();

    SQLite::Statement done(db_,
                           "UPDATE action_outbox SET state = 'done', outcome = :outcome, "
                           "done_at = :at, last_error = '' WHERE id = :id");
    BindText(done, ":outcome", OutcomeJson(outcome));
    BindTime(done, ":at", at);
    BindInt(done, ":id", id);
    done.exec();

    // Mirror what the platform now shows, unless a person still has to do it by hand.
    if (!outcome.manual && kind) {
      if (*kind == connectors::ActionKind::kHide || *kind == connectors::ActionKind::kUnhide) {
        SQLite::Statement hidden(db_, "UPDATE comments SET hidden = :hidden WHERE id = :id");
        BindBool(hidden, ":hidden", *kind == connectors::ActionKind::kHide);
        BindInt(hidden, ":id", comment_id);
        hidden.exec();
      } else if (*kind == connectors::ActionKind::kDelete) {
        SQLite::Statement gone(
            db_, "UPDATE comments SET deleted_at = COALESCE(deleted_at, :at) WHERE id = :id");
        BindTime(gone, ":at", at);
        BindInt(gone, ":id", comment_id);
        gone.exec();
        // DESIGN.md: the clock stops when the comment is removed by a moderation action.
        StopSlaInTxn(comment_id, requested_by, "deleted by moderation action", at);
      }
    }
    AppendAuditInTxn({at, requested_by, "action.done", CommentSubject(comment_id), "",
                      Json({{"action_id", id},
                            {"kind", kind ? connectors::ToString(*kind) : "unknown"},
                            {"platform_ref", outcome.platform_ref},
                            {"manual", outcome.manual},
                            {"note", outcome.note}})});
    txn.commit();
    return Ok();
  });
}

// in_flight -> pending in either outbox: the same step for actions and emails.
Result<void> SqliteDatabase::ReturnToPending(const char* table, const std::string& what,
                                             std::int64_t id, std::string_view error,
                                             TimePoint next_attempt_at) {
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto bad = RequireInFlight(table, id)) {
      return Error::InvalidInput(what + ": " + bad->message);
    }
    SQLite::Statement q(db_, fmt::format("UPDATE {} SET state = 'pending', last_error = :error, "
                                         "next_attempt_at = :next WHERE id = :id",
                                         table));
    BindText(q, ":error", error);
    BindTime(q, ":next", next_attempt_at);
    BindInt(q, ":id", id);
    q.exec();
    txn.commit();
    return Ok();
  });
}

Result<void> SqliteDatabase::MarkActionRetry(std::int64_t id, std::string_view error,
                                             TimePoint next_attempt_at) {
  return ReturnToPending("action_outbox", fmt::format("storage: mark action {} for retry", id),
                         id, error, next_attempt_at);
}

Result<void> SqliteDatabase::MarkActionFailed(std::int64_t id, std::string_view error,
                                              TimePoint at) {
  const std::string what = fmt::format("storage: mark action {} failed", id);
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto bad = RequireInFlight("action_outbox", id)) {
      return Error::InvalidInput(what + ": " + bad->message);
    }
    SQLite::Statement q(db_,
                        "UPDATE action_outbox SET state = 'failed', last_error = :error, "
                        "done_at = :at WHERE id = :id RETURNING comment_id, kind");
    BindText(q, ":error", error);
    BindTime(q, ":at", at);
    BindInt(q, ":id", id);
    q.executeStep();
    const std::int64_t comment_id = q.getColumn(0).getInt64();
    const std::string kind = q.getColumn(1).getString();
    q.reset();
    AppendAuditInTxn({at, "schoolmodd", "action.failed", CommentSubject(comment_id),
                      std::string(error), Json({{"action_id", id}, {"kind", kind}})});
    txn.commit();
    return Ok();
  });
}

Result<std::int64_t> SqliteDatabase::CountActions(ActionState state) {
  return Guard(
      fmt::format("storage: count {} actions", ToString(state)), [&]() -> Result<std::int64_t> {
        SQLite::Statement q(db_, "SELECT COUNT(*) FROM action_outbox WHERE state = :state");
        BindText(q, ":state", ToString(state));
        q.executeStep();
        return static_cast<std::int64_t>(q.getColumn(0).getInt64());
      });
}

// ---- Notifications --------------------------------------------------------------------------

Enqueued SqliteDatabase::EnqueueNotificationInTxn(const PlannedNotification& n,
                                                  std::optional<std::int64_t> item_id,
                                                  TimePoint at) {
  SQLite::Statement insert(
      db_,
      "INSERT INTO notification_outbox (dedupe_key, kind, item_id, recipient, subject, "
      "body_text, body_html, due_at, next_attempt_at, created_at) VALUES (:key, :kind, :item_id, "
      ":recipient, :subject, :body_text, :body_html, :due_at, :due_at, :at) "
      "ON CONFLICT (dedupe_key) DO NOTHING");
  BindText(insert, ":key", n.dedupe_key);
  BindText(insert, ":kind", n.kind);
  if (item_id) {
    BindInt(insert, ":item_id", *item_id);
  } else {
    BindNull(insert, ":item_id");
  }
  BindText(insert, ":recipient", n.recipient);
  BindText(insert, ":subject", n.subject);
  BindText(insert, ":body_text", n.body_text);
  BindText(insert, ":body_html", n.body_html);
  BindTime(insert, ":due_at", n.due_at);
  BindTime(insert, ":at", at);
  if (insert.exec() == 1) return {db_.getLastInsertRowid(), true};
  SQLite::Statement existing(db_, "SELECT id FROM notification_outbox WHERE dedupe_key = :key");
  BindText(existing, ":key", n.dedupe_key);
  existing.executeStep();
  return {existing.getColumn(0).getInt64(), false};
}

Result<Enqueued> SqliteDatabase::EnqueueNotification(const PlannedNotification& notification,
                                                     std::optional<std::int64_t> item_id,
                                                     TimePoint at) {
  const std::string what = fmt::format("storage: enqueue {} notification key={}", notification.kind,
                                       notification.dedupe_key);
  if (notification.dedupe_key.empty()) return Error::InvalidInput(what + ": empty dedupe key");
  if (notification.kind.empty()) return Error::InvalidInput(what + ": empty kind");
  if (notification.recipient.empty()) return Error::InvalidInput(what + ": empty recipient");
  return Guard(what, [&]() -> Result<Enqueued> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (item_id && !CommentAccountInTxn(*item_id)) {
      return Error::InvalidInput(fmt::format("{}: no comment {}", what, *item_id));
    }
    Enqueued result = EnqueueNotificationInTxn(notification, item_id, at);
    txn.commit();
    return result;
  });
}

Result<std::vector<OutboxNotification>> SqliteDatabase::ClaimDueNotifications(TimePoint now,
                                                                              int limit) {
  return Guard(
      "storage: claim due notifications", [&]() -> Result<std::vector<OutboxNotification>> {
        std::vector<OutboxNotification> out;
        if (limit <= 0) return out;
        SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
        std::vector<std::int64_t> ids;
        {
          SQLite::Statement due(db_,
                                "SELECT id FROM notification_outbox WHERE state = 'pending' AND "
                                "next_attempt_at <= :now ORDER BY due_at, id LIMIT :limit");
          BindTime(due, ":now", now);
          BindInt(due, ":limit", limit);
          while (due.executeStep()) ids.push_back(due.getColumn(0).getInt64());
        }
        SQLite::Statement claim(db_,
                                "UPDATE notification_outbox SET state = 'in_flight', "
                                "attempts = attempts + 1 WHERE id = :id");
        SQLite::Statement read(
            db_, fmt::format("SELECT {} FROM notification_outbox AS n WHERE n.id = :id",
                             kNotificationColumns));
        for (std::int64_t id : ids) {
          BindInt(claim, ":id", id);
          claim.exec();
          claim.reset();
          BindInt(read, ":id", id);
          if (read.executeStep()) out.push_back(ReadNotification(read));
          read.reset();
        }
        txn.commit();
        return out;
      });
}

Result<std::string> SqliteDatabase::SetNotificationMessageId(std::int64_t id,
                                                             std::string_view message_id) {
  const std::string what = fmt::format("storage: set message id of notification {}", id);
  if (message_id.empty()) return Error::InvalidInput(what + ": empty message id");
  return Guard(what, [&]() -> Result<std::string> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement current(db_, "SELECT message_id FROM notification_outbox WHERE id = :id");
    BindInt(current, ":id", id);
    if (!current.executeStep()) return Error::InvalidInput(what + ": no such notification");
    std::string stored = current.getColumn(0).getString();
    if (!stored.empty()) return stored;
    SQLite::Statement set(db_, "UPDATE notification_outbox SET message_id = :mid WHERE id = :id");
    BindText(set, ":mid", message_id);
    BindInt(set, ":id", id);
    set.exec();
    txn.commit();
    return std::string(message_id);
  });
}

Result<void> SqliteDatabase::MarkNotificationSent(std::int64_t id, std::string_view message_id,
                                                  TimePoint at) {
  const std::string what = fmt::format("storage: mark notification {} sent", id);
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto bad = RequireInFlight("notification_outbox", id)) {
      return Error::InvalidInput(what + ": " + bad->message);
    }
    SQLite::Statement q(db_,
                        "UPDATE notification_outbox SET state = 'sent', sent_at = :at, "
                        "last_error = '', message_id = CASE WHEN :mid = '' THEN message_id "
                        "ELSE :mid END WHERE id = :id");
    BindTime(q, ":at", at);
    BindText(q, ":mid", message_id);
    BindInt(q, ":id", id);
    q.exec();
    txn.commit();
    return Ok();
  });
}

Result<void> SqliteDatabase::MarkNotificationRetry(std::int64_t id, std::string_view error,
                                                   TimePoint next_attempt_at) {
  return ReturnToPending("notification_outbox",
                         fmt::format("storage: mark notification {} for retry", id), id, error,
                         next_attempt_at);
}

Result<void> SqliteDatabase::MarkNotificationFailed(std::int64_t id, std::string_view error,
                                                    TimePoint at) {
  const std::string what = fmt::format("storage: mark notification {} failed", id);
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (auto bad = RequireInFlight("notification_outbox", id)) {
      return Error::InvalidInput(what + ": " + bad->message);
    }
    SQLite::Statement q(db_,
                        "UPDATE notification_outbox SET state = 'failed', last_error = :error, "
                        "failed_at = :at WHERE id = :id");
    BindText(q, ":error", error);
    BindTime(q, ":at", at);
    BindInt(q, ":id", id);
    q.exec();
    txn.commit();
    return Ok();
  });
}

int SqliteDatabase::CancelNotificationsInTxn(std::int64_t item_id,
                                             const std::vector<std::string>& kinds) {
  // The kinds travel as one bound JSON array, so the statement text never depends on input.
  SQLite::Statement q(db_,
                      "UPDATE notification_outbox SET state = 'cancelled' "
                      "WHERE item_id = :item_id AND state = 'pending' AND "
                      "(:all_kinds = 1 OR kind IN (SELECT value FROM json_each(:kinds)))");
  BindInt(q, ":item_id", item_id);
  BindBool(q, ":all_kinds", kinds.empty());
  BindText(q, ":kinds", Json(kinds));
  return q.exec();
}

Result<int> SqliteDatabase::CancelNotificationsForItem(std::int64_t item_id,
                                                       const std::vector<std::string>& kinds) {
  return Guard(fmt::format("storage: cancel notifications item={}", item_id), [&]() -> Result<int> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    const int cancelled = CancelNotificationsInTxn(item_id, kinds);
    txn.commit();
    return cancelled;
  });
}

Result<std::int64_t> SqliteDatabase::CountNotifications(NotificationState state) {
  return Guard(fmt::format("storage: count {} notifications", ToString(state)),
               [&]() -> Result<std::int64_t> {
                 SQLite::Statement q(
                     db_, "SELECT COUNT(*) FROM notification_outbox WHERE state = :state");
                 BindText(q, ":state", ToString(state));
                 q.executeStep();
                 return static_cast<std::int64_t>(q.getColumn(0).getInt64());
               });
}

}  // namespace schoolmod::storage::internal
