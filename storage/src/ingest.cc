#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>

#include "rows.h"
#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage::internal {
namespace {

// What makes an item unusable before any SQL runs; nullopt when it is fine. The database's CHECK
// constraints would refuse these too, but as kPermanent with SQLite's wording.
std::optional<std::string> ValidateItem(const IngestItem& item) {
  if (item.comment.platform_id.empty()) return "empty platform id";
  for (const auto& a : item.actions) {
    if (a.idempotency_key.empty()) return "an action has an empty idempotency key";
    if (a.requested_by.empty()) return "an action has an empty requested_by";
  }
  for (const auto& n : item.notifications) {
    if (n.dedupe_key.empty()) return "a notification has an empty dedupe key";
    if (n.kind.empty()) return "a notification has an empty kind";
    if (n.recipient.empty()) return "a notification has an empty recipient";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::int64_t> SqliteDatabase::FindCommentInTxn(std::string_view account_id,
                                                             std::string_view platform_id) {
  SQLite::Statement q(db_,
                      "SELECT id FROM comments WHERE account_id = :account_id AND "
                      "platform_id = :platform_id");
  BindText(q, ":account_id", account_id);
  BindText(q, ":platform_id", platform_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

void SqliteDatabase::InsertVerdictInTxn(std::int64_t comment_id, const moderation::Verdict& v,
                                        TimePoint decided_at) {
  SQLite::Statement q(db_,
                      "INSERT INTO verdicts (comment_id, classifier, verdict, categories, "
                      "severity, needs_response, safeguarding, personal_data, actions, reasons, "
                      "decided_at) VALUES (:comment_id, :classifier, :verdict, :categories, "
                      ":severity, :needs_response, :safeguarding, :personal_data, :actions, "
                      ":reasons, :decided_at)");
  BindInt(q, ":comment_id", comment_id);
  BindText(q, ":classifier", v.classifier);
  BindText(q, ":verdict", moderation::ToString(v.verdict));
  BindText(q, ":categories", CategoriesJson(v));
  BindInt(q, ":severity", v.severity);
  BindBool(q, ":needs_response", v.needs_response);
  BindBool(q, ":safeguarding", v.safeguarding);
  BindBool(q, ":personal_data", v.personal_data);
  BindText(q, ":actions", ActionsJson(v));
  BindText(q, ":reasons", ReasonsJson(v));
  BindTime(q, ":decided_at", decided_at);
  q.exec();
}

Result<IngestReport> SqliteDatabase::IngestPoll(const PollBatch& batch) {
  const std::string what =
      fmt::format("storage: ingest poll account={} items={}", batch.account_id, batch.items.size());
  if (batch.account_id.empty()) return Error::InvalidInput(what + ": empty account id");
  if (batch.platform.empty()) return Error::InvalidInput(what + ": empty platform");

  return Guard(what, [&]() -> Result<IngestReport> {
    // IMMEDIATE takes the write lock up front: a deferred transaction that reads and then writes
    // can fail with SQLITE_BUSY mid-way without waiting, when another process wrote in between.
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    IngestReport report;
    const TimePoint at = batch.fetched_at;

    SQLite::Statement find(db_,
                           "SELECT id, text, text_purged, deleted_at FROM comments "
                           "WHERE account_id = :account_id AND platform_id = :platform_id");
    SQLite::Statement insert_comment(
        db_,
        "INSERT INTO comments (account_id, platform, school_id, platform_id, post_id, permalink, "
        "parent_platform_id, author_id, author_name, text, created_at, updated_at, fetched_at, "
        "hidden, own) VALUES (:account_id, :platform, :school_id, :platform_id, :post_id, "
        ":permalink, :parent_id, :author_id, :author_name, :text, :created_at, :updated_at, "
        ":fetched_at, :hidden, :own) ON CONFLICT (account_id, platform_id) DO NOTHING");
    SQLite::Statement insert_sla(
        db_,
        "INSERT INTO sla_items (comment_id, school_id, account_id, received_at, due_at) "
        "VALUES (:comment_id, :school_id, :account_id, :received_at, :due_at) "
        "ON CONFLICT (comment_id) DO NOTHING");
    SQLite::Statement edit(
        db_,
        "UPDATE comments SET text = :text, updated_at = :updated_at, hidden = :hidden, "
        "permalink = :permalink, author_name = :author_name, reviewed_at = NULL, "
        "reviewed_by = NULL WHERE id = :id");
    // Written only when a mirrored flag changed, so a repeated page writes nothing.
    SQLite::Statement refresh(
        db_,
        "UPDATE comments SET hidden = :hidden, permalink = :permalink, author_name = :author_name "
        "WHERE id = :id AND (hidden IS NOT :hidden OR permalink IS NOT :permalink "
        "OR author_name IS NOT :author_name)");
    SQLite::Statement mark_deleted(db_, "UPDATE comments SET deleted_at = :at WHERE id = :id");

    auto add_clock_and_side_effects = [&](std::int64_t comment_id, const IngestItem& item) {
      if (item.due_at && !item.comment.own) {
        BindInt(insert_sla, ":comment_id", comment_id);
        BindText(insert_sla, ":school_id", item.school_id);
        BindText(insert_sla, ":account_id", batch.account_id);
        BindTime(insert_sla, ":received_at", item.comment.created_at);
        BindTime(insert_sla, ":due_at", *item.due_at);
        insert_sla.exec();
        insert_sla.reset();
      }
      for (const auto& action : item.actions) {
        if (EnqueueActionInTxn(comment_id, batch.account_id, action, at).created) {
          ++report.actions_enqueued;
        }
      }
      for (const auto& notification : item.notifications) {
        if (EnqueueNotificationInTxn(notification, comment_id, at).created) {
          ++report.notifications_enqueued;
        }
      }
    };

    for (std::size_t i = 0; i < batch.items.size(); ++i) {
      const IngestItem& item = batch.items[i];
      const connectors::Comment& c = item.comment;
      if (auto bad = ValidateItem(item)) {
        // Returning rolls back whatever earlier items wrote: the poll is all or nothing.
        return Error::InvalidInput(
            fmt::format("{}: item {} (platform id '{}'): {}", what, i, c.platform_id, *bad));
      }

      BindText(find, ":account_id", batch.account_id);
      BindText(find, ":platform_id", c.platform_id);
      std::optional<std::int64_t> existing_id;
      std::string existing_text;
      bool text_purged = false;
      bool already_deleted = false;
      if (find.executeStep()) {
        existing_id = find.getColumn(0).getInt64();
        existing_text = find.getColumn(1).getString();
        text_purged = find.getColumn(2).getInt64() != 0;
        already_deleted = !find.getColumn(3).isNull();
      }
      find.reset();

      IngestedComment outcome{existing_id.value_or(0), c.platform_id, IngestStatus::kUnchanged};

      if (!existing_id) {
        if (c.deleted) {
          outcome.status = IngestStatus::kIgnored;
          report.comments.push_back(std::move(outcome));
          continue;
        }
        BindText(insert_comment, ":account_id", batch.account_id);
        BindText(insert_comment, ":platform", batch.platform);
        BindText(insert_comment, ":school_id", item.school_id);
        BindText(insert_comment, ":platform_id", c.platform_id);
        BindText(insert_comment, ":post_id", c.post_id);
        BindText(insert_comment, ":permalink", c.permalink);
        BindOptText(insert_comment, ":parent_id", c.parent_id);
        BindOptText(insert_comment, ":author_id", c.author_id);
        BindOptText(insert_comment, ":author_name", c.author_name);
        BindText(insert_comment, ":text", c.text);
        BindTime(insert_comment, ":created_at", c.created_at);
        BindOptTime(insert_comment, ":updated_at", c.updated_at);
        BindTime(insert_comment, ":fetched_at", at);
        BindBool(insert_comment, ":hidden", c.hidden);
        BindBool(insert_comment, ":own", c.own);
        insert_comment.exec();
        insert_comment.reset();
        const std::int64_t id = db_.getLastInsertRowid();
        outcome.comment_id = id;
        outcome.status = IngestStatus::kNew;
        ++report.new_count;
        InsertVerdictInTxn(id, item.verdict, at);
        add_clock_and_side_effects(id, item);
        if (c.own && c.parent_id) {
          // DESIGN.md: the clock stops when the account itself replies in the thread. The reply's
          // own creation time is when the school responded.
          if (auto parent = FindCommentInTxn(batch.account_id, *c.parent_id)) {
            if (StopSlaInTxn(*parent, "account", "account replied in thread", c.created_at)) {
              ++report.clocks_stopped;
            }
          }
        }
      } else if (already_deleted) {
        // Nothing comes back from the dead; a late page may still list it.
      } else if (c.deleted) {
        BindTime(mark_deleted, ":at", at);
        BindInt(mark_deleted, ":id", *existing_id);
        mark_deleted.exec();
        mark_deleted.reset();
        outcome.status = IngestStatus::kDeleted;
        ++report.deleted_count;
        if (StopSlaInTxn(*existing_id, "platform", "deleted on platform", at)) {
          ++report.clocks_stopped;
        }
      } else if (!text_purged && existing_text != c.text) {
        // A purged row no longer holds the text to compare against, so it never counts as edited.
        BindText(edit, ":text", c.text);
        BindTime(edit, ":updated_at", c.updated_at.value_or(at));
        BindBool(edit, ":hidden", c.hidden);
        BindText(edit, ":permalink", c.permalink);
        BindOptText(edit, ":author_name", c.author_name);
        BindInt(edit, ":id", *existing_id);
        edit.exec();
        edit.reset();
        outcome.status = IngestStatus::kEdited;
        ++report.edited_count;
        InsertVerdictInTxn(*existing_id, item.verdict, at);
        add_clock_and_side_effects(*existing_id, item);
      } else {
        BindBool(refresh, ":hidden", c.hidden);
        BindText(refresh, ":permalink", c.permalink);
        BindOptText(refresh, ":author_name", c.author_name);
        BindInt(refresh, ":id", *existing_id);
        refresh.exec();
        refresh.reset();
      }
      report.comments.push_back(std::move(outcome));
    }

    SQLite::Statement account(
        db_,
        "INSERT INTO account_states (account_id, platform, cursor, last_poll_at, last_success_at, "
        "error_kind, error_message, consecutive_failures, next_poll_at) VALUES (:account_id, "
        ":platform, :cursor, :at, :at, NULL, NULL, 0, :next) ON CONFLICT (account_id) DO UPDATE "
        "SET platform = excluded.platform, cursor = excluded.cursor, "
        "last_poll_at = excluded.last_poll_at, last_success_at = excluded.last_success_at, "
        "error_kind = NULL, error_message = NULL, consecutive_failures = 0, "
        "next_poll_at = excluded.next_poll_at");
    BindText(account, ":account_id", batch.account_id);
    BindText(account, ":platform", batch.platform);
    BindText(account, ":cursor", batch.next_cursor.value);
    BindTime(account, ":at", at);
    BindOptTime(account, ":next", batch.next_poll_at);
    account.exec();

    txn.commit();
    return report;
  });
}

}  // namespace schoolmod::storage::internal
