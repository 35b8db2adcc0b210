#include <filesystem>
#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

#include "storage_test_util.h"
#include "support/temp_dir.h"

namespace schoolmod::storage::testing {

TEST_CASE("a backup is a complete, readable database file") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto report = Must(db->IngestPoll(MakeBatch({MakeItem("c1", "Question", T(0))}, "cur-7", T(1))));
  Must(db->StopSla(report.comments[0].comment_id, "s.travis", "answered", T(2)));
  const std::string dest = dir.file("backup.db");

  Must(db->Backup(dest));
  // Writes after the backup do not reach it.
  Must(db->IngestPoll(MakeBatch({MakeItem("c2", "Later", T(3))}, "cur-8", T(4))));

  {
    SQLite::Database raw(dest, SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(raw.execAndGet("PRAGMA journal_mode").getString() ==
          "delete");  // one self-contained file
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == Database::LatestSchemaVersion());
  }
  CHECK_FALSE(std::filesystem::exists(dest + "-wal"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().find(".partial-") == std::string::npos);
  }

  auto copy = Must(Database::Open(dest));
  auto items = Must(copy->ListItems(AllItems()));
  REQUIRE(items.size() == 1);
  CHECK(items[0].comment.comment.text == "Question");
  CHECK(Must(copy->GetAccountState("acct-1"))->cursor.value == "cur-7");
  Must(copy->VerifyAuditChain());
  CHECK(Must(copy->ListAudit({})).size() == 1);
}

TEST_CASE("a backup never overwrites an existing file") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  const std::string existing = dir.Write("old-backup.db", "precious");
  auto r = db->Backup(existing);
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kInvalidInput);
  CHECK(r.error().message.find("already exists") != std::string::npos);
  CHECK(schoolmod::testing::ReadFile(existing) == "precious");

  auto onto_itself = db->Backup(DbPath(dir));
  REQUIRE_FALSE(onto_itself);
  CHECK(onto_itself.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("a backup into a missing directory fails cleanly") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto r = db->Backup(dir.file("no/such/dir/backup.db"));
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::kPermanent);
}

}  // namespace schoolmod::storage::testing
