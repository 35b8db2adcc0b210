#pragma once

#include <span>
#include <string_view>

namespace schoolmod::storage::internal {

// One storage/migrations/NNNN_name.sql file, embedded at build time (embed_migrations.cmake).
struct Migration {
  int version;            // NNNN: the PRAGMA user_version the database has once it is applied
  std::string_view name;  // the file name's label, for the log
  std::string_view sql;   // one or more statements, run in one transaction
};

// Every migration, version 1 first, numbered without gaps.
std::span<const Migration> Migrations();

}  // namespace schoolmod::storage::internal
