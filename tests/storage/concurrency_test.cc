#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "storage_test_util.h"

// Several connections on one file, as schoolmodd and schoolmodctl run side by side. Each thread
// has its own Database (a Database is not thread-safe); SQLite's locking does the rest.
namespace schoolmod::storage::testing {

TEST_CASE("connections opening a fresh file at once migrate it exactly once") {
  schoolmod::testing::TempDir dir;
  constexpr int kConnections = 4;
  std::vector<std::string> failures(kConnections, "not run");
  std::vector<std::thread> threads;
  for (int i = 0; i < kConnections; ++i) {
    threads.emplace_back([&, i] {
      auto db = Database::Open(DbPath(dir));
      failures[i] = db ? "" : db.error().message;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) CHECK(f == "");
  auto db = OpenDb(dir);
  Must(db->IngestPoll(MakeBatch({MakeItem("c1", "hello", T(0))}, "c", T(1))));
  CHECK(RowCount(dir, "comments") == 1);
}

TEST_CASE("audit rows appended from several connections form one chain") {
  schoolmod::testing::TempDir dir;
  { OpenDb(dir); }
  constexpr int kConnections = 3;
  constexpr int kRowsEach = 20;
  std::vector<std::string> failures(kConnections);
  std::vector<std::thread> threads;
  for (int i = 0; i < kConnections; ++i) {
    threads.emplace_back([&, i] {
      auto db = Database::Open(DbPath(dir));
      if (!db) {
        failures[i] = db.error().message;
        return;
      }
      for (int n = 0; n < kRowsEach; ++n) {
        auto r = (*db)->AppendAudit(
            {T(n), "user-" + std::to_string(i), "test.append", "", "", std::to_string(n)});
        if (!r) {
          failures[i] = r.error().message;
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) CHECK(f == "");
  auto db = OpenDb(dir);
  Must(db->VerifyAuditChain());
  CHECK(RowCount(dir, "audit_log") == kConnections * kRowsEach);
}

}  // namespace schoolmod::storage::testing
