#include <algorithm>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rows.h"
#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage::internal {
namespace {

// Queue order: running clocks by due time, then everything else (by id, the tie-breaker).
constexpr const char* kSortKey =
    "(CASE WHEN s.state = 'open' THEN s.due_at ELSE 9223372036854775807 END)";

}  // namespace

bool SqliteDatabase::StopSlaInTxn(std::int64_t comment_id, std::string_view stopped_by,
                                  std::string_view reason, TimePoint at) {
  SQLite::Statement stop(db_,
                         "UPDATE sla_items SET state = 'stopped', stopped_at = :at, "
                         "stopped_by = :by, stop_reason = :reason "
                         "WHERE comment_id = :id AND state = 'open'");
  BindTime(stop, ":at", at);
  BindText(stop, ":by", stopped_by);
  BindText(stop, ":reason", reason);
  BindInt(stop, ":id", comment_id);
  if (stop.exec() == 0) return false;
  const int cancelled = CancelNotificationsInTxn(
      comment_id, {std::string(kReminderNotification), std::string(kBreachNotification)});
  nlohmann::json details = {{"cancelled_notifications", cancelled}};
  AppendAuditInTxn({at, std::string(stopped_by), "sla.stop", CommentSubject(comment_id),
                    std::string(reason), details.dump()});
  return true;
}

Result<bool> SqliteDatabase::StopSla(std::int64_t comment_id, std::string_view stopped_by,
                                     std::string_view reason, TimePoint at) {
  const std::string what = fmt::format("storage: stop clock comment={}", comment_id);
  if (stopped_by.empty()) return Error::InvalidInput(what + ": empty stopped_by");
  return Guard(what, [&]() -> Result<bool> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    if (!CommentAccountInTxn(comment_id)) return Error::InvalidInput(what + ": no such comment");
    const bool stopped = StopSlaInTxn(comment_id, stopped_by, reason, at);
    txn.commit();
    return stopped;
  });
}

Result<bool> SqliteDatabase::MarkSlaBreached(std::int64_t comment_id, TimePoint at) {
  return Guard(
      fmt::format("storage: mark clock breached comment={}", comment_id), [&]() -> Result<bool> {
        SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement q(db_,
                            "UPDATE sla_items SET breached_at = :at WHERE comment_id = "
                            ":id AND state = 'open' AND breached_at IS NULL");
        BindTime(q, ":at", at);
        BindInt(q, ":id", comment_id);
        const bool marked = q.exec() == 1;
        if (marked) {
          AppendAuditInTxn({at, "schoolmodd", "sla.breach", CommentSubject(comment_id), "", ""});
        }
        txn.commit();
        return marked;
      });
}

Result<void> SqliteDatabase::MarkReviewed(std::int64_t comment_id, std::string_view reviewed_by,
                                          std::string_view reason, TimePoint at) {
  const std::string what = fmt::format("storage: mark reviewed comment={}", comment_id);
  if (reviewed_by.empty()) return Error::InvalidInput(what + ": empty reviewed_by");
  return Guard(what, [&]() -> Result<void> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement q(db_,
                        "UPDATE comments SET reviewed_at = :at, reviewed_by = :by WHERE id = :id");
    BindTime(q, ":at", at);
    BindText(q, ":by", reviewed_by);
    BindInt(q, ":id", comment_id);
    if (q.exec() == 0) return Error::InvalidInput(what + ": no such comment");
    AppendAuditInTxn({at, std::string(reviewed_by), "item.review", CommentSubject(comment_id),
                      std::string(reason), ""});
    txn.commit();
    return Ok();
  });
}

Result<int> SqliteDatabase::PurgeCommentText(TimePoint cutoff, std::string_view actor,
                                             TimePoint at) {
  const std::string what = "storage: purge comment text";
  if (actor.empty()) return Error::InvalidInput(what + ": empty actor");
  return Guard(what, [&]() -> Result<int> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Emails quote the comment, so finished ones go too; pending ones still have to be sent.
    SQLite::Statement bodies(db_,
                             "UPDATE notification_outbox SET body_text = '', body_html = '' "
                             "WHERE state IN ('sent', 'failed', 'cancelled') AND item_id IN "
                             "(SELECT id FROM comments WHERE created_at < :cutoff "
                             " AND text_purged = 0)");
    BindTime(bodies, ":cutoff", cutoff);
    bodies.exec();
    SQLite::Statement purge(db_,
                            "UPDATE comments SET text = '', author_name = NULL, text_purged = 1 "
                            "WHERE created_at < :cutoff AND text_purged = 0");
    BindTime(purge, ":cutoff", cutoff);
    const int purged = purge.exec();
    if (purged > 0) {
      nlohmann::json details = {{"comments", purged}, {"cutoff", ToUnixSeconds(cutoff)}};
      AppendAuditInTxn({at, std::string(actor), "retention.purge", "", "", details.dump()});
    }
    txn.commit();
    return purged;
  });
}

