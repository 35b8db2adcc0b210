#pragma once

#include <array>
#include <cassert>
#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/result.h"

// The line format shared by the files in moderation/data/: UTF-8 text, one record per line,
// fields separated by tabs, blank lines and lines starting with '#' ignored.
namespace schoolmod::moderation::classifier {

// A line's fields, held in place: the files are tens of thousands of lines, and a vector per
// line made allocating them most of the cost of reading the models. size() counts every field;
// only the first kMaxFields are kept, which is more than any file's format allows, so a caller
// checks size() against its format before reading past the first field.
class DataFields {
 public:
  static constexpr std::size_t kMaxFields = 6;
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  std::string_view operator[](std::size_t i) const {
    assert(i < count_ && i < kMaxFields);
    return items_[i];
  }
  void push_back(std::string_view field) {
    if (count_ < kMaxFields) items_[count_] = field;
    ++count_;
  }

 private:
  std::array<std::string_view, kMaxFields> items_{};
  std::size_t count_ = 0;
};

struct DataLine {
  std::string_view file;
  int number = 0;     // 1-based line number, for messages
  DataFields fields;  // trimmed of spaces; empty fields kept

  // kInvalidInput naming "file:line: reason".
  Error Invalid(const std::string& reason) const;
};

std::vector<DataLine> DataLines(std::string_view file, std::string_view contents);

}  // namespace schoolmod::moderation::classifier
