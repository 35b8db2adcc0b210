#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schoolmod/result.h"

// The line format shared by the files in moderation/data/: UTF-8 text, one record per line,
// fields separated by tabs, blank lines and lines starting with '#' ignored.
namespace schoolmod::moderation::classifier {

struct DataLine {
  std::string_view file;
  int number = 0;                        // 1-based line number, for messages
  std::vector<std::string_view> fields;  // trimmed of spaces; empty fields kept

  // kInvalidInput naming "file:line: reason".
  Error Invalid(const std::string& reason) const;
};

std::vector<DataLine> DataLines(std::string_view file, std::string_view contents);

}  // namespace schoolmod::moderation::classifier
