#include "schoolmod/storage/database.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <system_error>
#include <thread>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Transaction.h>
#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "migrations.h"
#include "sql.h"
#include "sqlite_database.h"

namespace schoolmod::storage {

using internal::Guard;
using internal::SqliteDatabase;

int Database::LatestSchemaVersion() {
  const auto migrations = internal::Migrations();
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, const Options& options) {
  if (path.empty()) return Error::InvalidInput("storage: the database path is empty");
  // The audit chain hashes with libsodium; sodium_init is idempotent and thread-safe.
  if (sodium_init() < 0) return Error::Permanent("storage: libsodium failed to initialise");
  return Guard(fmt::format("storage: open {}", path), [&]() -> Result<std::unique_ptr<Database>> {
    auto db = std::make_unique<SqliteDatabase>(path, options);
    if (auto ready = db->Initialise(); !ready) return ready.error();
    return std::unique_ptr<Database>(std::move(db));
  });
}

namespace internal {

SqliteDatabase::SqliteDatabase(const std::string& path, const Options& options)
    : path_(path),
      options_(options),
      db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
          static_cast<int>(options.busy_timeout.count())) {}

std::string SqliteDatabase::SetWalMode() {
  // Switching a new file to WAL needs an exclusive lock. When two processes create the file
  // together, SQLite answers BUSY at once instead of waiting (waiting could deadlock), so the busy
  // timeout does not apply: retry within it. A file already in WAL mode never gets here twice.
  const auto deadline = std::chrono::steady_clock::now() + options_.busy_timeout;
  for (;;) {
    try {
      return db_.execAndGet("PRAGMA journal_mode = WAL").getString();
    } catch (const SQLite::Exception& e) {
      const int primary = e.getErrorCode() & 0xff;
      if (primary != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

int SqliteDatabase::UserVersion() { return db_.execAndGet("PRAGMA user_version").getInt(); }

Result<void> SqliteDatabase::Initialise() {
  // WAL lets schoolmodctl read while the daemon writes; it persists in the file, the other pragmas
  // are per connection.
  const std::string mode = SetWalMode();
  if (mode != "wal" && options_.logger) {
    options_.logger->warn("database not in WAL mode path={} journal_mode={}", path_, mode);
  }
  // NORMAL is durable against process crashes in WAL mode; FULL would fsync every commit, which
  // the outboxes' at-most-a-few-repeats after a power cut do not justify.
  db_.exec("PRAGMA synchronous = NORMAL");
  db_.exec("PRAGMA foreign_keys = ON");
  if (auto migrated = Migrate(); !migrated) return migrated;
  if (options_.recover_in_flight) RecoverInFlight();
  return Ok();
}

Result<void> SqliteDatabase::Migrate() {
  const auto migrations = Migrations();
  const int latest = LatestSchemaVersion();
  auto too_new = [&](int version) {
    return Error::Permanent(fmt::format(
        "database {} is schema version {}; this schoolmod understands up to {}: upgrade schoolmod",
        path_, version, latest));
  };
  int version = UserVersion();
  if (version > latest) return too_new(version);
  while (version < latest) {
    // Re-read the version under the write lock: another process may have migrated meanwhile.
    SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
    version = UserVersion();
    if (version > latest) return too_new(version);
    if (version == latest) break;
    const Migration& m = migrations[static_cast<std::size_t>(version)];
    try {
      db_.exec(std::string(m.sql));
      db_.exec(fmt::format("PRAGMA user_version = {}", m.version));
      txn.commit();
    } catch (const SQLite::Exception& e) {
      return SqlError(fmt::format("storage: {}: migration {:04}_{}", path_, m.version, m.name), e);
    }
    if (options_.logger) {
      options_.logger->info("applied migration path={} version={} name={}", path_, m.version,
                            m.name);
    }
    version = m.version;
  }
  return Ok();
}

void SqliteDatabase::RecoverInFlight() {
  // A row still in flight was being executed when the previous daemon died. Whether the platform
  // call or SMTP send happened is unknown, so it is retried: actions carry their idempotency key,
  // emails their stored message id, which make the repeat recognisable.
  SQLite::Transaction txn(db_, SQLite::TransactionBehavior::IMMEDIATE);
  const int actions =
      db_.exec("UPDATE action_outbox SET state = 'pending' WHERE state = 'in_flight'");
  const int notifications =
      db_.exec("UPDATE notification_outbox SET state = 'pending' WHERE state = 'in_flight'");
  txn.commit();
  if ((actions > 0 || notifications > 0) && options_.logger) {
    options_.logger->warn("returned in-flight outbox rows to pending actions={} notifications={}",
                          actions, notifications);
  }
}

Result<void> SqliteDatabase::Backup(const std::string& dest_path) {
  const std::string what = fmt::format("storage: backup {} to {}", path_, dest_path);
  if (dest_path.empty()) return Error::InvalidInput(what + ": the destination path is empty");
  std::error_code ec;
  if (std::filesystem::exists(dest_path, ec)) {
    // Never overwrite: the destination might be the live database or an older good backup.
    return Error::InvalidInput(what + ": the destination already exists");
  }
  const std::string partial = fmt::format("{}.partial-{}", dest_path, ::getpid());
  auto remove_partial = [&] {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    std::filesystem::remove(partial + "-journal", ignored);
    std::filesystem::remove(partial + "-wal", ignored);
    std::filesystem::remove(partial + "-shm", ignored);
  };
  auto copied = Guard(what, [&]() -> Result<void> {
    SQLite::Database out(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    {
      SQLite::Backup backup(out, db_);
      // -1: every page in one step, under one read transaction, so the copy is consistent.
      const int rc = backup.executeStep(-1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        return Error::Transient(what + ": the database was busy");
      }
      if (rc != SQLITE_DONE) return Error::Permanent(fmt::format("{}: backup step {}", what, rc));
    }
    // The copy inherits WAL mode from the page header; make it a single self-contained file.
    out.exec("PRAGMA journal_mode = DELETE");
    return Ok();
  });
  if (!copied) {
    remove_partial();
    return copied;
  }
  // A hard link, unlike rename, fails if dest_path appeared meanwhile: still never overwriting.
  std::filesystem::create_hard_link(partial, dest_path, ec);
  remove_partial();
  if (ec == std::errc::file_exists) {
    return Error::InvalidInput(what + ": the destination already exists");
  }
  if (ec) return Error::Permanent(fmt::format("{}: link into place: {}", what, ec.message()));
  return Ok();
}

}  // namespace internal
}  // namespace schoolmod::storage
