#include "classifier/tables.h"

#include <utility>

#include "classifier/embedded_data.h"
#include "classifier/snapshot.h"
#include "schoolmod/config/config.h"

namespace schoolmod::moderation::classifier {
namespace {

// Every file of moderation/data/ whose name starts with "lexicon_" is a lexicon.
LexiconSources BuiltInSources() {
  LexiconSources sources;
  for (const EmbeddedFile& file : EmbeddedDataFiles()) {
    if (file.name.rfind("lexicon_", 0) == 0) sources.lexicons.emplace_back(file.name, file.contents);
  }
  sources.allow = EmbeddedDataFile("allow.txt");
  sources.classes = EmbeddedDataFile("classes.tsv");
  sources.signals = EmbeddedDataFile("signals.tsv");
  sources.first_names = EmbeddedDataFile("first_names.txt");
  return sources;
}

}  // namespace

Result<Tables> BuildTables(const config::ModerationSettings& settings) {
  auto folder = CharFolder::Build(EmbeddedDataFile("homoglyphs.tsv"), EmbeddedDataFile("emoji.tsv"));
  if (!folder) return folder.error();
  auto lexicon = Lexicon::Build(*folder, BuiltInSources(), settings);
  if (!lexicon) return lexicon.error();
  // The learnt models (text_model.h), trained from the labelled sets by train_text_model.
  auto safeguarding =
      TextModel::Parse("safeguarding_model.tsv", EmbeddedDataFile("safeguarding_model.tsv"));
  if (!safeguarding) return safeguarding.error();
  auto hate = TextModel::Parse("hate_model.tsv", EmbeddedDataFile("hate_model.tsv"));
  if (!hate) return hate.error();
  return Tables{std::move(*folder), std::move(*lexicon), std::move(*safeguarding),
                std::move(*hate)};
}

std::string SaveTables(const Tables& tables) {
  SnapshotWriter writer;
  writer(tables);
  return writer.bytes();
}

std::optional<Tables> LoadTables(std::string_view bytes) {
  SnapshotReader reader(bytes);
  Tables tables;
  reader(tables);
  if (!reader.done()) return std::nullopt;
  return tables;
}

bool UsesBuiltInWordLists(const config::ModerationSettings& settings) {
  return settings.extra_terms.empty() && settings.allow_terms.empty() &&
         settings.disabled_terms.empty();
}

}  // namespace schoolmod::moderation::classifier
