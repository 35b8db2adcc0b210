#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "schoolmod/storage/database.h"
#include "support/temp_dir.h"

// Builders for storage tests: a comment, an item with its plan, a batch, an opened database.
namespace schoolmod::storage::testing {

// An instant from RFC 3339 text; aborts the test run on a typo.
TimePoint At(std::string_view rfc3339);
// 2026-11-23T09:00:00Z (a Monday) plus `hours`.
TimePoint T(int hours);

moderation::Verdict MakeVerdict(moderation::VerdictKind kind,
                                std::vector<moderation::Category> categories = {},
                                int severity = 0);

// An inbound comment by "author-1" on "post-1", created at `created`.
connectors::Comment MakeComment(std::string platform_id, std::string text, TimePoint created);

// A new inbound comment classified `ok` with a response clock due 24 h after `created`, and one
// "reminder" email to admin@example.org keyed by the platform id.
IngestItem MakeItem(std::string platform_id, std::string text, TimePoint created);

PollBatch MakeBatch(std::vector<IngestItem> items, std::string next_cursor, TimePoint fetched,
                    std::string account_id = "acct-1");

// A filter for every item, open or not.
inline ItemFilter AllItems() {
  ItemFilter f;
  f.state = ItemFilter::State::kAll;
  return f;
}

// A database file in `dir` (name "schoolmod.db"), opened or the test fails.
std::unique_ptr<Database> OpenDb(const schoolmod::testing::TempDir& dir, Options options = {});
std::string DbPath(const schoolmod::testing::TempDir& dir);

// Rows in `table` of the database in `dir`, read over a separate raw connection.
std::int64_t RowCount(const schoolmod::testing::TempDir& dir, const std::string& table);

// Unwraps a Result, failing the test with the error's message if it is an error.
template <typename T>
T Must(Result<T> r) {
  if (!r) FAIL("unexpected error: " << r.error().message);
  return std::move(r).value();
}

inline void Must(Result<void> r) {
  if (!r) FAIL("unexpected error: " << r.error().message);
}

}  // namespace schoolmod::storage::testing
