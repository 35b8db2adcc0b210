#include "storage_test_util.h"

#include <cstdlib>
#include <iostream>

#include <SQLiteCpp/SQLiteCpp.h>

namespace schoolmod::storage::testing {

TimePoint At(std::string_view rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  if (!t) {
    std::cerr << "bad instant in test: " << rfc3339 << "\n";
    std::abort();
  }
  return *t;
}

TimePoint T(int hours) { return At("2026-11-23T09:00:00Z") + std::chrono::hours(hours); }

moderation::Verdict MakeVerdict(moderation::VerdictKind kind,
                                std::vector<moderation::Category> categories, int severity) {
  moderation::Verdict v;
  v.verdict = kind;
  v.categories = std::move(categories);
  v.severity = severity;
  v.classifier = "test-classifier 1";
  return v;
}

connectors::Comment MakeComment(std::string platform_id, std::string text, TimePoint created) {
  connectors::Comment c;
  c.platform_id = std::move(platform_id);
  c.post_id = "post-1";
  c.permalink = "https://example.org/p/" + c.platform_id;
  c.author_id = "author-1";
  c.author_name = "A Parent";
  c.text = std::move(text);
  c.created_at = created;
  return c;
}

IngestItem MakeItem(std::string platform_id, std::string text, TimePoint created) {
  IngestItem item;
  item.comment = MakeComment(platform_id, std::move(text), created);
  item.verdict = MakeVerdict(moderation::VerdictKind::kOk, {moderation::Category::kQuery});
  item.verdict.needs_response = true;
  item.due_at = created + std::chrono::hours(24);
  item.school_id = "school-1";
  PlannedNotification reminder;
  reminder.kind = std::string(kReminderNotification);
  reminder.recipient = "admin@example.org";
  reminder.subject = "Reminder";
  reminder.body_text = "A comment is waiting for a response.";
  reminder.due_at = created + std::chrono::hours(12);
  reminder.dedupe_key = "reminder:acct-1:" + platform_id + ":12h:admin@example.org";
  item.notifications.push_back(reminder);
  return item;
}

PollBatch MakeBatch(std::vector<IngestItem> items, std::string next_cursor, TimePoint fetched,
                    std::string account_id) {
  PollBatch b;
  b.account_id = std::move(account_id);
  b.platform = "replay";
  b.items = std::move(items);
  b.next_cursor.value = std::move(next_cursor);
  b.fetched_at = fetched;
  return b;
}

std::string DbPath(const schoolmod::testing::TempDir& dir) { return dir.file("schoolmod.db"); }

std::unique_ptr<Database> OpenDb(const schoolmod::testing::TempDir& dir, Options options) {
  return Must(Database::Open(DbPath(dir), options));
}

std::int64_t RowCount(const schoolmod::testing::TempDir& dir, const std::string& table) {
  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READONLY);
  // `table` is a constant from the test, never input.
  return raw.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
}

}  // namespace schoolmod::storage::testing
