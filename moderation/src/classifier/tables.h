#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "classifier/char_fold.h"
#include "classifier/lexicon.h"
#include "classifier/text_model.h"
#include "schoolmod/result.h"

namespace schoolmod::config {
struct ModerationSettings;
}

// Everything the classifier builds before its first comment: the character folding table, the
// lexicon's matchers and the two learnt models. Building them from the word lists takes tens of
// milliseconds, so the built-in ones are built once, when the service is built
// (make_classifier_snapshot), and MakeClassifier() loads those bytes unless the school's config
// changes the word lists.
namespace schoolmod::moderation::classifier {

struct Tables {
  CharFolder folder;
  Lexicon lexicon;
  TextModel safeguarding_model;
  TextModel hate_model;

  template <typename Self, typename Archive>
  static void Transfer(Self& self, Archive& a) {
    a(self.folder);
    a(self.lexicon);
    a(self.safeguarding_model);
    a(self.hate_model);
  }
};

// Builds the tables from the embedded data files and the school's settings. Errors name the
// file and line, or the config key.
Result<Tables> BuildTables(const config::ModerationSettings& settings);

// The tables as bytes, and back. LoadTables() gives nothing for bytes it cannot read whole.
std::string SaveTables(const Tables& tables);
std::optional<Tables> LoadTables(std::string_view bytes);

// The built-in tables' bytes, written at build time (snapshot_data.cc); empty in the tool that
// writes them (snapshot_none.cc).
std::string_view EmbeddedSnapshot();

// Whether the settings leave the word lists as built in, so the embedded tables serve.
bool UsesBuiltInWordLists(const config::ModerationSettings& settings);

}  // namespace schoolmod::moderation::classifier
