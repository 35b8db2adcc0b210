#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

// The classifier's built tables as bytes, so that the built-in word lists are compiled once, when
// the service is built, rather than every time it starts (snapshot_data.cc embeds them).
//
// A class takes part by a static member template listing its fields once for both directions:
//   template <typename Self, typename Archive>
//   static void Transfer(Self& self, Archive& a) { a(self.words_); a(self.mask_); }
// Self is `const T` when saving and `T` when loading. Trivially copyable values and vectors of
// them are copied as bytes; strings, vectors, pairs, optionals and arrays go element by element.
// The bytes are only ever read by the build that wrote them, so they carry no version.
namespace schoolmod::moderation::classifier {

namespace snapshot_detail {
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsPair : std::false_type {};
template <typename A, typename B>
struct IsPair<std::pair<A, B>> : std::true_type {};
template <typename T>
struct IsArray : std::false_type {};
template <typename T, std::size_t N>
struct IsArray<std::array<T, N>> : std::true_type {};

// Copied as bytes: no pointers inside, and the same bytes mean the same value.
template <typename T>
inline constexpr bool kBytes = std::is_trivially_copyable_v<T> && !IsPair<T>::value &&
                               !IsArray<T>::value && !std::is_pointer_v<T>;
}  // namespace snapshot_detail

class SnapshotWriter {
 public:
  template <typename T>
  void operator()(const T& v) {
    using namespace snapshot_detail;
    if constexpr (std::is_same_v<T, std::string>) {
      Size(v.size());
      bytes_.append(v);
    } else if constexpr (IsVector<T>::value) {
      Size(v.size());
      using Element = typename T::value_type;
      if constexpr (kBytes<Element> && !std::is_same_v<Element, bool>) {
        bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(Element));
      } else {
        for (const Element& e : v) (*this)(e);
      }
    } else if constexpr (IsArray<T>::value) {
      for (const auto& e : v) (*this)(e);
    } else if constexpr (IsPair<T>::value) {
      (*this)(v.first);
      (*this)(v.second);
    } else if constexpr (IsOptional<T>::value) {
      (*this)(v.has_value());
      if (v) (*this)(*v);
    } else if constexpr (kBytes<T>) {
      bytes_.append(reinterpret_cast<const char*>(&v), sizeof(T));
    } else {
      T::Transfer(v, *this);
    }
  }

  const std::string& bytes() const { return bytes_; }

 private:
  void Size(std::size_t n) { (*this)(static_cast<std::uint64_t>(n)); }
  std::string bytes_;
};

// Reads what a SnapshotWriter wrote, in the same order. Running short or finding a size larger
// than the bytes left sets failed() and leaves the rest default, so damaged bytes cannot crash.
class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view bytes) : rest_(bytes) {}

  template <typename T>
  void operator()(T& v) {
    using namespace snapshot_detail;
    if (failed_) return;
    if constexpr (std::is_same_v<T, std::string>) {
      const std::size_t n = Size(1);
      v.assign(rest_.substr(0, n));
      rest_.remove_prefix(n);
    } else if constexpr (IsVector<T>::value) {
      using Element = typename T::value_type;
      if constexpr (kBytes<Element> && !std::is_same_v<Element, bool>) {
        const std::size_t n = Size(sizeof(Element));
        v.resize(n);
        if (n > 0) std::memcpy(v.data(), rest_.data(), n * sizeof(Element));
        rest_.remove_prefix(n * sizeof(Element));
      } else {
        // Each element takes at least a byte, which bounds a damaged size.
        const std::size_t n = Size(1);
        v.clear();
        v.resize(n);
        for (Element& e : v) (*this)(e);
      }
    } else if constexpr (IsArray<T>::value) {
      for (auto& e : v) (*this)(e);
    } else if constexpr (IsPair<T>::value) {
      (*this)(v.first);
      (*this)(v.second);
    } else if constexpr (IsOptional<T>::value) {
      bool present = false;
      (*this)(present);
      v.reset();
      if (present) (*this)(v.emplace());
    } else if constexpr (kBytes<T>) {
      if (rest_.size() < sizeof(T)) {
        failed_ = true;
        return;
      }
      std::memcpy(&v, rest_.data(), sizeof(T));
      rest_.remove_prefix(sizeof(T));
    } else {
      T::Transfer(v, *this);
    }
  }

  bool failed() const { return failed_; }
  // Whether every byte was read and nothing went wrong.
  bool done() const { return !failed_ && rest_.empty(); }

 private:
  // A count of elements of at least `element_size` bytes each; 0 and failed() if the bytes left
  // cannot hold that many.
  std::size_t Size(std::size_t element_size) {
    std::uint64_t n = 0;
    (*this)(n);
    if (failed_ || n > rest_.size() / element_size) {
      failed_ = true;
      return 0;
    }
    return static_cast<std::size_t>(n);
  }

  std::string_view rest_;
  bool failed_ = false;
};

}  // namespace schoolmod::moderation::classifier
