#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include "storage_test_util.h"

namespace schoolmod::storage::testing {
namespace {

struct CapturedLog {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger;
  CapturedLog() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
    logger = std::make_shared<spdlog::logger>("storage", sink);
    logger->set_pattern("%l %v");
  }
};

}  // namespace

TEST_CASE("open creates the whole schema in an empty file and logs each migration") {
  schoolmod::testing::TempDir dir;
  CapturedLog log;
  Options options;
  options.logger = log.logger;
  {
    auto db = OpenDb(dir, options);
    REQUIRE(db != nullptr);
  }
  CHECK(Database::LatestSchemaVersion() >= 1);
  CHECK(log.out.str().find("applied migration") != std::string::npos);
  CHECK(log.out.str().find("version=1 name=initial") != std::string::npos);

  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == Database::LatestSchemaVersion());
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  for (const char* table : {"account_states", "comments", "verdicts", "sla_items", "action_outbox",
                            "notification_outbox", "audit_log"}) {
    INFO(table);
    CHECK(raw.tableExists(table));
  }
}

TEST_CASE("reopening a current database applies nothing and keeps the data") {
  schoolmod::testing::TempDir dir;
  {
    auto db = OpenDb(dir);
    Must(db->IngestPoll(MakeBatch({MakeItem("c1", "When is the trip?", T(0))}, "cur-1", T(1))));
  }
  CapturedLog log;
  Options options;
  options.logger = log.logger;
  auto db = OpenDb(dir, options);
  CHECK(log.out.str().find("applied migration") == std::string::npos);
  auto state = Must(db->GetAccountState("acct-1"));
  REQUIRE(state.has_value());
  CHECK(state->cursor.value == "cur-1");
  auto items = Must(db->ListItems({}));
  REQUIRE(items.size() == 1);
  CHECK(items[0].comment.comment.text == "When is the trip?");
}

TEST_CASE("a database from a newer schoolmod is refused with a clear message") {
  schoolmod::testing::TempDir dir;
  { OpenDb(dir); }
  const int newer = Database::LatestSchemaVersion() + 6;
  {
    SQLite::Database raw(DbPath(dir), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  auto db = Database::Open(DbPath(dir));
  REQUIRE_FALSE(db);
  CHECK(db.error().kind == ErrorKind::kPermanent);
  const std::string expected = "database " + DbPath(dir) + " is schema version " +
                               std::to_string(newer) + "; this schoolmod understands up to " +
                               std::to_string(Database::LatestSchemaVersion()) +
                               ": upgrade schoolmod";
  CHECK(db.error().message == expected);
  // Refusing must not touch the file.
  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newer);
}

TEST_CASE("a path that cannot be opened is an error naming it, not an exception") {
  schoolmod::testing::TempDir dir;
  const std::string path = dir.file("missing-dir/schoolmod.db");
  auto db = Database::Open(path);
  REQUIRE_FALSE(db);
  CHECK(db.error().kind == ErrorKind::kPermanent);
  CHECK(db.error().message.find(path) != std::string::npos);

  auto empty = Database::Open("");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("two connections on one file see each other's commits") {
  schoolmod::testing::TempDir dir;
  auto daemon = OpenDb(dir);
  auto ctl = OpenDb(dir);
  Must(daemon->IngestPoll(MakeBatch({MakeItem("c1", "Hello?", T(0))}, "cur-1", T(1))));
  CHECK(Must(ctl->ListItems({})).size() == 1);
}

TEST_CASE("a schema version 1 database is upgraded in place, keeping its data") {
  schoolmod::testing::TempDir dir;
  {
    auto db = OpenDb(dir);
    Must(db->IngestPoll(MakeBatch({MakeItem("c1", "hello", T(0))}, "cur-1", T(1))));
  }
  {
    // Put the file back to what version 1 left: no author index, user_version 1.
    SQLite::Database raw(DbPath(dir), SQLite::OPEN_READWRITE);
    raw.exec("DROP INDEX comments_by_author");
    raw.exec("PRAGMA user_version = 1");
  }
  CapturedLog log;
  Options options;
  options.logger = log.logger;
  auto db = OpenDb(dir, options);
  CHECK(log.out.str().find("version=2 name=comments_by_author") != std::string::npos);
  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == 2);
  CHECK(raw.execAndGet("SELECT COUNT(*) FROM sqlite_master WHERE name = 'comments_by_author'")
            .getInt() == 1);
  CHECK(RowCount(dir, "comments") == 1);
}

}  // namespace schoolmod::storage::testing
