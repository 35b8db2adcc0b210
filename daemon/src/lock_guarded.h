#pragma once

#include <mutex>
#include <utility>

namespace schoolmod::daemon {

// Holds a T that several threads share and hands it out only under its lock (PowerDNS
// LockGuarded): `db.Lock()->IngestPoll(...)`. The holder lives for one statement or one block.
template <typename T>
class LockGuarded {
 public:
  class Holder {
   public:
    Holder(T& value, std::mutex& mu) : lock_(mu), value_(value) {}
    T* operator->() { return &value_; }
    T& operator*() { return value_; }

   private:
    std::unique_lock<std::mutex> lock_;
    T& value_;
  };

  explicit LockGuarded(T value) : value_(std::move(value)) {}
  Holder Lock() { return Holder(value_, mu_); }

 private:
  std::mutex mu_;
  T value_;  // guarded by mu_
};

}  // namespace schoolmod::daemon
