#include <algorithm>
#include <array>
#include <string>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sodium.h>

#include "rows.h"
#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage {

std::string CommentSubject(std::int64_t comment_id) {
  return fmt::format("comment:{}", comment_id);
}

namespace internal {
namespace {

// prev_hash of the first row.
const std::string kGenesisHash(64, '0');

// Lowercase hex SHA-256 of prev_hash and the row's fields. Each field is length-prefixed
// ("5:alice,") so moving bytes from one field to the next changes the hash.
std::string HashRow(std::string_view prev_hash, std::int64_t id, const AuditEntry& e) {
  std::string input;
  auto field = [&input](std::string_view value) {
    input += std::to_string(value.size());
    input += ':';
    input.append(value);
    input += ',';
  };
  field(prev_hash);
  field(std::to_string(id));
  field(std::to_string(ToUnixSeconds(e.at)));
  field(e.actor);
  field(e.action);
  field(e.subject);
  field(e.reason);
  field(e.details);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(input.data()),
                     input.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace

std::int64_t SqliteDatabase::AppendAuditInTxn(const AuditEntry& entry) {
  // The caller holds the write lock (BEGIN IMMEDIATE), so no other process can append between
  // reading the head and inserting: the chain never forks.
  std::int64_t id = 1;
  std::string prev_hash = kGenesisHash;
  SQLite::Statement head(db_, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (head.executeStep()) {
    id = head.getColumn(0).getInt64() + 1;
    prev_hash = head.getColumn(1).getString();
  }
  SQLite::Statement insert(db_,
                           "INSERT INTO audit_log (id, at, actor, action, subject, reason, "
                           "details, prev_hash, hash) VALUES (:id, :at, :actor, :action, "
                           ":subject, :reason, :details, :prev_hash, :hash)");
  BindInt(insert, ":id", id);
  BindTime(insert, ":at", entry.at);
  BindText(insert, ":actor", entry.actor);
  BindText(insert, ":action", entry.action);
  BindText(insert, ":subject", entry.subject);
  BindText(insert, ":reason", entry.reason);
  BindText(insert, ":details", entry.details);
  BindText(insert, ":prev_hash", prev_hash);
  BindText(insert, ":hash", HashRow(prev_hash, id, entry));
  insert.exec();
  return id;
}

Result<std::int64_t> SqliteDatabase::AppendAudit(const AuditEntry& entry) {
  const std::string what =
      fmt::format("storage: append audit action={} subject={}", entry.action, entry.subject);
  if (entry.actor.empty() || entry.action.empty()) {
    return Error::InvalidInput(what + ": actor and action are required");
  }
  return Guard(what, [&]() -> Result<std::int64_t> {
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    const std::int64_t id = AppendAuditInTxn(entry);
    txn.commit();
    return id;
  });
}

Result<void> SqliteDatabase::VerifyAuditChain() {
  return Guard("storage: verify audit chain", [&]() -> Result<void> {
    SQLite::Statement rows(
        db_, fmt::format("SELECT {} FROM audit_log AS l ORDER BY l.id", kAuditColumns));
    std::string expected_prev = kGenesisHash;
    std::int64_t prev_id = 0;
    while (rows.executeStep()) {
      const AuditRecord r = ReadAudit(rows);
      if (r.id != prev_id + 1) {
        return Error::Permanent(
            fmt::format("audit_log row {}: follows row {}; rows {}..{} are missing", r.id, prev_id,
                        prev_id + 1, r.id - 1));
      }
      if (r.prev_hash != expected_prev) {
        return Error::Permanent(
            prev_id == 0
                ? fmt::format("audit_log row {}: prev_hash is not the start of a chain", r.id)
                : fmt::format("audit_log row {}: prev_hash does not match row {}'s hash (row {} "
                              "was altered or replaced)",
                              r.id, prev_id, prev_id));
      }
      if (HashRow(r.prev_hash, r.id, r.entry) != r.hash) {
        return Error::Permanent(fmt::format(
            "audit_log row {}: hash does not match the row's contents (the row was altered)",
            r.id));
      }
      expected_prev = r.hash;
      prev_id = r.id;
    }
    return Ok();
  });
}

Result<std::vector<AuditRecord>> SqliteDatabase::ListAudit(const AuditFilter& filter) {
  return Guard("storage: list audit", [&]() -> Result<std::vector<AuditRecord>> {
    SQLite::Statement q(db_, fmt::format("SELECT {} FROM audit_log AS l "
                                         "WHERE (:subject IS NULL OR l.subject = :subject) "
                                         "AND (:before_id IS NULL OR l.id < :before_id) "
                                         "ORDER BY l.id DESC LIMIT :limit",
                                         kAuditColumns));
    BindOptText(q, ":subject", filter.subject);
    if (filter.before_id) {
      BindInt(q, ":before_id", *filter.before_id);
    } else {
      BindNull(q, ":before_id");
    }
    BindInt(q, ":limit", std::clamp(filter.limit, 1, 1000));
    std::vector<AuditRecord> out;
    while (q.executeStep()) out.push_back(ReadAudit(q));
    return out;
  });
}

}  // namespace internal
}  // namespace schoolmod::storage
