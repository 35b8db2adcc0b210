#include "classifier/tables.h"

// make_classifier_snapshot's own EmbeddedSnapshot(): it builds the tables that the service's
// snapshot_data.cc embeds, so it has none to load.
namespace schoolmod::moderation::classifier {

std::string_view EmbeddedSnapshot() { return {}; }

}  // namespace schoolmod::moderation::classifier
