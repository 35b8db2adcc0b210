#include "classifier/data_file.h"

#include <algorithm>

namespace schoolmod::moderation::classifier {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Error DataLine::Invalid(const std::string& reason) const {
  return Error::InvalidInput(std::string(file) + ":" + std::to_string(number) + ": " + reason);
}

std::vector<DataLine> DataLines(std::string_view file, std::string_view contents) {
  std::vector<DataLine> lines;
  lines.reserve(static_cast<std::size_t>(std::count(contents.begin(), contents.end(), '\n')) + 1);
  int number = 0;
  while (!contents.empty()) {
    ++number;
    std::size_t end = contents.find('\n');
    std::string_view line = contents.substr(0, end);
    contents.remove_prefix(end == std::string_view::npos ? contents.size() : end + 1);
    std::string_view trimmed = Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    DataLine record{file, number, {}};
    while (true) {
      std::size_t tab = trimmed.find('\t');
      record.fields.push_back(Trim(trimmed.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      trimmed.remove_prefix(tab + 1);
    }
    lines.push_back(std::move(record));
  }
  return lines;
}

}  // namespace schoolmod::moderation::classifier
