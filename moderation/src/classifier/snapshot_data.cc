#include "classifier/tables.h"

// The built-in tables, as make_classifier_snapshot wrote them when the service was built: the
// assembler copies the file in whole (SCHOOLMOD_CLASSIFIER_SNAPSHOT is its path, set by
// moderation/CMakeLists.txt), which is much faster to compile than an array of megabytes.
asm(".pushsection .rodata.schoolmod_classifier_snapshot, \"a\"\n"
    ".balign 16\n"
    "schoolmod_classifier_snapshot_begin:\n"
    ".incbin \"" SCHOOLMOD_CLASSIFIER_SNAPSHOT "\"\n"
    "schoolmod_classifier_snapshot_end:\n"
    ".popsection\n");

extern "C" const char schoolmod_classifier_snapshot_begin[];
extern "C" const char schoolmod_classifier_snapshot_end[];

namespace schoolmod::moderation::classifier {

std::string_view EmbeddedSnapshot() {
  return std::string_view(schoolmod_classifier_snapshot_begin,
                          schoolmod_classifier_snapshot_end - schoolmod_classifier_snapshot_begin);
}

}  // namespace schoolmod::moderation::classifier
