#include <string>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>
#include <catch2/catch.hpp>

#include "storage_test_util.h"

namespace schoolmod::storage::testing {
namespace {

AuditEntry Entry(int hour, const std::string& actor, const std::string& reason) {
  return {T(hour), actor, "item.review", "comment:1", reason, R"({"k":1})"};
}

// The hash as audit.h documents it, computed independently of the library.
std::string DocumentedHash(const std::string& prev_hash, std::int64_t id, std::int64_t at,
                           const std::string& actor, const std::string& action,
                           const std::string& subject, const std::string& reason,
                           const std::string& details) {
  std::string input;
  for (const std::string& field : {prev_hash, std::to_string(id), std::to_string(at), actor, action,
                                   subject, reason, details}) {
    input += std::to_string(field.size()) + ":" + field + ",";
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

// Three rows: ids 1, 2, 3.
void AppendThree(Database& db) {
  CHECK(Must(db.AppendAudit(Entry(0, "s.travis", "first"))) == 1);
  CHECK(Must(db.AppendAudit(Entry(1, "t.hill", "second"))) == 2);
  CHECK(Must(db.AppendAudit(Entry(2, "s.travis", "third"))) == 3);
}

}  // namespace

TEST_CASE("audit rows chain by hash and the chain verifies") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  Must(db->VerifyAuditChain());  // an empty log is a valid chain
  AppendThree(*db);
  Must(db->VerifyAuditChain());

  AuditFilter all;
  auto rows = Must(db->ListAudit(all));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].id == 3);  // newest first
  CHECK(rows[2].prev_hash == std::string(64, '0'));
  CHECK(rows[1].prev_hash == rows[2].hash);
  CHECK(rows[0].prev_hash == rows[1].hash);
  CHECK(rows[0].hash.size() == 64);
  CHECK(rows[0].hash.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(rows[0].hash != rows[1].hash);
  CHECK(rows[1].entry.actor == "t.hill");
  CHECK(rows[1].entry.at == T(1));
  CHECK(rows[1].entry.details == R"({"k":1})");
  // An outside verifier can recompute the chain from the documented scheme.
  CHECK(rows[2].hash == DocumentedHash(std::string(64, '0'), 1, ToUnixSeconds(T(0)), "s.travis",
                                       "item.review", "comment:1", "first", R"({"k":1})"));

  AuditFilter page;
  page.limit = 1;
  page.before_id = 3;
  auto older = Must(db->ListAudit(page));
  REQUIRE(older.size() == 1);
  CHECK(older[0].id == 2);
  AuditFilter by_subject;
  by_subject.subject = "comment:2";
  CHECK(Must(db->ListAudit(by_subject)).empty());

  auto bad = db->AppendAudit({T(0), "", "x", "", "", ""});
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::kInvalidInput);
}

TEST_CASE("the database refuses to update or delete audit rows") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  AppendThree(*db);
  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE audit_log SET reason = 'nothing happened' WHERE id = 2"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM audit_log WHERE id = 2"), Catch::Contains("append-only"));
  Must(db->VerifyAuditChain());
}

TEST_CASE("tampering with the audit log is detected and the first bad row named") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  AppendThree(*db);
  SQLite::Database raw(DbPath(dir), SQLite::OPEN_READWRITE);
  raw.exec("DROP TRIGGER audit_log_no_update");
  raw.exec("DROP TRIGGER audit_log_no_delete");

  SECTION("a field changed") {
    raw.exec("UPDATE audit_log SET reason = 'nothing happened' WHERE id = 2");
    auto r = db->VerifyAuditChain();
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::kPermanent);
    CHECK(r.error().message ==
          "audit_log row 2: hash does not match the row's contents (the row was altered)");
  }
  SECTION("a field changed and that row's hash recomputed") {
    // The forger fixes row 2 but row 3 still carries the old hash of row 2.
    const std::string prev = raw.execAndGet("SELECT prev_hash FROM audit_log WHERE id = 2");
    const std::string forged = DocumentedHash(prev, 2, ToUnixSeconds(T(1)), "t.hill", "item.review",
                                              "comment:1", "nothing happened", R"({"k":1})");
    SQLite::Statement update(raw,
                             "UPDATE audit_log SET reason = 'nothing happened', hash = ? "
                             "WHERE id = 2");
    update.bind(1, forged);
    update.exec();
    auto r = db->VerifyAuditChain();
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "audit_log row 3: prev_hash does not match row 2's hash (row 2 was altered or "
          "replaced)");
  }
  SECTION("a row removed") {
    raw.exec("DELETE FROM audit_log WHERE id = 2");
    auto r = db->VerifyAuditChain();
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "audit_log row 3: follows row 1; rows 2..2 are missing");
  }
  SECTION("the timestamp moved") {
    raw.exec("UPDATE audit_log SET at = at + 3600 WHERE id = 1");
    auto r = db->VerifyAuditChain();
    REQUIRE_FALSE(r);
    CHECK(r.error().message.rfind("audit_log row 1:", 0) == 0);
  }
}

TEST_CASE("actions, stops and reviews through the API leave a verifiable chain") {
  schoolmod::testing::TempDir dir;
  auto db = OpenDb(dir);
  auto report = Must(db->IngestPoll(MakeBatch({MakeItem("c1", "Question", T(0))}, "c", T(1))));
  const std::int64_t id = report.comments[0].comment_id;
  PlannedAction reply;
  reply.kind = connectors::ActionKind::kReply;
  reply.message = "Thanks, we'll be in touch.";
  reply.requested_by = "s.travis";
  reply.idempotency_key = "reply:c1:1";
  Must(db->EnqueueAction(id, reply, T(2)));
  Must(db->StopSla(id, "s.travis", "replied", T(2)));
  Must(db->MarkReviewed(id, "s.travis", "answered", T(2)));
  CHECK(RowCount(dir, "audit_log") == 3);
  Must(db->VerifyAuditChain());
}

}  // namespace schoolmod::storage::testing
