// Builds the classifier's tables from the embedded word lists and writes them as bytes, which
// the library then embeds (classifier/snapshot_data.cc), so that the service loads them at start
// instead of building them. Run by the build:
//   make_classifier_snapshot OUTPUT
#include <fstream>
#include <iostream>
#include <string>

#include "classifier/tables.h"
#include "schoolmod/config/config.h"

int main(int argc, char** argv) {
  namespace classifier = schoolmod::moderation::classifier;
  if (argc != 2) {
    std::cerr << "usage: make_classifier_snapshot OUTPUT\n";
    return 2;
  }
  auto tables = classifier::BuildTables(schoolmod::config::ModerationSettings{});
  if (!tables) {
    std::cerr << "make_classifier_snapshot: " << tables.error().message << "\n";
    return 1;
  }
  const std::string bytes = classifier::SaveTables(*tables);
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) {
    std::cerr << "make_classifier_snapshot: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