Result<std::vector<ItemSummary>> SqliteDatabase::ListItems(const ItemFilter& filter) {
  return Guard("storage: list items", [&]() -> Result<std::vector<ItemSummary>> {
    SQLite::Statement q(
        db_,
        fmt::format(
            "SELECT {c}, {v}, {s} FROM comments AS c "
            "LEFT JOIN verdicts AS v ON v.id = "
            "  (SELECT MAX(id) FROM verdicts WHERE comment_id = c.id) "
            "LEFT JOIN sla_items AS s ON s.comment_id = c.id "
            "WHERE c.own = 0 "
            "AND (:all = 1 OR s.state = 'open' OR (v.verdict IN ('review', 'remove') "
            "     AND c.reviewed_at IS NULL AND c.deleted_at IS NULL)) "
            "AND (:school IS NULL OR c.school_id = :school) "
            "AND (:account IS NULL OR c.account_id = :account) "
            "AND (:verdict IS NULL OR v.verdict = :verdict) "
            "AND (:category IS NULL OR EXISTS "
            "     (SELECT 1 FROM json_each(v.categories) WHERE json_each.value = :category)) "
            "AND (:due_before IS NULL OR (s.state = 'open' AND s.due_at <= :due_before)) "
            "AND (:after_id IS NULL OR ({key}, c.id) > ("
            "     (SELECT {key2} FROM comments AS c2 LEFT JOIN sla_items AS s2 "
            "      ON s2.comment_id = c2.id WHERE c2.id = :after_id), :after_id)) "
            "ORDER BY {key}, c.id LIMIT :limit",
            fmt::arg("c", kCommentColumns), fmt::arg("v", kVerdictColumns),
            fmt::arg("s", kSlaColumns), fmt::arg("key", kSortKey),
            fmt::arg("key2",
                     "(CASE WHEN s2.state = 'open' THEN s2.due_at ELSE 9223372036854775807 END)")));
    BindBool(q, ":all", filter.state == ItemFilter::State::kAll);
    BindOptText(q, ":school", filter.school_id);
    BindOptText(q, ":account", filter.account_id);
    if (filter.verdict) {
      BindText(q, ":verdict", moderation::ToString(*filter.verdict));
    } else {
      BindNull(q, ":verdict");
    }
    if (filter.category) {
      BindText(q, ":category", moderation::ToString(*filter.category));
    } else {
      BindNull(q, ":category");
    }
    BindOptTime(q, ":due_before", filter.due_before);
    if (filter.after_id) {
      BindInt(q, ":after_id", *filter.after_id);
    } else {
      BindNull(q, ":after_id");
    }
    BindInt(q, ":limit", std::clamp(filter.limit, 1, 1000));
    std::vector<ItemSummary> out;
    while (q.executeStep()) {
      out.push_back({ReadComment(q), ReadOptVerdict(q), ReadOptSla(q)});
    }
    return out;
  });
}

Result<std::optional<ItemDetail>> SqliteDatabase::GetItem(std::int64_t comment_id) {
  return Guard(
      fmt::format("storage: get item {}", comment_id), [&]() -> Result<std::optional<ItemDetail>> {
        // One read transaction: every part comes from the same snapshot.
        SQLite::Transaction txn(db_, SQLite::TransactionBehavior::DEFERRED);
        ItemDetail item;
        {
          SQLite::Statement q(
              db_, fmt::format("SELECT {} FROM comments AS c WHERE c.id = :id", kCommentColumns));
          BindInt(q, ":id", comment_id);
          if (!q.executeStep()) return std::optional<ItemDetail>();
          item.comment = ReadComment(q);
        }
        {
          SQLite::Statement q(db_,
                              fmt::format("SELECT {} FROM verdicts AS v WHERE v.comment_id = :id "
                                          "ORDER BY v.id DESC",
                                          kVerdictColumns));
          BindInt(q, ":id", comment_id);
          while (q.executeStep()) item.verdict_history.push_back(ReadVerdict(q));
          if (!item.verdict_history.empty()) item.verdict = item.verdict_history.front();
        }
        {
          SQLite::Statement q(
              db_,
              fmt::format("SELECT {} FROM sla_items AS s WHERE s.comment_id = :id", kSlaColumns));
          BindInt(q, ":id", comment_id);
          if (q.executeStep()) item.sla = ReadOptSla(q);
        }
        {
          SQLite::Statement q(db_,
                              fmt::format("SELECT {} FROM action_outbox AS a JOIN comments AS c "
                                          "ON c.id = a.comment_id WHERE a.comment_id = :id "
                                          "ORDER BY a.id",
                                          kActionColumns));
          BindInt(q, ":id", comment_id);
          while (q.executeStep()) item.actions.push_back(ReadAction(q));
        }
        {
          SQLite::Statement q(db_, fmt::format("SELECT {} FROM audit_log AS l WHERE l.subject = "
                                               ":subject ORDER BY l.id",
                                               kAuditColumns));
          BindText(q, ":subject", CommentSubject(comment_id));
          while (q.executeStep()) item.audit.push_back(ReadAudit(q));
        }
        txn.commit();
        return std::optional<ItemDetail>(std::move(item));
      });
}

}  // namespace schoolmod::storage::internal
